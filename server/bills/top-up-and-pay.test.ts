// bills.topUpAndPay: top up exactly what the wallet lacks, then pay, in one request.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import type { PaymentProvider, TIntentStatus } from "../payments/provider";
import { confirmIntent } from "../payments/service";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import { topUpKeyOf } from "../payments/top-up-then";
import { topUpAndPay } from "./service";

const { t, events } = useTestDb();

const key = () => randomUUID();
const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

type TUser = Awaited<ReturnType<typeof makeUser>>;

/** A provider whose payments are settled later (by confirmIntent or its webhook). */
class LaterProvider implements PaymentProvider {
  readonly id = "laterpay";
  readonly isSandbox = false;
  created = 0;
  constructor(private readonly answer: TIntentStatus = "pending") {}
  async createIntent(intent: { id: string }) {
    this.created++;
    return { providerRef: `lp_${intent.id}`, status: this.answer, redirectUrl: `https://pay.example/checkout/${intent.id}` };
  }
  parseWebhook(): never {
    throw new Error("not used");
  }
}

async function member(user: TUser, unit: { id: string; buildingId: string }) {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status: "active", joinedVia: "code" } });
}

/** Alice and Bob share A-101; Carol lives in A-102; a second building has its own manager. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const carol = await makeUser(t.db, ["resident"], "Carol");
  const { building, units } = await makeBuilding(t.db, manager.id);
  await member(alice, units[0]!);
  await member(bob, units[0]!);
  await member(carol, units[1]!);
  const asManager = callerFor(t.db, manager, ["manager"]);
  let seq = 0;
  const issue = (unit: number, amount: number) =>
    asManager.bills.manage.issue({ unitId: units[unit]!.id, kind: "water", reference: `W-${++seq}`, periodStart: day(-60), periodEnd: day(-31), dueDate: day(10), amount });
  return {
    alice,
    bob,
    carol,
    building,
    units,
    issue,
    asAlice: callerFor(t.db, alice, ["resident"]),
    asBob: callerFor(t.db, bob, ["resident"]),
    asCarol: callerFor(t.db, carol, ["resident"]),
    asManager,
  };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

const balance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;
const intents = (userId: string) => t.db.paymentIntent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
const billStatus = async (id: string) => (await t.db.bill.findUniqueOrThrow({ where: { id } })).status;

async function snapshot(s: TSetup) {
  return {
    bills: (await t.db.bill.findMany({ orderBy: { id: "asc" } })).map((b) => [b.id, b.status, b.transactionId]),
    wallets: [await balance(s.alice.id), await balance(s.bob.id), await balance(s.carol.id)],
    intents: await t.db.paymentIntent.count(),
    transactions: await t.db.ledgerTransaction.count(),
  };
}

describe("bills.topUpAndPay", () => {
  it("tops up exactly the missing amount and pays, leaving the wallet at zero", async () => {
    const s = await setup();
    const a = await s.issue(0, 2150);
    const b = await s.issue(0, 2400);
    await s.asAlice.wallet.topUp({ amount: 1200, idempotencyKey: key() });
    events.length = 0;
    const idempotencyKey = key();
    const res = await s.asAlice.bills.topUpAndPay({ billIds: [a.id, b.id], idempotencyKey, topUpAmount: 3350 });
    expect(res).toMatchObject({ status: "paid", toppedUp: 3350, amount: 4550, billIds: [a.id, b.id].sort(), isReplay: false });
    expect(await balance(s.alice.id)).toBe(0);
    expect([await billStatus(a.id), await billStatus(b.id)]).toEqual(["paid", "paid"]);
    const made = await intents(s.alice.id);
    expect(made.map((i) => [i.amount, i.status, i.idempotencyKey])).toEqual([
      [1200, "succeeded", expect.any(String)],
      [3350, "succeeded", topUpKeyOf(idempotencyKey)],
    ]);
    // The receipt is an ordinary bill payment; the top-up an ordinary top-up.
    const history = await s.asAlice.wallet.history({});
    expect(history.items.map((m) => [m.kind, m.amount])).toEqual([
      ["bill_payment", -4550],
      ["topup", 3350],
      ["topup", 1200],
    ]);
    expect(events.filter((e) => e.type === "bills.changed")).toHaveLength(1);

    // Asked again with the same key: the same answer, nothing more topped up or paid.
    await expect(s.asAlice.bills.topUpAndPay({ billIds: [b.id, a.id], idempotencyKey, topUpAmount: 3350 })).resolves.toEqual({ ...res, isReplay: true });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await balance(s.alice.id)).toBe(0);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("pays without topping up when the wallet meanwhile covers the bills", async () => {
    const s = await setup();
    const a = await s.issue(0, 1000);
    await s.asAlice.wallet.topUp({ amount: 1500, idempotencyKey: key() });
    const res = await s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey: key(), topUpAmount: 400 });
    expect(res).toMatchObject({ status: "paid", toppedUp: 0, amount: 1000 });
    expect(await intents(s.alice.id)).toHaveLength(1);
    expect(await balance(s.alice.id)).toBe(500);
  });

  it("refuses, and changes nothing, when the missing amount is not the one agreed to", async () => {
    const s = await setup();
    const a = await s.issue(0, 5000);
    await s.asAlice.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    const before = await snapshot(s);
    for (const topUpAmount of [3999, 4001, 200_000]) {
      await expect(s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey: key(), topUpAmount })).rejects.toMatchObject({
        code: "CONFLICT",
        cause: { code: "TOPUP_CHANGED", params: { missing: 4000 } },
      });
    }
    expect(await snapshot(s)).toEqual(before);
  });

  it("refuses bad input and changes nothing", async () => {
    const s = await setup();
    const a = await s.issue(0, 5000);
    const before = await snapshot(s);
    const bad = [
      { billIds: [], idempotencyKey: key(), topUpAmount: 5000 },
      { billIds: [a.id], idempotencyKey: "short", topUpAmount: 5000 },
      { billIds: [a.id], idempotencyKey: key(), topUpAmount: 0 },
      { billIds: [a.id], idempotencyKey: key(), topUpAmount: -5000 },
      { billIds: [a.id], idempotencyKey: key(), topUpAmount: 50.5 },
      { billIds: [a.id], idempotencyKey: key(), topUpAmount: 200_001 },
      { billIds: ["not an id"], idempotencyKey: key(), topUpAmount: 5000 },
      { billIds: Array.from({ length: 51 }, () => a.id), idempotencyKey: key(), topUpAmount: 5000 },
    ];
    for (const input of bad) await expect(s.asAlice.bills.topUpAndPay(input)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot(s)).toEqual(before);
  });

  it("answers another unit's bills, unknown bills and anonymous callers without moving money", async () => {
    const s = await setup();
    const mine = await s.issue(0, 1000);
    const carols = await s.issue(1, 1000);
    const before = await snapshot(s);
    for (const billIds of [[carols.id], [MISSING_ID], [mine.id, carols.id]]) {
      await expect(s.asAlice.bills.topUpAndPay({ billIds, idempotencyKey: key(), topUpAmount: 1000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(callerFor(t.db, null).bills.topUpAndPay({ billIds: [mine.id], idempotencyKey: key(), topUpAmount: 1000 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // A manager of the building is not a resident of the unit either.
    await expect(s.asManager.bills.topUpAndPay({ billIds: [mine.id], idempotencyKey: key(), topUpAmount: 1000 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(s)).toEqual(before);
  });

  it("tops up nothing for a bill already paid", async () => {
    const s = await setup();
    const a = await s.issue(0, 1000);
    await s.asManager.bills.manage.recordExternalPayment({ billId: a.id });
    const before = await snapshot(s);
    await expect(s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey: key(), topUpAmount: 1000 })).rejects.toMatchObject({ cause: { code: "BILL_ALREADY_PAID" } });
    expect(await snapshot(s)).toEqual(before);
  });

  it("tops up once and pays once when the same confirmation is sent 20 times at once", async () => {
    const s = await setup();
    const a = await s.issue(0, 3333);
    const idempotencyKey = key();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey, topUpAmount: 3333 })));
    expect(results.filter((r) => r.status === "rejected").map((r) => String(r.reason))).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof s.asAlice.bills.topUpAndPay>>>).value);
    // A twin arriving while the top-up is being confirmed may say so; every other says paid, by one transaction.
    expect(values.every((v) => v.status === "paid" || v.status === "topUpPending")).toBe(true);
    const paid = values.filter((v) => v.status === "paid");
    expect(paid.length).toBeGreaterThan(0);
    expect(new Set(paid.map((v) => v.transactionId)).size).toBe(1);
    expect(paid.filter((v) => !v.isReplay)).toHaveLength(1);
    expect((await intents(s.alice.id)).map((i) => [i.amount, i.status])).toEqual([[3333, "succeeded"]]);
    expect(await balance(s.alice.id)).toBe(0);
    expect(await t.db.ledgerTransaction.count({ where: { kind: "bill_payment", initiatorId: s.alice.id } })).toBe(1);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("when two residents race for the same bills, one pays and the other keeps exactly its top-up", async () => {
    const s = await setup();
    const a = await s.issue(0, 2500);
    const [x, y] = await Promise.allSettled([
      s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey: key(), topUpAmount: 2500 }),
      s.asBob.bills.topUpAndPay({ billIds: [a.id], idempotencyKey: key(), topUpAmount: 2500 }),
    ]);
    const outcomes = [x, y].map((r) => r.status);
    expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
    const loser = x.status === "rejected" ? x : (y as PromiseRejectedResult);
    const loserId = x.status === "rejected" ? s.alice.id : s.bob.id;
    const winnerId = loserId === s.alice.id ? s.bob.id : s.alice.id;
    // The loser either saw the bill paid before topping up (nothing moved), or topped up
    // and then lost: then its wallet holds exactly that top-up and the answer says so.
    const code = (loser.reason as { cause?: { code?: string } }).cause?.code;
    expect(["BILL_ALREADY_PAID", "TOPPED_UP_NOT_PAID"]).toContain(code);
    expect(await balance(loserId)).toBe(code === "TOPPED_UP_NOT_PAID" ? 2500 : 0);
    expect(await balance(winnerId)).toBe(0);
    expect(await billStatus(a.id)).toBe("paid");
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("never tops up twice when the balance is spent between the top-up and the payment", async () => {
    const s = await setup();
    const a = await s.issue(0, 3000);
    const b = await s.issue(0, 1000);
    await s.asAlice.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    // Alice's other payment takes the €10 after she agreed to top up €20 for bill a.
    const idempotencyKey = key();
    const [first, other] = await Promise.allSettled([
      s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey, topUpAmount: 2000 }),
      s.asAlice.bills.pay({ billIds: [b.id], idempotencyKey: key() }),
    ]);
    expect((await checkLedger(t.db)).isOk).toBe(true);
    const made = (await intents(s.alice.id)).filter((i) => i.idempotencyKey === topUpKeyOf(idempotencyKey));
    expect(made.length).toBeLessThanOrEqual(1);
    if (first.status === "fulfilled") {
      // The payment of b lost, or came before the read and made the missing amount 3000.
      expect(other.status).toBe("rejected");
      expect(await balance(s.alice.id)).toBe(0);
    } else {
      const code = (first.reason as { cause?: { code?: string } }).cause?.code;
      expect(["TOPUP_CHANGED", "TOPPED_UP_NOT_PAID"]).toContain(code);
      expect(await billStatus(a.id)).toBe("unpaid");
      expect(await balance(s.alice.id)).toBe(code === "TOPPED_UP_NOT_PAID" ? 2000 : 0);
      // The retry with the same key tops up nothing more: €20 is there, €30 is due.
      if (code === "TOPPED_UP_NOT_PAID") {
        await expect(s.asAlice.bills.topUpAndPay({ billIds: [a.id], idempotencyKey, topUpAmount: 2000 })).rejects.toMatchObject({ cause: { code: "TOPPED_UP_NOT_PAID" } });
        expect(made).toHaveLength(1);
        expect(await balance(s.alice.id)).toBe(2000);
      }
    }
  });

  it("with a provider that confirms later, waits for the money and pays on the same key", async () => {
    const s = await setup();
    const a = await s.issue(0, 4200);
    const provider = new LaterProvider();
    const input = { billIds: [a.id], idempotencyKey: key(), topUpAmount: 4200 };
    const first = await topUpAndPay(t.db, s.alice.id, input, provider);
    expect(first).toMatchObject({ status: "topUpPending", amount: 4200 });
    expect(await billStatus(a.id)).toBe("unpaid");
    // Asked again before the money arrives: still waiting, no second intent.
    await expect(topUpAndPay(t.db, s.alice.id, input, provider)).resolves.toMatchObject({ status: "topUpPending" });
    expect(provider.created).toBe(1);
    const intent = (await intents(s.alice.id))[0]!;
    await confirmIntent(t.db, provider.id, intent.providerRef!, "succeeded");
    await expect(topUpAndPay(t.db, s.alice.id, input, provider)).resolves.toMatchObject({ status: "paid", toppedUp: 4200, amount: 4200, isReplay: false });
    expect(await balance(s.alice.id)).toBe(0);
    expect(await billStatus(a.id)).toBe("paid");
  });

  it("says so and pays nothing when the top-up is declined", async () => {
    const s = await setup();
    const a = await s.issue(0, 4200);
    await expect(topUpAndPay(t.db, s.alice.id, { billIds: [a.id], idempotencyKey: key(), topUpAmount: 4200 }, new LaterProvider("failed"))).rejects.toMatchObject({ code: "PAYMENT_FAILED" });
    expect(await billStatus(a.id)).toBe("unpaid");
    expect(await balance(s.alice.id)).toBe(0);
  });

  it("says payments are unavailable, and changes nothing, without a provider", async () => {
    const s = await setup();
    const a = await s.issue(0, 4200);
    const before = await snapshot(s);
    await expect(topUpAndPay(t.db, s.alice.id, { billIds: [a.id], idempotencyKey: key(), topUpAmount: 4200 }, null)).rejects.toMatchObject({ code: "PAYMENTS_UNAVAILABLE" });
    expect(await snapshot(s)).toEqual(before);
  });
});
