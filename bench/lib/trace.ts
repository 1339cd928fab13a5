// Where a workload's time goes in the database layer, for the benchmarks: every statement
// the drivers run (libsql for SQLite, pg for PostgreSQL) is timed and attributed to its
// connection, so that a run can report statements per operation, how long transactions
// stay open (and how much of that is spent outside the database, in JavaScript), and how
// long a given row's lock is held (from the statement that takes it to COMMIT).
// Patching is done once, on first use; `trace.reset()` starts a new measurement.
import { performance } from "node:perf_hooks";
import Database from "libsql";
import pg from "pg";

type TStatement = { sql: string; ms: number };
type TTx = { began: number; ended: number; statements: TStatement[]; holds: Map<string, number>; outcome: string };

export type TTraceOptions = {
  /** Statements whose lock matters: name → test on the SQL text (first match takes the lock). */
  hotRows?: Record<string, (sql: string, args: unknown[]) => boolean>;
};

class Trace {
  statements = 0;
  outside: TStatement[] = [];
  txs: TTx[] = [];
  open = new Map<object, TTx>();
  options: TTraceOptions = {};
  isOn = false;

  reset(options: TTraceOptions = {}) {
    this.statements = 0;
    this.outside = [];
    this.txs = [];
    this.open.clear();
    this.options = options;
    this.isOn = true;
  }

  stop() {
    this.isOn = false;
  }

  /** Connections whose statements are not counted (the sampler's own). */
  ignored = new WeakSet<object>();

  record(conn: object, sql: string, args: unknown[], started: number, ended: number) {
    if (!this.isOn || this.ignored.has(conn)) return;
    const text = sql.trim().replace(/\s+/g, " ");
    const head = text.toUpperCase();
    if (head.startsWith("BEGIN")) {
      this.open.set(conn, { began: started, ended: 0, statements: [], holds: new Map(), outcome: "" });
      this.statements++;
      return;
    }
    const tx = this.open.get(conn);
    if (head.startsWith("COMMIT") || head.startsWith("ROLLBACK")) {
      this.statements++;
      if (!tx) return;
      tx.ended = ended;
      tx.outcome = head.startsWith("COMMIT") ? "commit" : "rollback";
      this.open.delete(conn);
      this.txs.push(tx);
      return;
    }
    this.statements++;
    const statement = { sql: text, ms: ended - started };
    if (!tx) {
      this.outside.push(statement);
      return;
    }
    tx.statements.push(statement);
    for (const [name, test] of Object.entries(this.options.hotRows ?? {})) {
      // The lock is held from the moment the statement got it (its end) until COMMIT.
      if (!tx.holds.has(name) && test(text, args)) tx.holds.set(name, ended);
    }
  }

  /** Figures per operation (`ops` operations were measured). */
  summary(ops: number) {
    const committed = this.txs.filter((t) => t.outcome === "commit");
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
    const p99 = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return s.length ? s[Math.min(s.length - 1, Math.floor(0.99 * s.length))]! : NaN;
    };
    const txMs = committed.map((t) => t.ended - t.began);
    const inDb = committed.map((t) => t.statements.reduce((s, x) => s + x.ms, 0));
    const holds: Record<string, { mean: number; p99: number }> = {};
    for (const name of Object.keys(this.options.hotRows ?? {})) {
      const xs = committed.filter((t) => t.holds.has(name)).map((t) => t.ended - t.holds.get(name)!);
      holds[name] = { mean: mean(xs), p99: p99(xs) };
    }
    const byKind = new Map<string, number[]>();
    for (const s of [...this.outside, ...committed.flatMap((t) => t.statements)]) {
      const kind = s.sql.replace(/^(SELECT|INSERT INTO|UPDATE|DELETE FROM|WITH)\s+("?[\w.]+"?(\."?\w+"?)?).*$/i, "$1 $2").slice(0, 60);
      (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(s.ms);
    }
    return {
      statementsPerOp: this.statements / ops,
      outsidePerOp: this.outside.length / ops,
      transactionsPerOp: this.txs.length / ops,
      rollbacks: this.txs.length - committed.length,
      txMean: mean(txMs),
      txP99: p99(txMs),
      /** Of a transaction's open time, the share spent waiting on the database's answers. */
      inDbShare: mean(inDb) / mean(txMs),
      holds,
      kinds: [...byKind].map(([kind, xs]) => ({ kind, perOp: xs.length / ops, mean: mean(xs), p99: p99(xs) })).sort((a, b) => b.perOp * b.mean - a.perOp * a.mean),
    };
  }
}

export const trace = new Trace();

let isPatched = false;
let depth = 0;
export function installTrace() {
  if (isPatched) return;
  isPatched = true;
  // SQLite (libsql, synchronous): statements are prepared and run on the calling thread.
  type TDb = { prepare: (sql: string) => Record<string, (...a: unknown[]) => unknown>; exec: (sql: string) => unknown };
  const proto = (Database as unknown as { prototype: TDb }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: object, sql: string) {
    const stmt = prepare.call(this, sql);
    for (const name of ["run", "all", "get", "iterate"]) {
      const fn = stmt[name]!;
      stmt[name] = (...args: unknown[]) => {
        // all() may call iterate() itself: count the outer call only.
        if (depth > 0) return fn.apply(stmt, args);
        const t = performance.now();
        depth++;
        try {
          return fn.apply(stmt, args);
        } finally {
          depth--;
          trace.record(this, sql, flat(args), t, performance.now());
        }
      };
    }
    return stmt;
  };
  const exec = proto.exec;
  proto.exec = function (this: object, sql: string) {
    const t = performance.now();
    try {
      return exec.call(this, sql);
    } finally {
      trace.record(this, sql, [], t, performance.now());
    }
  };
  // PostgreSQL: every client.query is a round trip.
  const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
    const t = performance.now();
    const q = args[0];
    const sql = typeof q === "string" ? q : ((q as { text?: string })?.text ?? "");
    const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : ((q as { values?: unknown[] })?.values ?? []);
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      // Callback form (what pg.Pool#query uses): time until the callback.
      const done = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        trace.record(this, sql, values, t, performance.now());
        return done(...a);
      };
      return query.apply(this, args);
    }
    const res = query.apply(this, args);
    if (res && typeof (res as Promise<unknown>).then === "function") {
      (res as Promise<unknown>).then(
        () => trace.record(this, sql, values, t, performance.now()),
        () => trace.record(this, sql, values, t, performance.now()),
      );
    }
    return res;
  };
}

const flat = (args: unknown[]): unknown[] => args.flatMap((a) => (Array.isArray(a) ? a : a && typeof a === "object" ? Object.values(a) : [a]));

/**
 * PostgreSQL only: samples pg_stat_activity every `everyMs` for the given database and
 * counts backends waiting on a lock, running, and idle inside a transaction.
 */
export function samplePgActivity(url: string, everyMs = 20) {
  const client = new pg.Client({ connectionString: url });
  trace.ignored.add(client);
  const counts = { samples: 0, lockWaits: 0, active: 0, idleInTx: 0 };
  let timer: NodeJS.Timeout | undefined;
  let isBusy = false;
  const ready = client.connect().then(() => {
    timer = setInterval(() => {
      if (isBusy) return;
      isBusy = true;
      client
        .query<{ w: string; a: string; i: string }>(
          `SELECT count(*) FILTER (WHERE wait_event_type = 'Lock') AS w, count(*) FILTER (WHERE state = 'active') AS a,
                  count(*) FILTER (WHERE state LIKE 'idle in transaction%') AS i
             FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
        .then((r) => {
          counts.samples++;
          counts.lockWaits += Number(r.rows[0]!.w);
          counts.active += Number(r.rows[0]!.a);
          counts.idleInTx += Number(r.rows[0]!.i);
        })
        .catch(() => {})
        .finally(() => (isBusy = false));
    }, everyMs);
  });
  return {
    ready,
    async stop() {
      clearInterval(timer);
      await client.end().catch(() => {});
      const n = Math.max(1, counts.samples);
      return { samples: counts.samples, lockWaits: counts.lockWaits / n, active: counts.active / n, idleInTx: counts.idleInTx / n };
    },
  };
}
