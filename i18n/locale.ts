// Which language to speak: the NEXT_LOCALE cookie (set by the switcher) first, then the
// browser's Accept-Language (French for fr browsers), then English.
export const LOCALES = ["fr", "en"] as const;
export type TLocale = (typeof LOCALES)[number];
export const LOCALE_COOKIE = "NEXT_LOCALE";

export const isLocale = (v: unknown): v is TLocale => v === "fr" || v === "en";

export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): TLocale {
  if (isLocale(cookieValue)) return cookieValue;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.lang).find(isLocale) ?? "en";
}
