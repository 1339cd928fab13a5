// Shops through the tRPC router, for every role: merchants run their own shops and
// catalogues, admins approve, residents see approved shops delivering to their buildings.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";

const { t, events } = useTestDb();

type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" | "left" = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

const HOURS = [
  { weekday: 1, opens: "08:00", closes: "19:30" },
  { weekday: 6, opens: "09:00", closes: "13:00" },
];
// Orderable until 23:58 every day: there are always slots for the coming days.
const WINDOWS = [{ starts: "23:58", ends: "23:59", cutoffMinutes: 0 }];

const shopInput = (buildingIds: string[], over: Record<string, unknown> = {}) => ({
  name: "Épicerie Martin",
  description: "Fruits, légumes, épicerie fine",
  category: "grocery" as const,
  minOrder: 0,
  timeZone: "Europe/Paris",
  hours: HOURS,
  windows: WINDOWS,
  buildingIds,
  ...over,
});

/**
 * Two buildings: Alice lives in the first, Dan in the second; Carol waits to join
 * the first and Erin has left it. Two merchants and an admin.
 */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id);
  const { building: other, units: otherUnits } = await makeBuilding(t.db, manager.id, [{ staircase: "B", floor: 3, door: "301" }]);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const carol = await makeUser(t.db, ["resident"], "Carol");
  const dan = await makeUser(t.db, ["resident"], "Dan");
  const erin = await makeUser(t.db, ["resident"], "Erin");
  await member(alice, units[0]!);
  await member(carol, units[1]!, "pending");
  await member(dan, otherUnits[0]!);
  await member(erin, units[1]!, "left");
  const merchant = await makeUser(t.db, ["merchant"], "Marchand Martin");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  return {
    building,
    units,
    other,
    otherUnits,
    alice,
    merchant,
    rival,
    admin,
    asAlice: callerFor(t.db, alice, ["resident"]),
    asCarol: callerFor(t.db, carol, ["resident"]),
    asDan: callerFor(t.db, dan, ["resident"]),
    asErin: callerFor(t.db, erin, ["resident"]),
    asMerchant: callerFor(t.db, merchant, ["merchant"]),
    asRival: callerFor(t.db, rival, ["merchant"]),
    asAdmin: callerFor(t.db, admin, ["admin"]),
  };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

/** A shop of s.merchant delivering to the first building, approved unless told otherwise. */
async function shopOf(s: TSetup, over: Record<string, unknown> = {}, approve = true) {
  const shop = await s.asMerchant.shops.manage.create(shopInput([s.building.id], over));
  if (approve) await s.asAdmin.shops.admin.decide({ id: shop.id, decision: "approved" });
  return shop;
}

const product = (shopId: string, over: Record<string, unknown> = {}) => ({ shopId, name: "Baguette", price: 120, stock: 30, ...over });

const shopRow = (id: string) => t.db.shop.findUniqueOrThrow({ where: { id }, include: { hours: true, windows: true, buildings: true } });

describe("who may do what", () => {
  it("refuses anonymous callers everywhere", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const anon = callerFor(t.db, null);
    await expect(anon.shops.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.get({ id: shop.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.manage.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.manage.create(shopInput([s.building.id]))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.manage.listProducts({ shopId: shop.id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.manage.createProduct(product(shop.id))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.manage.importCatalogue({ shopId: shop.id, csv: "name,price_cents\nX,100" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.shops.admin.list({ status: "all" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.people.suspendShop({ shopId: shop.id, reason: "Complaints from residents" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect((await shopRow(shop.id)).status).toBe("approved");
  });

  it("refuses residents (and admins, managers) the merchant procedures", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const manager = await makeUser(t.db, ["manager"]);
    const admin = s.asAdmin;
    for (const api of [s.asAlice, admin, callerFor(t.db, manager, ["manager"])]) {
      await expect(api.shops.manage.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.manage.create(shopInput([s.building.id]))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.manage.update({ id: shop.id, data: shopInput([s.building.id], { name: "Hijacked" }) })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.manage.listProducts({ shopId: shop.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.manage.createProduct(product(shop.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.manage.importCatalogue({ shopId: shop.id, csv: "name,price_cents\nX,100" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await t.db.shop.count({ where: { ownerId: { in: [s.alice.id, manager.id, s.admin.id] } } })).toBe(0);
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(0);
    expect((await shopRow(shop.id)).name).toBe("Épicerie Martin");
  });

  it("uses roles from the database, not the session", async () => {
    const s = await setup();
    // The session claims merchant and admin; the database says resident.
    const forged = callerFor(t.db, s.alice, ["merchant", "admin"]);
    await expect(forged.shops.manage.create(shopInput([s.building.id]))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(forged.shops.admin.list({ status: "all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.shop.count({ where: { ownerId: s.alice.id } })).toBe(0);
  });

  it("only admins list and decide shops", async () => {
    const s = await setup();
    const shop = await shopOf(s, {}, false);
    for (const api of [s.asMerchant, s.asAlice]) {
      await expect(api.shops.admin.list({ status: "pending" })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.shops.admin.decide({ id: shop.id, decision: "approved" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect((await shopRow(shop.id)).status).toBe("pending");
    const pending = await s.asAdmin.shops.admin.list({ status: "pending" });
    expect(pending.find((x) => x.id === shop.id)).toMatchObject({ status: "pending", owner: { name: "Marchand Martin", email: s.merchant.email } });
    await expect(s.asAdmin.shops.admin.decide({ id: MISSING_ID, decision: "approved" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("merchants: their shops", () => {
  it("creates a pending shop with hours, windows and delivery buildings", async () => {
    const s = await setup();
    const shop = await s.asMerchant.shops.manage.create(shopInput([s.building.id, s.other.id, s.building.id]));
    expect(shop).toMatchObject({
      name: "Épicerie Martin",
      status: "pending",
      category: "grocery",
      timeZone: "Europe/Paris",
      photoUrl: null,
      hours: HOURS,
      windows: [{ starts: "23:58", ends: "23:59", cutoffMinutes: 0, id: expect.any(String) }],
    });
    expect(shop.buildings.map((b) => b.id).sort()).toEqual([s.building.id, s.other.id].sort());
    expect(events).toEqual([{ type: "shops.changed", shopId: shop.id, ownerId: s.merchant.id }]);
    expect((await s.asMerchant.shops.manage.list()).map((x) => x.id)).toEqual([shop.id]);
    expect(await s.asRival.shops.manage.list()).toEqual([]);
  });

  it("updates its shop: hours replaced, an unchanged window keeps its id, a removed one is switched off", async () => {
    const s = await setup();
    const shop = await shopOf(s, { windows: [...WINDOWS, { starts: "18:00", ends: "20:00", cutoffMinutes: 60 }] });
    const keep = shop.windows.find((w) => w.starts === "23:58")!.id;
    const updated = await s.asMerchant.shops.manage.update({
      id: shop.id,
      data: shopInput([s.other.id], { name: "Épicerie Martin & fils", hours: [{ weekday: 2, opens: "07:00", closes: "12:00" }], windows: [{ starts: "23:58", ends: "23:59", cutoffMinutes: 5 }] }),
    });
    expect(updated).toMatchObject({ name: "Épicerie Martin & fils", hours: [{ weekday: 2, opens: "07:00", closes: "12:00" }], windows: [{ id: keep, cutoffMinutes: 5 }] });
    expect(updated.buildings.map((b) => b.id)).toEqual([s.other.id]);
    const row = await shopRow(shop.id);
    expect(row.hours).toHaveLength(1);
    expect(row.windows.filter((w) => w.isActive).map((w) => w.id)).toEqual([keep]);
    expect(row.windows).toHaveLength(2);
  });

  it("keeps what the business is: an edit never turns a repair service into a shop or back", async () => {
    const s = await setup();
    const shop = await shopOf(s, { kind: "repairer" });
    expect(shop.kind).toBe("repairer");
    const updated = await s.asMerchant.shops.manage.update({ id: shop.id, data: shopInput([s.building.id], { name: "Plomberie Martin", kind: "shop" }) });
    expect(updated).toMatchObject({ name: "Plomberie Martin", kind: "repairer" });
    expect((await shopRow(shop.id)).kind).toBe("repairer");
  });

  it("cannot see or change another merchant's shop or products (NOT_FOUND, nothing changed)", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const bread = await s.asMerchant.shops.manage.createProduct(product(shop.id));
    const before = await shopRow(shop.id);
    events.length = 0;
    await expect(s.asRival.shops.manage.update({ id: shop.id, data: shopInput([s.other.id], { name: "Hijacked" }) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.shops.manage.listProducts({ shopId: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.shops.manage.createProduct(product(shop.id, { name: "Poison" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.shops.manage.updateProduct({ id: bread.id, price: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.shops.manage.updateProduct({ id: bread.id, isActive: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.shops.manage.importCatalogue({ shopId: shop.id, csv: "name,price_cents\nPoison,1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.orders.manage.list({ shopId: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The same error as for a shop that does not exist.
    await expect(s.asRival.shops.manage.listProducts({ shopId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await shopRow(shop.id)).toEqual(before);
    expect(await t.db.product.findMany({ where: { shopId: shop.id } })).toMatchObject([{ id: bread.id, name: "Baguette", price: 120, isActive: true }]);
    expect(await s.asRival.shops.manage.list()).toEqual([]);
    expect(events).toEqual([]);
  });

  it("refuses bad shop input with BAD_REQUEST and stores nothing", async () => {
    const s = await setup();
    const bad: Record<string, unknown>[] = [
      { hours: [{ weekday: 1, opens: "25:00", closes: "26:00" }] },
      { hours: [{ weekday: 1, opens: "8:00", closes: "19:00" }] },
      { hours: [{ weekday: 1, opens: "19:00", closes: "08:00" }] },
      { hours: [{ weekday: 1, opens: "08:00", closes: "08:00" }] },
      { hours: [{ weekday: 8, opens: "08:00", closes: "19:00" }] },
      { windows: [{ starts: "20:00", ends: "18:00", cutoffMinutes: 60 }] },
      { windows: [{ starts: "18:00", ends: "20:00", cutoffMinutes: -5 }] },
      { windows: [{ starts: "18:00", ends: "24:00", cutoffMinutes: 0 }] },
      { name: "   " },
      { category: "weapons" },
      { minOrder: -1 },
      { minOrder: 9.5 },
      { timeZone: "Mars/Olympus_Mons" },
    ];
    for (const over of bad) {
      await expect(s.asMerchant.shops.manage.create(shopInput([s.building.id], over)), JSON.stringify(over)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(s.asMerchant.shops.manage.create(shopInput([MISSING_ID]))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.shop.count({ where: { ownerId: s.merchant.id } })).toBe(0);
    expect(events).toEqual([]);

    const shop = await shopOf(s);
    for (const over of bad) {
      await expect(s.asMerchant.shops.manage.update({ id: shop.id, data: shopInput([s.building.id], over) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    const row = await shopRow(shop.id);
    expect(row.hours.map((h) => `${h.weekday} ${h.opens}-${h.closes}`).sort()).toEqual(["1 08:00-19:30", "6 09:00-13:00"]);
    expect(row.windows.map((w) => `${w.starts}-${w.ends}/${w.cutoffMinutes}/${w.isActive}`)).toEqual(["23:58-23:59/0/true"]);
  });

  it("refuses someone else's photo as NOT_FOUND, accepts its own", async () => {
    const s = await setup();
    const theirs = await t.db.photo.create({ data: { ownerId: s.rival.id, width: 10, height: 10, bytes: 100 } });
    const mine = await t.db.photo.create({ data: { ownerId: s.merchant.id, width: 10, height: 10, bytes: 100 } });
    await expect(s.asMerchant.shops.manage.create(shopInput([s.building.id], { photoId: theirs.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asMerchant.shops.manage.create(shopInput([s.building.id], { photoId: MISSING_ID }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.shop.count({ where: { ownerId: s.merchant.id } })).toBe(0);
    const shop = await shopOf(s, { photoId: mine.id });
    expect(shop.photoUrl).toBe(`/media/photos/${mine.id}.webp`);
    await expect(s.asMerchant.shops.manage.update({ id: shop.id, data: shopInput([s.building.id], { photoId: theirs.id }) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asMerchant.shops.manage.createProduct(product(shop.id, { photoId: theirs.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bread = await s.asMerchant.shops.manage.createProduct(product(shop.id, { photoId: mine.id }));
    expect(bread.photoUrl).toBe(`/media/photos/${mine.id}.webp`);
    await expect(s.asMerchant.shops.manage.updateProduct({ id: bread.id, photoId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await shopRow(shop.id)).photoId).toBe(mine.id);
    expect(await t.db.product.findMany({ where: { shopId: shop.id } })).toMatchObject([{ id: bread.id, photoId: mine.id }]);
  });
});

describe("approval and what residents see", () => {
  it("a pending or rejected shop is invisible to residents; approval shows it; suspension hides it again", async () => {
    const s = await setup();
    const shop = await shopOf(s, {}, false);
    await s.asMerchant.shops.manage.createProduct(product(shop.id));
    expect(await s.asAlice.shops.list()).toEqual([]);
    await expect(s.asAlice.shops.get({ id: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    events.length = 0;
    await s.asAdmin.shops.admin.decide({ id: shop.id, decision: "rejected" });
    expect(events).toEqual([{ type: "shops.changed", shopId: shop.id, ownerId: s.merchant.id }]);
    expect(await s.asAlice.shops.list()).toEqual([]);
    await expect(s.asAlice.shops.get({ id: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await s.asMerchant.shops.manage.list())[0]!.status).toBe("rejected");

    await s.asAdmin.shops.admin.decide({ id: shop.id, decision: "approved" });
    const visible = await s.asAlice.shops.list();
    expect(visible.map((x) => x.id)).toEqual([shop.id]);
    expect(visible[0]).toMatchObject({ name: "Épicerie Martin", hours: HOURS, isOpen: expect.any(Boolean) });
    // What residents get is the public shape: no status, owner or delivery buildings.
    expect(Object.keys(visible[0]!).sort()).toEqual(["category", "description", "hours", "id", "isOpen", "minOrder", "name", "nextOpening", "photoUrl", "timeZone", "windows"]);
    const got = await s.asAlice.shops.get({ id: shop.id });
    expect(got.products.map((p) => p.name)).toEqual(["Baguette"]);
    expect(got.slots.length).toBeGreaterThanOrEqual(2);
    expect(got.slots[0]).toMatchObject({ windowId: shop.windows[0]!.id, starts: "23:58", ends: "23:59" });
    const row = await t.db.shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(row.decidedAt).toBeInstanceOf(Date);

    await s.asAdmin.people.suspendShop({ shopId: shop.id, reason: "Complaints from residents" });
    expect(await s.asAlice.shops.list()).toEqual([]);
    await expect(s.asAlice.shops.get({ id: shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a resident only sees shops delivering to a building they actively live in", async () => {
    const s = await setup();
    const here = await shopOf(s);
    const there = await shopOf(s, { name: "Boulangerie d'en face", buildingIds: [s.other.id] });
    const nowhere = await shopOf(s, { name: "Nulle part", buildingIds: [] });
    expect((await s.asAlice.shops.list()).map((x) => x.id)).toEqual([here.id]);
    expect((await s.asDan.shops.list()).map((x) => x.id)).toEqual([there.id]);
    await expect(s.asAlice.shops.get({ id: there.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asDan.shops.get({ id: here.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Pending or former members of the building: nothing.
    for (const api of [s.asCarol, s.asErin]) {
      expect(await api.shops.list()).toEqual([]);
      await expect(api.shops.get({ id: here.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    for (const api of [s.asAlice, s.asDan]) await expect(api.shops.get({ id: nowhere.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A shop that stops delivering to the building disappears.
    await s.asMerchant.shops.manage.update({ id: here.id, data: shopInput([s.other.id]) });
    expect(await s.asAlice.shops.list()).toEqual([]);
    expect((await s.asDan.shops.list()).map((x) => x.name).sort()).toEqual(["Boulangerie d'en face", "Épicerie Martin"]);
  });

  it("hides inactive products from residents and searches the active ones", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Baguette", category: "Pain" }));
    await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Croissant", category: "Viennoiserie", description: "pur beurre" }));
    const old = await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Brioche", category: "Viennoiserie", isActive: false }));
    const cake = await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Gâteau", category: "Pâtisserie" }));
    await s.asMerchant.shops.manage.updateProduct({ id: cake.id, isActive: false });
    const got = await s.asAlice.shops.get({ id: shop.id });
    expect(got.products.map((p) => p.name)).toEqual(["Baguette", "Croissant"]);
    // Residents see neither the active flag nor the internal ids.
    expect(Object.keys(got.products[0]!).sort()).toEqual(["category", "description", "id", "name", "photoUrl", "price", "stock", "unit"]);
    expect((await s.asAlice.shops.get({ id: shop.id, q: "beurre" })).products.map((p) => p.name)).toEqual(["Croissant"]);
    expect((await s.asAlice.shops.get({ id: shop.id, q: "Viennoiserie" })).products.map((p) => p.name)).toEqual(["Croissant"]);
    expect((await s.asAlice.shops.get({ id: shop.id, q: "Brioche" })).products).toEqual([]);
    // The merchant sees all of them.
    expect((await s.asMerchant.shops.manage.listProducts({ shopId: shop.id })).map((p) => [p.name, p.isActive])).toEqual([
      ["Baguette", true],
      ["Gâteau", false],
      ["Brioche", false],
      ["Croissant", true],
    ]);
    await s.asMerchant.shops.manage.updateProduct({ id: old.id, isActive: true });
    expect((await s.asAlice.shops.get({ id: shop.id })).products.map((p) => p.name)).toEqual(["Baguette", "Brioche", "Croissant"]);
  });
});

describe("products", () => {
  it("creates and patches products; a name is unique per shop (NAME_TAKEN)", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const bread = await s.asMerchant.shops.manage.createProduct(product(shop.id, { unit: "piece", description: "Tradition" }));
    expect(bread).toMatchObject({ shopId: shop.id, name: "Baguette", price: 120, stock: 30, unit: "piece", isActive: true, photoUrl: null });
    expect(events).toContainEqual({ type: "catalogue.changed", shopId: shop.id, buildingIds: expect.any(Array) });
    const milk = await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Lait", stock: null }));
    expect(milk.stock).toBeNull();

    await expect(s.asMerchant.shops.manage.createProduct(product(shop.id, { price: 999 }))).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NAME_TAKEN" } });
    await expect(s.asMerchant.shops.manage.updateProduct({ id: milk.id, name: "Baguette" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "NAME_TAKEN" } });
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(2);
    expect((await t.db.product.findUniqueOrThrow({ where: { id: milk.id } })).name).toBe("Lait");

    // Another shop may use the same name.
    const second = await shopOf(s, { name: "Second" });
    await expect(s.asMerchant.shops.manage.createProduct(product(second.id))).resolves.toMatchObject({ name: "Baguette", shopId: second.id });

    const patched = await s.asMerchant.shops.manage.updateProduct({ id: bread.id, price: 135, stock: 0, unit: "pack" });
    expect(patched).toMatchObject({ price: 135, stock: 0, unit: "pack", name: "Baguette", description: "Tradition" });
    await expect(s.asMerchant.shops.manage.updateProduct({ id: MISSING_ID, price: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses bad product input with BAD_REQUEST and stores nothing", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const bad: Record<string, unknown>[] = [
      { price: 0 },
      { price: -100 },
      { price: 1.5 },
      { price: 1_000_001 },
      { stock: -1 },
      { stock: 2.5 },
      { name: "" },
      { name: "x".repeat(81) },
      { unit: "litre" },
    ];
    for (const over of bad) {
      await expect(s.asMerchant.shops.manage.createProduct(product(shop.id, over)), JSON.stringify(over)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(0);
    const bread = await s.asMerchant.shops.manage.createProduct(product(shop.id));
    for (const over of bad) {
      await expect(s.asMerchant.shops.manage.updateProduct({ id: bread.id, ...over }), JSON.stringify(over)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await t.db.product.findUniqueOrThrow({ where: { id: bread.id } })).toMatchObject({ name: "Baguette", price: 120, stock: 30, unit: "piece" });
  });
});

describe("catalogue CSV import", () => {
  const HEADER = "name,description,price_cents,unit,category,stock,active";

  it("imports a good file", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const csv = [HEADER, "Baguette,Tradition,120,piece,Pain,30,yes", "Pommes,Golden,349,kg,Fruits,,", '"Eau, 6 x 1,5 L",,450,pack,Boissons,12,no', ""].join("\n");
    const res = await s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv });
    expect(res).toEqual({ isImported: true, rows: 3, imported: 3, duplicates: [], errors: [] });
    const rows = await t.db.product.findMany({ where: { shopId: shop.id }, orderBy: { name: "asc" } });
    expect(rows.map((p) => ({ name: p.name, description: p.description, price: p.price, unit: p.unit, category: p.category, stock: p.stock, isActive: p.isActive }))).toEqual([
      { name: "Baguette", description: "Tradition", price: 120, unit: "piece", category: "Pain", stock: 30, isActive: true },
      { name: "Eau, 6 x 1,5 L", description: "", price: 450, unit: "pack", category: "Boissons", stock: 12, isActive: false },
      { name: "Pommes", description: "Golden", price: 349, unit: "kg", category: "Fruits", stock: null, isActive: true },
    ]);
    expect(events).toContainEqual({ type: "catalogue.changed", shopId: shop.id, buildingIds: expect.any(Array) });
  });

  it("reads spreadsheet exports: semicolons, a BOM, CRLF, only the required columns", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const csv = "\uFEFFName;Price cents\r\nBrie;520\r\nComté;780\r\n";
    await expect(s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv })).resolves.toMatchObject({ isImported: true, imported: 2, errors: [] });
    expect((await t.db.product.findMany({ where: { shopId: shop.id }, orderBy: { name: "asc" } })).map((p) => [p.name, p.price, p.stock, p.unit])).toEqual([
      ["Brie", 520, null, "piece"],
      ["Comté", 780, null, "piece"],
    ]);
  });

  it("imports nothing from a file with bad rows and says where and why", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const csv = [
      HEADER,
      "Baguette,,120,piece,,10,yes", // line 2: fine
      "Croissant,,1.20,piece,,,", // 3: not cents
      "Pain de mie,,,piece,,,", // 4: no price
      "Pommes,,349,litre,,,", // 5: unknown unit
      ",,100,piece,,,", // 6: no name
      "Eau,,450,pack,,-3,", // 7: bad stock
      "Lait,,95,piece,,,peut-être", // 8: bad flag
      "baguette,,130,piece,,,", // 9: same name as line 2
      "Gratuit,,0,piece,,,", // 10: zero price
    ].join("\n");
    events.length = 0;
    const res = await s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv });
    expect(res.isImported).toBe(false);
    expect(res.imported).toBe(0);
    expect(res.rows).toBe(9);
    expect(res.errors).toEqual([
      { line: 3, column: "price_cents", reason: "cents" },
      { line: 4, column: "price_cents", reason: "required" },
      { line: 5, column: "unit", reason: "productUnit" },
      { line: 6, column: "name", reason: "required" },
      { line: 7, column: "stock", reason: "integer" },
      { line: 8, column: "active", reason: "boolean" },
      { line: 9, column: "name", reason: "duplicateInFile" },
      { line: 10, column: "price_cents", reason: "amountMin" },
    ]);
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(0);
    expect(events).toEqual([]);
  });

  it("refuses unknown or missing columns and empty files", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    const imp = (csv: string) => s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv });
    await expect(imp("name,price_cents,colour\nBaguette,120,gold")).resolves.toMatchObject({ isImported: false, errors: [{ line: 1, column: "colour", reason: "unknownColumn" }] });
    await expect(imp("name,description\nBaguette,Tradition")).resolves.toMatchObject({ isImported: false, errors: [{ line: 1, column: "price_cents", reason: "missingColumn" }] });
    await expect(imp("name,price_cents\n")).resolves.toMatchObject({ isImported: false, errors: [{ line: 2, reason: "empty" }] });
    await expect(imp("")).resolves.toMatchObject({ isImported: false, errors: [{ line: 1, reason: "empty" }] });
    await expect(imp('name,price_cents\n"Baguette,120\n')).resolves.toMatchObject({ isImported: false, errors: [{ reason: "malformed" }] });
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("reports names already in the shop as duplicates and imports the rest", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Baguette", price: 110 }));
    const csv = [HEADER, "Croissant,,95,piece,,,", "Baguette,,130,piece,,,", "Brioche,,350,piece,,,"].join("\n");
    const res = await s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv });
    expect(res).toEqual({ isImported: true, rows: 3, imported: 2, duplicates: [{ line: 3, reference: "Baguette" }], errors: [] });
    expect((await t.db.product.findMany({ where: { shopId: shop.id }, orderBy: { name: "asc" } })).map((p) => [p.name, p.price])).toEqual([
      ["Baguette", 110],
      ["Brioche", 350],
      ["Croissant", 95],
    ]);
    // Again: everything is a duplicate now, nothing new.
    await expect(s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv })).resolves.toMatchObject({ isImported: false, imported: 0, duplicates: [{ line: 2 }, { line: 3 }, { line: 4 }] });
    expect(await t.db.product.count({ where: { shopId: shop.id } })).toBe(3);
  });

  it("a dry run checks and counts but changes nothing", async () => {
    const s = await setup();
    const shop = await shopOf(s);
    await s.asMerchant.shops.manage.createProduct(product(shop.id, { name: "Baguette" }));
    events.length = 0;
    const csv = [HEADER, "Croissant,,95,piece,,,", "Baguette,,130,piece,,,"].join("\n");
    const res = await s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv, dryRun: true });
    expect(res).toEqual({ isImported: false, rows: 2, imported: 1, duplicates: [{ line: 3, reference: "Baguette" }], errors: [] });
    expect((await t.db.product.findMany({ where: { shopId: shop.id } })).map((p) => p.name)).toEqual(["Baguette"]);
    expect(events).toEqual([]);
    const bad = await s.asMerchant.shops.manage.importCatalogue({ shopId: shop.id, csv: `${HEADER}\nCroissant,,abc,,,,`, dryRun: true });
    expect(bad).toMatchObject({ isImported: false, imported: 0, errors: [{ line: 2, column: "price_cents", reason: "cents" }] });
  });
});
