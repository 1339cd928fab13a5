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

/**
 * The locale dates, times and numbers are formatted with. Quartier is a French service, so
 * English does not mean US formats: it reads as in the deployment's region (`FORMAT_REGION`,
 * an ISO country code, default GB): "15 Dec 2026", "20:25", "€12.50". French is French
 * everywhere ("15 déc. 2026", "20:25", "12,50 €"). next-intl is configured with this locale
 * (i18n/request.ts), so every `useFormatter`/`getFormatter` call, on the server and in the
 * browser, formats the same way; the messages stay those of the UI locale.
 */
export function formatLocale(ui: TLocale, region: string | undefined = process.env.FORMAT_REGION): string {
  if (ui === "fr") return "fr";
  const r = (region ?? "").trim().toUpperCase();
  return /^[A-Z]{2}$/.test(r) ? `en-${r}` : "en-GB";
}

/** The UI locale (messages, switcher, stored preference) of a formatting locale: "en-GB" → "en". */
export function uiLocale(tag: string): TLocale {
  const lang = tag.toLowerCase().split("-")[0];
  return isLocale(lang) ? lang : "en";
}
