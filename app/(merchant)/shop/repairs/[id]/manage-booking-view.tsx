"use client";
// One repair booking, the repairer's side: everything about the job and every move its state
// allows (confirm, decline, propose another time, start, complete, cancel), and the chat with
// the resident. Live: the resident's moves refetch it (repair:changed).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { JobFacts, JobPhotos } from "../../../../_components/repairs/booking-facts";
import { useToast } from "../../../../_components/toast";
import { Button, Card, Empty, Field, FormError, LoadError, Loading } from "../../../../_components/ui";
import { useUnitLabel } from "../../../../_components/unit-label";
import { useErrorMessage, useFirstFieldError, useValidationText } from "../../../../_lib/errors";
import { parseMoney } from "../../../../_lib/money";
import { useTRPC } from "../../../../_lib/trpc";
import { BOOKING_STEPS } from "../../../../(resident)/repairs/slot-format";
import { dayIn, instantOf, noonOf, statusClass, timeIn } from "../agenda-dates";
import { useWhen, type TManagedBooking } from "../requests-tab";
import { useDisplayName } from "../../../../_lib/display-name";

type TPanel = null | "decline" | "propose" | "complete" | "cancel";

export function ManageBookingView({ id }: { id: string }) {
  const t = useTranslations("repairsManage");
  const tr = useTranslations("repairs");
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
  const router = useRouter();
  const [panel, setPanel] = useState<TPanel>(null);
  const [error, setError] = useState<string | null>(null);
  const booking = useQuery(trpc.repairs.manage.get.queryOptions({ id }));
  const options = (done: string) => ({
    onMutate: () => setError(null),
    onSuccess: () => {
      toast.show(done);
      setPanel(null);
    },
    onError: (e: unknown) => setError(toMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
  });
  const confirm = useMutation(trpc.repairs.manage.confirm.mutationOptions(options(t("confirmed"))));
  const start = useMutation(trpc.repairs.manage.start.mutationOptions(options(t("started"))));
  const chat = useMutation(trpc.chat.manage.start.mutationOptions({ onSuccess: (r) => router.push(`/messages/${r.id}`), onError: (e) => setError(toMessage(e)) }));

  if (booking.isPending) return <Loading />;
  if (booking.isError) {
    return (
      <div className="page narrow">
        <Link href="/shop" className="back">
          ← {t("backToShop")}
        </Link>
        <LoadError onRetry={() => void booking.refetch()} />
      </div>
    );
  }
  const b = booking.data;
  const step = BOOKING_STEPS.indexOf(b.status as (typeof BOOKING_STEPS)[number]);
  const canStartAt = new Date(b.startsAt.getTime() - 60 * 60_000);
  const isOpen = b.status === "requested" || b.status === "confirmed";

  return (
    <div className="page narrow manage-booking">
      <header className="page-head">
        <Link href="/shop" className="back">
          ← {t("backToShop")}
        </Link>
        <h1>
          {tc(b.category)} · {nameOf(b.resident.name)}
        </h1>
        <p>
          <span className={`badge ${statusClass(b.status)}`} data-testid="booking-status" data-status={b.status}>
            {ts(b.status)}
          </span>
        </p>
      </header>

      {step >= 0 && (
        <ol className="steps" aria-label={tr("progress")}>
          {BOOKING_STEPS.map((s, i) => (
            <li key={s} className={i <= step ? "is-done" : ""} aria-current={i === step ? "step" : undefined}>
              {ts(s)}
            </li>
          ))}
        </ol>
      )}

      {b.proposed && (
        <p className="notice" role="status" data-testid="proposal-pending">
          {t("proposalPending", { when: when({ ...b.proposed, timeZone: b.timeZone }) })}
        </p>
      )}

      <Card>
        <dl className="facts">
          <dt>{b.mode === "window" ? tr("arrivalWindow") : tr("when")}</dt>
          <dd data-testid="booking-when">{when(b)}</dd>
          <dt>{t("resident")}</dt>
          <dd>{nameOf(b.resident.name)}</dd>
          {b.unit && (
            <>
              <dt>{tr("where")}</dt>
              <dd>
                {b.unit.buildingName}, {b.unit.address} · {unitLabel(b.unit)}
              </dd>
            </>
          )}
          {b.requestedAt && (
            <>
              <dt>{t("requestedAt")}</dt>
              <dd>{format.dateTime(b.requestedAt, { dateStyle: "medium", timeStyle: "short", timeZone: b.timeZone })}</dd>
            </>
          )}
          <JobFacts b={b} noteLabel={t("yourNote")} />
          {b.rating !== null && (
            <>
              <dt>{t("rating")}</dt>
              <dd aria-label={tr("stars", { count: b.rating })}>
                {"★".repeat(b.rating)}
                <span className="muted">{"★".repeat(5 - b.rating)}</span>
                {b.ratingComment && <span className="quote">{b.ratingComment}</span>}
              </dd>
            </>
          )}
        </dl>
        <JobPhotos urls={b.photoUrls} />
      </Card>

      <Card title={t("actionsTitle")}>
        <FormError message={error} />
        <div className="row manage-actions">
          {b.status === "requested" && (
            <Button onClick={() => confirm.mutate({ id: b.id })} isBusy={confirm.isPending} data-testid="confirm-booking">
              {t("confirm")}
            </Button>
          )}
          {b.status === "confirmed" && (
            <Button onClick={() => start.mutate({ id: b.id })} isBusy={start.isPending} disabled={new Date() < canStartAt} data-testid="start-booking">
              {t("start")}
            </Button>
          )}
          {b.status === "in_progress" && (
            <Button onClick={() => setPanel("complete")} aria-expanded={panel === "complete"} data-testid="complete-open">
              {t("complete")}
            </Button>
          )}
          {isOpen && (
            <Button variant="secondary" onClick={() => setPanel(panel === "propose" ? null : "propose")} aria-expanded={panel === "propose"}>
              {t("propose")}
            </Button>
          )}
          {b.status === "requested" && (
            <Button variant="secondary" onClick={() => setPanel(panel === "decline" ? null : "decline")} aria-expanded={panel === "decline"}>
              {t("decline")}
            </Button>
          )}
          {b.status === "confirmed" && (
            <Button variant="ghost" onClick={() => setPanel(panel === "cancel" ? null : "cancel")} aria-expanded={panel === "cancel"}>
              {t("cancel")}
            </Button>
          )}
          <Button variant="secondary" onClick={() => chat.mutate({ bookingId: b.id })} isBusy={chat.isPending} data-testid="message-resident">
            {t("messageResident")}
          </Button>
        </div>
        {b.status === "confirmed" && new Date() < canStartAt && (
          <p className="small muted">{t("startFrom", { when: format.dateTime(canStartAt, { dateStyle: "medium", timeStyle: "short", timeZone: b.timeZone }) })}</p>
        )}
        {panel === "decline" && <ReasonForm booking={b} kind="decline" onDone={() => setPanel(null)} />}
        {panel === "cancel" && <ReasonForm booking={b} kind="cancel" onDone={() => setPanel(null)} />}
        {panel === "complete" && <CompleteForm booking={b} onDone={() => setPanel(null)} />}
        {panel === "propose" && <ProposeForm booking={b} onDone={() => setPanel(null)} />}
      </Card>
    </div>
  );
}

/** Declining a request or cancelling a confirmed job, with an optional reason the resident sees. */
function ReasonForm({ booking: b, kind, onDone }: { booking: TManagedBooking; kind: "decline" | "cancel"; onDone: () => void }) {
  const t = useTranslations("repairsManage");
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const firstFieldError = useFirstFieldError();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      toast.show(kind === "decline" ? t("declined") : t("cancelled"));
      onDone();
    },
    onError: (e: unknown) => setError(firstFieldError(e) ?? toMessage(e)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
  };
  const decline = useMutation(trpc.repairs.manage.decline.mutationOptions(options));
  const cancel = useMutation(trpc.repairs.manage.cancel.mutationOptions(options));
  return (
    <form
      className="panel-form"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        (kind === "decline" ? decline : cancel).mutate({ id: b.id, reason });
      }}
    >
      <div className="field">
        <label htmlFor="manage-reason">{kind === "decline" ? t("declineReason") : t("cancelReason")}</label>
        <textarea id="manage-reason" rows={3} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} />
        <p className="hint">{b.depositCents > 0 && !b.depositRefunded ? t("depositGoesBack") : t("reasonHint")}</p>
      </div>
      <FormError message={error} />
      <Button type="submit" variant="danger" isBusy={decline.isPending || cancel.isPending}>
        {kind === "decline" ? t("declineSubmit") : t("cancelSubmit")}
      </Button>
    </form>
  );
}

function CompleteForm({ booking: b, onDone }: { booking: TManagedBooking; onDone: () => void }) {
  const t = useTranslations("repairsManage");
  const vt = useValidationText();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const firstFieldError = useFirstFieldError();
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const [price, setPrice] = useState("");
  const [errors, setErrors] = useState<{ note?: string; price?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const complete = useMutation(
    trpc.repairs.manage.complete.mutationOptions({
      onSuccess: () => {
        toast.show(t("completed"));
        onDone();
      },
      onError: (e) => setError(firstFieldError(e) ?? toMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
    }),
  );
  return (
    <form
      className="panel-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const cents = parseMoney(price);
        const local = { note: note.trim() ? undefined : vt("required"), price: cents === null ? t("amountInvalid") : undefined };
        setErrors(local);
        if (local.note || local.price) return;
        complete.mutate({ id: b.id, note, finalPriceCents: cents! });
      }}
    >
      <div className="field">
        <label htmlFor="complete-note">{t("note")}</label>
        <textarea id="complete-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={!!errors.note} aria-describedby={errors.note ? "complete-note-err" : undefined} />
        {errors.note && (
          <p id="complete-note-err" className="field-error" role="alert">
            {errors.note}
          </p>
        )}
      </div>
      <Field label={t("finalPrice")} inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.price} hint={t("finalPriceHint")} />
      <FormError message={error} />
      <Button type="submit" isBusy={complete.isPending} data-testid="complete-booking">
        {t("completeSubmit")}
      </Button>
    </form>
  );
}

/** Another time for the job: one of the repairer's free slots, or any time typed in (checked by the server). */
function ProposeForm({ booking: b, onDone }: { booking: TManagedBooking; onDone: () => void }) {
  const t = useTranslations("repairsManage");
  const format = useFormatter();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const slots = useQuery(trpc.repairs.manage.listSlots.queryOptions({ id: b.id }));
  const [day, setDay] = useState<string | null>(null);
  const [typedDay, setTypedDay] = useState(dayIn(b.startsAt, b.timeZone));
  const [typedTime, setTypedTime] = useState(timeIn(b.startsAt, b.timeZone));
  const [error, setError] = useState<string | null>(null);
  const propose = useMutation(
    trpc.repairs.manage.propose.mutationOptions({
      onSuccess: () => {
        toast.show(t("proposed"));
        onDone();
      },
      onError: (e) => setError(toMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
    }),
  );
  const days = [...new Set(slots.data?.slots.map((s) => s.display.starts.date) ?? [])];
  const shown = day ?? days[0] ?? null;
  return (
    <div className="panel-form" data-testid="propose-form">
      <p className="small muted">{t("proposeLead", { zone: b.timeZone })}</p>
      <FormError message={error} />
      {slots.isPending ? (
        <Loading />
      ) : slots.isError ? (
        <LoadError onRetry={() => void slots.refetch()} />
      ) : days.length === 0 ? (
        <Empty title={t("noFreeSlots")} />
      ) : (
        <>
          <div className="chips day-chips" role="group" aria-label={t("days")}>
            {days.map((d) => (
              <button key={d} type="button" className={`chip-btn ${d === shown ? "is-active" : ""}`} aria-pressed={d === shown} onClick={() => setDay(d)}>
                {format.dateTime(noonOf(d), { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" })}
              </button>
            ))}
          </div>
          <ul className="slot-grid">
            {slots.data.slots
              .filter((s) => s.display.starts.date === shown)
              .map((s) => (
                <li key={s.startsAt.toISOString()}>
                  <Button variant="secondary" className="slot" isBusy={propose.isPending && propose.variables?.startsAt.getTime() === s.startsAt.getTime()} onClick={() => propose.mutate({ id: b.id, startsAt: s.startsAt })}>
                    {s.mode === "window" ? `${s.display.starts.time}–${s.display.ends.time}` : s.display.starts.time}
                  </Button>
                </li>
              ))}
          </ul>
        </>
      )}
      <form
        className="propose-typed"
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (!typedDay || !typedTime) return setError(t("pickDayTime"));
          propose.mutate({ id: b.id, startsAt: instantOf(typedDay, typedTime, b.timeZone) });
        }}
      >
        <p className="strong small">{t("orTime")}</p>
        <div className="row">
          <Field label={t("date")} type="date" value={typedDay} onChange={(e) => setTypedDay(e.target.value)} />
          <Field label={t("time")} type="time" step={300} value={typedTime} onChange={(e) => setTypedTime(e.target.value)} />
        </div>
        <Button type="submit" variant="secondary" isBusy={propose.isPending}>
          {t("proposeSubmit")}
        </Button>
      </form>
    </div>
  );
}
