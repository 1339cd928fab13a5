import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./locale";

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
