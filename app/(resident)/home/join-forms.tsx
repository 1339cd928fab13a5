"use client";
// Joining and leaving homes, shared by the home (first run: no active home yet) and the
// account page ("My homes", for everyone who already has one): the list of memberships with
// leave / withdraw / dismiss, the invite-code form and the request to join a unit.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { lazyResolver } from "../../_lib/lazy-resolver";
import type { TCodeForm } from "./code-form";
import { useToast } from "../../_components/toast";
import { Button, Card, ConfirmButton, Empty, Field, FormError, LoadError, Loading, SelectField } from "../../_components/ui";
import { useUnitLabel } from "../../_components/unit-label";
import { useApplyFieldErrors, useErrorMessage, useValidationText } from "../../_lib/errors";
import { useTRPC } from "../../_lib/trpc";
import type { RouterOutputs } from "../../_lib/types";

/** After joining, leaving or asking: the memberships and the home (first run or not) read again. */
function useRefreshHomes() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.buildings.listMemberships.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.home.pathKey() })]);
}

/** The person's memberships with what they can do about each; `title` names the card. */
export function MyHomesCard({ title }: { title: string }) {
  const t = useTranslations("home");
  const trpc = useTRPC();
  const mine = useQuery(trpc.buildings.listMemberships.queryOptions());
  const homes = mine.data ?? [];
  return (
    <Card title={title}>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <LoadError onRetry={() => void mine.refetch()} />
      ) : homes.length === 0 ? (
        <Empty title={t("noHomes")}>{t("noHomesLead")}</Empty>
      ) : (
        <ul className="list" data-testid="my-homes">
          {homes.map((m) => (
            <MembershipRow key={m.id} m={m} />
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The two ways in: an invite code, or a request the manager approves. */
export function JoinForms() {
  return (
    <div className="grid-2">
      <JoinWithCode />
      <RequestToJoin />
    </div>
  );
}

type TMembership = RouterOutputs["buildings"]["listMemberships"][number];

function MembershipRow({ m }: { m: TMembership }) {
  const t = useTranslations("home");
  const trpc = useTRPC();
  const refresh = useRefreshHomes();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const leave = useMutation(
    trpc.buildings.leave.mutationOptions({
      onSuccess: () => {
        if (m.status === "active") toast.show(t("left", { building: m.building.name }));
        return refresh();
      },
      onError: (e) => toast.show(toMessage(e), { tone: "error" }),
    }),
  );
  return (
    <li className="list-row" data-status={m.status}>
      <div className="grow">
        <p className="strong">{m.building.name}</p>
        <p className="muted">
          {m.building.address}, {m.building.postalCode} {m.building.city}
        </p>
        <p>{unitLabel(m.unit)}</p>
        {m.status === "pending" && <p className="hint">{t("pendingHint")}</p>}
        {m.status === "rejected" && <p className="hint">{t("rejectedHint")}</p>}
      </div>
      <div className="row-end">
        <span className={`badge badge-${m.status}`}>{t(`status.${m.status}`)}</span>
        {m.status === "active" ? (
          <ConfirmButton label={t("leave")} question={t("leaveConfirm", { building: m.building.name })} onConfirm={() => leave.mutate({ id: m.id })} isBusy={leave.isPending} />
        ) : (
          <Button variant="ghost" onClick={() => leave.mutate({ id: m.id })} isBusy={leave.isPending}>
            {m.status === "pending" ? t("withdraw") : t("dismiss")}
          </Button>
        )}
      </div>
    </li>
  );
}

const codeResolver = lazyResolver(() => import("./code-form").then((m) => m.codeResolver));

function JoinWithCode() {
  const t = useTranslations("home");
  const validationText = useValidationText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const applyFieldErrors = useApplyFieldErrors();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, reset, setError } = useForm<TCodeForm>({ resolver: codeResolver });
  const join = useMutation(trpc.buildings.joinWithCode.mutationOptions());
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const res = await join.mutateAsync({ code: values.code });
      const mine = await queryClient.fetchQuery({ ...trpc.buildings.listMemberships.queryOptions(), staleTime: 0 });
      const building = mine.find((m) => m.id === res.membershipId)?.building.name ?? "";
      toast.show(t("joined", { building }));
      reset();
      await queryClient.invalidateQueries({ queryKey: trpc.home.pathKey() });
    } catch (e) {
      if (!applyFieldErrors(e, setError)) setFormError(toMessage(e));
    }
  });
  return (
    <Card title={t("joinTitle")}>
      <p className="muted">{t("joinLead")}</p>
      <form onSubmit={onSubmit} noValidate className="inline-form">
        <Field
          label={t("code")}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="ABCD-2345"
          className="code-input"
          error={validationText(formState.errors.code?.message)}
          {...register("code")}
        />
        <FormError message={formError} />
        <Button type="submit" isBusy={formState.isSubmitting} busyLabel={t("joining")}>
          {t("join")}
        </Button>
      </form>
    </Card>
  );
}

function RequestToJoin() {
  const t = useTranslations("home");
  const trpc = useTRPC();
  const refresh = useRefreshHomes();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const unitLabel = useUnitLabel();
  const [buildingId, setBuildingId] = useState("");
  const [unitId, setUnitId] = useState("");
  const [message, setMessage] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const directory = useQuery(trpc.buildings.directory.queryOptions());
  const units = useQuery(trpc.buildings.directoryUnits.queryOptions({ buildingId }, { enabled: !!buildingId }));
  const request = useMutation(
    trpc.buildings.requestToJoin.mutationOptions({
      onSuccess: async () => {
        toast.show(t("requestSent"));
        setUnitId("");
        setMessage("");
        await refresh();
      },
      onError: (e) => setFormError(toMessage(e)),
    }),
  );
  return (
    <Card title={t("requestTitle")}>
      <p className="muted">{t("requestLead")}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFormError(null);
          if (!unitId) return setFormError(t("chooseUnit"));
          request.mutate({ unitId, message: message || undefined });
        }}
      >
        <SelectField label={t("building")} value={buildingId} onChange={(e) => { setBuildingId(e.target.value); setUnitId(""); }}>
          <option value="">{t("chooseBuilding")}</option>
          {directory.data?.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} — {b.address}, {b.city}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("unit")} value={unitId} onChange={(e) => setUnitId(e.target.value)} disabled={!buildingId || units.isPending}>
          <option value="">{t("chooseUnit")}</option>
          {units.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {unitLabel(u)}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <label htmlFor="join-message">{t("message")}</label>
          <textarea id="join-message" rows={2} maxLength={500} placeholder={t("messagePlaceholder")} value={message} onChange={(e) => setMessage(e.target.value)} />
        </div>
        <FormError message={formError} />
        <Button type="submit" isBusy={request.isPending}>
          {t("sendRequest")}
        </Button>
      </form>
    </Card>
  );
}
