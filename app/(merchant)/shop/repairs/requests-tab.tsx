"use client";
// Requests to answer, oldest first: new bookings to confirm or decline (with a reason),
// and proposed new times the resident has not answered yet. Live: repair:changed refetches.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useToast } from "../../../_components/toast";
import { Button, Card, Empty, LoadError, Loading } from "../../../_components/ui";
import { useUnitLabel } from "../../../_components/unit-label";
import { useErrorMessage } from "../../../_lib/errors";
import type { RouterOutputs } from "../../../_lib/types";
import { useTRPC } from "../../../_lib/trpc";
import type { TMyShop } from "../merchant-view";
import { dayIn, statusClass, timeIn } from "./agenda-dates";
import { useDisplayName } from "../../../_lib/display-name";

export type TManagedBooking = RouterOutputs["repairs"]["manage"]["get"];

export function RequestsTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("repairsManage");
  const trpc = useTRPC();
  const today = dayIn(new Date(), shop.timeZone);
  const agenda = useQuery({ ...trpc.repairs.manage.agenda.queryOptions({ shopId: shop.id, from: today, days: 1 }), enabled: shop.status === "approved" });

  if (shop.status !== "approved")
    return (
      <Card>
        <p className="muted">{t("afterApproval")}</p>
      </Card>
    );
  if (agenda.isPending) return <Loading />;
  if (agenda.isError) return <LoadError onRetry={() => void agenda.refetch()} />;
  const time = (b: TManagedBooking) => (b.requestedAt ?? b.createdAt).getTime();
  const list = [...agenda.data.toAnswer].sort((a, b) => time(a) - time(b));
  if (list.length === 0)
    return (
      <Card>
        <Empty title={t("noRequests")}>{t("noRequestsHint")}</Empty>
      </Card>
    );
  return (
    <ul className="repair-requests" data-testid="repair-requests">
      {list.map((b) => (
        <li key={b.id}>
          <RequestCard booking={b} now={agenda.data.now} />
        </li>
      ))}
    </ul>
  );
}

/** When a booking is, in the repairer's zone: "Tue 9 Dec, 09:00–10:00". */
export function useWhen() {
  const format = useFormatter();
  return (b: { startsAt: Date; endsAt: Date; timeZone: string }) =>
    `${format.dateTime(b.startsAt, { weekday: "short", day: "numeric", month: "short", timeZone: b.timeZone })}, ${timeIn(b.startsAt, b.timeZone)}–${timeIn(b.endsAt, b.timeZone)}`;
}

function RequestCard({ booking: b, now }: { booking: TManagedBooking; now: Date }) {
  const t = useTranslations("repairsManage");
  const tc = useTranslations("repairCategory");
  const ts = useTranslations("repairStatus");
  const nameOf = useDisplayName();
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  const when = useWhen();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [isDeclining, setDeclining] = useState(false);
  const [reason, setReason] = useState("");
  const options = {
    onError: (e: unknown) => toast.show(toMessage(e), { tone: "error" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
  };
  const confirm = useMutation(trpc.repairs.manage.confirm.mutationOptions({ ...options, onSuccess: () => toast.show(t("confirmed")) }));
  const decline = useMutation(trpc.repairs.manage.decline.mutationOptions({ ...options, onSuccess: () => toast.show(t("declined")) }));
  const isProposal = !!b.proposed;
  return (
    <article className={`card repair-request ${statusClass(b.status)}`} data-testid="repair-request" data-id={b.id}>
      <header className="row-between">
        <span className="strong">
          {tc(b.category)} · {nameOf(b.resident.name)}
        </span>
        <span className="small muted" title={format.dateTime(b.requestedAt ?? b.createdAt, { dateStyle: "medium", timeStyle: "short" })}>
          {t("age", { ago: format.relativeTime(b.requestedAt ?? b.createdAt, now) })}
        </span>
      </header>
      <p className="small">
        <span className={`badge ${statusClass(b.status)}`}>{ts(b.status)}</span> {when(b)}
      </p>
      {b.unit && (
        <p className="small muted">
          {b.unit.buildingName}, {unitLabel(b.unit)}
        </p>
      )}
      {isProposal && (
        <p className="small notice" data-testid="proposal-pending">
          {t("proposalPending", { when: when({ ...b.proposed!, timeZone: b.timeZone }) })}
        </p>
      )}
      <p className="small quote clamp-2 wrap-anywhere">{b.description}</p>
      {isDeclining ? (
        <form
          className="decline-form"
          onSubmit={(e) => {
            e.preventDefault();
            decline.mutate({ id: b.id, reason });
          }}
        >
          <div className="field">
            <label htmlFor={`reason-${b.id}`}>{t("declineReason")}</label>
            <textarea id={`reason-${b.id}`} rows={2} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div className="row">
            <Button type="submit" variant="danger" isBusy={decline.isPending}>
              {t("declineSubmit")}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setDeclining(false)}>
              {t("back")}
            </Button>
          </div>
        </form>
      ) : (
        <div className="row">
          {b.status === "requested" && (
            <>
              <Button onClick={() => confirm.mutate({ id: b.id })} isBusy={confirm.isPending} data-testid="confirm-request">
                {t("confirm")}
              </Button>
              <Button variant="secondary" onClick={() => setDeclining(true)}>
                {t("decline")}
              </Button>
            </>
          )}
          <Link href={`/shop/repairs/${b.id}`} className="btn btn-ghost">
            {t("open")}
          </Link>
        </div>
      )}
    </article>
  );
}
