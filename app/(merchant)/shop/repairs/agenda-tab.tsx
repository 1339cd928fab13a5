"use client";
// The repairer's agenda in their own time zone: a day or a week, bookings placed by time and
// coloured by status; on a phone the week reads as a list by day. Live: repair:changed refetches.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { Button, LoadError, Loading } from "../../../_components/ui";
import { useTRPC } from "../../../_lib/trpc";
import type { TMyShop } from "../merchant-view";
import { addDays, dayIn, minutesIn, mondayOf, noonOf, statusClass, timeIn } from "./agenda-dates";
import type { TManagedBooking } from "./requests-tab";
import { useDisplayName } from "../../../_lib/display-name";

const PX_PER_MIN = 0.8;

function useIsNarrow() {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia("(max-width: 759px)");
      mq.addEventListener("change", cb);
      return () => mq.removeEventListener("change", cb);
    },
    () => window.matchMedia("(max-width: 759px)").matches,
    () => false,
  );
}

export function AgendaTab({ shop }: { shop: TMyShop }) {
  const t = useTranslations("repairsManage");
  const format = useFormatter();
  const trpc = useTRPC();
  const zone = shop.timeZone;
  const today = dayIn(new Date(), zone);
  const [view, setView] = useState<"day" | "week">("week");
  const [anchor, setAnchor] = useState(today);
  const isNarrow = useIsNarrow();
  const from = view === "day" ? anchor : mondayOf(anchor);
  const days = view === "day" ? 1 : 7;
  const agenda = useQuery({ ...trpc.repairs.manage.agenda.queryOptions({ shopId: shop.id, from, days }), enabled: shop.status === "approved" });
  const dayList = Array.from({ length: days }, (_, i) => addDays(from, i));
  // Short labels are put together by hand: ICU reads { weekday, day } as "7 Mon" in English.
  const dayLabel = (d: string, long = false) =>
    long
      ? format.dateTime(noonOf(d), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" })
      : `${format.dateTime(noonOf(d), { weekday: "short", timeZone: "UTC" })} ${format.dateTime(noonOf(d), { day: "numeric", timeZone: "UTC" })}`;
  const title =
    view === "day"
      ? dayLabel(from, true)
      : format.dateTimeRange(noonOf(from), noonOf(addDays(from, 6)), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

  return (
    <section className="agenda" data-testid="agenda" aria-label={t("tabs.agenda")}>
      <div className="agenda-tools">
        <div className="row">
          <Button variant="secondary" onClick={() => setAnchor(addDays(anchor, -days))} aria-label={view === "day" ? t("prevDay") : t("prevWeek")}>
            ‹
          </Button>
          <Button variant="secondary" onClick={() => setAnchor(today)} disabled={dayList.includes(today)}>
            {t("today")}
          </Button>
          <Button variant="secondary" onClick={() => setAnchor(addDays(anchor, days))} aria-label={view === "day" ? t("nextDay") : t("nextWeek")}>
            ›
          </Button>
        </div>
        <h2 className="agenda-title" data-testid="agenda-title">
          {title}
        </h2>
        <div className="segmented" role="group" aria-label={t("view")}>
          {(["day", "week"] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} className={view === v ? "is-active" : ""} onClick={() => setView(v)}>
              {t(v)}
            </button>
          ))}
        </div>
      </div>
      <p className="small muted">{t("timeZoneNote", { zone })}</p>
      {shop.status !== "approved" ? (
        <p className="muted">{t("afterApproval")}</p>
      ) : agenda.isPending ? (
        <Loading />
      ) : agenda.isError ? (
        <LoadError onRetry={() => void agenda.refetch()} />
      ) : view === "week" && isNarrow ? (
        <DayList days={dayList} bookings={agenda.data.bookings} zone={zone} today={today} label={(d) => dayLabel(d, true)} />
      ) : (
        <Timeline days={dayList} bookings={agenda.data.bookings} zone={zone} today={today} label={(d) => dayLabel(d)} now={agenda.data.now} />
      )}
    </section>
  );
}

type TPlaced = { b: TManagedBooking; start: number; end: number; lane: number; lanes: number; isProposal: boolean };

/** The bookings of one day in minutes from its midnight, side by side where they overlap. */
function place(bookings: TManagedBooking[], day: string, zone: string): TPlaced[] {
  const next = addDays(day, 1);
  const out: TPlaced[] = [];
  // A proposed new time the resident has not answered is shown too, apart (it holds that time).
  const spans = bookings.flatMap((b) => [{ b, from: b.startsAt, to: b.endsAt, isProposal: false }, ...(b.proposed ? [{ b, from: b.proposed.startsAt, to: b.proposed.endsAt, isProposal: true }] : [])]);
  for (const { b, from, to, isProposal } of spans) {
    const d0 = dayIn(from, zone);
    const d1 = dayIn(new Date(to.getTime() - 1), zone);
    if (d1 < day || d0 >= next) continue;
    const start = d0 < day ? 0 : minutesIn(from, zone);
    const end = d1 > day ? 24 * 60 : minutesIn(to, zone) || 24 * 60;
    out.push({ b, start, end: Math.max(end, start + 15), lane: 0, lanes: 1, isProposal });
  }
  out.sort((a, z) => a.start - z.start);
  // Clusters of overlapping bookings share the width; each takes the first free lane.
  let cluster: TPlaced[] = [];
  let clusterEnd = -1;
  const close = () => cluster.forEach((p) => (p.lanes = Math.max(...cluster.map((q) => q.lane)) + 1));
  for (const p of out) {
    if (p.start >= clusterEnd) {
      close();
      cluster = [];
    }
    const taken = new Set(cluster.filter((q) => q.end > p.start).map((q) => q.lane));
    while (taken.has(p.lane)) p.lane++;
    cluster.push(p);
    clusterEnd = Math.max(clusterEnd, p.end);
  }
  close();
  return out;
}

function Timeline({ days, bookings, zone, today, label, now }: { days: string[]; bookings: TManagedBooking[]; zone: string; today: string; label: (d: string) => string; now: Date }) {
  const placed = days.map((d) => place(bookings, d, zone));
  const all = placed.flat();
  // Working hours by default; earlier or later when a booking says so.
  const first = Math.min(7 * 60, ...all.map((p) => Math.floor(p.start / 60) * 60));
  const last = Math.max(20 * 60, ...all.map((p) => Math.ceil(p.end / 60) * 60));
  const hours = Array.from({ length: (last - first) / 60 }, (_, i) => first / 60 + i);
  const height = (last - first) * PX_PER_MIN;
  const nowMin = minutesIn(now, zone);
  return (
    <div className={`timeline ${days.length === 1 ? "is-day" : "is-week"}`} style={{ "--days": days.length } as React.CSSProperties}>
      <div className="timeline-head" aria-hidden="true">
        <span />
        {days.map((d) => (
          <span key={d} className={d === today ? "is-today" : ""}>
            {label(d)}
          </span>
        ))}
      </div>
      <div className="timeline-body" style={{ height }}>
        <div className="timeline-hours" aria-hidden="true">
          {hours.map((h) => (
            <span key={h} style={{ top: (h * 60 - first) * PX_PER_MIN }}>
              {String(h).padStart(2, "0")}:00
            </span>
          ))}
        </div>
        {days.map((d, i) => (
          <ol key={d} className={`timeline-day ${d === today ? "is-today" : ""}`} aria-label={label(d)} data-day={d}>
            {d === today && nowMin >= first && nowMin <= last && <li className="timeline-now" style={{ top: (nowMin - first) * PX_PER_MIN }} aria-hidden="true" />}
            {placed[i]!.map((p) => (
              <li
                key={`${p.b.id}${p.isProposal ? "-proposal" : ""}`}
                className="timeline-slot"
                style={{ top: (p.start - first) * PX_PER_MIN, height: (p.end - p.start) * PX_PER_MIN, left: `${(p.lane / p.lanes) * 100}%`, width: `${100 / p.lanes}%` }}
              >
                <AgendaItem p={p} zone={zone} />
              </li>
            ))}
          </ol>
        ))}
      </div>
    </div>
  );
}

function AgendaItem({ p, zone }: { p: TPlaced; zone: string }) {
  const t = useTranslations("repairsManage");
  const tc = useTranslations("repairCategory");
  const ts = useTranslations("repairStatus");
  const nameOf = useDisplayName();
  const { b, isProposal } = p;
  const span = isProposal ? b.proposed! : b;
  return (
    <Link
      href={`/shop/repairs/${b.id}`}
      className={`agenda-item ${statusClass(b.status)} ${isProposal ? "is-proposal" : ""}`}
      data-testid={isProposal ? "agenda-proposal" : "agenda-item"}
      data-id={b.id}
      data-status={b.status}
    >
      <span className="strong">
        {timeIn(span.startsAt, zone)}–{timeIn(span.endsAt, zone)}
      </span>{" "}
      {isProposal && <span className="strong">{t("proposedShort")} · </span>}
      <span>{tc(b.category)}</span> <span className="muted">· {nameOf(b.resident.name)}</span> <span className="sr-only">({ts(b.status)})</span>
    </Link>
  );
}

function DayList({ days, bookings, zone, today, label }: { days: string[]; bookings: TManagedBooking[]; zone: string; today: string; label: (d: string) => string }) {
  const t = useTranslations("repairsManage");
  const ts = useTranslations("repairStatus");
  return (
    <ol className="agenda-list">
      {days.map((d) => {
        const list = place(bookings, d, zone);
        return (
          <li key={d} className={d === today ? "is-today" : ""} data-day={d}>
            <h3>{label(d)}</h3>
            {list.length === 0 ? (
              <p className="small muted">{t("freeDay")}</p>
            ) : (
              <ul>
                {list.map((p) => (
                  <li key={`${p.b.id}${p.isProposal ? "-proposal" : ""}`} className="row-between">
                    <AgendaItem p={p} zone={zone} />
                    <span className={`badge ${statusClass(p.b.status)}`}>{p.isProposal ? t("proposedShort") : ts(p.b.status)}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
