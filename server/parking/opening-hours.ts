// OSM `opening_hours` strings ("Mo-Fr 08:00-20:00; Sa 09:00-12:00", "24/7") as the weekly
// rows places keep (weekday 1–7, "HH:MM" opens/closes, "24:00" for the end of a day), read
// with the `opening_hours` package (LGPL-3.0). Only a plain weekly schedule is accepted:
// public holidays, months, dates, sunrise or "unknown"/"by appointment" parts are refused
// with a reason, since the map could not show them truthfully.
import OpeningHours from "opening_hours";

export type TWeeklyHours = { alwaysOpen: boolean; hours: { weekday: number; opens: string; closes: string }[] };
/** Why a string is refused: not understood (with the package's words), not the same every week, or partly unknown. */
export type THoursError = { error: "hoursInvalid" | "hoursNotWeekly" | "hoursUnknown"; detail?: string };

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The weekly rows of an OSM string, or the reason it cannot be one. */
export function weeklyHours(value: string): TWeeklyHours | THoursError {
  let oh: OpeningHours;
  try {
    oh = new OpeningHours(value.trim(), null, { mode: 0, tag_key: "opening_hours", map_value: false, warnings_severity: 4, locale: "en" });
  } catch (e) {
    return { error: "hoursInvalid", detail: String(e instanceof Error ? e.message : e).replace(/\s+/g, " ").slice(0, 160) };
  }
  if (!oh.isWeekStable()) return { error: "hoursNotWeekly" };
  // A reference week in the process's local time (the package reads local wall-clock
  // time): a Monday in January, far from any daylight-saving change in Europe.
  const from = new Date(2024, 0, 8);
  const to = new Date(2024, 0, 15);
  const intervals = oh.getOpenIntervals(from, to);
  if (intervals.some(([, , isUnknown]) => isUnknown)) return { error: "hoursUnknown" };
  if (intervals.length === 1 && intervals[0]![0].getTime() === from.getTime() && intervals[0]![1].getTime() === to.getTime()) return { alwaysOpen: true, hours: [] };
  const hours: TWeeklyHours["hours"] = [];
  // An interval across midnight becomes two rows, the evening's (…–24:00) and the next
  // morning's (00:00–…), as shops and the demo places keep them; the week wraps round.
  for (const [start, end] of intervals) {
    for (let day = new Date(start.getFullYear(), start.getMonth(), start.getDate()); day < end; day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) {
      const dayEnd = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1);
      const a = start > day ? start : day;
      const b = end < dayEnd ? end : dayEnd;
      if (b <= a) continue;
      const opens = a.getHours() * 60 + a.getMinutes();
      const closes = b.getTime() === dayEnd.getTime() ? 24 * 60 : b.getHours() * 60 + b.getMinutes();
      hours.push({ weekday: ((day.getDay() + 6) % 7) + 1, opens: hhmm(opens), closes: hhmm(closes) });
    }
  }
  // Sorted, for a stable comparison with what is stored.
  hours.sort((x, y) => x.weekday - y.weekday || x.opens.localeCompare(y.opens));
  return { alwaysOpen: false, hours };
}
