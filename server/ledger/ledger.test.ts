import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TTestDb } from "../test/db";
import { callerFor, makeBuilding, makeUser } from "../test/factories";
import { checkLedger, ensureAccount, idempotent, post, requestHash, walletOf, type TLeg } from "./ledger";

let t: TTestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.cleanup();
});

const isPostgres = process.env.TEST_DB === "postgres";
const key = () => randomUUID();

/** A user-scoped idempotency triple for a direct ledger call. */
const idemFor = (scope: string, request: unknown = { at: key() }) => ({ scope, key: key(), hash: requestHash(request) });

/** Moves money in from a provider account (which may go negative), like a top-up. */
async function fund(userId: string, amount: number) {
  const [source, wallet] = await Promise.all([ensureAccount(t.db, { providerId: "test-provider" }), walletOf(t.db, userId)]);
  const idem = idemFor(`user:${userId}`);
  return idempotent(t.db, idem, (tx) =>
    post(tx, {
      kind: "topup",
      idem,
      legs: [
        { accountId: source.id, amount: -amount },
        { accountId: wallet.id, amount },
      ],
    }),
  );
}

const balanceOf = async (accountId: string) => (await t.db.ledgerAccount.findUniqueOrThrow({ where: { id: accountId } })).balance;

describe("post()", () => {
  it("refuses unbalanced, fractional and one-sided transactions before writing anything", async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    const [wa, wb] = [await walletOf(t.db, a.id), await walletOf(t.db, b.id)];
    const source = await ensureAccount(t.db, { providerId: "test-provider" });
    const before = { txs: await t.db.ledgerTransaction.count(), entries: await t.db.ledgerEntry.count() };
    const attempt = (legs: TLeg[]) => t.db.$transaction((tx) => post(tx, { kind: "transfer", idem: idemFor(`user:${a.id}`), legs }));

    await expect(
      attempt([
        { accountId: source.id, amount: -100 },
        { accountId: wa.id, amount: 50 },
      ]),
    ).rejects.toThrow("entries must sum to zero");
    await expect(
      attempt([
        { accountId: source.id, amount: -10.5 },
        { accountId: wa.id, amount: 10.5 },
      ]),
    ).rejects.toThrow("amounts are integer cents");
    // The same account on both sides merges to nothing: not a transaction.
    await expect(
      attempt([
        { accountId: wa.id, amount: -100 },
        { accountId: wa.id, amount: 100 },
      ]),
    ).rejects.toThrow("at least two accounts");
    await expect(attempt([{ accountId: wb.id, amount: 0 }])).rejects.toThrow("at least two accounts");

    expect(await t.db.ledgerTransaction.count()).toBe(before.txs);
    expect(await t.db.ledgerEntry.count()).toBe(before.entries);
    expect([await balanceOf(wa.id), await balanceOf(wb.id)]).toEqual([0, 0]);
  });

  it("writes a balanced transaction with its entries and moves the cached balances", async () => {
    const a = await makeUser(t.db);
    const { transactionId, isReplay } = await fund(a.id, 1234);
    expect(isReplay).toBe(false);
    const tx = await t.db.ledgerTransaction.findUniqueOrThrow({ where: { id: transactionId }, include: { entries: true } });
    expect(tx).toMatchObject({ kind: "topup", amount: 1234, currency: "EUR" });
    expect(tx.entries.map((e) => e.amount).sort((x, y) => x - y)).toEqual([-1234, 1234]);
    expect(await balanceOf((await walletOf(t.db, a.id)).id)).toBe(1234);
  });

  it("refuses a debit beyond the balance with INSUFFICIENT_FUNDS and keeps nothing of it", async () => {
    const a = await makeUser(t.db);
    const b = await makeUser(t.db);
    await fund(a.id, 500);
    const [wa, wb] = [await walletOf(t.db, a.id), await walletOf(t.db, b.id)];
    const before = { txs: await t.db.ledgerTransaction.count(), entries: await t.db.ledgerEntry.count() };
    const idem = idemFor(`user:${a.id}`);
    await expect(
      idempotent(t.db, idem, (tx) =>
        post(tx, {
          kind: "transfer",
          idem,
          legs: [
            { accountId: wa.id, amount: -501 },
            { accountId: wb.id, amount: 501 },
          ],
        }),
      ),
    ).rejects.toMatchObject({ code: "INSUFFICIENT_FUNDS" });
    expect(await t.db.ledgerTransaction.findUnique({ where: { scope_idempotencyKey: { scope: idem.scope, idempotencyKey: idem.key } } })).toBeNull();
    expect(await t.db.ledgerTransaction.count()).toBe(before.txs);
    expect(await t.db.ledgerEntry.count()).toBe(before.entries);
    expect([await balanceOf(wa.id), await balanceOf(wb.id)]).toEqual([500, 0]);

    // Exactly the balance is fine, and leaves zero.
    const idem2 = idemFor(`user:${a.id}`);
    await idempotent(t.db, idem2, (tx) =>
      post(tx, {
        kind: "transfer",
        idem: idem2,
        legs: [
          { accountId: wa.id, amount: -500 },
          { accountId: wb.id, amount: 500 },
        ],
      }),
    );
    expect([await balanceOf(wa.id), await balanceOf(wb.id)]).toEqual([0, 500]);
  });

  it("has a CHECK constraint that stops a wallet or collection account going negative by direct SQL", async () => {
    const a = await makeUser(t.db, ["manager"]);
    await fund(a.id, 300);
    const wallet = await walletOf(t.db, a.id);
    const { building } = await makeBuilding(t.db, a.id, []);
    const collection = await ensureAccount(t.db, { buildingId: building.id });
    for (const id of [wallet.id, collection.id]) {
      await expect(t.db.$executeRawUnsafe(`UPDATE "LedgerAccount" SET "balance" = "balance" - 1000 WHERE "id" = '${id}'`)).rejects.toThrow();
    }
    expect(await balanceOf(wallet.id)).toBe(300);
    expect(await balanceOf(collection.id)).toBe(0);
    // A provider account is the one kind allowed below zero (money that came from outside).
    const provider = await ensureAccount(t.db, { providerId: "test-provider" });
    const was = await balanceOf(provider.id);
    expect(was).toBeLessThan(0);
    await expect(t.db.$executeRawUnsafe(`UPDATE "LedgerAccount" SET "balance" = "balance" - 1 WHERE "id" = '${provider.id}'`)).resolves.toBe(1);
    await t.db.$executeRawUnsafe(`UPDATE "LedgerAccount" SET "balance" = "balance" + 1 WHERE "id" = '${provider.id}'`);
    expect(await balanceOf(provider.id)).toBe(was);
  });
});

describe("idempotent()", () => {
  it("runs once per key: the same request replays, a different one is refused", async () => {
    const a = await makeUser(t.db);
    const source = await ensureAccount(t.db, { providerId: "test-provider" });
    const wallet = await walletOf(t.db, a.id);
    const idem = { scope: `user:${a.id}`, key: key(), hash: requestHash({ op: "test", amount: 700 }) };
    let runs = 0;
    const run = (tx: Parameters<Parameters<typeof idempotent>[2]>[0]) => {
      runs++;
      return post(tx, {
        kind: "topup",
        idem,
        legs: [
          { accountId: source.id, amount: -700 },
          { accountId: wallet.id, amount: 700 },
        ],
      });
    };
    const first = await idempotent(t.db, idem, run);
    expect(first.isReplay).toBe(false);
    const again = await idempotent(t.db, idem, run);
    expect(again).toEqual({ transactionId: first.transactionId, isReplay: true });
    expect(runs).toBe(1);
    await expect(idempotent(t.db, { ...idem, hash: requestHash({ op: "test", amount: 701 }) }, run)).rejects.toMatchObject({ code: "IDEMPOTENCY_MISMATCH" });
    expect(runs).toBe(1);
    // The same key under another scope (another user) is another request.
    const b = await makeUser(t.db);
    const wb = await walletOf(t.db, b.id);
    const other = await idempotent(t.db, { ...idem, scope: `user:${b.id}` }, (tx) =>
      post(tx, {
        kind: "topup",
        idem: { ...idem, scope: `user:${b.id}` },
        legs: [
          { accountId: source.id, amount: -5 },
          { accountId: wb.id, amount: 5 },
        ],
      }),
    );
    expect(other.isReplay).toBe(false);
    expect(other.transactionId).not.toBe(first.transactionId);
    expect(await balanceOf(wallet.id)).toBe(700);
    expect(await balanceOf(wb.id)).toBe(5);
  });

  it("answers racing twins with the first one's result and moves money once", async () => {
    const a = await makeUser(t.db);
    const source = await ensureAccount(t.db, { providerId: "test-provider" });
    const wallet = await walletOf(t.db, a.id);
    const idem = { scope: `user:${a.id}`, key: key(), hash: requestHash({ op: "race" }) };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        idempotent(t.db, idem, (tx) =>
          post(tx, {
            kind: "topup",
            idem,
            legs: [
              { accountId: source.id, amount: -250 },
              { accountId: wallet.id, amount: 250 },
            ],
          }),
        ),
      ),
    );
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(1);
    expect(results.filter((r) => !r.isReplay)).toHaveLength(1);
    expect(await balanceOf(wallet.id)).toBe(250);
    expect(await t.db.ledgerTransaction.count({ where: { scope: idem.scope } })).toBe(1);
  });
});

describe("checkLedger()", () => {
  it("is ok for everything written so far, and sees a tampered cached balance", async () => {
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true, unbalanced: [], balanceMismatches: [], negative: [] });
    const a = await makeUser(t.db);
    await fund(a.id, 900);
    const wallet = await walletOf(t.db, a.id);
    await t.db.$executeRawUnsafe(`UPDATE "LedgerAccount" SET "balance" = "balance" + 1 WHERE "id" = '${wallet.id}'`);
    try {
      const check = await checkLedger(t.db);
      expect(check.isOk).toBe(false);
      expect(check.balanceMismatches).toEqual([{ accountId: wallet.id, cached: 901, fromEntries: 900 }]);
    } finally {
      await t.db.$executeRawUnsafe(`UPDATE "LedgerAccount" SET "balance" = "balance" - 1 WHERE "id" = '${wallet.id}'`);
    }
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("sees an entry that unbalances a transaction", async () => {
    const a = await makeUser(t.db);
    const { transactionId } = await fund(a.id, 400);
    const wallet = await walletOf(t.db, a.id);
    const extra = await t.db.ledgerEntry.create({ data: { transactionId, accountId: wallet.id, amount: 1 } });
    try {
      const check = await checkLedger(t.db);
      expect(check.isOk).toBe(false);
      expect(check.unbalanced).toEqual([transactionId]);
      expect(check.balanceMismatches).toEqual([{ accountId: wallet.id, cached: 400, fromEntries: 401 }]);
    } finally {
      await t.db.ledgerEntry.delete({ where: { id: extra.id } });
    }
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });
});

// ─── Model-based: top-ups, payments, replays and refunds against a simple model ────

type TCaller = ReturnType<typeof callerFor>;
type TBillM = { id: string; unit: number; amount: number; status: "unpaid" | "paid"; method: "wallet" | "external" | null; paidBy: number | null; refunded: boolean };
type TModel = {
  wallets: number[];
  collection: number;
  bills: TBillM[];
  pays: { user: number; billIds: string[]; key: string; txId: string | null }[];
  refunds: { billId: string; key: string; txId: string }[];
};
type TReal = { residents: { id: string; unit: number; api: TCaller }[]; manager: TCaller; buildingId: string };
type TCmd = fc.AsyncCommand<TModel, TReal>;

const RESIDENT_UNITS = [0, 0, 1]; // two residents share unit 0
const BILLS_PER_UNIT = 4;

async function freshRun(amounts: number[], opening: number[]): Promise<{ model: TModel; real: TReal }> {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id);
  const residents = [];
  for (const [i, unit] of RESIDENT_UNITS.entries()) {
    const user = await makeUser(t.db, ["resident"], `Resident ${i}`);
    await t.db.membership.create({ data: { userId: user.id, unitId: units[unit]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
    const api = callerFor(t.db, user, ["resident"]);
    if (opening[i]) await api.wallet.topUp({ amount: opening[i], idempotencyKey: key() });
    residents.push({ id: user.id, unit, api });
  }
  const bills: TBillM[] = [];
  for (const [i, amount] of amounts.entries()) {
    const unit = Math.floor(i / BILLS_PER_UNIT);
    const bill = await t.db.bill.create({
      data: {
        buildingId: building.id,
        unitId: units[unit]!.id,
        kind: "water",
        reference: `M-${i}`,
        periodStart: new Date("2026-01-01T00:00:00Z"),
        periodEnd: new Date("2026-01-31T00:00:00Z"),
        dueDate: new Date("2026-02-15T00:00:00Z"),
        amount,
        currency: "EUR",
      },
    });
    bills.push({ id: bill.id, unit, amount, status: "unpaid", method: null, paidBy: null, refunded: false });
  }
  return {
    model: { wallets: RESIDENT_UNITS.map((_, i) => opening[i] ?? 0), collection: 0, bills, pays: [], refunds: [] },
    real: { residents, manager: callerFor(t.db, manager, ["manager"]), buildingId: building.id },
  };
}

async function verify(m: TModel, r: TReal) {
  const wallets = await t.db.ledgerAccount.findMany({ where: { userId: { in: r.residents.map((x) => x.id) } } });
  expect(r.residents.map((x) => wallets.find((w) => w.userId === x.id)?.balance ?? 0)).toEqual(m.wallets);
  const collection = await t.db.ledgerAccount.findUnique({ where: { buildingId: r.buildingId } });
  expect(collection?.balance ?? 0).toBe(m.collection);
  const bills = await t.db.bill.findMany({ where: { buildingId: r.buildingId }, select: { id: true, status: true, paymentMethod: true, paidById: true } });
  const byId = new Map(bills.map((b) => [b.id, b]));
  expect(m.bills.map((b) => byId.get(b.id))).toEqual(
    m.bills.map((b) => ({ id: b.id, status: b.status, paymentMethod: b.method, paidById: b.paidBy === null ? null : r.residents[b.paidBy]!.id })),
  );
  const check = await checkLedger(t.db);
  expect(check).toMatchObject({ isOk: true, negative: [], unbalanced: [], balanceMismatches: [] });
  expect(await t.db.ledgerAccount.count({ where: { kind: { not: "provider" }, balance: { lt: 0 } } })).toBe(0);
}

/** Pays as `user`, predicting the outcome from the model; returns the new transaction id. */
async function payAndCheck(m: TModel, r: TReal, user: number, billIds: string[], idempotencyKey: string, committed: string | null): Promise<string | null> {
  const call = r.residents[user]!.api.bills.pay({ billIds, idempotencyKey });
  if (committed) {
    await expect(call).resolves.toMatchObject({ transactionId: committed, isReplay: true });
    return committed;
  }
  const bills = billIds.map((id) => m.bills.find((b) => b.id === id)!);
  const total = bills.reduce((s, b) => s + b.amount, 0);
  if (bills.some((b) => b.status === "paid")) {
    await expect(call).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "BILL_ALREADY_PAID" } });
    return null;
  }
  if (total > m.wallets[user]!) {
    await expect(call).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INSUFFICIENT_FUNDS" } });
    return null;
  }
  const res = await call;
  expect(res).toMatchObject({ isReplay: false, amount: total, billIds: [...billIds].sort() });
  m.wallets[user]! -= total;
  m.collection += total;
  for (const b of bills) Object.assign(b, { status: "paid", method: "wallet", paidBy: user });
  return res.transactionId;
}

const unitBills = (m: TModel, user: number) => m.bills.filter((b) => b.unit === RESIDENT_UNITS[user]);

class TopUp implements TCmd {
  constructor(
    readonly user: number,
    readonly amount: number,
  ) {}
  check = () => true;
  async run(m: TModel, r: TReal) {
    const res = await r.residents[this.user]!.api.wallet.topUp({ amount: this.amount, idempotencyKey: key() });
    expect(res).toMatchObject({ status: "succeeded", amount: this.amount });
    m.wallets[this.user]! += this.amount;
    await verify(m, r);
  }
  toString = () => `TopUp(${this.user}, ${this.amount})`;
}

/** Pays some bills of the user's unit: any of them (`onlyUnpaid` false) or among the unpaid ones. */
class PayBills implements TCmd {
  constructor(
    readonly user: number,
    readonly picks: number[],
    readonly onlyUnpaid: boolean,
  ) {}
  check = (m: Readonly<TModel>) => !this.onlyUnpaid || unitBills(m, this.user).some((b) => b.status === "unpaid");
  async run(m: TModel, r: TReal) {
    const mine = unitBills(m, this.user).filter((b) => !this.onlyUnpaid || b.status === "unpaid");
    const billIds = [...new Set(this.picks.map((p) => mine[p % mine.length]!.id))];
    const entry = { user: this.user, billIds, key: key(), txId: null as string | null };
    entry.txId = await payAndCheck(m, r, this.user, billIds, entry.key, null);
    m.pays.push(entry);
    await verify(m, r);
  }
  toString = () => `PayBills(${this.user}, [${this.picks.join(", ")}], ${this.onlyUnpaid ? "unpaid" : "any"})`;
}

/**
 * Every resident pays at once (the payments meet in the ledger's write batch, where a
 * failing one must take only itself back and the collection account is credited once per
 * batch): residents 0 and 1 share a unit and may ask for the same bill. Whatever order the
 * batch took, each success must have been possible and each failure explained.
 */
class PayTogether implements TCmd {
  constructor(readonly picks: number[][]) {}
  check = () => true;
  async run(m: TModel, r: TReal) {
    const tries = RESIDENT_UNITS.map((_, user) => {
      const mine = unitBills(m, user);
      return { user, billIds: [...new Set(this.picks[user]!.map((p) => mine[p % mine.length]!.id))], key: key() };
    });
    const walletsBefore = [...m.wallets];
    const paidBefore = new Set(m.bills.filter((b) => b.status === "paid").map((b) => b.id));
    const results = await Promise.allSettled(tries.map((x) => r.residents[x.user]!.api.bills.pay({ billIds: x.billIds, idempotencyKey: x.key })));
    const failures: { x: (typeof tries)[number]; code: string }[] = [];
    for (const [i, res] of results.entries()) {
      const x = tries[i]!;
      const bills = x.billIds.map((id) => m.bills.find((b) => b.id === id)!);
      const total = bills.reduce((s, b) => s + b.amount, 0);
      if (res.status === "fulfilled") {
        expect(res.value).toMatchObject({ isReplay: false, amount: total });
        expect(bills.every((b) => b.status === "unpaid"), "a bill paid twice").toBe(true);
        expect(total).toBeLessThanOrEqual(walletsBefore[x.user]!);
        m.wallets[x.user]! -= total;
        m.collection += total;
        for (const b of bills) Object.assign(b, { status: "paid", method: "wallet", paidBy: x.user });
        m.pays.push({ ...x, txId: res.value.transactionId });
      } else {
        failures.push({ x, code: (res.reason as { cause?: { code?: string } }).cause?.code ?? String(res.reason) });
        m.pays.push({ ...x, txId: null });
      }
    }
    for (const { x, code } of failures) {
      const bills = x.billIds.map((id) => m.bills.find((b) => b.id === id)!);
      const total = bills.reduce((s, b) => s + b.amount, 0);
      // Bills are checked before the wallet; a bill someone else took in this batch, or a
      // wallet short of the total, are the only reasons.
      const reasons = [...(bills.some((b) => b.status === "paid") ? ["BILL_ALREADY_PAID"] : []), ...(total > walletsBefore[x.user]! && !bills.some((b) => paidBefore.has(b.id)) ? ["INSUFFICIENT_FUNDS"] : [])];
      expect(reasons, `resident ${x.user} refused with ${code}`).toContain(code);
    }
    await verify(m, r);
  }
  toString = () => `PayTogether(${JSON.stringify(this.picks)})`;
}

/** The same request again with the same key: a replay if it went through, else a new try. */
class Replay implements TCmd {
  constructor(readonly index: number) {}
  check = (m: Readonly<TModel>) => m.pays.length > 0;
  async run(m: TModel, r: TReal) {
    const entry = m.pays[this.index % m.pays.length]!;
    entry.txId = await payAndCheck(m, r, entry.user, entry.billIds, entry.key, entry.txId);
    await verify(m, r);
  }
  toString = () => `Replay(${this.index})`;
}

/** A used key sent with other bills: refused, nothing moves. */
class ReplayOther implements TCmd {
  constructor(
    readonly index: number,
    readonly pick: number,
  ) {}
  check = (m: Readonly<TModel>) => m.pays.some((p) => p.txId);
  async run(m: TModel, r: TReal) {
    const done = m.pays.filter((p) => p.txId);
    const entry = done[this.index % done.length]!;
    const others = unitBills(m, entry.user).filter((b) => !entry.billIds.includes(b.id));
    const billIds = [...entry.billIds, others[this.pick % others.length]!.id];
    await expect(r.residents[entry.user]!.api.bills.pay({ billIds, idempotencyKey: entry.key })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "IDEMPOTENCY_MISMATCH" },
    });
    await verify(m, r);
  }
  toString = () => `ReplayOther(${this.index}, ${this.pick})`;
}

/** The manager refunds a bill: any bill (`onlyPaid` false) or one paid from a wallet. */
class Refund implements TCmd {
  constructor(
    readonly bill: number,
    readonly onlyPaid: boolean,
  ) {}
  check = (m: Readonly<TModel>) => !this.onlyPaid || m.bills.some((b) => b.method === "wallet");
  async run(m: TModel, r: TReal) {
    const candidates = m.bills.filter((b) => !this.onlyPaid || b.method === "wallet");
    const bill = candidates[this.bill % candidates.length]!;
    const idempotencyKey = key();
    const call = r.manager.bills.manage.refund({ billId: bill.id, idempotencyKey });
    if (bill.status === "paid" && bill.method === "wallet") {
      const res = await call;
      expect(res.isReplay).toBe(false);
      m.wallets[bill.paidBy!]! += bill.amount;
      m.collection -= bill.amount;
      Object.assign(bill, { status: "unpaid", method: null, paidBy: null, refunded: true });
      m.refunds.push({ billId: bill.id, key: idempotencyKey, txId: res.transactionId });
    } else {
      const code = bill.status === "unpaid" && bill.refunded ? "ALREADY_REFUNDED" : "BILL_NOT_PAID";
      await expect(call).rejects.toMatchObject({ code: "CONFLICT", cause: { code } });
    }
    await verify(m, r);
  }
  toString = () => `Refund(${this.bill}, ${this.onlyPaid ? "paid" : "any"})`;
}

class RefundReplay implements TCmd {
  constructor(readonly index: number) {}
  check = (m: Readonly<TModel>) => m.refunds.length > 0;
  async run(m: TModel, r: TReal) {
    const entry = m.refunds[this.index % m.refunds.length]!;
    await expect(r.manager.bills.manage.refund({ billId: entry.billId, idempotencyKey: entry.key })).resolves.toEqual({ transactionId: entry.txId, isReplay: true });
    await verify(m, r);
  }
  toString = () => `RefundReplay(${this.index})`;
}

class PaidElsewhere implements TCmd {
  constructor(readonly bill: number) {}
  check = () => true;
  async run(m: TModel, r: TReal) {
    const bill = m.bills[this.bill % m.bills.length]!;
    const call = r.manager.bills.manage.recordExternalPayment({ billId: bill.id });
    if (bill.status === "unpaid") {
      await expect(call).resolves.toEqual({ ok: true });
      Object.assign(bill, { status: "paid", method: "external", paidBy: null });
    } else {
      await expect(call).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "BILL_ALREADY_PAID" } });
    }
    await verify(m, r);
  }
  toString = () => `PaidElsewhere(${this.bill})`;
}

describe("ledger model", () => {
  const user = fc.integer({ min: 0, max: RESIDENT_UNITS.length - 1 });
  const bill = fc.nat({ max: 2 * BILLS_PER_UNIT - 1 });
  const picks = fc.uniqueArray(fc.nat({ max: BILLS_PER_UNIT - 1 }), { minLength: 1, maxLength: 3 });
  const commands = [
    fc.tuple(user, fc.integer({ min: 100, max: 12_000 })).map(([u, a]) => new TopUp(u, a)),
    fc.tuple(user, picks).map(([u, p]) => new PayBills(u, p, true)),
    fc.tuple(user, picks).map(([u, p]) => new PayBills(u, p, true)),
    fc.tuple(user, picks).map(([u, p]) => new PayBills(u, p, false)),
    fc.array(picks, { minLength: RESIDENT_UNITS.length, maxLength: RESIDENT_UNITS.length }).map((p) => new PayTogether(p)),
    fc.nat().map((i) => new Replay(i)),
    fc.tuple(fc.nat(), fc.nat()).map(([i, p]) => new ReplayOther(i, p)),
    fc.nat().map((b) => new Refund(b, true)),
    bill.map((b) => new Refund(b, false)),
    fc.nat().map((i) => new RefundReplay(i)),
    bill.map((b) => new PaidElsewhere(b)),
  ];

  it(
    "keeps wallets, bills and the collection account equal to the model, balanced and never negative",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 100, max: 6_000 }), { minLength: 2 * BILLS_PER_UNIT, maxLength: 2 * BILLS_PER_UNIT }),
          fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 15_000 })), { minLength: RESIDENT_UNITS.length, maxLength: RESIDENT_UNITS.length }),
          fc.commands(commands, { maxCommands: isPostgres ? 12 : 25, size: "max" }),
          async (amounts, opening, cmds) => {
            const { model, real } = await freshRun(amounts, opening);
            await fc.asyncModelRun(() => ({ model, real }), cmds);
          },
        ),
        { numRuns: isPostgres ? 8 : 20 },
      );
    },
    120_000,
  );
});
