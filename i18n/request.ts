import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { formatLocale, LOCALE_COOKIE, negotiateLocale } from "./locale";

export default getRequestConfig(async () => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const ui = negotiateLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  return {
    // next-intl's locale is the formatting one ("en-GB"); the browser receives it through
    // NextIntlClientProvider, so server and client render the same text. `uiLocale()` gives back "en".
    locale: formatLocale(ui),
    messages: ((await import(`../messages/${ui}.json`)) as { default: Record<string, unknown> }).default,
    timeZone: "Europe/Paris",
  };
});
