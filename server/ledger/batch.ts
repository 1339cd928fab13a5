// The ledger's write batch (group commit). Payments from a wallet whose own writes are plain
// statements (bill payments) join a queue; one database transaction at a time takes all
// that is queued, runs each payment in a savepoint of its own and commits them together.
//
// Why: a payment's statements take the database a few hundredths of a millisecond each,
// but through Prisma a millisecond of CPU each, and a commit on SQLite waits for the disk
// (fsync) with the event loop stopped. Here a payment costs five small statements on the
// driver (server/db.ts sqlOf) on SQLite and one round trip on PostgreSQL (see run(): no
// savepoints unless a payment of the batch fails), and a commit is shared by everything in
// the batch.
//
// What stays as it was: every payment is all or nothing (its savepoint is rolled back when
// any of its checks fails, and only it); the wallet is debited by its conditional update
// (`balance >= amount`) before its entries are written, so a wallet never goes below zero
// however the batch is made up; a cached balance equals the sum of its account's entries at
// every commit. What changes: the accounts a payment credits (a building's collection
// account) are not updated per payment but once per batch, by the sum of what the batch's
// committed payments credited them, as the last statements before COMMIT and in id order.
// On PostgreSQL that hot row is therefore locked once per batch, for two round trips, not
// for a whole payment transaction per payment.
//
// Locks (PostgreSQL): per payment its own rows (`before`: e.g. the bills), then its wallet;
// at the end the credited accounts in id order. A few batches run side by side there (a
// pool connection each), since a batch's statements are round trips one after the other.
// A batch that fails as a whole (a deadlock with another writer, a lost connection) is run
// again one payment at a time; a single payment is retried after a deadlock.
import { env } from "../../env";
import { sqlOf, type Db, type TSqlTx } from "../db";
import { AppError } from "../errors";
import { cuid } from "../lib/ids";
import type { TIdem, TLeg, TTxKind } from "./ledger";

/** A statement a payment runs inside its savepoint; `expect` rows changed, else `error()`. */
export type TStep = { sql: string; args: unknown[]; expect?: number; error?: () => Error };

export type TBatchPayment = {
  kind: TTxKind;
  idem: TIdem;
  transactionId: string;
  createdAt: Date;
  walletId: string;
  /** Positive amounts to accounts other than the wallet. */
  credits: TLeg[];
  initiatorId: string | null;
  memo: string | null;
  /** Conditional updates that must hold for the money to move (the bills still unpaid). */
  before: TStep[];
  /** Rows that point at the transaction (the bill payments). */
  after: TStep[];
};

type TQueued = { p: TBatchPayment; resolve: () => void; reject: (e: unknown) => void };

const MAX_BATCH = 200;
const PG_BATCHES_IN_FLIGHT = 4;
const DEADLOCK_RETRIES = 3;

const placeholders = (n: number, width: number) => Array.from({ length: n }, () => `(${Array.from({ length: width }, () => "?").join(", ")})`).join(", ");

/** A payment's statements, in order: the transaction, `before`, the wallet's debit, the entries, `after`. */
function statementsOf(p: TBatchPayment): TStep[] {
  const total = p.credits.reduce((s, c) => s + c.amount, 0);
  const legs = [{ accountId: p.walletId, amount: -total }, ...p.credits];
  return [
    // First, so that a replay (same scope and key) stops at the unique index before anything else.
    {
      sql: `INSERT INTO "LedgerTransaction" ("id", "kind", "scope", "idempotencyKey", "requestHash", "currency", "amount", "initiatorId", "refundOfId", "memo", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
      args: [p.transactionId, p.kind, p.idem.scope, p.idem.key, p.idem.hash, env().CURRENCY, total, p.initiatorId, p.memo, p.createdAt],
    },
    ...p.before,
    {
      sql: `UPDATE "LedgerAccount" SET "balance" = "balance" - ? WHERE "id" = ? AND ("kind" = 'provider' OR "balance" >= ?)`,
      args: [total, p.walletId, total],
      expect: 1,
      error: () => new AppError("INSUFFICIENT_FUNDS", "Not enough money in the wallet"),
    },
    {
      sql: `INSERT INTO "LedgerEntry" ("id", "transactionId", "accountId", "amount", "createdAt") VALUES ${placeholders(legs.length, 5)}`,
      args: legs.flatMap((l) => [cuid(), p.transactionId, l.accountId, l.amount, p.createdAt]),
    },
    ...p.after,
  ];
}

/**
 * One payment's writes, inside its savepoint; any failure throws (the first failing check
 * in statement order names the error). SQLite runs the statements one by one (no round
 * trips: the database is in-process); PostgreSQL runs them as ONE statement, each a
 * data-modifying WITH clause returning its rows, and the counts are checked afterwards (a
 * failing check rolls the savepoint back, so that everything of the payment goes).
 */
async function apply(q: TSqlTx, kind: "sqlite" | "postgres", p: TBatchPayment) {
  const steps = statementsOf(p);
  let counts: number[];
  if (kind === "sqlite") {
    counts = [];
    for (const s of steps) {
      counts.push(await q.run(s.sql, s.args));
      if (s.expect !== undefined && counts.at(-1) !== s.expect) break;
    }
  } else {
    const parts = steps.map((s, i) => `s${i} AS (${s.sql} RETURNING 1)`);
    const [row] = await q.all<Record<string, number | string>>(`WITH ${parts.join(", ")} SELECT ${steps.map((_, i) => `(SELECT count(*) FROM s${i}) AS c${i}`).join(", ")}`, steps.flatMap((s) => s.args));
    counts = steps.map((_, i) => Number(row![`c${i}`]));
  }
  steps.forEach((s, i) => {
    if (s.expect !== undefined && counts[i] !== s.expect) throw s.error?.() ?? new Error(`ledger batch: ${counts[i]} rows changed, ${s.expect} expected`);
  });
}

const isDeadlock = (e: unknown) => ["40P01", "40001"].includes((e as { code?: string } | null)?.code ?? "");

class Batch {
  private queue: TQueued[] = [];
  private inFlight = 0;

  /** SQLite has one writer: one batch at a time. PostgreSQL runs a few side by side (a connection each). */
  constructor(
    private readonly db: Db,
    private readonly maxInFlight = sqlOf(db).kind === "postgres" ? PG_BATCHES_IN_FLIGHT : 1,
  ) {}

  submit(p: TBatchPayment): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ p, resolve, reject });
      this.drain();
    });
  }

  private drain() {
    while (this.queue.length && this.inFlight < this.maxInFlight) {
      const take = Math.min(MAX_BATCH, Math.ceil(this.queue.length / (this.maxInFlight - this.inFlight)));
      this.inFlight++;
      void this.run(this.queue.splice(0, take)).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  /**
   * One batch in one transaction. `isOptimistic` (PostgreSQL's first try): no savepoints, so
   * a payment is one round trip; the first payment that fails rolls the whole batch back and
   * it runs again with a savepoint per payment, where a failure takes only its own payment.
   * (Not finalised at once: a payment that failed on its twin's key must hear the twin's
   * result, which only a commit makes visible.)
   */
  private async run(items: TQueued[], attempt = 0, isOptimistic = this.kind === "postgres" && items.length > 1): Promise<void> {
    /** Per payment: null when it went through, else what made it fail. */
    let outcomes: unknown[];
    const kind = this.kind;
    try {
      outcomes = await sqlOf(this.db).transaction(async (q) => {
        const results: unknown[] = [];
        const credited = new Map<string, number>();
        for (const { p } of items) {
          if (isOptimistic) {
            await apply(q, kind, p).catch(() => {
              throw new OptimisticMiss();
            });
          } else {
            await q.run("SAVEPOINT payment", []);
            try {
              await apply(q, kind, p);
              await q.run("RELEASE SAVEPOINT payment", []);
            } catch (e) {
              await q.run("ROLLBACK TO SAVEPOINT payment", []);
              await q.run("RELEASE SAVEPOINT payment", []);
              results.push(e ?? new Error("ledger batch: payment failed"));
              continue;
            }
          }
          for (const c of p.credits) credited.set(c.accountId, (credited.get(c.accountId) ?? 0) + c.amount);
          results.push(null);
        }
        // The credited accounts, once each, in a fixed order, just before COMMIT.
        for (const [accountId, amount] of [...credited].sort(([a], [b]) => a.localeCompare(b))) {
          await q.run(`UPDATE "LedgerAccount" SET "balance" = "balance" + ? WHERE "id" = ?`, [amount, accountId]);
        }
        return results;
      });
    } catch (e) {
      if (e instanceof OptimisticMiss) return this.run(items, attempt, false);
      // The batch as a whole failed: nothing of it was kept. Each payment on its own again.
      if (items.length > 1) {
        for (const item of items) await this.run([item]);
        return;
      }
      if (isDeadlock(e) && attempt < DEADLOCK_RETRIES) return this.run(items, attempt + 1);
      items[0]!.reject(e);
      return;
    }
    items.forEach((item, i) => (outcomes[i] === null ? item.resolve() : item.reject(outcomes[i])));
  }

  private get kind() {
    return sqlOf(this.db).kind;
  }
}

class OptimisticMiss extends Error {}

const batches = new WeakMap<Db, Batch>();

/** Runs a payment in the database's write batch; resolves once it is committed. */
export function submitToBatch(db: Db, p: TBatchPayment): Promise<void> {
  let batch = batches.get(db);
  if (!batch) batches.set(db, (batch = new Batch(db)));
  return batch.submit(p);
}

export { placeholders };
