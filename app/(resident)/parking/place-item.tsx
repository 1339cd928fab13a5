"use client";
// One place in the list: availability (never a stale number), how old the count is, distance,
// the price of one hour, open or closed now, what it offers, and the favourite star with
// "tell me when it frees up".
import { useFormatter, useTranslations } from "next-intl";
import type { TParkingPlace } from "~/server/parking/schema";
import { useMoney } from "../../_lib/money";
import { DataAge, PlacePin } from "./place-bits";

export function PlaceItem({
  p,
  now,
  isSelected,
  distance,
  onShowOnMap,
  onStar,
  onNotify,
}: {
  p: TParkingPlace;
  now: Date;
  isSelected: boolean;
  distance: string;
  onShowOnMap: () => void;
  onStar: () => void;
  onNotify: () => void;
}) {
  const t = useTranslations("parking");
  const format = useFormatter();
  const money = useMoney();
  // A building's own spaces have no public price: say nothing rather than "unknown".
  const price = p.priceOneHour === null ? (p.kind === "building" ? null : t("priceUnknown")) : p.priceOneHour === 0 ? t("freeParking") : t("perHour", { price: money(p.priceOneHour) });
  const m = (cm: number) => format.number(cm / 100, { minimumFractionDigits: 1, maximumFractionDigits: 2 });

  return (
    <li id={`place-${p.id}`} className={`place ${isSelected ? "is-selected" : ""}`} data-testid="place" data-availability={p.availability}>
      <div className="place-main">
        <PlacePin p={p} />
        <div className="place-body">
          <h2 className="place-name">{p.name}</h2>
          <p className="small muted">
            {t(`kind.${p.kind}`)} · {distance}
            {p.operator && p.kind !== "building" ? ` · ${p.operator}` : ""}
          </p>
          <p className="place-free" data-testid="place-free">
            <strong>{p.freeSpaces !== null ? t("freeOf", { free: p.freeSpaces, capacity: p.capacity }) : p.availability === "closed" ? t("closed") : t("unknown")}</strong>
            <span className={`badge badge-${p.availability}`}>{t(`availability.${p.availability}`)}</span>
          </p>
          <DataAge p={p} now={now} />
          <p className="small">
            {price}
            {p.freeMinutes > 0 && p.priceOneHour !== null && p.priceOneHour > 0 ? ` (${t("freeMinutes", { minutes: p.freeMinutes })})` : ""}
            {price && " · "}
            {p.alwaysOpen ? t("alwaysOpen") : p.isOpen ? t("open") : p.nextOpening ? t("opensAt", { when: format.dateTime(p.nextOpening, { weekday: "short", hour: "2-digit", minute: "2-digit" }) }) : t("closed")}
          </p>
          <ul className="place-facts small muted">
            {p.evChargers > 0 && <li>{t("evChargers", { count: p.evChargers, kw: p.evPowerKw ?? "?" })}</li>}
            {p.capacityDisabled > 0 && <li>{t("accessibleCount", { count: p.capacityDisabled })}</li>}
            {p.maxHeightCm !== null && <li>{t("maxHeight", { m: m(p.maxHeightCm) })}</li>}
            {p.maxStayMinutes !== null && <li>{t("maxStay", { hours: format.number(p.maxStayMinutes / 60, { maximumFractionDigits: 1 }) })}</li>}
            {p.isCovered && <li>{t("covered")}</li>}
          </ul>
        </div>
        <button type="button" className={`icon-button star ${p.isFavourite ? "is-on" : ""}`} aria-pressed={p.isFavourite} aria-label={p.isFavourite ? t("unstar", { name: p.name }) : t("star", { name: p.name })} onClick={onStar}>
          <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 3.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8L12 16.9l-5.3 2.7 1-5.8-4.2-4.1 5.9-.9z" fill={p.isFavourite ? "currentColor" : "none"} stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
      <div className="place-actions">
        <button type="button" className="btn btn-link" onClick={onShowOnMap}>
          {t("showOnMap")}
        </button>
        {p.publicUrl && (
          <a href={p.publicUrl} target="_blank" rel="noopener noreferrer" className="small">
            {t("website")}
          </a>
        )}
        {p.isFavourite && (p.availability === "full" || p.availability === "unknown" || p.notifyWhenFree) && (
          <button type="button" className={`chip-btn ${p.notifyWhenFree ? "is-active" : ""}`} aria-pressed={p.notifyWhenFree} aria-label={t("notify", { name: p.name })} onClick={onNotify}>
            {p.notifyWhenFree ? t("notifyOn") : t("notifyOff")}
          </button>
        )}
      </div>
    </li>
  );
}
