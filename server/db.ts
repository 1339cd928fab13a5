// The Prisma client for the configured database: SQLite through libsql by default,
// PostgreSQL when DATABASE_URL says so. Both generated clients have the same model API;
// the SQLite one's type is used for both.
import { Sqlite3Client, Sqlite3Transaction } from "@libsql/client/sqlite3";
import Database from "libsql";
import pg from "pg";
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
    const adapter = new PooledLibSQL({ url });
    const db = new PrismaClient({ adapter });
    drivers.set(db, sqliteDriver(db, adapter));
    return db;
  }
  // The pool is ours, so that the ledger's batched writes (sqlOf) use the same connections.
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db;
  drivers.set(db, pgDriver(pool));
  return db;
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

// The connection of the transaction each client has open (one at a time: Prisma's mutex).
const openTransactions = new WeakMap<object, InstanceType<typeof Database>>();

class PooledLibSQL extends PrismaLibSQL {
  client: object | null = null;
  path: string | null = null;
  override createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]) {
    const client = super.createClient(config);
    if (config.url.startsWith("file:") && !config.url.includes(":memory:")) {
      this.path = config.url.slice("file:".length).split("?")[0]!;
      clientPaths.set(client, this.path);
    }
    this.client = client;
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
    openTransactions.set(this, db);
    let isReleased = false;
    const release = () => {
      if (isReleased || db.inTransaction) return;
      isReleased = true;
      if (openTransactions.get(this) === db) openTransactions.delete(this);
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

// ─── The driver under the client ───────────────────────────────────────────
// Prisma costs about a millisecond of CPU per statement (its query compiler and
// interpreter), more than the database itself takes for a small indexed write. The one
// path where that decides throughput, the ledger's batched payments (server/ledger/batch.ts),
// runs plain SQL on the driver instead: the same connections (PostgreSQL: the pool the
// adapter uses; SQLite: the connection of a Prisma transaction, so Prisma's one-at-a-time
// lock still holds), statements prepared once per text, `?` placeholders on both.

/** Plain SQL on the driver: `?` placeholders, rows as objects, Dates stored as Prisma stores them. */
export type TSql = {
  kind: "sqlite" | "postgres";
  /** Rows of a read (outside any transaction). */
  all<T>(sql: string, args: unknown[]): Promise<T[]>;
  /** Runs `fn` in one write transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(fn: (q: TSqlTx) => Promise<T>): Promise<T>;
};
export type TSqlTx = {
  /** The number of rows a write changed. */
  run(sql: string, args: unknown[]): Promise<number>;
  all<T>(sql: string, args: unknown[]): Promise<T[]>;
};

// On globalThis like the client itself (see getDb): Next's server bundle loads its own copy of
// this module, and a server component's in-process call (app/_lib/prefetch.tsx) must find the
// driver of the client that the tsx-loaded server created.
const gd = globalThis as { __quartierDrivers?: WeakMap<object, TSql> };
const drivers = (gd.__quartierDrivers ??= new WeakMap<object, TSql>());

/** The driver of a client made by createDb(). */
export function sqlOf(db: Db): TSql {
  const driver = drivers.get(db);
  if (!driver) throw new Error("sqlOf: not a client made by createDb()");
  return driver;
}

function sqliteDriver(db: Db, adapter: PooledLibSQL): TSql {
  type TStatement = ReturnType<InstanceType<typeof Database>["prepare"]>;
  const prepared = new WeakMap<object, Map<string, TStatement>>();
  const prepare = (conn: InstanceType<typeof Database>, sql: string) => {
    let cache = prepared.get(conn);
    if (!cache) prepared.set(conn, (cache = new Map<string, TStatement>()));
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size > 500) cache.clear();
      cache.set(sql, (stmt = conn.prepare(sql)));
    }
    return stmt;
  };
  const toSqlite = (args: unknown[]) => args.map((a) => (a instanceof Date ? a.toISOString().replace("Z", "+00:00") : a));
  let reader: InstanceType<typeof Database> | null = null;
  const on = (conn: InstanceType<typeof Database>): TSqlTx => ({
    run: (sql, args) => Promise.resolve(prepare(conn, sql).run(toSqlite(args)).changes),
    all: <T>(sql: string, args: unknown[]) => Promise.resolve(prepare(conn, sql).all(toSqlite(args)) as T[]),
  });
  return {
    kind: "sqlite",
    all: <T>(sql: string, args: unknown[]) => {
      // Reads use a connection of their own: in WAL mode they see the last commit and
      // neither wait for nor hold up a writer.
      if (!adapter.path) return db.$queryRawUnsafe<T[]>(sql, ...toSqlite(args));
      reader ??= openConnection(adapter.path);
      return on(reader).all<T>(sql, args);
    },
    transaction: (fn) =>
      db.$transaction(
        async () => {
          const conn = adapter.client && openTransactions.get(adapter.client);
          if (!conn) throw new Error("sqlOf: no open SQLite transaction");
          return fn(on(conn));
        },
        { timeout: 15_000, maxWait: 15_000 },
      ),
  };
}

function pgDriver(pool: pg.Pool): TSql {
  const texts = new Map<string, string>();
  const text = (sql: string) => {
    let t = texts.get(sql);
    if (!t) {
      let n = 0;
      t = sql.replace(/\?/g, () => `$${++n}`);
      if (texts.size > 500) texts.clear();
      texts.set(sql, t);
    }
    return t;
  };
  // timestamp(3) without time zone: an ISO string's zone is ignored, and it is UTC.
  const toPg = (args: unknown[]) => args.map((a) => (a instanceof Date ? a.toISOString() : a));
  const on = (client: pg.Pool | pg.PoolClient): TSqlTx => ({
    run: async (sql, args) => (await client.query(text(sql), toPg(args))).rowCount ?? 0,
    all: async <T>(sql: string, args: unknown[]) => (await client.query(text(sql), toPg(args))).rows as T[],
  });
  return {
    kind: "postgres",
    all: (sql, args) => on(pool).all(sql, args),
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(on(client));
        await client.query("COMMIT");
        client.release();
        return result;
      } catch (e) {
        await client.query("ROLLBACK").then(
          () => client.release(),
          (err: Error) => client.release(err),
        );
        throw e;
      }
    },
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
