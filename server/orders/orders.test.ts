// Orders: paid from the wallet with stock taken in the same transaction, moved along by
// the merchant, refunded in full on rejection or cancellation; the merchant's board shows
// only the customer's display name and unit.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeApprovedShop, makeBuilding, makeUser, shopInput } from "../test/factories";
import type { TShopInput } from "../shops/schema";
import { ZBoardOrder } from "./schema";
import { placeOrder } from "./service";

const { t, events } = useTestDb();

const key = () => randomUUID();
type TUser = Awaited<ReturnType<typeof makeUser>>;
type TCaller = ReturnType<typeof callerFor>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

async function topUp(api: TCaller, amount: number) {
  for (let left = amount; left > 0; left -= 200_000) await api.wallet.topUp({ amount: Math.min(Math.max(left, 100), 200_000), idempotencyKey: key() });
}

const walletBalance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;
const tillBalance = async (shopId: string) => (await t.db.ledgerAccount.findUnique({ where: { shopId } }))?.balance ?? 0;
const stockOf = async (id: string) => (await t.db.product.findUniqueOrThrow({ where: { id } })).stock;

/**
 * A building (A-101 Alice, A-102 Bob, B-201 the merchant, who also lives there) and another
 * building where Alice also has a flat; an approved shop delivering to the first building
 * only, with bread (unlimited), milk (10) and cheese (3). Alice and Bob have €100 each.
 */
async function setup(over: Partial<TShopInput> = {}) {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 1, door: "102" },
    { staircase: "B", floor: 2, door: "201" },
  ]);
  const { building: other, units: otherUnits } = await makeBuilding(t.db, manager.id, [{ staircase: "C", floor: 0, door: "1" }]);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const merchant = await makeUser(t.db, ["merchant", "resident"], "Marchand");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  await member(alice, units[0]!);
  await member(alice, otherUnits[0]!);
  await member(bob, units[1]!);
  await member(merchant, units[2]!);
  const asAlice = callerFor(t.db, alice, ["resident"]);
  const asBob = callerFor(t.db, bob, ["resident"]);
  const asMerchant = callerFor(t.db, merchant, ["merchant", "resident"]);
  const asRival = callerFor(t.db, rival, ["merchant"]);
  const { asAdmin, shop } = await makeApprovedShop(t.db, { merchant, admin, buildingIds: [building.id], ...over });
  const bread = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Baguette", price: 250, stock: null });
  const milk = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Lait", price: 120, stock: 10 });
  const cheese = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Comté", price: 780, stock: 3 });
  await topUp(asAlice, 10_000);
  await topUp(asBob, 10_000);
  const { slots } = await asAlice.shops.get({ id: shop.id });
  events.length = 0;
  // The first slot whose cut-off is not about to pass while the test runs.
  const slot = slots.find((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000)!;
  return { manager, building, units, other, otherUnits, alice, bob, merchant, rival, asAlice, asBob, asMerchant, asRival, admin, asAdmin, shop, bread, milk, cheese, slots, slot };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

const order = (s: TSetup, lines: { productId: string; quantity: number }[], over: Record<string, unknown> = {}) => ({
  shopId: s.shop.id,
  unitId: s.units[0]!.id,
  windowId: s.slot.windowId,
  date: s.slot.date,
  note: "",
  lines,
  idempotencyKey: key(),
  ...over,
});

/** Everything a refused order must leave alone. */
async function snapshot(s: TSetup) {
  return {
    alice: await walletBalance(s.alice.id),
    bob: await walletBalance(s.bob.id),
    till: await tillBalance(s.shop.id),
    stock: [await stockOf(s.bread.id), await stockOf(s.milk.id), await stockOf(s.cheese.id)],
    orders: await t.db.order.count({ where: { shopId: s.shop.id } }),
    transactions: await t.db.ledgerTransaction.count(),
  };
}

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("placing an order", () => {
  it("pays from the wallet, credits the shop, takes the stock and numbers orders per shop", async () => {
    const s = await setup();
    expect(s.slots.length).toBeGreaterThanOrEqual(2);
    const res = await s.asAlice.orders.place(
      order(s, [
        { productId: s.bread.id, quantity: 2 },
        { productId: s.milk.id, quantity: 1 },
        { productId: s.milk.id, quantity: 2 }, // the same product twice: merged
      ], { note: "  Code porte 1234  " }),
    );
    expect(res).toMatchObject({ number: 1, total: 2 * 250 + 3 * 120, isReplay: false });
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 860);
    expect(await tillBalance(s.shop.id)).toBe(860);
    expect(await stockOf(s.milk.id)).toBe(7);
    expect(await stockOf(s.bread.id)).toBeNull();
    expect(events).toEqual([
      { type: "order.changed", orderId: res.orderId, shopId: s.shop.id, ownerId: s.merchant.id, userId: s.alice.id, status: "placed" },
      { type: "wallet.changed", userId: s.alice.id },
      // Stock moved: residents of the delivered buildings refresh the shop.
      { type: "catalogue.changed", shopId: s.shop.id, buildingIds: [s.building.id] },
    ]);

    const mine = await s.asAlice.orders.get({ id: res.orderId });
    expect(mine).toMatchObject({
      id: res.orderId,
      number: 1,
      shop: { id: s.shop.id, name: "Épicerie Martin" },
      status: "placed",
      total: 860,
      currency: "EUR",
      windowStarts: "23:58",
      windowEnds: "23:59",
      note: "Code porte 1234",
      buildingName: "Test House",
      unit: { staircase: "A", floor: 1, door: "101" },
    });
    expect(mine.deliveryDate).toEqual(new Date(`${s.slot.date}T00:00:00Z`));
    expect(mine.lines.map((l) => [l.name, l.quantity, l.price, l.total]).sort()).toEqual([
      ["Baguette", 2, 250, 500],
      ["Lait", 3, 120, 360],
    ]);
    const payment = await t.db.ledgerTransaction.findUniqueOrThrow({ where: { id: mine.receiptId }, include: { entries: true } });
    expect(payment).toMatchObject({ kind: "order_payment", amount: 860, initiatorId: s.alice.id });
    expect(await s.asAlice.orders.list()).toMatchObject([{ id: res.orderId }]);

    await expect(s.asBob.orders.place(order(s, [{ productId: s.cheese.id, quantity: 1 }], { unitId: s.units[1]!.id }))).resolves.toMatchObject({ number: 2, total: 780 });
    // Numbers are per shop: another shop starts at 1.
    const { shop: second } = await makeApprovedShop(t.db, { merchant: s.merchant, admin: s.admin, buildingIds: [s.building.id], name: "Second" });
    const water = await s.asMerchant.shops.manage.createProduct({ shopId: second.id, name: "Eau", price: 300, stock: null });
    const secondSlot = (await s.asAlice.shops.get({ id: second.id })).slots.find((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000)!;
    await expect(
      s.asAlice.orders.place({ ...order(s, [{ productId: water.id, quantity: 1 }]), shopId: second.id, windowId: secondSlot.windowId, date: secondSlot.date }),
    ).resolves.toMatchObject({ number: 1, total: 300 });
    expect(await s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }]))).toMatchObject({ number: 3 });
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("answers a replay with the same order and charges once, even for 20 at once", async () => {
    const s = await setup();
    const input = order(s, [{ productId: s.milk.id, quantity: 2 }]);
    const first = await s.asAlice.orders.place(input);
    events.length = 0;
    await expect(s.asAlice.orders.place(input)).resolves.toEqual({ ...first, isReplay: true });
    expect(events).toEqual([]);
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 240);
    expect(await stockOf(s.milk.id)).toBe(8);
    // The same key for another cart is refused.
    await expect(s.asAlice.orders.place({ ...input, lines: [{ productId: s.milk.id, quantity: 3 }] })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });

    const racing = order(s, [{ productId: s.cheese.id, quantity: 1 }]);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => s.asAlice.orders.place(racing)));
    const values = results.map((r) => (r.status === "fulfilled" ? r.value : { error: String((r).reason) }));
    expect(values.filter((v) => "error" in v)).toEqual([]);
    const placed = values as { orderId: string; isReplay: boolean }[];
    expect(new Set(placed.map((v) => v.orderId)).size).toBe(1);
    expect(placed.filter((v) => !v.isReplay)).toHaveLength(1);
    expect(await t.db.order.count({ where: { userId: s.alice.id } })).toBe(2);
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 240 - 780);
    expect(await stockOf(s.cheese.id)).toBe(2);
    expect(events.filter((e) => e.type === "order.changed")).toHaveLength(1);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("refuses an order below the shop's minimum", async () => {
    const s = await setup({ minOrder: 1000 });
    const before = await snapshot(s);
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 3 }]))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "BELOW_MINIMUM", params: { minimum: 1000 } },
    });
    expect(await snapshot(s)).toEqual(before);
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 4 }]))).resolves.toMatchObject({ total: 1000 });
  });

  it("refuses a window that is closed for orders", async () => {
    const s = await setup();
    const before = await snapshot(s);
    const lines = [{ productId: s.bread.id, quantity: 1 }];
    const closed = [
      { date: dayAfter(s.slots[0]!.date, -1) }, // before the first orderable day
      { date: dayAfter(s.slots[s.slots.length - 1]!.date, 1) }, // beyond the horizon
      { windowId: MISSING_ID },
    ];
    for (const over of closed) {
      await expect(s.asAlice.orders.place(order(s, lines, over)), JSON.stringify(over)).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "WINDOW_CLOSED" } });
    }
    // At the cut-off exactly it is too late; a minute before, it is fine.
    const input = order(s, lines);
    await expect(placeOrder(t.db, s.alice.id, input, s.slot.cutoffAt)).rejects.toMatchObject({ code: "WINDOW_CLOSED" });
    expect(await snapshot(s)).toEqual(before);
    await expect(placeOrder(t.db, s.alice.id, input, new Date(s.slot.cutoffAt.getTime() - 60_000))).resolves.toMatchObject({ isReplay: false });
    // A window the merchant removed takes no more orders.
    await s.asMerchant.shops.manage.update({ id: s.shop.id, data: shopInput([s.building.id], { windows: [{ starts: "23:00", ends: "23:30", cutoffMinutes: 0 }] }) });
    await expect(s.asAlice.orders.place(order(s, lines))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "WINDOW_CLOSED" } });
  });

  it("refuses a unit that is not the caller's, and a building the shop does not deliver to", async () => {
    const s = await setup();
    const carol = await makeUser(t.db, ["resident"], "Carol");
    await member(carol, s.units[0]!, "pending");
    await topUp(callerFor(t.db, carol, ["resident"]), 5000);
    const before = await snapshot(s);
    const lines = [{ productId: s.bread.id, quantity: 1 }];
    await expect(s.asAlice.orders.place(order(s, lines, { unitId: s.units[1]!.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAlice.orders.place(order(s, lines, { unitId: MISSING_ID }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(t.db, carol, ["resident"]).orders.place(order(s, lines))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAlice.orders.place(order(s, lines, { unitId: s.otherUnits[0]!.id }))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "NOT_DELIVERED_HERE" } });
    expect(await snapshot(s)).toEqual(before);
  });

  it("does not tell someone the shop does not serve that it exists: NOT_FOUND, like a missing shop (issue 16)", async () => {
    const s = await setup();
    const dan = await makeUser(t.db, ["resident"], "Dan");
    await member(dan, s.otherUnits[0]!, "active");
    await topUp(callerFor(t.db, dan, ["resident"]), 5000);
    const before = await snapshot(s);
    const lines = [{ productId: s.bread.id, quantity: 1 }];
    const asDan = callerFor(t.db, dan, ["resident"]);
    const err = await asDan.orders.place(order(s, lines, { unitId: s.otherUnits[0]!.id })).catch((e: unknown) => e);
    const missing = await asDan.orders.place(order(s, lines, { unitId: s.otherUnits[0]!.id, shopId: MISSING_ID })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "NOT_FOUND" });
    expect((err as Error).message).toBe((missing as Error).message);
    expect(await snapshot(s)).toEqual(before);
  });

  it("refuses a shop that is not approved (NOT_FOUND) and the merchant's own shop (OWN_SHOP)", async () => {
    const s = await setup();
    await topUp(s.asMerchant, 5000);
    const lines = [{ productId: s.bread.id, quantity: 1 }];
    await expect(s.asMerchant.orders.place(order(s, lines, { unitId: s.units[2]!.id }))).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "OWN_SHOP" } });
    await s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "Complaints from residents" });
    await expect(s.asAlice.orders.place(order(s, lines))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.order.count({ where: { shopId: s.shop.id } })).toBe(0);
    expect(await walletBalance(s.merchant.id)).toBe(5000);
  });

  it("refuses inactive products and products of another shop (PRODUCT_UNAVAILABLE)", async () => {
    const s = await setup();
    await s.asMerchant.shops.manage.updateProduct({ id: s.milk.id, isActive: false });
    const elsewhere = await s.asRival.shops.manage.create(shopInput([s.building.id], { name: "Rival" }));
    const foreign = await s.asRival.shops.manage.createProduct({ shopId: elsewhere.id, name: "Foreign", price: 100, stock: null });
    const before = await snapshot(s);
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }, { productId: s.milk.id, quantity: 1 }]))).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "PRODUCT_UNAVAILABLE", params: { productId: s.milk.id, name: "Lait" } },
    });
    await expect(s.asAlice.orders.place(order(s, [{ productId: foreign.id, quantity: 1 }]))).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "PRODUCT_UNAVAILABLE" } });
    expect(await snapshot(s)).toEqual(before);
  });

  it("refuses bad carts with BAD_REQUEST", async () => {
    const s = await setup();
    const before = await snapshot(s);
    for (const lines of [[], [{ productId: s.bread.id, quantity: 0 }], [{ productId: s.bread.id, quantity: 100 }], [{ productId: s.bread.id, quantity: 1.5 }]]) {
      await expect(s.asAlice.orders.place(order(s, lines))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }], { date: "2026-02-30" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }], { idempotencyKey: "short" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await snapshot(s)).toEqual(before);
  });

  it("without enough money: INSUFFICIENT_FUNDS, and the stock is untouched", async () => {
    const s = await setup();
    const poor = await makeUser(t.db, ["resident"], "Poor");
    await member(poor, s.units[1]!);
    const asPoor = callerFor(t.db, poor, ["resident"]);
    await topUp(asPoor, 1000);
    const before = await snapshot(s);
    events.length = 0;
    await expect(asPoor.orders.place(order(s, [{ productId: s.milk.id, quantity: 2 }, { productId: s.cheese.id, quantity: 1 }], { unitId: s.units[1]!.id }))).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "INSUFFICIENT_FUNDS" },
    });
    expect(await snapshot(s)).toEqual(before);
    expect(await walletBalance(poor.id)).toBe(1000);
    expect(events).toEqual([]);
  });

  it("OUT_OF_STOCK leaves wallet and stock (of every line) unchanged", async () => {
    const s = await setup();
    const before = await snapshot(s);
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.milk.id, quantity: 2 }, { productId: s.cheese.id, quantity: 4 }]))).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "OUT_OF_STOCK", params: { productId: s.cheese.id, name: "Comté", available: 3 } },
    });
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.cheese.id, quantity: 4 }, { productId: s.milk.id, quantity: 2 }]))).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "OUT_OF_STOCK" },
    });
    expect(await snapshot(s)).toEqual(before);
    expect(events).toEqual([]);
    // Exactly what is left can be bought.
    await expect(s.asAlice.orders.place(order(s, [{ productId: s.cheese.id, quantity: 3 }]))).resolves.toMatchObject({ total: 3 * 780 });
    expect(await stockOf(s.cheese.id)).toBe(0);
  });

  it("orders placed at the same moment for different products all go through, with distinct numbers", async () => {
    const s = await setup();
    const people = [];
    for (let i = 0; i < 8; i++) {
      const user = await makeUser(t.db, ["resident"], `Voisin ${i}`);
      await member(user, s.units[1]!);
      const api = callerFor(t.db, user, ["resident"]);
      await topUp(api, 1000);
      people.push(api);
    }
    const results = await Promise.allSettled(
      people.map((api, i) => api.orders.place(order(s, [{ productId: i % 2 ? s.bread.id : s.milk.id, quantity: 1 }], { unitId: s.units[1]!.id }))),
    );
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r).reason))).toEqual([]);
    const numbers = results.map((r) => (r as PromiseFulfilledResult<{ number: number }>).value.number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await stockOf(s.milk.id)).toBe(6);
    expect(await tillBalance(s.shop.id)).toBe(4 * 250 + 4 * 120);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("THE RACE: 20 residents order the last 5 units at once → 5 orders, 15 OUT_OF_STOCK charged nothing", async () => {
    const s = await setup();
    const last = await s.asMerchant.shops.manage.createProduct({ shopId: s.shop.id, name: "Galette des rois", price: 300, stock: 5 });
    const people = [];
    for (let i = 0; i < 20; i++) {
      const user = await makeUser(t.db, ["resident"], `Neighbour ${i}`);
      await member(user, s.units[i % 2]!);
      const api = callerFor(t.db, user, ["resident"]);
      await topUp(api, 1000);
      people.push({ user, api, unitId: s.units[i % 2]!.id });
    }
    const tillBefore = await tillBalance(s.shop.id);
    events.length = 0;
    const results = await Promise.allSettled(people.map((p) => p.api.orders.place(order(s, [{ productId: last.id, quantity: 1 }], { unitId: p.unitId }))));

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost.map((r) => [r.reason?.code, r.reason?.cause?.code]).filter(([c, a]) => c !== "CONFLICT" || a !== "OUT_OF_STOCK")).toEqual([]);
    expect(won).toHaveLength(5);
    expect(lost).toHaveLength(15);
    expect(await stockOf(last.id)).toBe(0);
    const balances = await Promise.all(people.map((p) => walletBalance(p.user.id)));
    results.forEach((r, i) => expect(balances[i], `neighbour ${i}`).toBe(r.status === "fulfilled" ? 700 : 1000));
    expect(await tillBalance(s.shop.id)).toBe(tillBefore + 5 * 300);
    const orders = await t.db.order.findMany({ where: { shopId: s.shop.id } });
    expect(orders).toHaveLength(5);
    expect(new Set(orders.map((o) => o.number)).size).toBe(5);
    expect(events.filter((e) => e.type === "order.changed")).toHaveLength(5);
    const check = await checkLedger(t.db);
    expect(check).toMatchObject({ isOk: true, unbalanced: [], balanceMismatches: [], negative: [] });
  });
});

describe("moving orders along, refunds", () => {
  it("the merchant moves an order placed → accepted → out_for_delivery → delivered, and no other way", async () => {
    const s = await setup();
    const { orderId } = await s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }]));
    events.length = 0;
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "delivered" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "out_for_delivery" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "accepted" })).resolves.toEqual({ ok: true, status: "accepted" });
    expect((await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).acceptedAt).toBeInstanceOf(Date);
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "accepted" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "rejected" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "out_for_delivery" })).resolves.toEqual({ ok: true, status: "out_for_delivery" });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "delivered" })).resolves.toEqual({ ok: true, status: "delivered" });
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "accepted" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    const row = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row).toMatchObject({ status: "delivered", refundId: null });
    expect(row.deliveredAt).toBeInstanceOf(Date);
    // Each step the shop takes is also an in-app notification for the customer.
    expect(events.map((e) => (e.type === "order.changed" ? e.status : e.type))).toEqual([
      "accepted",
      "notification.created",
      "out_for_delivery",
      "notification.created",
      "delivered",
      "notification.created",
    ]);
    // ...but one entry per order, updated in place at each step (unread again, latest step).
    const notes = await t.db.notification.findMany({ where: { userId: s.alice.id, kind: "orderStatus" }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => [JSON.parse(n.params).status, n.groupKey, n.readAt, n.link])).toEqual([["delivered", `order:${orderId}`, null, "/orders"]]);
    expect(notes[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(notes[0]!.createdAt.getTime());
    expect(events[0]).toEqual({ type: "order.changed", orderId, shopId: s.shop.id, ownerId: s.merchant.id, userId: s.alice.id, status: "accepted" });
    expect(await s.asAlice.orders.get({ id: orderId })).toMatchObject({ status: "delivered" });
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 250);
    expect(await tillBalance(s.shop.id)).toBe(250);
  });

  it("a merchant rejection refunds in full and puts the stock back", async () => {
    const s = await setup();
    const { orderId } = await s.asAlice.orders.place(order(s, [{ productId: s.cheese.id, quantity: 2 }, { productId: s.bread.id, quantity: 1 }, { productId: s.milk.id, quantity: 4 }]));
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 1560 - 250 - 480);
    expect([await stockOf(s.cheese.id), await stockOf(s.milk.id)]).toEqual([1, 6]);
    events.length = 0;
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "rejected" })).resolves.toEqual({ ok: true, status: "rejected" });
    expect(await walletBalance(s.alice.id)).toBe(10_000);
    expect(await tillBalance(s.shop.id)).toBe(0);
    expect([await stockOf(s.cheese.id), await stockOf(s.milk.id), await stockOf(s.bread.id)]).toEqual([3, 10, null]);
    const row = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row.status).toBe("rejected");
    expect(await t.db.ledgerTransaction.findUniqueOrThrow({ where: { id: row.refundId! } })).toMatchObject({ kind: "refund", amount: 2290, refundOfId: row.transactionId, initiatorId: s.merchant.id });
    expect(events).toEqual([
      { type: "wallet.changed", userId: s.alice.id },
      { type: "order.changed", orderId, shopId: s.shop.id, ownerId: s.merchant.id, userId: s.alice.id, status: "rejected" },
      { type: "catalogue.changed", shopId: s.shop.id, buildingIds: [s.building.id] },
      { type: "notification.created", userId: s.alice.id, alert: true },
    ]);
    // Neither side can change it any more.
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "rejected" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    await expect(s.asAlice.orders.cancel({ id: orderId })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
    expect(await walletBalance(s.alice.id)).toBe(10_000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("the resident can cancel before acceptance (refunded), not after", async () => {
    const s = await setup();
    const a = await s.asAlice.orders.place(order(s, [{ productId: s.cheese.id, quantity: 1 }]));
    await expect(s.asAlice.orders.cancel({ id: a.orderId })).resolves.toEqual({ ok: true, status: "canceled" });
    expect(await walletBalance(s.alice.id)).toBe(10_000);
    expect(await stockOf(s.cheese.id)).toBe(3);
    expect((await s.asAlice.orders.get({ id: a.orderId })).status).toBe("canceled");

    const b = await s.asAlice.orders.place(order(s, [{ productId: s.cheese.id, quantity: 1 }]));
    await s.asMerchant.orders.manage.move({ id: b.orderId, to: "accepted" });
    await expect(s.asAlice.orders.cancel({ id: b.orderId })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE", params: { status: "accepted" } } });
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 780);
    expect(await stockOf(s.cheese.id)).toBe(2);
    expect((await t.db.order.findUniqueOrThrow({ where: { id: b.orderId } })).status).toBe("accepted");
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("a rejection racing a cancellation refunds exactly once, and nobody is told something false", async () => {
    const s = await setup();
    for (let round = 0; round < 4; round++) {
      const { orderId } = await s.asAlice.orders.place(order(s, [{ productId: s.milk.id, quantity: 2 }]));
      events.length = 0;
      const [rejected, canceled] = await Promise.allSettled([s.asMerchant.orders.manage.move({ id: orderId, to: "rejected" }), s.asAlice.orders.cancel({ id: orderId })]);
      const row = await t.db.order.findUniqueOrThrow({ where: { id: orderId } });
      expect(["rejected", "canceled"]).toContain(row.status);
      expect(await t.db.ledgerTransaction.count({ where: { refundOfId: row.transactionId } })).toBe(1);
      // Each caller either succeeded with the status the order really has, or was told it changed.
      for (const r of [rejected, canceled]) {
        if (r.status === "fulfilled") expect(r.value.status).toBe(row.status);
        else expect(r.reason).toMatchObject({ code: "CONFLICT", cause: { code: "ORDER_STATE" } });
      }
      expect([rejected, canceled].filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(events.filter((e) => e.type === "order.changed")).toEqual([expect.objectContaining({ orderId, status: row.status })]);
      expect(await walletBalance(s.alice.id)).toBe(10_000);
      expect(await stockOf(s.milk.id)).toBe(10);
    }
    // The same person tapping "cancel" twice at once: both fine, one refund.
    const { orderId } = await s.asAlice.orders.place(order(s, [{ productId: s.milk.id, quantity: 1 }]));
    const twice = await Promise.allSettled([s.asAlice.orders.cancel({ id: orderId }), s.asAlice.orders.cancel({ id: orderId })]);
    for (const r of twice) {
      if (r.status === "fulfilled") expect(r.value).toEqual({ ok: true, status: "canceled" });
      else expect(r.reason).toMatchObject({ cause: { code: "ORDER_STATE" } });
    }
    expect(await walletBalance(s.alice.id)).toBe(10_000);
    expect(await stockOf(s.milk.id)).toBe(10);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("nobody else can move, cancel, see or reorder an order", async () => {
    const s = await setup();
    const { orderId } = await s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }]));
    // Another merchant: as if the order did not exist.
    for (const to of ["accepted", "rejected"] as const) await expect(s.asRival.orders.manage.move({ id: orderId, to })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Residents cannot use the merchant procedure at all.
    await expect(s.asAlice.orders.manage.move({ id: orderId, to: "accepted" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.asBob.orders.manage.move({ id: orderId, to: "rejected" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The merchant cannot "cancel" on the customer's behalf (that would skip the rejection path).
    await expect(s.asMerchant.orders.manage.move({ id: orderId, to: "canceled" as "rejected" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Another resident (and the merchant, as a customer) sees nothing.
    for (const api of [s.asBob, s.asMerchant]) {
      await expect(api.orders.get({ id: orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.orders.cancel({ id: orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(api.orders.reorder({ id: orderId })).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(await api.orders.list()).toEqual([]);
    }
    const anon = callerFor(t.db, null);
    await expect(anon.orders.place(order(s, [{ productId: s.bread.id, quantity: 1 }]))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.orders.get({ id: orderId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.orders.manage.list({ shopId: s.shop.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.order.findUniqueOrThrow({ where: { id: orderId } })).toMatchObject({ status: "placed", refundId: null });
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 250);
  });
});

describe("the merchant's board", () => {
  it("shows each order with only the customer's display name and unit", async () => {
    const s = await setup();
    const a = await s.asAlice.orders.place(order(s, [{ productId: s.bread.id, quantity: 2 }, { productId: s.milk.id, quantity: 1 }], { note: "Sonnez deux fois" }));
    const b = await s.asBob.orders.place(order(s, [{ productId: s.cheese.id, quantity: 1 }], { unitId: s.units[1]!.id }));
    const board = await s.asMerchant.orders.manage.list({ shopId: s.shop.id });
    expect(board.map((o) => o.id)).toEqual([a.orderId, b.orderId]);
    const keys = Object.keys(ZBoardOrder.shape).sort();
    for (const o of board) {
      expect(Object.keys(o).sort()).toEqual(keys);
      expect(Object.keys(o.unit).sort()).toEqual(["door", "floor", "staircase"]);
      for (const l of o.lines) expect(Object.keys(l).sort()).toEqual(["name", "quantity", "total", "unit"]);
    }
    expect(board[0]).toMatchObject({ number: 1, status: "placed", customerName: "Alice", buildingName: "Test House", unit: { staircase: "A", floor: 1, door: "101" }, note: "Sonnez deux fois", total: 620 });
    expect(board[1]).toMatchObject({ number: 2, customerName: "Bob", unit: { door: "102" } });
    // Nothing that identifies or describes the customer beyond that.
    const text = JSON.stringify(board);
    for (const secret of [s.alice.email, s.bob.email, s.alice.id, s.bob.id, s.alice.passwordHash, s.units[0]!.id]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/balance|email|userId|wallet/i);

    // Finished orders of past days drop off; open ones stay whatever their day.
    await t.db.order.update({ where: { id: a.orderId }, data: { deliveryDate: new Date("2020-01-01T00:00:00Z"), status: "delivered" } });
    await t.db.order.update({ where: { id: b.orderId }, data: { deliveryDate: new Date("2020-01-01T00:00:00Z") } });
    expect((await s.asMerchant.orders.manage.list({ shopId: s.shop.id })).map((o) => o.id)).toEqual([b.orderId]);

    await expect(s.asRival.orders.manage.list({ shopId: s.shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAlice.orders.manage.list({ shopId: s.shop.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("reorder", () => {
  it("brings back a past cart and flags unavailable, out-of-stock and low-stock lines", async () => {
    const s = await setup();
    const yoghurt = await s.asMerchant.shops.manage.createProduct({ shopId: s.shop.id, name: "Yaourt", price: 90, stock: 5 });
    const { orderId } = await s.asAlice.orders.place(
      order(s, [
        { productId: s.bread.id, quantity: 2 },
        { productId: s.milk.id, quantity: 1 },
        { productId: s.cheese.id, quantity: 1 },
        { productId: yoghurt.id, quantity: 2 },
      ]),
    );
    await s.asMerchant.shops.manage.updateProduct({ id: s.bread.id, price: 270 });
    await s.asMerchant.shops.manage.updateProduct({ id: s.milk.id, isActive: false });
    await s.asMerchant.shops.manage.updateProduct({ id: s.cheese.id, stock: 0 });
    await s.asMerchant.shops.manage.updateProduct({ id: yoghurt.id, stock: 1 });
    const again = await s.asAlice.orders.reorder({ id: orderId });
    expect(again.shopId).toBe(s.shop.id);
    const byName = Object.fromEntries(again.lines.map((l) => [l.name, l]));
    expect(byName).toEqual({
      Baguette: { productId: s.bread.id, name: "Baguette", quantity: 2, price: 270, previousPrice: 250, available: null, problem: null },
      Lait: { productId: s.milk.id, name: "Lait", quantity: 1, price: 120, previousPrice: 120, available: 0, problem: "unavailable" },
      Comté: { productId: s.cheese.id, name: "Comté", quantity: 1, price: 780, previousPrice: 780, available: 0, problem: "outOfStock" },
      Yaourt: { productId: yoghurt.id, name: "Yaourt", quantity: 2, price: 90, previousPrice: 90, available: 1, problem: "lowStock" },
    });
  });
});
