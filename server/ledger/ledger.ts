// The double-entry ledger: the one module that writes money. Every movement is one
// LedgerTransaction with entries summing to zero, written inside one database transaction
// together with the cached balances. Nothing here is ever updated or deleted afterwards.
//
// Invariants and where they are enforced:
//   - entries of a transaction sum to zero ............ post() refuses otherwise
//   - wallets and collection accounts never < 0 ........ conditional UPDATE … WHERE balance >= x
//                                                         (and a CHECK constraint as a backstop)
//   - one movement per (scope, idempotency key) ........ unique constraint, see idempotent()
//   - cached balance = sum of entries .................. same transaction; checkLedger() proves it
//                                                         (the write batch, ./batch.ts, moves credited
//                                                         accounts once per batch, before its COMMIT)
import { createHash } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import type { Db, DbTx } from "../db";
import { env } from "../../env";
import { AppError } from "../errors";
import { isUniqueViolation } from "../lib/db-errors";
import { cuid } from "../lib/ids";
import { submitToBatch, type TStep } from "./batch";

import type { TTxKind } from "./schema";
export { TX_KINDS, type TTxKind } from "./schema";

export type TLeg = { accountId: string; amount: number };


// ─── Accounts ──────────────────────────────────────────────────────────────

type AccountKey = { userId: string } | { buildingId: string } | { shopId: string } | { providerId: string };

/** The account for a user, building or provider, created on first use (race-safe). */
export async function ensureAccount(db: Db | DbTx, key: AccountKey) {
  const where =
    "userId" in key ? { userId: key.userId } : "buildingId" in key ? { buildingId: key.buildingId } : "shopId" in key ? { shopId: key.shopId } : { providerId: key.providerId };
  const kind = "userId" in key ? "wallet" : "buildingId" in key ? "collection" : "shopId" in key ? "shop" : "provider";
  const found = await db.ledgerAccount.findUnique({ where });
  if (found) return found;
  try {
    return await db.ledgerAccount.create({ data: { ...where, kind, currency: env().CURRENCY } });
  } catch (e) {
    // Another request created it between our read and our write.
    if (isUniqueViolation(e)) return (await db.ledgerAccount.findUnique({ where }))!;
    throw e;
  }
}

export const walletOf = (db: Db | DbTx, userId: string) => ensureAccount(db, { userId });

// Accounts are never deleted, so their ids can be remembered: a payment then skips one
// lookup per account. Kept per client, so each test database has its own.
const idCache = new WeakMap<object, Map<string, string>>();

/** The id of the account for a user, building, shop or provider (created on first use). */
export async function accountIdOf(db: Db, key: AccountKey): Promise<string> {
  const name = Object.entries(key)[0]!.join(":");
  let cache = idCache.get(db);
  if (!cache) idCache.set(db, (cache = new Map<string, string>()));
  const hit = cache.get(name);
  if (hit) return hit;
  const { id } = await ensureAccount(db, key);
  if (cache.size > 50_000) cache.clear();
  cache.set(name, id);
  return id;
}

// ─── Idempotency ───────────────────────────────────────────────────────────

/** A stable hash of what was asked, so a key reused for a different request is refused. */
export function requestHash(request: unknown): string {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === "object"
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, stable(x)]))
        : v;
  return createHash("sha256").update(JSON.stringify(stable(request))).digest("hex");
}

export type TIdem = { scope: string; key: string; hash: string };

/** The transaction already written for this key, if any; a different request under it is refused. */
export async function findByKey(db: Db | DbTx, idem: TIdem) {
  const found = await db.ledgerTransaction.findUnique({ where: { scope_idempotencyKey: { scope: idem.scope, idempotencyKey: idem.key } } });
  if (found && found.requestHash !== idem.hash) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This confirmation was already used for a different request; start again");
  }
  return found;
}

/**
 * Runs a money movement at most once per (scope, key). `run` does its conditional updates
 * and calls post(); a racing twin with the same key fails inside its transaction (on the
 * unique key, or on a conditional update the first one already made) and is then answered
 * with the first one's result. Returns the transaction id and whether it was a replay.
 */
export async function idempotent(db: Db, idem: TIdem, run: (tx: DbTx) => Promise<string>): Promise<{ transactionId: string; isReplay: boolean }> {
  const before = await findByKey(db, idem);
  if (before) return { transactionId: before.id, isReplay: true };
  try {
    const transactionId = await db.$transaction(run, { timeout: 15_000, maxWait: 15_000 });
    return { transactionId, isReplay: false };
  } catch (e) {
    // A twin with the same key committed first: hand back its result. (Checked for every
    // failure, since the twin's commit can also surface as "already paid" and the like.)
    const after = await findByKey(db, idem).catch((err) => {
      throw err instanceof AppError ? err : e;
    });
    if (after) return { transactionId: after.id, isReplay: true };
    throw e;
  }
}

// ─── Posting ───────────────────────────────────────────────────────────────

export type TPost = {
  kind: TTxKind;
  idem: TIdem;
  legs: TLeg[];
  initiatorId?: string | null;
  refundOfId?: string | null;
  memo?: string | null;
};

/**
 * Writes one balanced transaction and moves the cached balances. Debits are conditional
 * updates, so a wallet without enough money makes the whole database transaction fail
 * (INSUFFICIENT_FUNDS) and nothing of it is kept.
 */
export async function post(tx: DbTx, p: TPost): Promise<string> {
  const legs = mergeLegs(p.legs);
  if (legs.length < 2) throw new Error("ledger: a transaction needs at least two accounts");
  if (legs.some((l) => !Number.isSafeInteger(l.amount))) throw new Error("ledger: amounts are integer cents");
  if (legs.reduce((s, l) => s + l.amount, 0) !== 0) throw new Error("ledger: entries must sum to zero");
  const amount = legs.reduce((s, l) => s + (l.amount > 0 ? l.amount : 0), 0);

  const row = await tx.ledgerTransaction.create({
    data: {
      kind: p.kind,
      scope: p.idem.scope,
      idempotencyKey: p.idem.key,
      requestHash: p.idem.hash,
      currency: env().CURRENCY,
      amount,
      initiatorId: p.initiatorId ?? null,
      refundOfId: p.refundOfId ?? null,
      memo: p.memo ?? null,
    },
  });

  // Accounts in a fixed order, so two transactions touching the same pair never deadlock.
  for (const leg of [...legs].sort((a, b) => a.accountId.localeCompare(b.accountId))) {
    if (leg.amount < 0) {
      const { count } = await tx.ledgerAccount.updateMany({
        // Only a provider account (money arriving from outside) may go below zero.
        where: { id: leg.accountId, closedAt: null, OR: [{ kind: "provider" }, { balance: { gte: -leg.amount } }] },
        data: { balance: { increment: leg.amount } },
      });
      if (count === 0) throw await refusal(tx, leg.accountId);
    } else {
      // A closed wallet (its owner's account was erased) takes no money: a refund or a late
      // top-up would leave money no one can spend.
      const { count } = await tx.ledgerAccount.updateMany({ where: { id: leg.accountId, closedAt: null }, data: { balance: { increment: leg.amount } } });
      if (count === 0) throw await refusal(tx, leg.accountId);
    }
  }
  await tx.ledgerEntry.createMany({ data: legs.map((l) => ({ transactionId: row.id, accountId: l.accountId, amount: l.amount })) });
  return row.id;
}

const ACCOUNT_CLOSED = () => new AppError("ACCOUNT_CLOSED", "This money can't go back to that person's wallet: they deleted their Quartier account. Settle it with them outside Quartier; nothing was changed.");

/** Why a leg's conditional update moved nothing: no such account (a bug), a closed one, or (a debit) not enough money. */
async function refusal(tx: DbTx, accountId: string) {
  const account = await tx.ledgerAccount.findUnique({ where: { id: accountId }, select: { closedAt: true } });
  if (!account) return new Error(`ledger: no account ${accountId}`);
  return account.closedAt ? ACCOUNT_CLOSED() : new AppError("INSUFFICIENT_FUNDS", "Not enough money in the wallet");
}

// ─── The two money paths every paid service uses ───────────────────────────

/** What a service does inside the payment's database transaction, before and after posting. */
type TSteps = {
  /** Conditional updates that must hold for the money to move (a bill still unpaid, stock). */
  before?: (tx: DbTx) => Promise<void>;
  /** Rows that point at the posted transaction (the order, the bill payments). */
  after?: (tx: DbTx, transactionId: string) => Promise<void>;
};

/**
 * A person pays from their wallet: the wallet is debited by the sum of `credits` (refused
 * with INSUFFICIENT_FUNDS, and nothing kept, when it does not hold it), each credit goes to
 * its account, all in one database transaction with the service's own `before`/`after`
 * writes, once per idempotency key (`idempotent()` + `post()`). Bills, orders and QR
 * payments go through here; repair deposits will too.
 */
export async function charge(
  db: Db,
  p: TSteps & { kind: "bill_payment" | "order_payment" | "repair_deposit"; idem: TIdem; walletId: string; credits: TLeg[]; initiatorId: string; memo?: string },
): Promise<{ transactionId: string; isReplay: boolean }> {
  const total = p.credits.reduce((s, c) => s + c.amount, 0);
  return idempotent(db, p.idem, async (tx) => {
    await p.before?.(tx);
    const id = await post(tx, { kind: p.kind, idem: p.idem, legs: [{ accountId: p.walletId, amount: -total }, ...p.credits], initiatorId: p.initiatorId, memo: p.memo ?? null });
    await p.after?.(tx, id);
    return id;
  });
}

/**
 * charge() for a payment whose own writes are plain statements (`before` and `after` get the
 * new transaction's id and time): the same rules (all or nothing, the wallet's conditional
 * debit, once per idempotency key), run in the ledger's write batch (./batch.ts), which
 * shares one commit among concurrent payments and moves the credited accounts' balances
 * once per batch. A replay, or a racing twin that lost, fails at the unique key inside the
 * batch and is answered with the stored transaction, like idempotent() does.
 */
export async function chargeInBatch(
  db: Db,
  p: {
    kind: "bill_payment" | "order_payment";
    idem: TIdem;
    walletId: string;
    credits: TLeg[];
    initiatorId: string;
    memo?: string;
    before: (transactionId: string, now: Date) => TStep[];
    after: (transactionId: string, now: Date) => TStep[];
  },
): Promise<{ transactionId: string; isReplay: boolean }> {
  const credits = mergeLegs(p.credits);
  if (!credits.length) throw new Error("ledger: a transaction needs at least two accounts");
  if (credits.some((c) => !Number.isSafeInteger(c.amount) || c.amount <= 0 || c.accountId === p.walletId)) throw new Error("ledger: credits are positive integer cents to other accounts");
  const transactionId = cuid();
  const now = new Date();
  try {
    await submitToBatch(db, {
      kind: p.kind,
      idem: p.idem,
      transactionId,
      createdAt: now,
      walletId: p.walletId,
      credits,
      initiatorId: p.initiatorId,
      memo: p.memo ?? null,
      before: p.before(transactionId, now),
      after: p.after(transactionId, now),
    });
    return { transactionId, isReplay: false };
  } catch (e) {
    // A twin with the same key committed first (or this is a replay): answer with its result.
    const found = await findByKey(db, p.idem).catch((err) => {
      throw err instanceof AppError ? err : e;
    });
    if (found) return { transactionId: found.id, isReplay: true };
    throw e;
  }
}

/**
 * Gives (part of) a payment back to a wallet: `amount` leaves `fromAccountId` (the building's
 * collection, the shop's takings) for `walletId`, as a `refund` pointing at the payment.
 * The idempotency scope is `refund:<payment>` unless the caller names one (a manager's own
 * key), so what `key` names (a bill, an order) is refunded once however often it is asked.
 */
export async function refund(
  db: Db,
  p: TSteps & { paymentId: string; idem?: TIdem; key: string; hash: string; fromAccountId: string; walletId: string; amount: number; initiatorId: string; memo: string },
): Promise<{ transactionId: string; isReplay: boolean }> {
  const idem = p.idem ?? { scope: `refund:${p.paymentId}`, key: p.key, hash: p.hash };
  return idempotent(db, idem, async (tx) => {
    await p.before?.(tx);
    const id = await post(tx, {
      kind: "refund",
      idem,
      legs: [
        { accountId: p.fromAccountId, amount: -p.amount },
        { accountId: p.walletId, amount: p.amount },
      ],
      initiatorId: p.initiatorId,
      refundOfId: p.paymentId,
      memo: p.memo,
    });
    await p.after?.(tx, id);
    return id;
  });
}

function mergeLegs(legs: TLeg[]): TLeg[] {
  const byAccount = new Map<string, number>();
  for (const l of legs) byAccount.set(l.accountId, (byAccount.get(l.accountId) ?? 0) + l.amount);
  return [...byAccount].filter(([, a]) => a !== 0).map(([accountId, amount]) => ({ accountId, amount }));
}

/** The legs that undo a transaction. */
export async function reversalLegs(db: Db | DbTx, transactionId: string): Promise<TLeg[]> {
  const entries = await db.ledgerEntry.findMany({ where: { transactionId } });
  return entries.map((e) => ({ accountId: e.accountId, amount: -e.amount }));
}

// ─── Reading ───────────────────────────────────────────────────────────────

type TSum = { count: number; amount: number };

/**
 * What a shop's till (its `shop` account) took in [from, to), read from its entries: order
 * payments, QR payments (order_payment transactions that a QrPayment points at), repair
 * deposits, and refunds given back (a positive amount). `net` is the account's movement over
 * the period. The account is not created by reading: a shop that never took money took 0.
 */
export async function takings(db: Db, shopId: string, from: Date, to: Date): Promise<{ orders: TSum; qr: TSum; deposits: TSum; refunds: TSum; net: number }> {
  const sum = async (transaction: Prisma.LedgerTransactionWhereInput): Promise<TSum> => {
    const r = await db.ledgerEntry.aggregate({ where: { account: { shopId }, createdAt: { gte: from, lt: to }, transaction }, _sum: { amount: true }, _count: { _all: true } });
    return { count: r._count._all, amount: r._sum.amount ?? 0 };
  };
  const [orders, qr, deposits, refunds] = await Promise.all([
    sum({ kind: "order_payment", qrPayment: { is: null } }),
    sum({ kind: "order_payment", qrPayment: { isNot: null } }),
    sum({ kind: "repair_deposit" }),
    sum({ kind: "refund" }),
  ]);
  return { orders, qr, deposits, refunds: { count: refunds.count, amount: -refunds.amount || 0 }, net: orders.amount + qr.amount + deposits.amount + refunds.amount };
}

// ─── Checking ──────────────────────────────────────────────────────────────

export type TLedgerCheck = {
  isOk: boolean;
  transactions: number;
  unbalanced: string[];
  balanceMismatches: { accountId: string; cached: number; fromEntries: number }[];
  negative: string[];
};

/** Proves the invariants over the whole ledger: for tests, benchmarks and operators. */
export async function checkLedger(db: Db): Promise<TLedgerCheck> {
  const [byTx, byAccount, accounts, transactions] = await Promise.all([
    db.ledgerEntry.groupBy({ by: ["transactionId"], _sum: { amount: true } }),
    db.ledgerEntry.groupBy({ by: ["accountId"], _sum: { amount: true } }),
    db.ledgerAccount.findMany({ select: { id: true, kind: true, balance: true } }),
    db.ledgerTransaction.count(),
  ]);
  const sums = new Map(byAccount.map((a) => [a.accountId, a._sum.amount ?? 0]));
  const unbalanced = byTx.filter((t) => (t._sum.amount ?? 0) !== 0).map((t) => t.transactionId);
  const balanceMismatches = accounts
    .filter((a) => a.balance !== (sums.get(a.id) ?? 0))
    .map((a) => ({ accountId: a.id, cached: a.balance, fromEntries: sums.get(a.id) ?? 0 }));
  const negative = accounts.filter((a) => a.kind !== "provider" && a.balance < 0).map((a) => a.id);
  return { isOk: !unbalanced.length && !balanceMismatches.length && !negative.length && byTx.length === transactions, transactions, unbalanced, balanceMismatches, negative };
}
