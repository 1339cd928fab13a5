// The merchant's, manager's and admin's homes (issue 15): what each one shows, read from the
// domain services, and who may call them: anonymous callers are refused, a resident is
// forbidden all three, a manager sees only the buildings they manage and a merchant only
// their own shop's orders, money and messages. Runs on SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveService, hold, book } from "../repairs/service";
import type { TServiceSettings } from "../repairs/schema";
import { useTestDb } from "../test/hooks";
import { callerFor, makeApprovedShop, makeBuilding, makeUser, shopInput } from "../test/factories";
import { adminHome, merchantHome } from "./staff";

const { t } = useTestDb();
const key = () => randomUUID();
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" = "active") {
  return t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: status === "pending" ? "request" : "code" } });
}

/**
 * Building "Test House" (A-101 Alice, A-102 Bob; B-201 asked to join by Chloé) managed by
 * `manager`; another building managed by `otherManager`, with its own arrears. Two approved
 * shops delivering to the first building: the merchant's and a rival's. Alice and Bob have €100.
 */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 1, door: "102" },
    { staircase: "B", floor: 2, door: "201" },
  ]);
  const { building: other, units: otherUnits } = await makeBuilding(t.db, otherManager.id, [{ staircase: "", floor: 0, door: "1" }]);
  await t.db.building.update({ where: { id: other.id }, data: { name: "Other House" } });
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const chloe = await makeUser(t.db, ["resident"], "Chloé");
  const zoe = await makeUser(t.db, ["resident"], "Zoé");
  await member(alice, units[0]!);
  await member(bob, units[1]!);
  await member(zoe, otherUnits[0]!);
  const merchant = await makeUser(t.db, ["merchant"], "Marchand");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const api = {
    anonymous: callerFor(t.db, null),
    alice: callerFor(t.db, alice, ["resident"]),
    bob: callerFor(t.db, bob, ["resident"]),
    chloe: callerFor(t.db, chloe, ["resident"]),
    manager: callerFor(t.db, manager, ["manager"]),
    otherManager: callerFor(t.db, otherManager, ["manager"]),
    merchant: callerFor(t.db, merchant, ["merchant"]),
    rival: callerFor(t.db, rival, ["merchant"]),
    admin: callerFor(t.db, admin, ["admin"]),
  };
  const { shop } = await makeApprovedShop(t.db, { merchant, admin, buildingIds: [building.id] });
  const { shop: rivalShop } = await makeApprovedShop(t.db, { merchant: rival, admin, buildingIds: [building.id], name: "Chez Rival" });
  const bread = await api.merchant.shops.manage.createProduct({ shopId: shop.id, name: "Baguette", price: 250, stock: null });
  const rivalBread = await api.rival.shops.manage.createProduct({ shopId: rivalShop.id, name: "Pain", price: 300, stock: null });
  await api.alice.wallet.topUp({ amount: 10_000, idempotencyKey: key() });
  await api.bob.wallet.topUp({ amount: 10_000, idempotencyKey: key() });
  const { slots } = await api.alice.shops.get({ id: shop.id });
  // The first slot whose cut-off is not about to pass while the test runs.
  const slot = slots.find((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000)!;
  const rivalSlot = (await api.alice.shops.get({ id: rivalShop.id })).slots.find((x) => x.date === slot.date)!;
  return { rivalSlot, manager, otherManager, building, units, other, otherUnits, alice, bob, chloe, merchant, rival, admin, api, shop, rivalShop, bread, rivalBread, slot };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

const place = (s: TSetup, who: "alice" | "bob", shopId: string, productId: string, quantity: number) =>
  s.api[who].orders.place({
    shopId,
    unitId: s.units[who === "alice" ? 0 : 1]!.id,
    windowId: shopId === s.shop.id ? s.slot.windowId : s.rivalSlot.windowId,
    date: s.slot.date,
    note: "",
    lines: [{ productId, quantity }],
    idempotencyKey: key(),
  });

describe("who may call the staff homes", () => {
  it("refuses anonymous callers and forbids residents all three", async () => {
    const s = await setup();
    await expect(s.api.anonymous.home.merchant()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.home.manager()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.home.admin()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.alice.home.merchant()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.api.alice.home.manager()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.api.alice.home.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Roles are read from the database, not the session: a session claiming a role does not get it.
    await expect(callerFor(t.db, s.alice, ["merchant", "manager", "admin"]).home.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Each role only its own: a merchant is not a manager or an admin, a manager not an admin.
    await expect(s.api.merchant.home.manager()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.api.merchant.home.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.api.manager.home.merchant()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.api.manager.home.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("bad input is refused", async () => {
    const s = await setup();
    const withInput = s.api.merchant.home.merchant as unknown as (input: unknown) => Promise<unknown>;
    await expect(withInput({ shopId: s.rivalShop.id })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("the merchant's home", () => {
  it("shows orders waiting with their age, unread messages and today's takings, of their own shop only", async () => {
    const s = await setup();
    const empty = await s.api.merchant.home.merchant();
    expect(empty).toMatchObject({ unreadMessages: 0, moreShops: 0 });
    expect(empty.shops).toHaveLength(1);
    expect(empty.shops[0]).toMatchObject({ id: s.shop.id, kind: "shop", status: "approved", currency: "EUR", waitingOrders: { count: 0, items: [] }, deliveries: [] });
    expect(empty.shops[0]!.takings).toEqual({ orders: { count: 0, amount: 0 }, qr: { count: 0, amount: 0 }, deposits: { count: 0, amount: 0 }, refunds: { count: 0, amount: 0 }, net: 0 });

    const first = await place(s, "alice", s.shop.id, s.bread.id, 2);
    const second = await place(s, "bob", s.shop.id, s.bread.id, 1);
    await place(s, "alice", s.rivalShop.id, s.rivalBread.id, 3);
    // A QR payment of €12.50 and a rejected order (refunded) move the till too.
    const qr = await s.api.merchant.qr.manage.create({ shopId: s.shop.id, amount: 1250 });
    await s.api.bob.qr.pay({ token: qr.path.replace(/^\/pay\//, ""), idempotencyKey: key() });
    const rejected = await place(s, "bob", s.shop.id, s.bread.id, 4);
    await s.api.merchant.orders.manage.move({ id: rejected.orderId, to: "rejected" });
    // Alice writes to the shop twice.
    const chat = await s.api.alice.chat.start({ shopId: s.shop.id });
    for (const body of ["Bonjour", "Sonnez au 101"]) await s.api.alice.chat.send({ conversationId: chat.id, clientId: randomUUID(), body });
    const rivalChat = await s.api.alice.chat.start({ shopId: s.rivalShop.id });
    await s.api.alice.chat.send({ conversationId: rivalChat.id, clientId: randomUUID(), body: "Hello" });

    const home = await s.api.merchant.home.merchant();
    expect(home.unreadMessages).toBe(2);
    const mine = home.shops[0]!;
    expect(mine.waitingOrders.count).toBe(2);
    expect(mine.waitingOrders.items.map((o) => [o.id, o.customerName, o.total])).toEqual([
      [first.orderId, "Alice", 500],
      [second.orderId, "Bob", 250],
    ]);
    expect(mine.waitingOrders.items[0]!.createdAt).toBeInstanceOf(Date);
    // Only the customer's display name travels: no e-mail, unit or balance.
    expect(Object.keys(mine.waitingOrders.items[0]!).sort()).toEqual(["createdAt", "customerName", "id", "number", "total"]);
    expect(mine.takings).toEqual({
      orders: { count: 3, amount: 500 + 250 + 1000 },
      qr: { count: 1, amount: 1250 },
      deposits: { count: 0, amount: 0 },
      refunds: { count: 1, amount: 1000 },
      net: 500 + 250 + 1250,
    });
    // The till's balance agrees with what the home says it took today.
    expect((await t.db.ledgerAccount.findUniqueOrThrow({ where: { shopId: s.shop.id } })).balance).toBe(mine.takings.net);

    // The rival sees only the rival's shop: its one order, its one message, its own till.
    const rival = await s.api.rival.home.merchant();
    expect(rival.shops.map((x) => x.id)).toEqual([s.rivalShop.id]);
    expect(rival.shops[0]!.waitingOrders.items.map((o) => o.customerName)).toEqual(["Alice"]);
    expect(rival.shops[0]!.waitingOrders.count).toBe(1);
    expect(rival.shops[0]!.takings.net).toBe(900);
    expect(rival.unreadMessages).toBe(1);
  });

  it("groups the day's deliveries by window, leaving out rejected orders", async () => {
    const s = await setup();
    const a = await place(s, "alice", s.shop.id, s.bread.id, 2);
    await place(s, "bob", s.shop.id, s.bread.id, 1);
    const gone = await place(s, "bob", s.shop.id, s.bread.id, 5);
    await s.api.merchant.orders.manage.move({ id: a.orderId, to: "accepted" });
    await s.api.merchant.orders.manage.move({ id: gone.orderId, to: "rejected" });
    // Read as on the delivery day (a minute before the window's cut-off, in Paris).
    const onTheDay = new Date(s.slot.cutoffAt.getTime() - 60_000);
    const home = await merchantHome(t.db, s.merchant.id, onTheDay);
    const shop = home.shops[0]!;
    expect(shop.today).toBe(s.slot.date);
    expect(shop.deliveries).toEqual([{ starts: "23:58", ends: "23:59", orders: 2, toAccept: 1, delivered: 0, total: 750 }]);
    expect(shop.waitingOrders.count).toBe(1);
  });

  it("says a shop waits for approval, with nothing to act on yet", async () => {
    const s = await setup();
    const newcomer = await makeUser(t.db, ["merchant"], "Nouvelle");
    const api = callerFor(t.db, newcomer, ["merchant"]);
    await api.shops.manage.create(shopInput([s.building.id], { name: "Fromagerie" }));
    const home = await api.home.merchant();
    expect(home.shops).toHaveLength(1);
    expect(home.shops[0]).toMatchObject({ name: "Fromagerie", status: "pending", waitingOrders: { count: 0 }, deliveries: [], repairRequests: { count: 0 } });
    // A merchant without any shop has an empty home, not an error.
    expect(await callerFor(t.db, await makeUser(t.db, ["merchant"]), ["merchant"]).home.merchant()).toEqual({ unreadMessages: 0, shops: [], moreShops: 0 });
  });

  it("a repairer sees the requests to answer, oldest first, and not another repairer's", async () => {
    const s = await setup();
    const settings: TServiceSettings = {
      calloutFeeCents: 3500,
      depositCents: 0,
      mode: "exact",
      windowCapacity: 1,
      stepMinutes: 30,
      bufferMinutes: 0,
      minNoticeMinutes: 60,
      horizonDays: 14,
      cancelCutoffMinutes: 120,
      categories: [{ category: "plumbing", durationMinutes: 60 }],
      hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: "08:00", closes: "18:00" })),
      exceptions: [],
    };
    const plumber = await makeUser(t.db, ["merchant"], "Plombier");
    const otherPlumber = await makeUser(t.db, ["merchant"], "Autre plombier");
    const make = async (owner: TUser, name: string) => {
      const shop = await t.db.shop.create({
        data: { ownerId: owner.id, name, category: "other", kind: "repairer", status: "approved", timeZone: "Europe/Paris", buildings: { create: { buildingId: s.building.id } } },
      });
      await saveService(t.db, owner.id, shop.id, settings);
      return shop;
    };
    const mine = await make(plumber, "Plomberie Fontaine");
    const theirs = await make(otherPlumber, "Plomberie Rivale");
    // Monday 4 March 2030, 08:00 in Paris.
    const NOW = new Date("2030-03-04T07:00:00Z");
    const request = async (who: TUser, unitId: string, serviceId: string, startsAt: string, now: Date) => {
      const h = await hold(t.db, who.id, { serviceId, category: "plumbing", startsAt: new Date(startsAt) }, now);
      return book(t.db, who.id, { holdId: h.holdId, unitId, description: "The kitchen tap leaks", photoIds: [], vehicle: null, idempotencyKey: key() }, now);
    };
    const first = await request(s.alice, s.units[0]!.id, mine.id, "2030-03-04T13:00:00Z", NOW);
    const second = await request(s.bob, s.units[1]!.id, mine.id, "2030-03-04T10:00:00Z", new Date(NOW.getTime() + 60_000));
    await request(s.bob, s.units[1]!.id, theirs.id, "2030-03-05T10:00:00Z", NOW);

    const home = await merchantHome(t.db, plumber.id, new Date(NOW.getTime() + 5 * 60_000));
    expect(home.shops).toHaveLength(1);
    expect(home.shops[0]).toMatchObject({ kind: "repairer", waitingOrders: { count: 0 }, deliveries: [] });
    expect(home.shops[0]!.repairRequests.count).toBe(2);
    expect(home.shops[0]!.repairRequests.items.map((b) => [b.id, b.residentName, b.category])).toEqual([
      [first.id, "Alice", "plumbing"],
      [second.id, "Bob", "plumbing"],
    ]);
  });
});

describe("the manager's home", () => {
  it("per managed building: join requests with their age, arrears, urgent notices' acknowledgements, open common repairs", async () => {
    const s = await setup();
    const empty = (await s.api.manager.home.manager()).buildings;
    expect(empty.map((b) => b.name)).toEqual(["Test House"]);
    expect(empty[0]).toMatchObject({ requests: { count: 0, items: [] }, arrears: { units: 0, overdue: 0, currency: "EUR" }, urgentNotices: [], commonRepairs: { count: 0, items: [] } });

    await s.api.chloe.buildings.requestToJoin({ unitId: s.units[2]!.id, message: "Nouvelle locataire" });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const bill = (unitId: string, reference: string, amount: number, dueDate: string) =>
      ({ unitId, kind: "water" as const, reference, periodStart: day(-60), periodEnd: day(-31), dueDate, amount });
    await s.api.manager.bills.manage.issue(bill(s.units[0]!.id, "W-1", 4200, day(-10)));
    await s.api.manager.bills.manage.issue(bill(s.units[0]!.id, "W-2", 1800, day(-3)));
    await s.api.manager.bills.manage.issue(bill(s.units[1]!.id, "W-3", 3000, day(-5)));
    await s.api.manager.bills.manage.issue(bill(s.units[1]!.id, "W-4", 9999, day(20))); // not due yet: not arrears
    await s.api.otherManager.bills.manage.issue(bill(s.otherUnits[0]!.id, "W-9", 7700, day(-5)));

    const urgent = await s.api.manager.notices.manage.create({ targets: [{ buildingId: s.building.id, staircase: "" }], title: "Coupure d’eau", body: "Demain matin.", category: "water", urgency: "urgent" });
    await s.api.manager.notices.manage.create({ targets: [{ buildingId: s.building.id, staircase: "" }], title: "Les poubelles", body: "Mardi.", category: "general", urgency: "normal" });
    await s.api.alice.notices.acknowledge({ id: urgent.id });
    const lift = await s.api.manager.repairs.common.manage.create({ buildingId: s.building.id, staircase: "A", title: "Ascenseur en panne", description: "", area: "lift" });
    const light = await s.api.manager.repairs.common.manage.create({ buildingId: s.building.id, title: "Éclairage du hall", description: "", area: "lighting" });
    await s.api.manager.repairs.common.manage.update({ id: light.id, status: "done", note: "" });
    await s.api.alice.repairs.common.support({ id: lift.id, isSupporting: true });
    await s.api.otherManager.repairs.common.manage.create({ buildingId: s.other.id, title: "Porte du garage", description: "", area: "parking" });

    const home = await s.api.manager.home.manager();
    expect(home.moreBuildings).toBe(0);
    expect(home.buildings).toHaveLength(1);
    const b = home.buildings[0]!;
    expect(b.id).toBe(s.building.id);
    expect(b.requests.count).toBe(1);
    expect(b.requests.items).toMatchObject([{ name: "Chloé", unit: { staircase: "B", floor: 2, door: "201" } }]);
    expect(b.requests.items[0]!.createdAt).toBeInstanceOf(Date);
    expect(b.arrears).toEqual({ units: 2, overdue: 4200 + 1800 + 3000, currency: "EUR" });
    expect(b.urgentNotices).toMatchObject([{ id: urgent.id, title: "Coupure d’eau", units: 2, acknowledgedUnits: 1 }]);
    expect(b.commonRepairs).toMatchObject({ count: 1, items: [{ id: lift.id, title: "Ascenseur en panne", status: "open", staircase: "A", supporters: 1 }] });

    // A withdrawn urgent notice no longer needs the manager.
    await s.api.manager.notices.manage.withdraw({ id: urgent.id });
    expect((await s.api.manager.home.manager()).buildings[0]!.urgentNotices).toEqual([]);

    // The other manager sees only their building: its own arrears and repair, none of ours.
    const theirs = await s.api.otherManager.home.manager();
    expect(theirs.buildings.map((x) => x.id)).toEqual([s.other.id]);
    expect(theirs.buildings[0]).toMatchObject({ requests: { count: 0 }, arrears: { units: 1, overdue: 7700 }, urgentNotices: [], commonRepairs: { count: 1 } });
    expect(JSON.stringify(theirs)).not.toContain("Chloé");
    expect(JSON.stringify(theirs)).not.toContain("Coupure");
  });

  it("an admin who manages no building has an empty manager's home", async () => {
    const s = await setup();
    expect(await s.api.admin.home.manager()).toEqual({ buildings: [], moreBuildings: 0 });
  });
});

describe("the admin's home", () => {
  it("shows shops and repairers to approve, open reports and the parking feeds gone quiet, by operator", async () => {
    const s = await setup();
    // The file shares one database: what earlier tests left waiting is decided first.
    for (const p of await s.api.admin.shops.admin.list({ status: "pending" })) await s.api.admin.shops.admin.decide({ id: p.id, decision: "rejected" });
    const empty = await s.api.admin.home.admin();
    expect(empty).toMatchObject({ shops: { count: 0, items: [] }, repairers: { count: 0, items: [] }, reports: { count: 0, isMore: false, items: [] }, staleFeeds: { operators: [] } });
    expect(empty.staleFeeds.staleAfterMinutes).toBeGreaterThan(0);

    const newcomer = await makeUser(t.db, ["merchant"], "Margaux");
    await callerFor(t.db, newcomer, ["merchant"]).shops.manage.create(shopInput([s.building.id], { name: "Fromagerie" }));
    await t.db.shop.create({ data: { ownerId: newcomer.id, name: "Serrurerie Express", category: "other", kind: "repairer", status: "pending", timeZone: "Europe/Paris" } });
    const chat = await s.api.alice.chat.start({ shopId: s.shop.id });
    const conv = await t.db.conversation.findUniqueOrThrow({ where: { id: chat.id } });
    const sent = await s.api.merchant.chat.send({ conversationId: conv.id, clientId: randomUUID(), body: "Gagnez un iPhone !" });
    await s.api.alice.chat.report({ messageId: sent.message.id, reason: "scam" });

    const minutes = empty.staleFeeds.staleAfterMinutes;
    const ago = (m: number) => new Date(Date.now() - m * 60_000);
    const lpa = await t.db.parkingOperator.create({ data: { name: "LPA" } });
    const indigo = await t.db.parkingOperator.create({ data: { name: "Indigo" } });
    const placeOf = (name: string, operatorId: string | null, observedAt: Date | null, kind = "car_park") =>
      t.db.parkingPlace.create({ data: { name, kind, latitude: 45.77, longitude: 4.83, capacity: 100, freeSpaces: observedAt ? 10 : null, observedAt, operatorId } });
    await placeOf("Parking Cuire", lpa.id, ago(minutes + 110));
    await placeOf("Parking Gros Caillou", lpa.id, ago(1));
    await placeOf("Parking Neuf", indigo.id, null);
    await placeOf("Parking Indigo Gare", indigo.id, ago(minutes + 5));
    await placeOf("Places de l’immeuble", null, ago(minutes + 500), "building"); // set by hand: not a feed

    const home = await s.api.admin.home.admin();
    expect(home.shops).toMatchObject({ count: 1, items: [{ name: "Fromagerie", ownerName: "Margaux" }] });
    expect(home.repairers).toMatchObject({ count: 1, items: [{ name: "Serrurerie Express", ownerName: "Margaux" }] });
    expect(home.reports).toMatchObject({ count: 1, isMore: false, items: [{ reason: "scam", shopName: "Épicerie Martin" }] });
    expect(home.staleFeeds.operators.map((o) => [o.operatorName, o.places, o.hasNeverReported])).toEqual([
      ["Indigo", 2, true],
      ["LPA", 1, false],
    ]);
    expect(home.staleFeeds.operators[0]!.examples.map((p) => p.name)).toEqual(["Parking Neuf", "Parking Indigo Gare"]);
    expect(home.staleFeeds.operators[1]!.examples.map((p) => p.name)).toEqual(["Parking Cuire"]);

    // Approving, reviewing and a fresh count take them off the home.
    const pending = await s.api.admin.shops.admin.list({ status: "pending" });
    for (const p of pending) await s.api.admin.shops.admin.decide({ id: p.id, decision: "approved" });
    const [report] = await s.api.admin.chat.admin.listReports({ status: "open" });
    await s.api.admin.chat.admin.reviewReport({ id: report!.id, status: "dismissed" });
    await t.db.parkingPlace.updateMany({ where: { operatorId: indigo.id }, data: { observedAt: new Date(), freeSpaces: 3 } });
    const after = await adminHome(t.db);
    expect(after).toMatchObject({ shops: { count: 0 }, repairers: { count: 0 }, reports: { count: 0 } });
    expect(after.staleFeeds.operators.map((o) => o.operatorName)).toEqual(["LPA"]);
  });
});
