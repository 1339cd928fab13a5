import { describe, expect, it } from "vitest";
import { splitLinks } from "./message-text";

describe("splitLinks", () => {
  it("keeps plain text as text and turns web addresses into links", () => {
    expect(splitLinks("Voir https://example.org/a?b=1 et www.quartier.fr, merci")).toEqual([
      { kind: "text", text: "Voir " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: " et " },
      { kind: "link", text: "www.quartier.fr", href: "http://www.quartier.fr" },
      { kind: "text", text: ", merci" },
    ]);
  });

  it("never makes a link of script, data or other schemes, and leaves markup as text", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "<a href=\"javascript:alert(1)\">x</a>", "mailto:a@b.c", "ftp://files.example.org"]) {
      const parts = splitLinks(text);
      expect(parts.every((p) => p.kind === "text" || /^https?:\/\//.test(p.href))).toBe(true);
      expect(parts.map((p) => p.text).join("")).toBe(text);
    }
    expect(splitLinks("<img src=x onerror=alert(1)>")).toEqual([{ kind: "text", text: "<img src=x onerror=alert(1)>" }]);
  });

  it("handles empty text and text that is only a link", () => {
    expect(splitLinks("")).toEqual([]);
    expect(splitLinks("https://a.example")).toEqual([{ kind: "link", text: "https://a.example", href: "https://a.example" }]);
  });
});
