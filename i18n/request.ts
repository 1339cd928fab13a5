import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale } from "./locale";

export default getRequestConfig(async () => {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  return {
    locale,
    messages: ((await import(`../messages/${locale}.json`)) as { default: Record<string, unknown> }).default,
    timeZone: "Europe/Paris",
  };
});
