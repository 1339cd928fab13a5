"use client";
// A building's common-area repairs for its manager (issue 13): open a request (residents
// concerned are told), then move it on with a note for residents, or withdraw it; the number
// of residents who said "me too" is live (commonRepair:changed reaches managers:<building>).
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { COMMON_AREAS, ZCommonRepairCreate, type TCommonRepair, type TCommonRepairCreate } from "~/server/repairs/common-schema";
import { useToast } from "../../../_components/toast";
import { Button, Card, ConfirmButton, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import { commonBadge } from "../../../_components/repairs/common-status";
import type { TBuildingDetail } from "./building-view";

type TForm = z.input<typeof ZCommonRepairCreate>;
const isUnfinished = (status: string) => status === "open" || status === "in_progress";

export function CommonRepairsTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("commonRepairs.manage");
  const trpc = useTRPC();
  const list = useQuery(trpc.repairs.common.manage.list.queryOptions({ buildingId: building.id }));
  return (
    <div className="grid-2 common-repairs-tab">
      <OpenRepair building={building} />
      <Card title={t("listTitle")}>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <Empty title={t("none")}>{t("noneHint")}</Empty>
        ) : (
          <ul className="list" data-testid="manager-common-repairs">
            {list.data.map((r) => (
              <Row key={r.id} repair={r} buildingId={building.id} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function OpenRepair({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("commonRepairs.manage");
  const ta = useTranslations("commonRepairs.area");
  const tr = useTranslations("commonRepairs");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const validationText = useValidationText();
  const descriptionId = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const create = useMutation(trpc.repairs.common.manage.create.mutationOptions());
  const staircases = [...new Set(building.units.map((u) => u.staircase).filter((s) => s !== ""))].sort();
  const empty: TForm = { buildingId: building.id, title: "", area: "lift", staircase: "", description: "" };
  const { register, handleSubmit, formState, setError, reset } = useForm<TForm, unknown, TCommonRepairCreate>({ resolver: zodResolver(ZCommonRepairCreate), defaultValues: empty });
  const err = (k: keyof TForm) => validationText(formState.errors[k]?.message);
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await create.mutateAsync({ ...values, staircase: values.staircase ?? undefined });
      toast.show(t("opened"));
      reset(empty);
      await queryClient.invalidateQueries({ queryKey: trpc.repairs.common.pathKey() });
    } catch (e) {
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
    }
  });
  return (
    <Card title={t("openTitle")}>
      <p className="hint">{t("openHint")}</p>
      <form onSubmit={onSubmit} noValidate data-testid="open-common-repair">
        <Field label={t("what")} placeholder={t("titlePlaceholder")} maxLength={120} error={err("title")} {...register("title")} />
        <div className="grid-2 tight common-where">
          <SelectField label={t("areaLabel")} error={err("area")} {...register("area")}>
            {COMMON_AREAS.map((a) => (
              <option key={a} value={a}>
                {ta(a)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("where")} error={err("staircase")} {...register("staircase")}>
            <option value="">{tr("wholeBuilding")}</option>
            {staircases.map((s) => (
              <option key={s} value={s}>
                {tr("staircase", { name: s })}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field">
          <label htmlFor={descriptionId}>
            {t("description")} <span className="muted">({tc("optional")})</span>
          </label>
          <textarea id={descriptionId} rows={3} maxLength={2000} placeholder={t("descriptionPlaceholder")} aria-invalid={!!err("description")} {...register("description")} />
          {err("description") && (
            <p className="field-error" role="alert">
              {err("description")}
            </p>
          )}
        </div>
        <FormError message={formError} />
        <Button type="submit" isBusy={formState.isSubmitting}>
          {t("openButton")}
        </Button>
      </form>
    </Card>
  );
}

function Row({ repair: r, buildingId }: { repair: TCommonRepair; buildingId: string }) {
  const t = useTranslations("commonRepairs.manage");
  const tr = useTranslations("commonRepairs");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const noteId = useId();
  const [note, setNote] = useState("");
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.repairs.common.manage.list.queryKey({ buildingId }) });
  const done = (message: string) => () => {
    setNote("");
    toast.show(message);
    void refresh();
  };
  const onError = (e: unknown) => toast.show(toMessage(e), { tone: "error" });
  const update = useMutation(trpc.repairs.common.manage.update.mutationOptions({ onSuccess: done(t("moved")), onError }));
  const withdraw = useMutation(trpc.repairs.common.manage.withdraw.mutationOptions({ onSuccess: done(t("withdrawn")), onError }));
  const isBusy = update.isPending || withdraw.isPending;
  return (
    <li className="list-row" data-testid="manager-common-repair" data-status={r.status} data-title={r.title}>
      <div className="grow">
        <div className="row-between">
          <span className="strong">{r.title}</span>
          <span className={`badge ${commonBadge(r.status)}`} data-testid="status">
            {tr(`status.${r.status}`)}
          </span>
        </div>
        <p className="small muted">
          {tr(`area.${r.area}`)} · {r.staircase ? tr("staircase", { name: r.staircase }) : tr("wholeBuilding")} · {tr("opened", { ago: format.relativeTime(r.createdAt, now) })}
        </p>
        <p className="small strong" data-testid="supporters" data-count={r.supporters}>
          {tr("supporters", { count: r.supporters })}
        </p>
        {r.description && <p className="small">{r.description}</p>}
        {r.note && <p className="quote small">{r.note}</p>}
        {isUnfinished(r.status) && (
          <div className="common-move">
            <div className="field">
              <label htmlFor={noteId} className="small">
                {t("note")}
              </label>
              <input id={noteId} value={note} maxLength={1000} placeholder={t("notePlaceholder")} onChange={(e) => setNote(e.target.value)} />
            </div>
            <div className="row">
              <Button variant="secondary" className="btn-small" isBusy={update.isPending && update.variables?.status === "in_progress"} disabled={isBusy || (r.status === "in_progress" && !note.trim())} onClick={() => update.mutate({ id: r.id, status: "in_progress", note })}>
                {r.status === "open" ? t("start") : t("postUpdate")}
              </Button>
              <Button className="btn-small" isBusy={update.isPending && update.variables?.status === "done"} disabled={isBusy} onClick={() => update.mutate({ id: r.id, status: "done", note })} data-testid="mark-done">
                {t("markDone")}
              </Button>
              <ConfirmButton label={t("withdraw")} question={t("withdrawQuestion")} isBusy={withdraw.isPending} onConfirm={() => withdraw.mutate({ id: r.id, note })} />
            </div>
          </div>
        )}
      </div>
    </li>
  );
}
