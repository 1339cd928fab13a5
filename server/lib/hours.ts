// Opening hours and delivery slots in a place's own time zone: shops today, parking places
// and repairers next. Weekdays are ISO (1 = Monday); times are "HH:MM" wall-clock times.
import { instantAt, nextDay, toMinutes, zoned } from "./zoned";

export type THours = { weekday: number; opens: string; closes: string };

/** Open now? If not, the next opening within a week. */
export function openState(hours: THours[], timeZone: string, now = new Date()) {
  const here = zoned(now, timeZone);
  const isOpen = hours.some((h) => h.weekday === here.weekday && toMinutes(h.opens) <= here.minutes && here.minutes < toMinutes(h.closes));
  if (isOpen || hours.length === 0) return { isOpen, nextOpening: null };
  let date = here.date;
  for (let d = 0; d < 8; d++) {
    const weekday = ((here.weekday - 1 + d) % 7) + 1;
    const todays = hours.filter((h) => h.weekday === weekday && (d > 0 || toMinutes(h.opens) > here.minutes)).sort((a, b) => a.opens.localeCompare(b.opens));
    if (todays.length) return { isOpen, nextOpening: instantAt(date, todays[0]!.opens, timeZone) };
    date = nextDay(date);
  }
  return { isOpen, nextOpening: null };
}

export type TSlot = { windowId: string; date: string; starts: string; ends: string; cutoffAt: Date };

/** Delivery slots still open for ordering: today's and the next two days' windows before their cut-off. */
export function upcomingSlots(
  windows: { id: string; starts: string; ends: string; cutoffMinutes: number; isActive: boolean }[],
  timeZone: string,
  now = new Date(),
  hours: THours[] = [],
): TSlot[] {
  const slots: TSlot[] = [];
  const here = zoned(now, timeZone);
  let date = here.date;
  // The next three days the shop works (days without opening hours are skipped when hours are set).
  for (let d = 0, days = 0; d < 8 && days < 3; d++) {
    const weekday = ((here.weekday - 1 + d) % 7) + 1;
    if (hours.length && !hours.some((h) => h.weekday === weekday)) {
      date = nextDay(date);
      continue;
    }
    days++;
    for (const w of windows.filter((x) => x.isActive).sort((a, b) => a.starts.localeCompare(b.starts))) {
      const cutoffAt = new Date(instantAt(date, w.starts, timeZone).getTime() - w.cutoffMinutes * 60_000);
      if (cutoffAt > now) slots.push({ windowId: w.id, date, starts: w.starts, ends: w.ends, cutoffAt });
    }
    date = nextDay(date);
  }
  return slots;
}
