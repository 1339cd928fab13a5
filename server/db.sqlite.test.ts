import { readdirSync } from "node:fs";
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

  it("run transactions on connections with the same settings, reused rather than opened each time", async () => {
    const inside = await t.db.$transaction(async (tx) => {
      const [timeout] = await tx.$queryRawUnsafe<Record<string, number | bigint>[]>("PRAGMA busy_timeout");
      const [fk] = await tx.$queryRawUnsafe<Record<string, number | bigint>[]>("PRAGMA foreign_keys");
      return { timeout: Number(Object.values(timeout!)[0]), fk: Number(Object.values(fk!)[0]) };
    });
    expect(inside).toEqual({ timeout: SQLITE_BUSY_TIMEOUT_MS, fk: 1 });
    // Without reuse, each transaction left a connection (3 open files with WAL) behind until
    // the garbage collector got to it.
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    for (let i = 0; i < 300; i++) {
      await t.db.$transaction(async (tx) => {
        await tx.jobLease.upsert({ where: { name: "y" }, create: { name: "y", holder: "a", expiresAt: new Date() }, update: { holder: String(i) } });
      });
    }
    await Promise.all(Array.from({ length: 20 }, (_, i) => t.db.$transaction(async (tx) => tx.jobLease.update({ where: { name: "y" }, data: { holder: `p${i}` } }))));
    expect(openFiles() - before).toBeLessThan(12);
    // A transaction that fails rolls back and leaves the connection usable.
    await expect(t.db.$transaction(async (tx) => {
      await tx.jobLease.update({ where: { name: "y" }, data: { holder: "rolled back" } });
      throw new Error("boom");
    })).rejects.toThrow("boom");
    expect((await t.db.jobLease.findUniqueOrThrow({ where: { name: "y" } })).holder).not.toBe("rolled back");
  });
});
