// The resident's home (issue 15) through the API: each section's content and order, counts
// and totals beyond the few items shown, nothing of another resident's, empty sections for
// someone without a home, and who may call it. Runs on SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { callerFor, makeApprovedShop, makeBuilding, makeUser } from "../test/factories";
import { HOME_LIMITS, residentHome } from "./resident";

const { t } = useTestDb();
type TUser = Awaited<ReturnType<typeof makeUser>>;
type TCaller = ReturnType<typeof callerFor>;

const DAY = 86_400_000;
const key = () => randomUUID();
/** A calendar day `days` from today (UTC), as the bills API takes it. */
const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** About `m` metres north of a point (a degree of latitude is ~111 km). */
const north = (lat: number, m: number) => lat + m / 111_195;

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

async function issue(manager: TCaller, unitId: string, reference: string, dueIn: number, amount: number, kind: "water" | "electricity" | "heating" = "water") {
  return manager.bills.manage.issue({ unitId, kind, reference, periodStart: day(-40), periodEnd: day(-10), dueDate: day(dueIn), amount, meterReading: null, consumption: null, consumptionUnit: null });
}

/**
 * Building "Test House" (A-101 Alice, A-102 Bob) and another building with its own manager;
 * Carol only asked to join the other building (pending), Dan has nothing at all.
 */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 1, door: "102" },
  ]);
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building: other, units: otherUnits } = await makeBuilding(t.db, otherManager.id, [{ staircase: "", floor: 0, door: "1" }]);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const carol = await makeUser(t.db, ["resident"], "Carol");
  const dan = await makeUser(t.db, ["resident"], "Dan");
  await member(alice, units[0]!);
  await member(bob, units[1]!);
  await member(carol, otherUnits[0]!, "pending");
  const api = {
    manager: callerFor(t.db, manager, ["manager"]),
    otherManager: callerFor(t.db, otherManager, ["manager"]),
    alice: callerFor(t.db, alice, ["resident"]),
    bob: callerFor(t.db, bob, ["resident"]),
    carol: callerFor(t.db, carol, ["resident"]),
    dan: callerFor(t.db, dan, ["resident"]),
  };
  return { manager, building, units, other, otherUnits, alice, bob, carol, dan, api };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

describe("bills to pay", () => {
  it("counts and totals every unpaid bill of the caller's units, overdue first then by due date, and shows the first few", async () => {
    const s = await setup();
    const m = s.api.manager;
    const u = s.units[0]!.id;
    const later = await issue(m, u, "E-LATER", 20, 4_000, "electricity");
    const late = await issue(m, u, "W-LATE", -3, 1_500);
    const soon = await issue(m, u, "H-SOON", 5, 2_500, "heating");
    const oldest = await issue(m, u, "W-OLDEST", -30, 1_000);
    const paid = await issue(m, u, "W-PAID", -60, 9_900);
    await m.bills.manage.recordExternalPayment({ billId: paid.id });
    await issue(m, s.units[1]!.id, "W-BOB", -5, 7_700); // Bob's flat

    const home = await s.api.alice.home.resident();
    expect(home.bills).toMatchObject({ count: 4, total: 9_000, overdueCount: 2, overdueTotal: 2_500, currency: "EUR" });
    expect(home.bills!.items.map((b) => b.id)).toEqual([oldest.id, late.id, soon.id].slice(0, HOME_LIMITS.bills));
    expect(home.bills!.items.map((b) => b.isOverdue)).toEqual([true, true, false]);
    expect(home.bills!.items[0]).toMatchObject({ reference: "W-OLDEST", kind: "water", amount: 1_000, currency: "EUR" });
    expect(home.bills!.items.map((b) => b.id)).not.toContain(later.id);

    // Bob sees his own bill only.
    const bob = await s.api.bob.home.resident();
    expect(bob.bills).toMatchObject({ count: 1, total: 7_700, overdueCount: 1 });
    expect(bob.bills!.items.map((b) => b.reference)).toEqual(["W-BOB"]);
  });

  it("follows a payment: a paid bill leaves the list and the total", async () => {
    const s = await setup();
    const a = await issue(s.api.manager, s.units[0]!.id, "W-1", 10, 1_200);
    await issue(s.api.manager, s.units[0]!.id, "W-2", 12, 800);
    await s.api.alice.wallet.topUp({ amount: 5_000, idempotencyKey: key() });
    await s.api.alice.bills.pay({ billIds: [a.id], idempotencyKey: key() });
    const home = await s.api.alice.home.resident();
    expect(home.bills).toMatchObject({ count: 1, total: 800 });
    expect(home.wallet).toEqual({ balance: 3_800, currency: "EUR" });
  });
});

/** An approved shop delivering to the building, a product, and Alice's and Bob's wallets funded. */
async function shopWorld(s: TSetup) {
  const { merchant, asMerchant, shop } = await makeApprovedShop(t.db, { buildingIds: [s.building.id] });
  const bread = await asMerchant.shops.manage.createProduct({ shopId: shop.id, name: "Baguette", price: 250, stock: null });
  await s.api.alice.wallet.topUp({ amount: 10_000, idempotencyKey: key() });
  await s.api.bob.wallet.topUp({ amount: 10_000, idempotencyKey: key() });
  const { slots } = await s.api.alice.shops.get({ id: shop.id });
  const usable = slots.filter((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000);
  const place = (api: TCaller, unitId: string, slot = usable[0]!) =>
    api.orders.place({ shopId: shop.id, unitId, windowId: slot.windowId, date: slot.date, note: "", lines: [{ productId: bread.id, quantity: 1 }], idempotencyKey: key() });
  return { merchant, asMerchant, shop, usable, place };
}

describe("orders on their way", () => {
  it("lists placed, accepted and out-for-delivery orders, soonest delivery first; never delivered, rejected or cancelled ones, nor another resident's", async () => {
    const s = await setup();
    const w = await shopWorld(s);
    const unit = s.units[0]!.id;
    const laterSlot = w.usable.find((x) => x.date !== w.usable[0]!.date)!;
    const later = await w.place(s.api.alice, unit, laterSlot);
    const coming = await w.place(s.api.alice, unit);
    await w.asMerchant.orders.manage.move({ id: coming.orderId, to: "accepted" });
    await w.asMerchant.orders.manage.move({ id: coming.orderId, to: "out_for_delivery" });
    const delivered = await w.place(s.api.alice, unit);
    for (const to of ["accepted", "out_for_delivery", "delivered"] as const) await w.asMerchant.orders.manage.move({ id: delivered.orderId, to });
    const rejected = await w.place(s.api.alice, unit);
    await w.asMerchant.orders.manage.move({ id: rejected.orderId, to: "rejected" });
    const cancelled = await w.place(s.api.alice, unit);
    await s.api.alice.orders.cancel({ id: cancelled.orderId });
    const bobs = await w.place(s.api.bob, s.units[1]!.id);

    const home = await s.api.alice.home.resident();
    expect(home.orders!.count).toBe(2);
    expect(home.orders!.items.map((o) => o.id)).toEqual([coming.orderId, later.orderId]);
    expect(home.orders!.items[0]).toMatchObject({ status: "out_for_delivery", shop: { id: w.shop.id, name: "Épicerie Martin" }, windowStarts: "23:58", windowEnds: "23:59" });
    expect(home.orders!.items[1]!.status).toBe("placed");
    expect((await s.api.bob.home.resident()).orders!.items.map((o) => o.id)).toEqual([bobs.orderId]);
  });
});

/** A repairer (an approved business of kind "repairer") with its service; bookings are written as rows. */
async function repairer(name = "Plomberie Fontaine") {
  const owner = await makeUser(t.db, ["merchant"], "Repairer");
  const shop = await t.db.shop.create({ data: { ownerId: owner.id, name, category: "plumbing", status: "approved", kind: "repairer", repair: { create: {} } } });
  return shop;
}

async function booking(serviceId: string, residentId: string, unitId: string, status: string, startsIn: number) {
  const startsAt = new Date(Date.now() + startsIn);
  return t.db.repairBooking.create({
    data: { serviceId, residentId, unitId, category: "plumbing", status, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), requestedAt: new Date() },
  });
}

describe("the next repair visit", () => {
  it("is the soonest requested, confirmed or under-way visit still to come; not a hold, a cancelled or a past one, nor another resident's", async () => {
    const s = await setup();
    const shop = await repairer();
    const unit = s.units[0]!.id;
    await booking(shop.id, s.alice.id, unit, "done", -2 * DAY);
    await booking(shop.id, s.alice.id, unit, "confirmed", -3 * DAY); // past, never started: not "next"
    await booking(shop.id, s.alice.id, unit, "held", 3_600_000);
    await booking(shop.id, s.alice.id, unit, "cancelled", 2 * 3_600_000);
    await booking(shop.id, s.bob.id, s.units[1]!.id, "confirmed", 3 * 3_600_000);
    const next = await booking(shop.id, s.alice.id, unit, "requested", DAY);
    await booking(shop.id, s.alice.id, unit, "confirmed", 3 * DAY);

    const home = await s.api.alice.home.resident();
    expect(home.repair!.next).toMatchObject({ id: next.id, status: "requested", category: "plumbing", repairerName: "Plomberie Fontaine", timeZone: "Europe/Paris", mode: "exact" });
    expect(home.repair!.next!.startsAt).toEqual(next.startsAt);
    expect((await s.api.carol.home.resident()).repair).toEqual({ next: null });
  });

  it("an under-way visit that has not ended yet comes before a later one", async () => {
    const s = await setup();
    const shop = await repairer();
    const now = await booking(shop.id, s.alice.id, s.units[0]!.id, "in_progress", -30 * 60_000);
    await booking(shop.id, s.alice.id, s.units[0]!.id, "confirmed", DAY);
    expect((await s.api.alice.home.resident()).repair!.next!.id).toBe(now.id);
  });
});

describe("notices", () => {
  it("lists urgent notices not yet acknowledged and counts the notices not opened, for the caller's buildings only", async () => {
    const s = await setup();
    const notice = (title: string, urgency: "urgent" | "normal", buildingId = s.building.id) => ({
      targets: [{ buildingId, staircase: "" }],
      title,
      body: "Le technicien passe jeudi.",
      category: "lift" as const,
      urgency,
    });
    const first = await s.api.manager.notices.manage.create(notice("Ascenseur en panne", "urgent"));
    const second = await s.api.manager.notices.manage.create(notice("Coupure d'eau", "urgent"));
    await s.api.manager.notices.manage.create(notice("Fête des voisins", "normal"));
    await s.api.otherManager.notices.manage.create(notice("Ailleurs", "urgent", s.other.id));
    await s.api.alice.notices.acknowledge({ id: first.id });

    const home = await s.api.alice.home.resident();
    expect(home.notices!.urgent).toEqual([{ id: second.id, title: "Coupure d'eau", category: "lift" }]);
    // Acknowledging opened the first one: two are left unopened.
    expect(home.notices!.unreadCount).toBe(2);

    const bob = await s.api.bob.home.resident();
    expect(bob.notices!.urgent.map((n) => n.title).sort()).toEqual(["Ascenseur en panne", "Coupure d'eau"]);
    expect(bob.notices!.unreadCount).toBe(3);
    // Carol only asked to join the other building: she sees none of its notices.
    expect((await s.api.carol.home.resident()).notices).toEqual({ urgent: [], unreadCount: 0 });
  });
});

describe("messages", () => {
  it("totals the caller's unread chat messages across conversations", async () => {
    const s = await setup();
    const a = await repairer("Épicerie A");
    const b = await repairer("Épicerie B");
    await t.db.conversation.create({ data: { shopId: a.id, residentId: s.alice.id, residentUnread: 3, merchantUnread: 9 } });
    await t.db.conversation.create({ data: { shopId: b.id, residentId: s.alice.id, residentUnread: 2 } });
    await t.db.conversation.create({ data: { shopId: a.id, residentId: s.bob.id, residentUnread: 7 } });
    expect((await s.api.alice.home.resident()).messages).toEqual({ unread: 5 });
    expect((await s.api.bob.home.resident()).messages).toEqual({ unread: 7 });
  });
});

describe("the parking glance", () => {
  it("lists the nearest open places with fresh free spaces near the first home; full, stale, closed and far places are left out", async () => {
    const s = await setup();
    const { latitude: lat, longitude: lon } = s.building;
    const fresh = new Date(Date.now() - 60_000);
    const place = (name: string, metres: number, freeSpaces: number | null, over: Record<string, unknown> = {}) =>
      t.db.parkingPlace.create({
        data: { name, kind: "garage", latitude: north(lat, metres), longitude: lon, capacity: 40, freeSpaces, observedAt: fresh, alwaysOpen: true, ...over },
      });
    await place("Full", 100, 0);
    const near = await place("Near", 200, 5);
    await place("Stale", 250, 30, { observedAt: new Date(Date.now() - 3 * 3_600_000) });
    await place("Closed", 300, 12, { alwaysOpen: false }); // no opening hours: never open
    await place("Unknown", 350, null, { observedAt: null });
    const mid = await place("Mid", 500, 10);
    const far = await place("Far", 900, 2);
    await place("Farther", 1_000, 8);
    await place("Elsewhere", 5_000, 30);

    const home = await s.api.alice.home.resident();
    expect(home.parking!.homeName).toBe("Test House");
    expect(home.parking!.staleAfterMinutes).toBeGreaterThan(0);
    expect(home.parking!.places.map((p) => p.id)).toEqual([near.id, mid.id, far.id]);
    expect(home.parking!.places[0]).toMatchObject({ name: "Near", freeSpaces: 5, capacity: 40, observedAt: fresh });
    expect(["free", "almostFull"]).toContain(home.parking!.places[0]!.availability);
    expect(home.parking!.places[0]!.distanceM).toBeGreaterThan(150);
    expect(home.parking!.places[0]!.distanceM).toBeLessThan(250);
  });

  it("is empty for someone without an active home", async () => {
    const s = await setup();
    await t.db.parkingPlace.create({ data: { name: "Near", kind: "garage", latitude: s.building.latitude, longitude: s.building.longitude, capacity: 10, freeSpaces: 5, observedAt: new Date(), alwaysOpen: true } });
    expect((await s.api.carol.home.resident()).parking!.places).toEqual([]);
  });
});

describe("someone without a home", () => {
  it("gets their memberships (to offer joining) and empty sections", async () => {
    const s = await setup();
    await issue(s.api.otherManager, s.otherUnits[0]!.id, "W-OTHER", -3, 5_000); // the flat Carol asked for
    const carol = await s.api.carol.home.resident();
    expect(carol.memberships).toEqual([
      { id: expect.any(String), status: "pending", building: { id: s.other.id, name: "Test House" }, unit: { id: s.otherUnits[0]!.id, staircase: "", floor: 0, door: "1" } },
    ]);
    expect(carol).toMatchObject({
      bills: { count: 0, total: 0, overdueCount: 0, overdueTotal: 0, items: [] },
      orders: { count: 0, items: [] },
      repair: { next: null },
      notices: { urgent: [], unreadCount: 0 },
      messages: { unread: 0 },
      wallet: { balance: 0, currency: "EUR" },
      parking: { places: [] },
    });
    const dan = await s.api.dan.home.resident();
    expect(dan.memberships).toEqual([]);
    expect(dan.bills!.count).toBe(0);
  });

  it("an active member's memberships list their homes; one who left is no longer listed", async () => {
    const s = await setup();
    const home = await s.api.alice.home.resident();
    expect(home.memberships).toEqual([{ id: expect.any(String), status: "active", building: { id: s.building.id, name: "Test House" }, unit: { id: s.units[0]!.id, staircase: "A", floor: 1, door: "101" } }]);
    await s.api.alice.buildings.leave({ id: home.memberships[0]!.id });
    await issue(s.api.manager, s.units[0]!.id, "W-AFTER", 3, 1_000);
    const after = await s.api.alice.home.resident();
    expect(after.memberships).toEqual([]);
    expect(after.bills!.count).toBe(0);
  });
});

describe("a section that fails", () => {
  it("is answered as null while the others still show", async () => {
    const s = await setup();
    await issue(s.api.manager, s.units[0]!.id, "W-1", 5, 1_000);
    const broken = new Proxy(t.db, {
      get: (target, prop) => (prop === "conversation" ? { aggregate: () => Promise.reject(new Error("chat store down")) } : Reflect.get(target, prop)),
    });
    const home = await residentHome(broken, s.alice.id);
    expect(home.messages).toBeNull();
    expect(home.bills).toMatchObject({ count: 1, total: 1_000 });
    expect(home.wallet).toEqual({ balance: 0, currency: "EUR" });
  });
});

describe("the procedure", () => {
  it("refuses anonymous callers and answers anyone signed in, whatever their roles", async () => {
    const s = await setup();
    await expect(callerFor(t.db, null).home.resident()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const merchant = await makeUser(t.db, ["merchant"], "Merchant only");
    const home = await callerFor(t.db, merchant, ["merchant"]).home.resident();
    expect(home.memberships).toEqual([]);
    const manager = await s.api.manager.home.resident();
    expect(manager.bills!.count).toBe(0);
  });
});
