"use client";
// What both sides of a repair booking read about the job itself: the problem, the vehicle,
// the costs and the deposit, why it was declined or cancelled, the repairer's note and the
// final price (as <dt>/<dd> pairs inside the page's own <dl>), and the resident's photos.
import { useTranslations } from "next-intl";
import { useMoney } from "../../_lib/money";

type TJob = {
  status: string;
  description: string;
  vehicle: { make: string; model: string; plate: string; location: string } | null;
  calloutFeeCents: number;
  depositCents: number;
  depositRefunded: boolean;
  reason: string | null;
  repairerNote: string | null;
  finalPriceCents: number | null;
};

/** `noteLabel` names the repairer's note for the reader ("Repairer's note" / "Your note"). */
export function JobFacts({ b, noteLabel }: { b: TJob; noteLabel: string }) {
  const t = useTranslations("repairs");
  const money = useMoney();
  return (
    <>
      <dt>{t("problem")}</dt>
      <dd className="wrap-anywhere">{b.description}</dd>
      {b.vehicle && (
        <>
          <dt>{t("vehicle")}</dt>
          <dd>
            {b.vehicle.make} {b.vehicle.model} · {b.vehicle.plate} · {b.vehicle.location}
          </dd>
        </>
      )}
      <dt>{t("costs")}</dt>
      <dd>
        {t("callout", { fee: money(b.calloutFeeCents) })}
        {b.depositCents > 0 && <> · {b.depositRefunded ? t("depositRefunded", { amount: money(b.depositCents) }) : t("depositPaid", { amount: money(b.depositCents) })}</>}
      </dd>
      {b.reason && (
        <>
          <dt>{b.status === "declined" ? t("declinedBecause") : t("cancelledBecause")}</dt>
          <dd className="quote">{b.reason}</dd>
        </>
      )}
      {b.repairerNote && (
        <>
          <dt>{noteLabel}</dt>
          <dd className="quote">{b.repairerNote}</dd>
        </>
      )}
      {b.finalPriceCents !== null && (
        <>
          <dt>{t("finalPrice")}</dt>
          <dd className="strong">{money(b.finalPriceCents)}</dd>
        </>
      )}
    </>
  );
}

export function JobPhotos({ urls }: { urls: string[] }) {
  const t = useTranslations("repairs");
  if (!urls.length) return null;
  return (
    <ul className="chips">
      {urls.map((u) => (
        <li key={u}>
          <a href={u} target="_blank" rel="noreferrer">
            <img src={u} alt={t("photoAlt")} className="photo-thumb" />
          </a>
        </li>
      ))}
    </ul>
  );
}
