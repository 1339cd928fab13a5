// Repair booking's slot engine (issue 13): which start times a repairer can still be booked
// for, computed from their working hours, exceptions and existing bookings — never stored.
// Pure and client-safe (no server imports, no clock of its own: `now` is always passed in),
// so the listing page and the booking service agree by construction: slotFits() re-checks a
// requested start with the very code that offered it.
//
// Decisions (also in docs/architecture.md, "Domains"):
// - Hours are wall-clock times in the repairer's zone; a range 08:00–12:00 gives 08:00, 08:30 …
//   every day of the year, whatever the UTC offset. Starts lie on a grid of `stepMinutes`
//   counted from local midnight, so every day and every range share the same cells.
// - Durations and buffers are real minutes: a 60-minute job starting 01:30 on the Paris
//   spring-forward night ends at 03:30 on the wall clock. A grid time inside the skipped hour
//   does not exist and is not offered; a grid time inside the repeated autumn hour happens
//   twice and is offered twice, once per real instant (the offsets on the offer tell them apart).
// - Exceptions: `daysOff` (single dates or ranges, inclusive) close whole days and win over
//   everything; `dateHours` replace the weekly hours of their date (list the usual ranges too
//   to add to them; an empty list closes the day).
// - Horizon in calendar days of the repairer's zone: today plus `horizonDays` more days.
// - Window mode: each working range is one arrival window (overlapping ranges are joined into
//   one, back-to-back ones stay two); a booking occupies the whole window
//   ([window start, window end) is what the booking service stores), a window holds
//   `windowCapacity` bookings, and buffers do not apply (the window is the slack). A window is
//   offered only while its start is at least the minimum notice away.
import { addDays, firstInstantFrom, instantsAt, toMinutes, utcOffsetMinutes, zonedFast as zoned } from "../lib/zoned";

const MINUTE = 60_000;

export type TRange = { opens: string; closes: string };
export type TWeeklyRange = TRange & { weekday: number };
export type TInterval = { start: Date; end: Date };

export type TSlotInput = {
  /** The repairer's IANA zone: their hours are wall-clock times there. */
  timeZone: string;
  /** Weekly hours, several ranges a day allowed (ISO weekday, 1 = Monday; "HH:MM", closes may be "24:00"). */
  hours: TWeeklyRange[];
  /** The grid: starts fall on multiples of this many minutes after local midnight. */
  stepMinutes: number;
  /** Length of a job for the category, in real minutes; a multiple of `stepMinutes` (a job may span several cells). */
  durationMinutes: number;
  /** Free real minutes kept before and after every busy interval (exact mode only). */
  bufferMinutes: number;
  /** Starts earlier than now + this are not offered. */
  minNoticeMinutes: number;
  /** Bookable days: today (in the repairer's zone) and this many days after it. */
  horizonDays: number;
  /** Whole days off, inclusive ("YYYY-MM-DD"; `to` defaults to `from`). They win over `dateHours`. */
  daysOff?: { from: string; to?: string }[];
  /** Hours for given dates, replacing the weekly hours of that date (several entries for one date add up). */
  dateHours?: { date: string; ranges: TRange[] }[];
  /** "exact": a start time on the grid; "window": an arrival window (each working range is one). */
  mode: "exact" | "window";
  /** Window mode: how many bookings one window holds (default 1). */
  windowCapacity?: number;
  /** Existing bookings and live holds, [start, end). */
  busy: TInterval[];
  /** The building's zone, for the resident's page (defaults to the repairer's). */
  displayTimeZone?: string;
};

export type TWallClock = { date: string; weekday: number; time: string; utcOffsetMinutes: number };
export type TSlotOffer = {
  startsAt: Date;
  endsAt: Date;
  mode: "exact" | "window";
  /** How many more bookings this slot takes (always 1 in exact mode). */
  capacityLeft: number;
  /** Wall-clock start and end in the repairer's zone… */
  repairer: { timeZone: string; starts: TWallClock; ends: TWallClock };
  /** …and in the building's, e.g. "Tue 8 Dec, 09:00". */
  display: { timeZone: string; starts: TWallClock; ends: TWallClock };
};

export type TSlotRefusal = "bad-duration" | "not-a-slot" | "beyond-horizon" | "too-soon" | "taken";
export type TSlotCheck = { ok: true; offer: TSlotOffer } | { ok: false; reason: TSlotRefusal };

/**
 * Do [a.start, a.end) and [b.start, b.end) overlap once b is widened by `bufferMinutes` on both
 * sides? Half-open: a job may start exactly when the previous one's buffer ends.
 */
export function overlaps(a: TInterval, b: TInterval, bufferMinutes = 0): boolean {
  const buffer = bufferMinutes * MINUTE;
  return a.start.getTime() < b.end.getTime() + buffer && b.start.getTime() - buffer < a.end.getTime();
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function wallClock(instant: Date, timeZone: string): TWallClock {
  const z = zoned(instant, timeZone);
  return { date: z.date, weekday: z.weekday, time: hhmm(z.minutes), utcOffsetMinutes: utcOffsetMinutes(instant, timeZone) };
}

/** Bad configuration is a programming or validation error upstream (the edge checks it); say so loudly. */
function checkInput(input: TSlotInput) {
  const whole = (n: number, min: number) => Number.isInteger(n) && n >= min;
  if (!whole(input.stepMinutes, 1)) throw new RangeError("stepMinutes must be a positive integer");
  if (!whole(input.durationMinutes, 1) || input.durationMinutes % input.stepMinutes) throw new RangeError("durationMinutes must be a positive multiple of stepMinutes");
  if (!whole(input.bufferMinutes, 0) || !whole(input.minNoticeMinutes, 0) || !whole(input.horizonDays, 0)) throw new RangeError("buffer, notice and horizon must be non-negative integers");
  if (input.windowCapacity !== undefined && !whole(input.windowCapacity, 1)) throw new RangeError("windowCapacity must be a positive integer");
  if (input.hours.some((h) => !Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7)) throw new RangeError("weekdays are ISO, 1 (Monday) to 7");
  for (const r of [...input.hours, ...(input.dateHours ?? []).flatMap((d) => d.ranges)]) {
    if (!HHMM.test(r.opens) || !HHMM.test(r.closes) || r.opens === "24:00" || toMinutes(r.opens) >= toMinutes(r.closes)) {
      throw new RangeError(`bad working range ${r.opens}–${r.closes}`);
    }
  }
}

/** The day's working ranges in wall minutes, after exceptions; [] when the repairer does not work. */
function rangesOn(input: TSlotInput, date: string, weekday: number): { opens: number; closes: number }[] {
  if ((input.daysOff ?? []).some((d) => d.from <= date && date <= (d.to ?? d.from))) return [];
  const special = (input.dateHours ?? []).filter((d) => d.date === date);
  const ranges = special.length ? special.flatMap((d) => d.ranges) : input.hours.filter((h) => h.weekday === weekday);
  return ranges.map((r) => ({ opens: toMinutes(r.opens), closes: toMinutes(r.closes) })).sort((a, b) => a.opens - b.opens || a.closes - b.closes);
}

type TCandidate = { start: Date; end: Date };

/**
 * Everything the hours allow on one local day, before notice, horizon and busy intervals:
 * grid starts whose job fits in a range (exact), or the ranges themselves (window).
 */
function candidatesOn(input: TSlotInput, date: string, durationMinutes: number): TCandidate[] {
  const tz = input.timeZone;
  // A calendar date's weekday is the same in every zone.
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const ranges = rangesOn(input, date, weekday);
  // A range opening or closing inside a gap starts or ends where the clock jumps; one closing
  // inside a repeated hour ends at the clock's last reading of it (it is the later hour that
  // still finds the repairer at work).
  const opensAt = (m: number) => firstInstantFrom(date, m, tz);
  const closesAt = (m: number) => instantsAt(date, m, tz).at(-1) ?? firstInstantFrom(date, m, tz);
  const out: TCandidate[] = [];

  // Overlapping ranges are one stretch of work. Exact mode also joins touching ones (08–12 and
  // 12–14 let a two-hour job start at 11:00); window mode keeps them apart, as back-to-back
  // arrival windows, but must join overlapping ones: two windows starting together would be two
  // offers at one instant, and a booking inside both would count twice.
  const window = input.mode === "window";
  const merged: { opens: number; closes: number }[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && (window ? r.opens < last.closes : r.opens <= last.closes)) last.closes = Math.max(last.closes, r.closes);
    else merged.push({ ...r });
  }

  if (window) {
    for (const r of merged) {
      const start = opensAt(r.opens);
      const end = closesAt(r.closes);
      // The job must fit in the window, counted in real minutes.
      if (end.getTime() - start.getTime() >= durationMinutes * MINUTE) out.push({ start, end });
    }
    return out;
  }

  for (const r of merged) {
    const from = opensAt(r.opens).getTime();
    const until = closesAt(r.closes).getTime();
    for (let t = Math.ceil(r.opens / input.stepMinutes) * input.stepMinutes; t < r.closes; t += input.stepMinutes) {
      // None in the spring gap, two in the autumn repeated hour: each real instant once.
      for (const start of instantsAt(date, t, tz)) {
        const end = start.getTime() + durationMinutes * MINUTE;
        if (start.getTime() >= from && end <= until) out.push({ start, end: new Date(end) });
      }
    }
  }
  return out;
}

/** The last bookable local day. */
const lastDay = (input: TSlotInput, now: Date) => addDays(zoned(now, input.timeZone).date, input.horizonDays);

/** Why a slot the hours allow cannot be booked now, or how many more bookings it takes. */
function refusal(input: TSlotInput, c: TCandidate, date: string, now: Date, last: string): { reason: TSlotRefusal } | { capacityLeft: number } {
  if (date > last) return { reason: "beyond-horizon" };
  if (c.start.getTime() < now.getTime() + input.minNoticeMinutes * MINUTE) return { reason: "too-soon" };
  if (input.mode === "exact") {
    return input.busy.some((b) => overlaps(c, b, input.bufferMinutes)) ? { reason: "taken" } : { capacityLeft: 1 };
  }
  // Window mode: bookings inside the window use its capacity; anything else overlapping it
  // (a blocked afternoon, a job from before a switch of mode) closes it.
  let inside = 0;
  for (const b of input.busy) {
    if (!overlaps(c, b)) continue;
    if (b.start >= c.start && b.end <= c.end) inside++;
    else return { reason: "taken" };
  }
  const left = (input.windowCapacity ?? 1) - inside;
  return left > 0 ? { capacityLeft: left } : { reason: "taken" };
}

function offer(input: TSlotInput, c: TCandidate, capacityLeft: number): TSlotOffer {
  const display = input.displayTimeZone ?? input.timeZone;
  return {
    startsAt: c.start,
    endsAt: c.end,
    mode: input.mode,
    capacityLeft,
    repairer: { timeZone: input.timeZone, starts: wallClock(c.start, input.timeZone), ends: wallClock(c.end, input.timeZone) },
    display: { timeZone: display, starts: wallClock(c.start, display), ends: wallClock(c.end, display) },
  };
}

/** The slots residents may book now, earliest first, each real instant once. */
export function availableSlots(input: TSlotInput, now: Date): TSlotOffer[] {
  checkInput(input);
  const offers: TSlotOffer[] = [];
  let date = zoned(now, input.timeZone).date;
  const last = lastDay(input, now);
  for (let d = 0; d <= input.horizonDays; d++, date = addDays(date, 1)) {
    for (const c of candidatesOn(input, date, input.durationMinutes)) {
      const r = refusal(input, c, date, now, last);
      if ("capacityLeft" in r) offers.push(offer(input, c, r.capacityLeft));
    }
  }
  // Within a day, the repeated autumn hour yields 02:00 (first), 02:00 (second), 02:30 (first)…
  return offers.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/**
 * The booking service's re-check of a requested start (same rules as the listing: on the grid,
 * within hours and exceptions, notice, horizon, not busy). `durationMinutes` may differ from the
 * category's default (a job of several cells). Pass `busy` without the requester's own hold.
 * The reason lets the page say "this slot was just taken" rather than a generic refusal.
 */
export function slotFits(input: TSlotInput, startsAt: Date, durationMinutes: number, now: Date): TSlotCheck {
  checkInput(input);
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || durationMinutes % input.stepMinutes) return { ok: false, reason: "bad-duration" };
  // A start is always on the local day of its range (ranges end by 24:00 of their own day).
  const date = zoned(startsAt, input.timeZone).date;
  const c = candidatesOn(input, date, durationMinutes).find((x) => x.start.getTime() === startsAt.getTime());
  if (!c) return { ok: false, reason: "not-a-slot" };
  const r = refusal(input, c, date, now, lastDay(input, now));
  return "reason" in r ? { ok: false, reason: r.reason } : { ok: true, offer: offer(input, c, r.capacityLeft) };
}
