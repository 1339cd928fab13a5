import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

describe("configuration", () => {
  it("needs no variable at all", () => {
    const e = parseEnv({});
    expect(e).toMatchObject({ PORT: 3000, DATA_DIR: "data", SEED_DEMO: true, CURRENCY: "EUR", TRUST_PROXY: false });
    expect(e.DATABASE_URL).toBeUndefined();
  });

  it("treats empty variables as unset", () => {
    expect(parseEnv({ PORT: "", REDIS_URL: "" })).toMatchObject({ PORT: 3000, REDIS_URL: undefined });
  });

  it.each([
    [{ PORT: "eighty" }, /^Configuration error: PORT .* \(got "eighty"\)$/],
    [{ PORT: "70000" }, /^Configuration error: PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^Configuration error: DATABASE_URL must be file:<path> \(SQLite\) or postgres:\/\/… \(PostgreSQL\) \(got "mysql:\/\/x"\)$/],
    [{ REDIS_URL: "localhost:6379" }, /^Configuration error: REDIS_URL must start with redis:\/\//],
    [{ AUTH_SECRET: "short" }, /^Configuration error: AUTH_SECRET must be at least 32 characters/],
    [{ SEED_DEMO: "maybe" }, /^Configuration error: SEED_DEMO must be true or false/],
    [{ CURRENCY: "euro" }, /^Configuration error: CURRENCY must be an ISO 4217 code/],
  ])("stops on %o with one line naming the variable", (source, message) => {
    let error: unknown;
    try {
      parseEnv(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  it("accepts SQLite and PostgreSQL URLs", () => {
    expect(parseEnv({ DATABASE_URL: "file:/tmp/q.db" }).DATABASE_URL).toBe("file:/tmp/q.db");
    expect(parseEnv({ DATABASE_URL: "postgresql://u@h:5432/d" }).DATABASE_URL).toBe("postgresql://u@h:5432/d");
  });
});
