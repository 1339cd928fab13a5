import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SQLITE_BUSY_TIMEOUT_MS } from "./db";
import { createTestDb, type TTestDb } from "./test/db";

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.cleanup());

// SQLite only: the postgres project leaves out *.sqlite.test.ts (vitest.config.ts).
describe("SQLite connections", () => {
  it("keep the busy timeout and foreign keys after an interactive transaction (libsql opens a new connection then)", async () => {
    const read = async () => {
      const [timeout] = await t.db.$queryRawUnsafe<{ timeout: number | bigint }[]>("PRAGMA busy_timeout");
      const [fk] = await t.db.$queryRawUnsafe<{ foreign_keys: number | bigint }[]>("PRAGMA foreign_keys");
      return { timeout: Number(Object.values(timeout!)[0]), fk: Number(Object.values(fk!)[0]) };
    };
    expect(await read()).toEqual({ timeout: SQLITE_BUSY_TIMEOUT_MS, fk: 1 });
    await t.db.$transaction(async (tx) => {
      await tx.jobLease.create({ data: { name: "x", holder: "a", expiresAt: new Date() } });
    });
    expect(await read()).toEqual({ timeout: SQLITE_BUSY_TIMEOUT_MS, fk: 1 });
  });
});
