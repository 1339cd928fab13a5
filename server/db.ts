// The Prisma client for the configured database: SQLite through libsql by default,
// PostgreSQL when DATABASE_URL says so. Both generated clients have the same model API;
// the SQLite one's type is used for both.
import { Sqlite3Client, Sqlite3Transaction } from "@libsql/client/sqlite3";
import Database from "libsql";
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
    return new PrismaClient({ adapter: new PooledLibSQL({ url }) });
  }
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PgPrismaClient({ adapter }) as unknown as Db;
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

// libsql hands its connection to each interactive transaction and opens a fresh one for
// what follows, and never closes the one it handed over (it waits for the garbage
// collector): under load that is a new SQLite connection per transaction, thousands of open
// files, and every statement prepared again on a cold connection. Prisma's libsql adapter
// runs one transaction at a time per client (it holds a mutex from BEGIN to COMMIT), so a
// single spare connection is enough: transactions here take it, give it back when they end,
// and only open (and set up) another when it is busy. Each connection gets the busy timeout
// (so a second instance on the same file waits instead of failing) and foreign keys.
// `server/db.sqlite.test.ts` checks both.
const clientPaths = new WeakMap<object, string>();
const spares = new Map<string, InstanceType<typeof Database>[]>();
const MAX_SPARE_CONNECTIONS = 2;

class PooledLibSQL extends PrismaLibSQL {
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]) {
    const client = super.createClient(config);
    if (config.url.startsWith("file:") && !config.url.includes(":memory:")) clientPaths.set(client, config.url.slice("file:".length).split("?")[0]!);
    return client;
  }
}

function openConnection(path: string) {
  const db = new Database(path, {});
  db.prepare(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).get(); // answers with the new value
  db.prepare("PRAGMA foreign_keys = ON").run();
  return db;
}

const g0 = globalThis as { __quartierLibsqlPatched?: boolean };
if (!g0.__quartierLibsqlPatched) {
  g0.__quartierLibsqlPatched = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
  const original = Sqlite3Client.prototype.transaction;
  Sqlite3Client.prototype.transaction = async function (this: Sqlite3Client, mode = "write") {
    const path = clientPaths.get(this);
    if (!path) {
      const tx = await original.call(this, mode);
      await this.execute(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      await this.execute("PRAGMA foreign_keys = ON");
      return tx;
    }
    const pool = spares.get(path) ?? spares.set(path, []).get(path)!;
    const db = pool.pop() ?? openConnection(path);
    try {
      db.exec(mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN DEFERRED");
    } catch (e) {
      db.close();
      throw e;
    }
    const tx = new Sqlite3Transaction(db, "number");
    let isReleased = false;
    const release = () => {
      if (isReleased || db.inTransaction) return;
      isReleased = true;
      if (pool.length < MAX_SPARE_CONNECTIONS) pool.push(db);
      else db.close();
    };
    for (const name of ["commit", "rollback"] as const) {
      const fn = tx[name].bind(tx);
      tx[name] = async () => {
        try {
          await fn();
        } finally {
          release();
        }
      };
    }
    const close = tx.close.bind(tx);
    tx.close = () => {
      close();
      release();
    };
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
