"use client";
// Pieces of a building notice shared by the list, the notice page, the printable version and
// the banner (issue 14): its category with an icon, its disruption window, who it addresses,
// dates in the building's wall clock, and its body, which is HTML already sanitised by the
// server (server/notices/markdown.ts) and is never put anywhere but the .prose container.
import { useLocale, useTimeZone, useTranslations } from "next-intl";
import type { TNoticeCategory } from "~/server/notices/schema";
import { formatWindow, intlLocale, targetLines, type TTargetView } from "./format";
import "./notices.css";

const CATEGORY_PATHS: Record<TNoticeCategory, string> = {
  works: "M3 21h18M6 21V11l6-4 6 4v10M9 21v-5h6v5M12 3v4",
  water: "M12 3s6 6.5 6 11a6 6 0 0 1-12 0c0-4.5 6-11 6-11z",
  power: "M13 2 4 14h7l-1 8 9-12h-7z",
  heating: "M8 3c-1.5 2 1.5 3.5 0 5.5M12 3c-1.5 2 1.5 3.5 0 5.5M16 3c-1.5 2 1.5 3.5 0 5.5M4 12h16v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2z",
  lift: "M5 3h14v18H5zM12 3v18M8.5 9 7.5 10.5h2zM15.5 10.5l1-1.5h-2zM8.5 8v0M15.5 11v0",
  event: "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
  security: "M12 3 4 6v6c0 4.5 3.4 8.3 8 9 4.6-.7 8-4.5 8-9V6z",
  general: "M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM12 11v5M12 8h.01",
};

export function CategoryIcon({ category, size = 20 }: { category: TNoticeCategory; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="notice-cat-icon">
      <path d={CATEGORY_PATHS[category] ?? CATEGORY_PATHS.general} />
    </svg>
  );
}

export function CategoryLabel({ category }: { category: TNoticeCategory }) {
  const t = useTranslations("notices");
  return (
    <span className={`notice-cat cat-${category}`} data-testid="notice-category">
      <CategoryIcon category={category} />
      {t(`category.${category}`)}
    </span>
  );
}

/** Dates in the app's zone (the buildings' wall clock), as the lists read them: "Sun 7 Dec 08:12". */
export function useNoticeDates() {
  const locale = useLocale();
  const timeZone = useTimeZone() ?? "Europe/Paris";
  return {
    stamp: (d: Date) =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        weekday: "short",
        day: "numeric",
        month: "short",
        ...(d.getFullYear() !== new Date().getFullYear() ? { year: "numeric" } : {}),
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZone,
      }).format(d),
    day: (d: Date) => new Intl.DateTimeFormat(intlLocale(locale), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }).format(d),
    window: (start: Date, end: Date | null) => formatWindow(start, end, locale, timeZone),
  };
}

/** "Water cut Tue 9 Dec 08:00–12:00". */
export function WindowText({ category, startsAt, endsAt }: { category: TNoticeCategory; startsAt: Date; endsAt: Date | null }) {
  const t = useTranslations("notices");
  const dates = useNoticeDates();
  const text = t(`window.${category}`, { when: dates.window(startsAt, endsAt) });
  // "08:00–12:00" stays on one line on a phone.
  const range = /\d{2}:\d{2}–\d{2}:\d{2}/.exec(text);
  if (!range) return <>{text}</>;
  return (
    <>
      {text.slice(0, range.index)}
      <span className="nowrap">{range[0]}</span>
      {text.slice(range.index + range[0].length)}
    </>
  );
}

/** Who the notice addresses, one line per building ("Les Canuts · staircase A"). */
export function useTargetLines() {
  const t = useTranslations("notices");
  return (targets: TTargetView[]) => targetLines(targets, (names) => t("staircases", { names, count: names.split(", ").length }));
}

/** The sanitised body: HTML made by the server's renderer and sanitiser, in a styled container. */
export function NoticeBody({ html, className }: { html: string; className?: string }) {
  // bodyHtml is sanitised on the server (markdown-it without raw HTML + sanitize-html allow-list).
  return <div className={`prose ${className ?? ""}`} data-testid="notice-body" dangerouslySetInnerHTML={{ __html: html }} />;
}
