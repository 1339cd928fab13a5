// The Prisma client for the configured database: SQLite through libsql by default,
// PostgreSQL when DATABASE_URL says so. Both generated clients have the same model API;
// the SQLite one's type is used for both.
import { Sqlite3Client } from "@libsql/client/sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client";
import { env } from "../env";

export type Db = PrismaClient;
/** The client or an interactive transaction on it: what repositories take first. */
export type DbTx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(url: string): Db {
  if (url.startsWith("file:")) {
    return new PrismaClient({ adapter: new PrismaLibSQL({ url }) });
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PgPrismaClient({ adapter }) as unknown as Db;
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

// libsql hands its connection to each interactive transaction and opens a fresh one for what
// follows; a fresh connection has SQLite's default busy timeout of 0, so a second instance
// writing the same file would fail at once with "database is locked" instead of waiting.
// Every connection opened that way gets the timeout here (PRAGMAs are per connection).
const g0 = globalThis as { __quartierLibsqlPatched?: boolean };
if (!g0.__quartierLibsqlPatched) {
  g0.__quartierLibsqlPatched = true;
  const original = Sqlite3Client.prototype.transaction;
  Sqlite3Client.prototype.transaction = async function (this: Sqlite3Client, mode) {
    const tx = await original.call(this, mode);
    await this.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await this.execute("PRAGMA foreign_keys = ON");
    return tx;
  };
}

/** SQLite needs WAL and a busy timeout so that several writers (or instances) wait, not fail. */
export async function prepareDb(db: Db, url: string) {
  if (!url.startsWith("file:")) return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
}

// One client per process: the custom server and Next's server bundle load this module
// separately, so the instance lives on globalThis.
const g = globalThis as { __quartierDb?: Db };
export function getDb(): Db {
  return (g.__quartierDb ??= createDb(env().databaseUrl));
}
