import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, tileSource } from "./csp";

describe("the pages' Content-Security-Policy", () => {
  it("allows the map tiles' origin only, with subdomain placeholders as a wildcard", () => {
    expect(tileSource("https://tile.openstreetmap.org/{z}/{x}/{y}.png")).toBe("https://tile.openstreetmap.org");
    expect(tileSource("https://{s}.tile.example.net:8443/{z}/{x}/{y}.png")).toBe("https://*.tile.example.net:8443");
    expect(tileSource("none")).toBeNull();
  });

  it("runs scripts by nonce only, frames nowhere, and says unsafe-eval only in development", () => {
    const prod = contentSecurityPolicy("abc", { mapTileUrl: "https://tiles.example/{z}/{x}/{y}.png", publicUrl: undefined, isDev: false });
    expect(prod).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic';");
    expect(prod).toContain("img-src 'self' data: blob: https://tiles.example;");
    expect(prod).toContain("frame-ancestors 'none'");
    expect(prod).toContain("object-src 'none'");
    expect(prod).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy("abc", { mapTileUrl: "none", publicUrl: undefined, isDev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("abc", { mapTileUrl: "none", publicUrl: undefined, isDev: false })).toContain("img-src 'self' data: blob:;");
  });
});
