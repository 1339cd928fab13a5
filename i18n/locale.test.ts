import { describe, expect, it } from "vitest";
import { formatLocale, negotiateLocale, uiLocale } from "./locale";

describe("negotiateLocale", () => {
  it("prefers the switcher's cookie", () => {
    expect(negotiateLocale("en", "fr-FR,fr;q=0.9")).toBe("en");
  });
  it("speaks French to French browsers, by preference order", () => {
    expect(negotiateLocale(undefined, "fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale(undefined, "de-DE,en;q=0.5,fr;q=0.7")).toBe("fr");
    expect(negotiateLocale(undefined, "fr-CA")).toBe("fr");
  });
  it("falls back to English", () => {
    expect(negotiateLocale(undefined, "de-DE,de")).toBe("en");
    expect(negotiateLocale(undefined, undefined)).toBe("en");
    expect(negotiateLocale("xx", "")).toBe("en");
    expect(negotiateLocale(undefined, "fr;q=0")).toBe("en");
  });
});

describe("formatLocale", () => {
  const at = new Date("2026-12-15T19:25:00Z");
  const show = (locale: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" }).format(at);
  const money = (locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(12.5);

  it("formats English as en-GB by default: day first, 24-hour clock, €12.50", () => {
    expect(formatLocale("en", undefined)).toBe("en-GB");
    expect(show(formatLocale("en", undefined))).toBe("15 Dec 2026, 20:25");
    expect(money(formatLocale("en", undefined))).toBe("€12.50");
  });
  it("keeps French French", () => {
    expect(formatLocale("fr", "GB")).toBe("fr");
    expect(show(formatLocale("fr", undefined)).replace(/\u202f|\u00a0/g, " ")).toBe("15 déc. 2026, 20:25");
    expect(money(formatLocale("fr", undefined)).replace(/\u202f|\u00a0/g, " ")).toBe("12,50 €");
  });
  it("follows the deployment's region, ignoring a malformed one", () => {
    expect(formatLocale("en", "ie")).toBe("en-IE");
    expect(formatLocale("en", "US")).toBe("en-US");
    expect(formatLocale("en", "")).toBe("en-GB");
    expect(formatLocale("en", "Great Britain")).toBe("en-GB");
  });
  it("gives back the UI locale of a formatting locale", () => {
    expect(uiLocale("en-GB")).toBe("en");
    expect(uiLocale("en")).toBe("en");
    expect(uiLocale("fr")).toBe("fr");
    expect(uiLocale("de-DE")).toBe("en");
  });
});
