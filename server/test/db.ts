// A fresh database per test file, built from the committed migrations: SQLite in a temp
// file, or (TEST_DB=postgres) a uniquely named database on TEST_DATABASE_URL's server.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { migrationNames } from "../../scripts/db-schema";
import { createDb, prepareDb, type Db } from "../db";

const root = path.resolve(import.meta.dirname, "../..");

function migrationSql(dir: string): string[] {
  return migrationNames(dir).map((m) => readFileSync(path.join(dir, m, "migration.sql"), "utf8"));
}

export type TTestDb = { db: Db; url: string; kind: "sqlite" | "postgres"; cleanup: () => Promise<void> };

export async function createTestDb(): Promise<TTestDb> {
  if (process.env.TEST_DB === "postgres") {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
    const name = `quartier_t_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const conn = new pg.Client({ connectionString: url.toString() });
    await conn.connect();
    for (const sql of migrationSql(path.join(root, "prisma/pg/migrations"))) await conn.query(sql);
    await conn.end();
    const db = createDb(url.toString());
    return {
      db,
      url: url.toString(),
      kind: "postgres",
      cleanup: async () => {
        await db.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "quartier-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  const client = createClient({ url });
  for (const sql of migrationSql(path.join(root, "prisma/migrations"))) await client.executeMultiple(sql);
  client.close();
  const db = createDb(url);
  await prepareDb(db, url);
  return {
    db,
    url,
    kind: "sqlite",
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
