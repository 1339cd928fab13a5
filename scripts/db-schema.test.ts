import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DERIVED, SOURCE, derivePg } from "./db-schema";

describe("derived PostgreSQL schema", () => {
  it("switches provider and output and keeps every model identical", () => {
    const source = readFileSync(SOURCE, "utf8");
    const pg = derivePg(source);
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).toContain('"../../generated/prisma-pg"');
    const models = (s: string) => s.slice(s.indexOf("// ─── Accounts"));
    expect(models(pg)).toBe(models(source));
  });

  it("is committed up to date", () => {
    expect(readFileSync(DERIVED, "utf8")).toBe(derivePg(readFileSync(SOURCE, "utf8")));
  });
});
