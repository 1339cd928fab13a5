"use client";
// What every parking place shows the same way wherever it appears (the resident's list, the
// operator page): the coloured pin with its count, and how old the count is. The count is
// never a stale number (the server nulls it, the page re-applies the rule as it ages).
import { useFormatter, useTranslations } from "next-intl";
import type { TParkingPlace } from "~/server/parking/schema";

export function PlacePin({ p }: { p: Pick<TParkingPlace, "availability" | "freeSpaces"> }) {
  return (
    <span className={`pin pin-${p.availability}`} aria-hidden="true">
      {p.freeSpaces ?? "?"}
    </span>
  );
}

/** "Updated 3 min ago", "No count since 20 min ago", or "Never updated". */
export function DataAge({ p, now }: { p: Pick<TParkingPlace, "observedAt" | "isStale">; now: Date }) {
  const t = useTranslations("parking");
  const format = useFormatter();
  if (p.observedAt === null) return <p className="small muted" data-testid="place-age">{t("neverUpdated")}</p>;
  // The page clock ticks every 20 s; a count that arrived since is "now", never "in 9 seconds".
  const when = format.relativeTime(p.observedAt, p.observedAt > now ? p.observedAt : now);
  return (
    <p className="small muted" data-testid="place-age">
      {p.isStale ? t("staleSince", { when }) : t("updated", { when })}
    </p>
  );
}
