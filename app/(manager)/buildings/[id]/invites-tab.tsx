"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { useErrorMessage, useFirstFieldError } from "../../../_lib/errors";
import { useTRPC } from "../../../_lib/trpc";
import type { TBuildingDetail } from "./building-view";

export function InvitesTab({ building }: { building: TBuildingDetail }) {
  const t = useTranslations("building");
  const tc = useTranslations("common");
  const firstFieldError = useFirstFieldError();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const invites = useQuery(trpc.buildings.manage.listInvites.queryOptions({ buildingId: building.id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.buildings.manage.listInvites.queryKey({ buildingId: building.id }) });
  const [unitId, setUnitId] = useState("");
  const [isMulti, setMulti] = useState(false);
  const [maxUses, setMaxUses] = useState("4");
  const [days, setDays] = useState("14");
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const create = useMutation(trpc.buildings.manage.createInvite.mutationOptions());
  const revoke = useMutation(
    trpc.buildings.manage.revokeInvite.mutationOptions({
      onSuccess: () => toast.show(t("revoked")),
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
      onSettled: refresh,
    }),
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!unitId) return setError(t("forUnit"));
    try {
      const invite = await create.mutateAsync({ unitId, maxUses: isMulti ? Number(maxUses) : 1, expiresInDays: Number(days) });
      toast.show(t("inviteCreated", { code: invite.code }));
      await refresh();
    } catch (err) {
      setError(firstFieldError(err) ?? toMessage(err));
    }
  };

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(code);
      setTimeout(() => setCopied(null), 2000);
    } catch {
      /* clipboard refused (insecure context): the code stays visible to copy by hand */
    }
  };

  return (
    <>
      <Card title={t("createInviteTitle")}>
        <form onSubmit={submit} noValidate>
          <SelectField label={t("forUnit")} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">—</option>
            {building.units.map((u) => (
              <option key={u.id} value={u.id}>
                {unitLabel(u)}
              </option>
            ))}
          </SelectField>
          <fieldset className="radios">
            <legend>{t("uses")}</legend>
            <label>
              <input type="radio" name="uses" checked={!isMulti} onChange={() => setMulti(false)} /> {t("singleUse")}
            </label>
            <label>
              <input type="radio" name="uses" checked={isMulti} onChange={() => setMulti(true)} /> {t("multiUse")}
            </label>
          </fieldset>
          <div className="grid-2 tight">
            {isMulti && <Field label={t("maxUses")} type="number" min={1} max={100} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />}
            <Field label={t("expiresInDays")} type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} />
          </div>
          <FormError message={error} />
          <Button type="submit" isBusy={create.isPending}>
            {t("createInvite")}
          </Button>
        </form>
      </Card>
      <Card>
        {invites.isPending ? (
          <Loading />
        ) : invites.isError ? (
          <LoadError onRetry={() => void invites.refetch()} />
        ) : invites.data.length === 0 ? (
          <Empty title={t("invitesEmpty")} />
        ) : (
          <ul className="list" data-testid="invites">
            {invites.data.map((i) => {
              const status = i.revokedAt ? "revoked" : i.isUsable ? "usable" : i.expiresAt < new Date() ? "expired" : "usedUp";
              return (
                <li key={i.id} className="list-row" data-status={status}>
                  <div className="grow">
                    <p>
                      <code className="code">{i.code}</code> <span className={`badge badge-${status}`}>{t(`inviteStatus.${status}`)}</span>
                    </p>
                    <p>{unitLabel(i.unit)}</p>
                    <p className="hint">
                      {t("usesCount", { uses: i.uses, max: i.maxUses === null ? "none" : String(i.maxUses) })} ·{" "}
                      {t("expires", { date: format.dateTime(i.expiresAt, { dateStyle: "medium" }) })}
                    </p>
                  </div>
                  {i.isUsable && (
                    <div className="row-end">
                      <Button variant="secondary" onClick={() => void copy(i.code)}>
                        {copied === i.code ? tc("copied") : tc("copy")}
                      </Button>
                      <Button variant="ghost" onClick={() => revoke.mutate({ id: i.id })} isBusy={revoke.isPending && revoke.variables?.id === i.id}>
                        {t("revoke")}
                      </Button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}
