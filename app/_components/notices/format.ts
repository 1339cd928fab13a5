// Pure helpers for the resident's notice pages (issue 14): how a disruption window, a file
// size and the building line read, the .ics file's name (its content: ics.ts, loaded on click).
// No React, no server imports: unit-tested in format.test.ts.
/** The Intl locale a page locale formats dates with: next-intl's locale is already the formatting one ("en-GB", see i18n/locale.ts); a bare "en" reads like en-GB too. */
export const intlLocale = (locale: string) => (locale === "fr" ? "fr-FR" : locale === "en" ? "en-GB" : locale);

const dayFormat = (locale: string, timeZone: string) => new Intl.DateTimeFormat(intlLocale(locale), { weekday: "short", day: "numeric", month: "short", timeZone });
const timeFormat = (locale: string, timeZone: string) => new Intl.DateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
const calendarDay = (d: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(d);

/**
 * A disruption window in the building's wall clock: "Tue 9 Dec 08:00–12:00" within a day,
 * "Tue 9 Dec 22:00 – Wed 10 Dec 06:00" across days, "Tue 9 Dec 08:00" with no end.
 */
export function formatWindow(startsAt: Date, endsAt: Date | null, locale: string, timeZone: string): string {
  const day = dayFormat(locale, timeZone);
  const time = timeFormat(locale, timeZone);
  const start = `${day.format(startsAt)} ${time.format(startsAt)}`;
  if (!endsAt) return start;
  if (calendarDay(startsAt, timeZone) === calendarDay(endsAt, timeZone)) return `${start}–${time.format(endsAt)}`;
  return `${start} – ${day.format(endsAt)} ${time.format(endsAt)}`;
}

/** "820 KB", "1.4 MB" (French: "820 Ko", "1,4 Mo"). */
export function formatBytes(bytes: number, locale: string): string {
  const fr = locale.startsWith("fr");
  const number = (n: number, digits: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${number(bytes, 0)} ${fr ? "o" : "B"}`;
  if (bytes < 1024 * 1024) return `${number(Math.round(bytes / 1024), 0)} ${fr ? "Ko" : "KB"}`;
  return `${number(bytes / 1024 / 1024, 1)} ${fr ? "Mo" : "MB"}`;
}

export type TTargetView = { buildingId: string; buildingName: string; staircase: string };

/**
 * Who a notice addresses, one entry per building: "Les Canuts" or "Les Canuts (A, B)".
 * `staircase(name)` words one staircase list in the page's language.
 */
export function targetLines(targets: TTargetView[], staircases: (names: string) => string): string[] {
  const byBuilding = new Map<string, { name: string; stairs: string[]; isWhole: boolean }>();
  for (const t of targets) {
    const entry = byBuilding.get(t.buildingId) ?? { name: t.buildingName, stairs: [], isWhole: false };
    if (t.staircase === "") entry.isWhole = true;
    else entry.stairs.push(t.staircase);
    byBuilding.set(t.buildingId, entry);
  }
  return [...byBuilding.values()].map((b) => (b.isWhole || b.stairs.length === 0 ? b.name : `${b.name} · ${staircases(b.stairs.sort().join(", "))}`));
}

/** A file name from a title: "water-cut-tuesday.ics". */
export function icsFileName(title: string): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "notice"}.ics`;
}
