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
