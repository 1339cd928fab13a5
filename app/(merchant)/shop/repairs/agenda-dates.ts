// Calendar days and wall-clock times in the repairer's time zone, for the agenda and the
// requests list (days are "YYYY-MM-DD" strings, as the agenda procedure takes them).

/** The calendar day of `at` in `timeZone`. */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(at);
}

/** Minutes since local midnight of `at` in `timeZone` (wall clock). */
export function minutesIn(at: Date, timeZone: string): number {
  const [h, m] = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at).split(":");
  return Number(h) * 60 + Number(m);
}

/** "09:30" of `at` in `timeZone`. */
export function timeIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function weekdayOf(day: string): number {
  return ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

export function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** A day as a Date at noon UTC, for formatting with timeZone "UTC". */
export const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** The status colour class of a booking (shared by the requests, the agenda and the booking page). */
export function statusClass(status: string) {
  return `status-${status.replace("_", "-")}`;
}

/** The instant at which the wall clock in `timeZone` reads `day` `time` (the later reading in a repeated hour is not offered). */
export function instantOf(day: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  const offsetAt = (at: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat("en-GB", { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone })
        .formatToParts(new Date(at))
        .map((x) => [x.type, x.value]),
    );
    return Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`) - at;
  };
  let at = wall - offsetAt(wall);
  at = wall - offsetAt(at);
  return new Date(at);
}
