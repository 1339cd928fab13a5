"use client";
// One repair booking, the resident's side: where it stands (live: the repairer's moves
// refetch it), the proposal to answer, cancelling until the cut-off (and why not after),
// the chat with the repairer, and the rating once the job is done.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { StartChatButton } from "../../../../_components/chat/start-chat-button";
import { JobFacts, JobPhotos } from "../../../../_components/repairs/booking-facts";
import { useToast } from "../../../../_components/toast";
import { Button, Card, ConfirmButton, FormError, LoadError, Loading } from "../../../../_components/ui";
import { useUnitLabel } from "../../../../_components/unit-label";
import { useErrorMessage } from "../../../../_lib/errors";
import { useTRPC } from "../../../../_lib/trpc";
import { badgeOf, toDisplay } from "../../repairs-view";
import { BOOKING_STEPS, slotLabel } from "../../slot-format";

export function BookingView({ id }: { id: string }) {
  const t = useTranslations("repairs");
  const tc = useTranslations("repairCategory");
  const ts = useTranslations("repairStatus");
  const format = useFormatter();
  const unitLabel = useUnitLabel();
  const trpc = useTRPC();
  const toast = useToast();
  const toMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const justBooked = useSearchParams().get("booked") === "1";
  const booking = useQuery(trpc.repairs.get.queryOptions({ id }));
  const options = {
    onError: (e: unknown) => toast.show(toMessage(e), { tone: "error" }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
  };
  const cancel = useMutation(trpc.repairs.cancel.mutationOptions({ ...options, onSuccess: () => toast.show(t("cancelled")) }));
  const answer = useMutation(trpc.repairs.answerProposal.mutationOptions(options));

  if (booking.isPending) return <Loading />;
  if (booking.isError) return <LoadError onRetry={() => void booking.refetch()} />;
  const b = booking.data;
  const when = (d: Date) => format.dateTime(d, { weekday: "long", day: "numeric", month: "long", timeZone: b.timeZone });
  const step = BOOKING_STEPS.indexOf(b.status as (typeof BOOKING_STEPS)[number]);
  // A request not yet answered may be cancelled any time; a confirmed visit until the cut-off.
  const canCancel = b.status === "requested" || (!!b.cancellableUntil && new Date() < b.cancellableUntil);
  const isLive = b.status === "requested" || b.status === "confirmed";

  return (
    <div className="page narrow">
      <header className="page-head">
        <Link href="/repairs" className="back">
          ← {t("backToRepairs")}
        </Link>
        <h1>
          {tc(b.category)} · {b.repairer.name}
        </h1>
        <p>
          <span className={`badge ${badgeOf(b.status)}`} data-testid="booking-status" data-status={b.status}>
            {ts(b.status)}
          </span>
        </p>
      </header>
      {justBooked && b.status === "requested" && (
        <p className="notice notice-ok" role="status">
          {t("bookedNotice", { repairer: b.repairer.name })}
        </p>
      )}

      {step >= 0 ? (
        <ol className="steps" aria-label={t("progress")}>
          {BOOKING_STEPS.map((s, i) => (
            <li key={s} className={i <= step ? "is-done" : ""} aria-current={i === step ? "step" : undefined}>
              {ts(s)}
            </li>
          ))}
        </ol>
      ) : null}

      {b.proposed && (
        <Card title={t("proposalTitle")} className="card-accent">
          <p data-testid="proposal">{t("proposalBody", { repairer: b.repairer.name, when: `${when(b.proposed.startsAt)}, ${slotLabel(toDisplay({ ...b, ...b.proposed }))}` })}</p>
          <div className="row">
            <Button onClick={() => answer.mutate({ id: b.id, accept: true })} isBusy={answer.isPending && answer.variables?.accept === true} data-testid="accept-proposal">
              {t("acceptProposal")}
            </Button>
            <Button variant="secondary" onClick={() => answer.mutate({ id: b.id, accept: false })} isBusy={answer.isPending && answer.variables?.accept === false}>
              {t("refuseProposal")}
            </Button>
          </div>
        </Card>
      )}

      <Card>
        <dl className="facts">
          <dt>{b.mode === "window" ? t("arrivalWindow") : t("when")}</dt>
          <dd data-testid="booking-when">
            {when(b.startsAt)}, {slotLabel(toDisplay(b))}
          </dd>
          {b.unit && (
            <>
              <dt>{t("where")}</dt>
              <dd>
                {b.unit.buildingName}, {unitLabel(b.unit)}
              </dd>
            </>
          )}
          <JobFacts b={b} noteLabel={t("repairerNote")} />
        </dl>
        <JobPhotos urls={b.photoUrls} />
        <div className="row">
          <StartChatButton as="resident" shopId={b.repairer.serviceId} bookingId={b.id} variant="secondary" />
          {isLive &&
            (canCancel ? (
              <ConfirmButton label={t("cancel")} question={t("cancelQuestion")} onConfirm={() => cancel.mutate({ id: b.id, reason: "" })} isBusy={cancel.isPending} />
            ) : (
              <p className="small muted" data-testid="cancel-closed">
                {t("cancelClosed", { when: format.dateTime(b.cancellableUntil ?? b.startsAt, { dateStyle: "medium", timeStyle: "short", timeZone: b.timeZone }) })}
              </p>
            ))}
        </div>
        {canCancel && b.cancellableUntil && (
          <p className="small muted">{t("cancelUntil", { when: format.dateTime(b.cancellableUntil, { dateStyle: "medium", timeStyle: "short", timeZone: b.timeZone }) })}</p>
        )}
      </Card>

      {b.status === "done" && <RateCard id={b.id} rating={b.rating} comment={b.ratingComment} />}
    </div>
  );
}

function RateCard({ id, rating, comment }: { id: string; rating: number | null; comment: string | null }) {
  const t = useTranslations("repairs");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toMessage = useErrorMessage();
  const [stars, setStars] = useState(0);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const rate = useMutation(
    trpc.repairs.rate.mutationOptions({
      onError: (e) => setError(toMessage(e)),
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.repairs.pathKey() }),
    }),
  );
  if (rating !== null) {
    return (
      <Card title={t("yourRating")}>
        <p aria-label={t("stars", { count: rating })} data-testid="my-rating">
          {"★".repeat(rating)}
          <span className="muted">{"★".repeat(5 - rating)}</span>
        </p>
        {comment && <p className="quote">{comment}</p>}
      </Card>
    );
  }
  return (
    <Card title={t("rateTitle")}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!stars) return setError(t("pickStars"));
          setError(null);
          rate.mutate({ id, rating: stars, comment: text });
        }}
      >
        <fieldset className="stars" aria-label={t("rateTitle")}>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className={`star ${n <= stars ? "is-on" : ""}`}>
              <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} className="sr-only" />
              <span aria-hidden="true">★</span>
              <span className="sr-only">{t("stars", { count: n })}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="rate-comment">{t("comment")}</label>
          <textarea id="rate-comment" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <FormError message={error} />
        <Button type="submit" isBusy={rate.isPending} data-testid="rate">
          {t("sendRating")}
        </Button>
      </form>
    </Card>
  );
}
