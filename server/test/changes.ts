// "Nothing changed" for generated tests, in one cheap read: triggers on every table count
// every row inserted, updated or deleted (JobLease, the scheduler's heartbeat, excepted).
// Used by server/http/fuzz.test.ts and server/http/access-matrix.test.ts.
import type { TTestDb } from "./db";

/** Installs the counter (once per test database); returns how many tables it watches. */
export async function installChangeCounter(t: TTestDb): Promise<number> {
  const tables =
    t.kind === "sqlite"
      ? (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'`)).map((r) => r.name)
      : (await t.db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT LIKE '_prisma%'`)).map((r) => r.name);
  const counted = tables.filter((name) => name !== "JobLease");
  await t.db.$executeRawUnsafe(`CREATE TABLE test_changes (t TEXT PRIMARY KEY, n INTEGER NOT NULL)`);
  if (t.kind === "postgres") {
    await t.db.$executeRawUnsafe(`CREATE FUNCTION test_changes_bump() RETURNS trigger AS $$ BEGIN UPDATE test_changes SET n = n + 1 WHERE t = TG_TABLE_NAME; RETURN NULL; END $$ LANGUAGE plpgsql`);
  }
  for (const table of counted) {
    await t.db.$executeRawUnsafe(`INSERT INTO test_changes (t, n) VALUES ('${table}', 0)`);
    for (const op of ["INSERT", "UPDATE", "DELETE"]) {
      await t.db.$executeRawUnsafe(
        t.kind === "sqlite"
          ? `CREATE TRIGGER "test_changes_${table}_${op}" AFTER ${op} ON "${table}" BEGIN UPDATE test_changes SET n = n + 1 WHERE t = '${table}'; END`
          : `CREATE TRIGGER "test_changes_${table}_${op}" AFTER ${op} ON "${table}" FOR EACH ROW EXECUTE FUNCTION test_changes_bump()`,
      );
    }
  }
  return counted.length;
}

/** Rows written since the counter was installed, by table. */
export async function changesByTable(t: TTestDb): Promise<Record<string, number>> {
  const rows = await t.db.$queryRawUnsafe<{ t: string; n: number | bigint }[]>(`SELECT t, n FROM test_changes`);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** Rows written since the counter was installed. */
export async function changes(t: TTestDb): Promise<number> {
  const rows = await t.db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT SUM(n) AS n FROM test_changes`);
  return Number(rows[0]?.n ?? 0);
}

/** The tables written between two `changesByTable` readings (empty: nothing changed). */
export function written(before: Record<string, number>, after: Record<string, number>, except: string[] = []): string[] {
  return Object.keys(after).filter((table) => after[table] !== before[table] && !except.includes(table));
}
