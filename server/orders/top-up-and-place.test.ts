// orders.topUpAndPlace: top up exactly what the wallet lacks, then place the order, in one request.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { topUpKeyOf } from "../payments/top-up-then";
import { useTestDb } from "../test/hooks";
import { MeanwhileProvider } from "../test/providers";
import { MISSING_ID, callerFor, makeApprovedShop, makeBuilding, makeUser } from "../test/factories";
import { topUpAndPlace } from "./service";

const { t } = useTestDb();

const key = () => randomUUID();

/** Alice (A-101, €10) and Bob (A-102, €100); an approved shop delivering there: bread €2.50 (unlimited), cheese €7.80 (3 left), minimum €3. */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id);
  const { units: farUnits } = await makeBuilding(t.db, manager.id, [{ staircase: "C", floor: 0, door: "1" }]);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  for (const [user, unit] of [[alice, units[0]!], [bob, units[1]!], [alice, farUnits[0]!]] as const) {
    await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status: "active", joinedVia: "code" } });
  }
  const asAlice = callerFor(t.db, alice, ["resident"]);
  const asBob = callerFor(t.db, bob, ["resident"]);
  const { merchant, asMerchant, shop } = await makeApprovedShop(t.db, { buildingIds: [building.id], minOrder: 300 });
  const bread = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Baguette", price: 250, stock: null });
  const cheese = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Comté", price: 780, stock: 3 });
  await asAlice.wallet.topUp({ amount: 1000, idempotencyKey: key() });
  await asBob.wallet.topUp({ amount: 10_000, idempotencyKey: key() });
  const { slots } = await asAlice.shops.get({ id: shop.id });
  const slot = slots.find((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000)!;
  const order = (lines: { productId: string; quantity: number }[], topUpAmount: number, over: Record<string, unknown> = {}) => ({
    shopId: shop.id,
    unitId: units[0]!.id,
    windowId: slot.windowId,
    date: slot.date,
    note: "",
    lines,
    idempotencyKey: key(),
    topUpAmount,
    ...over,
  });
  return { alice, bob, merchant, units, farUnits, asAlice, asBob, asMerchant, shop, bread, cheese, slot, order };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

const balance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;
const intents = (userId: string) => t.db.paymentIntent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

/** Everything a refused request must leave alone. */
async function snapshot(s: TSetup) {
  return {
    wallets: [await balance(s.alice.id), await balance(s.bob.id)],
    stock: (await t.db.product.findUniqueOrThrow({ where: { id: s.cheese.id } })).stock,
    orders: await t.db.order.count(),
    intents: await t.db.paymentIntent.count(),
    transactions: await t.db.ledgerTransaction.count(),
  };
}

describe("orders.topUpAndPlace", () => {
  it("tops up exactly the missing amount and places the order; the same key again tops up nothing more", async () => {
    const s = await setup();
    // 2 × €7.80 + €2.50 = €18.10 against €10: €8.10 missing.
    const input = s.order([{ productId: s.cheese.id, quantity: 2 }, { productId: s.bread.id, quantity: 1 }], 810);
    const res = await s.asAlice.orders.topUpAndPlace(input);
    expect(res).toMatchObject({ status: "paid", toppedUp: 810, total: 1810, number: 1, isReplay: false });
    expect(await balance(s.alice.id)).toBe(0);
    expect((await intents(s.alice.id)).map((i) => [i.amount, i.status, i.idempotencyKey])).toEqual([
      [1000, "succeeded", expect.any(String)],
      [810, "succeeded", topUpKeyOf(input.idempotencyKey)],
    ]);
    const placed = await t.db.order.findMany({ where: { userId: s.alice.id } });
    expect(placed.map((o) => [o.total, o.status])).toEqual([[1810, "placed"]]);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: s.cheese.id } })).stock).toBe(1);
    // The receipt is an ordinary order payment; the top-up an ordinary top-up.
    const history = await s.asAlice.wallet.history({});
    expect(history.items.map((m) => [m.kind, m.amount])).toEqual([
      ["order_payment", -1810],
      ["topup", 810],
      ["topup", 1000],
    ]);

    // Retried with the same key (a lost answer): the same order, nothing more topped up or paid.
    await expect(s.asAlice.orders.topUpAndPlace(input)).resolves.toEqual({ ...res, isReplay: true });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await t.db.order.count({ where: { userId: s.alice.id } })).toBe(1);
    expect(await balance(s.alice.id)).toBe(0);
    // The key belongs to this order: the same key for another cart is refused.
    await expect(s.asAlice.orders.topUpAndPlace({ ...input, lines: [{ productId: s.bread.id, quantity: 9 }] })).rejects.toMatchObject({ cause: { code: "IDEMPOTENCY_MISMATCH" } });
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("tops up nothing when the wallet covers the order meanwhile", async () => {
    const s = await setup();
    await s.asAlice.wallet.topUp({ amount: 2000, idempotencyKey: key() });
    const res = await s.asAlice.orders.topUpAndPlace(s.order([{ productId: s.cheese.id, quantity: 2 }], 560));
    expect(res).toMatchObject({ status: "paid", toppedUp: 0, total: 1560 });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await balance(s.alice.id)).toBe(3000 - 1560);
  });

  it("refuses, and changes nothing, when the missing amount is not the one agreed to", async () => {
    const s = await setup();
    const before = await snapshot(s);
    for (const topUpAmount of [559, 561, 200_000]) {
      await expect(s.asAlice.orders.topUpAndPlace(s.order([{ productId: s.cheese.id, quantity: 2 }], topUpAmount))).rejects.toMatchObject({
        code: "CONFLICT",
        cause: { code: "TOPUP_CHANGED", params: { missing: 560 } },
      });
    }
    expect(await snapshot(s)).toEqual(before);
  });

  it("tops up nothing for an order that would be refused", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const refused: [ReturnType<TSetup["order"]>, string][] = [
      [s.order([{ productId: s.cheese.id, quantity: 4 }], 2120), "OUT_OF_STOCK"],
      [s.order([{ productId: s.bread.id, quantity: 1 }], 1), "BELOW_MINIMUM"],
      [s.order([{ productId: s.cheese.id, quantity: 2 }], 560, { date: "2020-01-01" }), "WINDOW_CLOSED"],
      [s.order([{ productId: s.cheese.id, quantity: 2 }], 560, { unitId: s.farUnits[0]!.id }), "NOT_DELIVERED_HERE"],
      [s.order([{ productId: MISSING_ID, quantity: 2 }], 560), "PRODUCT_UNAVAILABLE"],
    ];
    for (const [input, code] of refused) await expect(s.asAlice.orders.topUpAndPlace(input)).rejects.toMatchObject({ cause: { code } });
    expect(await snapshot(s)).toEqual(before);
  });

  it("when the stock runs out after the top-up, the money stays in the wallet, no order is made, and a retry tops up nothing more", async () => {
    const s = await setup();
    const input = s.order([{ productId: s.cheese.id, quantity: 2 }], 560);
    // Bob buys the last three while Alice's top-up is being confirmed.
    const bobs = s.order([{ productId: s.cheese.id, quantity: 3 }], 0, { unitId: s.units[1]!.id });
    const provider = new MeanwhileProvider(() => s.asBob.orders.place(bobs));
    await expect(topUpAndPlace(t.db, s.alice.id, input, new Date(), provider)).rejects.toMatchObject({
      code: "TOPPED_UP_NOT_PAID",
      params: { amount: 560, reason: "OUT_OF_STOCK", name: "Comté", available: 0 },
    });
    expect(await balance(s.alice.id)).toBe(1000 + 560);
    expect(await t.db.order.count({ where: { userId: s.alice.id } })).toBe(0);
    expect(await t.db.ledgerTransaction.count({ where: { kind: "order_payment", initiatorId: s.alice.id } })).toBe(0);

    // The retry (same key) is told the same, and tops up nothing more.
    await expect(s.asAlice.orders.topUpAndPlace(input)).rejects.toMatchObject({ cause: { code: "TOPPED_UP_NOT_PAID", params: { amount: 560, reason: "OUT_OF_STOCK" } } });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await balance(s.alice.id)).toBe(1560);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("when the window closes while the top-up is confirmed, the money stays in the wallet and no order is made", async () => {
    const s = await setup();
    const input = s.order([{ productId: s.cheese.id, quantity: 2 }], 560);
    // Checked 50 ms before the window's cut-off; the provider takes 150 ms to answer.
    const now = new Date(s.slot.cutoffAt.getTime() - 50);
    const slow = new MeanwhileProvider(() => new Promise((r) => setTimeout(r, 150)));
    await expect(topUpAndPlace(t.db, s.alice.id, input, now, slow)).rejects.toMatchObject({ code: "TOPPED_UP_NOT_PAID", params: { amount: 560, reason: "WINDOW_CLOSED" } });
    expect(await balance(s.alice.id)).toBe(1000 + 560);
    expect(await t.db.order.count({ where: { userId: s.alice.id } })).toBe(0);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: s.cheese.id } })).stock).toBe(3);
  });

  it("tops up once and orders once when the same confirmation is sent 12 times at once", async () => {
    const s = await setup();
    const input = s.order([{ productId: s.cheese.id, quantity: 3 }], 1340);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => s.asAlice.orders.topUpAndPlace(input)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String(r.reason))).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof s.asAlice.orders.topUpAndPlace>>>).value);
    // A twin arriving while the top-up is being confirmed may say so; every other says placed, the same order.
    expect(values.every((v) => v.status === "paid" || v.status === "topUpPending")).toBe(true);
    const paid = values.filter((v) => v.status === "paid");
    expect(paid.length).toBeGreaterThan(0);
    expect(new Set(paid.map((v) => v.orderId)).size).toBe(1);
    expect(paid.filter((v) => !v.isReplay)).toHaveLength(1);
    expect((await intents(s.alice.id)).map((i) => i.amount)).toEqual([1000, 1340]);
    expect(await balance(s.alice.id)).toBe(0);
    expect(await t.db.order.count({ where: { userId: s.alice.id } })).toBe(1);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: s.cheese.id } })).stock).toBe(0);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("answers anonymous callers, someone else's unit and bad input without moving money", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const ok = s.order([{ productId: s.cheese.id, quantity: 2 }], 560);
    await expect(callerFor(t.db, null).orders.topUpAndPlace(ok)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Bob's flat is not Alice's: not found, as if it did not exist.
    await expect(s.asAlice.orders.topUpAndPlace({ ...ok, unitId: s.units[1]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAlice.orders.topUpAndPlace({ ...ok, shopId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A merchant who lives nowhere the shop delivers sees no shop, like anyone it does not serve;
    // living in a building it serves, they still cannot top up to order from their own shop.
    await expect(s.asMerchant.orders.topUpAndPlace({ ...ok, idempotencyKey: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await t.db.membership.create({ data: { userId: s.merchant.id, unitId: s.units[1]!.id, buildingId: s.units[1]!.buildingId, status: "active", joinedVia: "code" } });
    await expect(s.asMerchant.orders.topUpAndPlace({ ...ok, unitId: s.units[1]!.id, idempotencyKey: key() })).rejects.toMatchObject({ cause: { code: "OWN_SHOP" } });
    await t.db.membership.deleteMany({ where: { userId: s.merchant.id } });
    for (const topUpAmount of [0, -560, 5.5, 200_001]) {
      await expect(s.asAlice.orders.topUpAndPlace({ ...ok, idempotencyKey: key(), topUpAmount })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(s.asAlice.orders.topUpAndPlace({ ...ok, idempotencyKey: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(topUpAndPlace(t.db, s.alice.id, { ...ok, idempotencyKey: key() }, new Date(), null)).rejects.toMatchObject({ code: "PAYMENTS_UNAVAILABLE" });
    expect(await snapshot(s)).toEqual(before);
  });
});
