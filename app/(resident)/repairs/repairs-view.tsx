"use client";
// Repairs, the resident's side: pick a category, see the repairers serving your building with
// their next free slots, book; below, your bookings (upcoming first). Live: a repairer's
// move on a booking and any change to free slots refetch these queries (socket signals).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Card, Empty, LoadError, Loading, PageHead } from "../../_components/ui";
import { useMoney } from "../../_lib/money";
import { useTRPC } from "../../_lib/trpc";
import { REPAIR_CATEGORIES, isCategory, slotLabel } from "./slot-format";

export function RepairsView() {
  const t = useTranslations("repairs");
  const tc = useTranslations("repairCategory");
  const ts = useTranslations("repairStatus");
  const format = useFormatter();
  const money = useMoney();
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const raw = params.get("category");
  const category = isCategory(raw) ? raw : null;
  const repairers = useQuery({ ...trpc.repairs.listRepairers.queryOptions({ category: category ?? "plumbing" }), enabled: !!category });
  const bookings = useQuery(trpc.repairs.list.queryOptions());
  const pick = (c: string) => router.replace(`${pathname}?category=${c}`, { scroll: false });

  return (
    <div className="page">
      <PageHead title={t("title")} lead={t("lead")} />

      <section aria-labelledby="cat-title">
        <h2 id="cat-title" className="section-title">
          {t("whatNeedsFixing")}
        </h2>
        <div className="chips-row" role="group" aria-label={t("categories")}>
          {REPAIR_CATEGORIES.map((c) => (
            <button key={c} type="button" className={`chip-btn ${category === c ? "is-active" : ""}`} aria-pressed={category === c} onClick={() => pick(c)} data-testid={`category-${c}`}>
              {tc(c)}
            </button>
          ))}
        </div>
      </section>

      {category && (
        <section aria-labelledby="rep-title" data-testid="repairers">
          <h2 id="rep-title" className="section-title">
            {t("repairersFor", { category: tc(category) })}
          </h2>
          {repairers.isPending ? (
            <Loading />
          ) : repairers.isError ? (
            <LoadError onRetry={() => void repairers.refetch()} />
          ) : repairers.data.length === 0 ? (
            <Card>
              <Empty title={t("noRepairers")}>{t("noRepairersHint")}</Empty>
            </Card>
          ) : (
            <ul className="shop-grid">
              {repairers.data.map((r) => (
                <li key={r.serviceId} className="card repairer" data-testid="repairer">
                  <div className="row-between">
                    <span className="strong">{r.name}</span>
                    <span className="small muted">
                      {r.rating.count ? t("rating", { average: r.rating.average ?? 0, count: r.rating.count }) : t("noRatings")}
                    </span>
                  </div>
                  {r.description && <p className="small muted">{r.description}</p>}
                  <p className="small">
                    {t("callout", { fee: money(r.calloutFeeCents) })}
                    {r.depositCents > 0 && <> · {t("deposit", { amount: money(r.depositCents) })}</>}
                  </p>
                  {r.nextSlots.length ? (
                    <>
                      <p className="small muted">{r.mode === "window" ? t("nextWindows") : t("nextSlots")}</p>
                      <ul className="chips">
                        {r.nextSlots.map((s) => (
                          <li key={s.startsAt.toISOString()}>
                            <Link
                              className="chip-btn"
                              href={`/repairs/book?service=${r.serviceId}&category=${category}&start=${s.startsAt.toISOString()}`}
                              data-testid="next-slot"
                            >
                              {format.dateTime(s.startsAt, { weekday: "short", day: "numeric", month: "short", timeZone: s.display.timeZone })} · {slotLabel(s)}
                            </Link>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <p className="small muted">{t("noSlots")}</p>
                  )}
                  <Link className="btn btn-secondary" href={`/repairs/book?service=${r.serviceId}&category=${category}`}>
                    {t("allSlots")}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <section aria-labelledby="mine-title">
        <h2 id="mine-title" className="section-title">
          {t("myBookings")}
        </h2>
        {bookings.isPending ? (
          <Loading />
        ) : bookings.isError ? (
          <LoadError onRetry={() => void bookings.refetch()} />
        ) : bookings.data.length === 0 ? (
          <Card>
            <Empty title={t("noBookings")}>{t("noBookingsHint")}</Empty>
          </Card>
        ) : (
          <ul className="list card bookings-list" data-testid="my-bookings">
            {bookings.data.map((b) => (
              <li key={b.id}>
                <Link href={`/repairs/bookings/${b.id}`} className="booking-row" data-testid="booking" data-status={b.status}>
                  <span>
                    <span className="strong">{tc(b.category)}</span> · {b.repairer.name}
                    <span className="small muted block">
                      {format.dateTime(b.startsAt, { weekday: "long", day: "numeric", month: "long", timeZone: b.timeZone })}, {slotLabel(toDisplay(b))}
                    </span>
                  </span>
                  <span className={`badge ${badgeOf(b.status)}`}>{b.proposed ? t("newTimeProposed") : ts(b.status)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p className="small">
        <Link href="/repairs/common">{t("commonAreas")}</Link>
      </p>
    </div>
  );
}

/** A booking's own times as a slot label, read in its zone. */
export function toDisplay(b: { mode: string; startsAt: Date; endsAt: Date; timeZone: string }) {
  const time = (d: Date) => new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: b.timeZone }).format(d);
  return { mode: b.mode, display: { starts: { time: time(b.startsAt) }, ends: { time: time(b.endsAt) } } };
}

export function badgeOf(status: string) {
  if (status === "confirmed" || status === "done") return "badge-active";
  if (status === "requested" || status === "in_progress") return "badge-pending";
  return "badge-rejected";
}
