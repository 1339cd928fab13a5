// Wall-clock time in a time zone, with nothing but Intl: what a shop's "open 08:00–19:30"
// or "deliver 18:00–20:00, order until 16:00" means as an instant, and back.
const fmt = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string) {
  let f = fmt.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short" });
    fmt.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export type TZoned = { date: string; weekday: number; minutes: number };

/** The local calendar day ("YYYY-MM-DD"), ISO weekday (1 = Monday) and minutes since midnight. */
export function zoned(instant: Date, timeZone: string): TZoned {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday!]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

export const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The instant at which it is `hhmm` on local day `date` in `timeZone`. */
export function instantAt(date: string, hhmm: string, timeZone: string): Date {
  const guess = new Date(`${date}T${hhmm}:00Z`);
  // The zone's offset at that moment: how far its wall clock is from UTC's.
  const local = zoned(guess, timeZone);
  const localAsUtc = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
  const offset = localAsUtc - guess.getTime();
  const result = new Date(guess.getTime() - offset);
  // Across a DST change the offset at the result can differ; one correction settles it.
  const check = zoned(result, timeZone);
  const checkAsUtc = Date.parse(`${check.date}T00:00:00Z`) + check.minutes * 60_000;
  const drift = checkAsUtc - (Date.parse(`${date}T00:00:00Z`) + toMinutes(hhmm) * 60_000);
  return drift === 0 ? result : new Date(result.getTime() - drift);
}

/** The local day after `date`. */
export const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// --- Both directions at once, fast, for slot engines (repairs) that must be exact on DST days ---

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The wall clock at `instant` in `timeZone`, written as if it were a UTC instant (ms), by Intl. Seconds are dropped. */
const wallByIntl = (instant: number, timeZone: string) => {
  const z = zoned(new Date(instant), timeZone);
  return Date.parse(`${z.date}T00:00:00Z`) + z.minutes * MINUTE;
};

// Intl costs microseconds a call and a slot listing asks thousands of times, mostly about the
// same few offsets. No zone changes its offset twice within an hour, so an hour whose first and
// last minutes have the same offset keeps it for all of its minutes: ask Intl twice per zone
// and hour. An hour with a change in it is answered minute by minute (changes are not always
// on the hour or quarter-hour: St. John's and Goose Bay changed at 00:01 local until 2011,
// Casey in 2022). Bounded: each zone's memo is dropped past 100,000 hours (about 11 years).
const HOUR = 60 * MINUTE;
const offsetMemo = new Map<string, Map<number, number | null>>();
const intlOffset = (minuteStart: number, timeZone: string) => (wallByIntl(minuteStart, timeZone) - minuteStart) / MINUTE;

/** How far the zone's wall clock is ahead of UTC at `instant`, in minutes (Paris: 60 in winter, 120 in summer). */
export function utcOffsetMinutes(instant: Date, timeZone: string): number {
  let memo = offsetMemo.get(timeZone);
  if (!memo) offsetMemo.set(timeZone, (memo = new Map<number, number | null>()));
  const hour = Math.floor(instant.getTime() / HOUR);
  let offset = memo.get(hour);
  if (offset === undefined) {
    if (memo.size >= 100_000) memo.clear();
    const first = intlOffset(hour * HOUR, timeZone);
    offset = first === intlOffset((hour + 1) * HOUR - MINUTE, timeZone) ? first : null;
    memo.set(hour, offset);
  }
  return offset ?? intlOffset(Math.floor(instant.getTime() / MINUTE) * MINUTE, timeZone);
}

const wallOf = (instant: number, timeZone: string) => Math.floor(instant / MINUTE) * MINUTE + utcOffsetMinutes(new Date(instant), timeZone) * MINUTE;

/** zoned(), worked out from the memoised offset: the same answer without Intl on every call. */
export function zonedFast(instant: Date, timeZone: string): TZoned {
  const wall = new Date(wallOf(instant.getTime(), timeZone));
  return { date: wall.toISOString().slice(0, 10), weekday: ((wall.getUTCDay() + 6) % 7) + 1, minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes() };
}

/** `date` plus `days` calendar days ("YYYY-MM-DD"; days may be negative). */
export const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Every instant at which the wall clock reads `minutes` (since midnight; 1440 = the next
 * midnight) on local day `date`, earliest first: usually one, none inside a spring-forward gap,
 * two inside an autumn repeated hour. Unlike instantAt(), which must pick one answer, this says
 * which case it is.
 */
export function instantsAt(date: string, minutes: number, timeZone: string): Date[] {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const wall = midnight + minutes * MINUTE;
  // Every instant whose wall clock reads a time of `date` lies between these two (offsets stay
  // within ±14 h), and no zone changes its offset twice within three days (none did from 1995
  // to 2038 in the tz data Node ships; checked once by a scan), so the offset in
  // force at that wall time is one of theirs. The same two for a whole date keep it cheap; when
  // they agree nothing changed and the answer needs no check.
  const before = utcOffsetMinutes(new Date(midnight - DAY), timeZone);
  const after = utcOffsetMinutes(new Date(midnight + 2 * DAY), timeZone);
  if (before === after) return [new Date(wall - before * MINUTE)];
  return [before, after]
    .map((o) => wall - o * MINUTE)
    .filter((t) => wallOf(t, timeZone) === wall)
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

/**
 * The first instant at which the wall clock on `date` reads `minutes` or later: the time
 * itself (its first occurrence when it happens twice), or, when it falls in a spring-forward
 * gap, the instant the clock jumps over it (Paris 2026-03-29 02:30 → 01:00Z, shown as 03:00).
 */
export function firstInstantFrom(date: string, minutes: number, timeZone: string): Date {
  const exact = instantsAt(date, minutes, timeZone);
  if (exact.length) return exact[0]!;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  const wall = midnight + minutes * MINUTE;
  const before = utcOffsetMinutes(new Date(midnight - DAY), timeZone);
  const after = utcOffsetMinutes(new Date(midnight + 2 * DAY), timeZone);
  // In the gap the clock reads earlier than `wall` at `wall - after` and later at `wall - before`;
  // the jump lies between them: find it to the minute.
  let lo = wall - Math.max(before, after) * MINUTE;
  let hi = wall - Math.min(before, after) * MINUTE;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / (2 * MINUTE)) * MINUTE;
    if (wallOf(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}
