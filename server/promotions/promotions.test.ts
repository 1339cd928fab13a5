// Merchant promotions (issue 14): opting in and out, the cap of 4 per shop per resident per
// calendar month (the 5th skipped and counted, a new month resets, 20 concurrent sends never
// exceed it), who receives (opted in and still living in a served building), who may do what
// (others get NOT_FOUND), bad input writing nothing. Runs on SQLite and PostgreSQL.
import { describe, expect, it } from "vitest";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import { PROMO_CAP } from "./schema";
import { SENDS_PER_HOUR, optIn, optOut, reach, send } from "./service";

const { t } = useTestDb();
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status = "active") {
  return t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: "code" } });
}

/**
 * A building with three residents (Alice, Bob, Carol) and a shop delivering to it; another
 * merchant's shop delivering there too; a pending shop; a second building with a resident
 * the shops do not deliver to.
 */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 1, door: "102" },
    { staircase: "A", floor: 2, door: "201" },
  ]);
  const { units: farUnits } = await makeBuilding(t.db, manager.id, [{ staircase: "", floor: 0, door: "1" }]);
  const [alice, bob, carol, stranger] = await Promise.all(["Alice", "Bob", "Carol", "Stranger"].map((n) => makeUser(t.db, ["resident"], n)));
  await member(alice!, units[0]!);
  await member(bob!, units[1]!);
  await member(carol!, units[2]!);
  await member(stranger!, farUnits[0]!);
  const merchant = await makeUser(t.db, ["merchant"], "Merchant");
  const otherMerchant = await makeUser(t.db, ["merchant"], "Other merchant");
  const shop = await t.db.shop.create({
    data: { ownerId: merchant.id, name: "Épicerie Martin", category: "grocery", status: "approved", timeZone: "Europe/Paris", buildings: { create: { buildingId: building.id } } },
  });
  const otherShop = await t.db.shop.create({
    data: { ownerId: otherMerchant.id, name: "Boulangerie", category: "bakery", status: "approved", buildings: { create: { buildingId: building.id } } },
  });
  const pendingShop = await t.db.shop.create({
    data: { ownerId: merchant.id, name: "Pending", category: "grocery", status: "pending", buildings: { create: { buildingId: building.id } } },
  });
  const api = {
    alice: callerFor(t.db, alice!, ["resident"]).promotions,
    bob: callerFor(t.db, bob!, ["resident"]).promotions,
    carol: callerFor(t.db, carol!, ["resident"]).promotions,
    stranger: callerFor(t.db, stranger!, ["resident"]).promotions,
    merchant: callerFor(t.db, merchant, ["merchant"]).promotions,
    otherMerchant: callerFor(t.db, otherMerchant, ["merchant"]).promotions,
    admin: callerFor(t.db, await makeUser(t.db, ["admin"], "Admin"), ["admin"]).promotions,
    anonymous: callerFor(t.db, null).promotions,
  };
  return { building, units, alice: alice!, bob: bob!, carol: carol!, stranger: stranger!, merchant, otherMerchant, shop, otherShop, pendingShop, api };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

const at = (iso: string) => new Date(iso);
const DEC = at("2026-12-10T10:00:00Z");
const promo = (shopId: string, n = 1) => ({ shopId, title: `Offer ${n}`, body: `−10 % on everything, offer ${n}` });
const notFound = { code: "NOT_FOUND" };

/** Promotions delivered to a resident by a shop in a month, and their places (seq). */
async function delivered(s: TSetup, user: TUser, month = "2026-12") {
  const rows = await t.db.promoDelivery.findMany({ where: { shopId: s.shop.id, userId: user.id, month }, orderBy: { seq: "asc" } });
  return rows.map((r) => r.seq);
}
/** Promotions, deliveries and promotion notifications of this set-up's shops and residents. */
const nothingWritten = (s: TSetup) => {
  const shopId = { in: [s.shop.id, s.otherShop.id, s.pendingShop.id] };
  return Promise.all([
    t.db.promotion.count({ where: { shopId } }),
    t.db.promoDelivery.count({ where: { shopId } }),
    t.db.notification.count({ where: { kind: "promotion", userId: { in: [s.alice.id, s.bob.id, s.carol.id, s.stranger.id] } } }),
  ]);
};
const promoNotes = (user: TUser) => t.db.notification.findMany({ where: { userId: user.id, kind: "promotion" }, orderBy: { createdAt: "asc" } });

describe("opting in and out", () => {
  it("a resident opts in and out of a shop that delivers to their building; both are idempotent", async () => {
    const s = await setup();
    expect(await s.api.alice.optIn({ shopId: s.shop.id })).toEqual({ shopId: s.shop.id, isOptedIn: true });
    expect(await s.api.alice.optIn({ shopId: s.shop.id })).toEqual({ shopId: s.shop.id, isOptedIn: true });
    await s.api.alice.optIn({ shopId: s.otherShop.id });
    const mine = await s.api.alice.listOptIns();
    expect(mine.map((o) => o.shopName).sort()).toEqual(["Boulangerie", "Épicerie Martin"]);
    expect(mine.every((o) => o.isReaching)).toBe(true);
    expect(await s.api.bob.listOptIns()).toEqual([]);
    expect(await s.api.alice.optOut({ shopId: s.shop.id })).toEqual({ shopId: s.shop.id, isOptedIn: false });
    expect(await s.api.alice.optOut({ shopId: s.shop.id })).toEqual({ shopId: s.shop.id, isOptedIn: false });
    expect((await s.api.alice.listOptIns()).map((o) => o.shopName)).toEqual(["Boulangerie"]);
    expect(await t.db.promoOptIn.count({ where: { userId: s.alice.id } })).toBe(1);
  });

  it("a shop that is not approved, does not deliver to the resident, or does not exist is NOT_FOUND, and nothing is written", async () => {
    const s = await setup();
    await expect(s.api.alice.optIn({ shopId: s.pendingShop.id })).rejects.toMatchObject(notFound);
    await expect(s.api.stranger.optIn({ shopId: s.shop.id })).rejects.toMatchObject(notFound);
    await expect(s.api.alice.optIn({ shopId: MISSING_ID })).rejects.toMatchObject(notFound);
    await expect(s.api.stranger.optOut({ shopId: s.shop.id })).rejects.toMatchObject(notFound);
    await expect(s.api.alice.optOut({ shopId: s.pendingShop.id })).rejects.toMatchObject(notFound);
    expect(await t.db.promoOptIn.count({ where: { shopId: { in: [s.shop.id, s.otherShop.id, s.pendingShop.id] } } })).toBe(0);
  });

  it("a resident who moved away still sees and can leave the opt-in, marked as no longer reaching them", async () => {
    const s = await setup();
    await s.api.bob.optIn({ shopId: s.shop.id });
    await t.db.membership.updateMany({ where: { userId: s.bob.id }, data: { status: "left" } });
    expect(await s.api.bob.listOptIns()).toMatchObject([{ shopId: s.shop.id, isReaching: false }]);
    expect(await s.api.bob.optOut({ shopId: s.shop.id })).toEqual({ shopId: s.shop.id, isOptedIn: false });
    expect(await t.db.promoOptIn.count({ where: { userId: s.bob.id } })).toBe(0);
  });

  it("a merchant living in a building their shop serves cannot opt in to their own shop", async () => {
    const s = await setup();
    const owner = await t.db.user.findUniqueOrThrow({ where: { id: s.merchant.id } });
    await member(owner, s.units[2]!);
    await expect(callerFor(t.db, owner, ["merchant", "resident"]).promotions.optIn({ shopId: s.shop.id })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "PROMO_OWN_SHOP" } });
    expect(await t.db.promoOptIn.count({ where: { shopId: { in: [s.shop.id, s.otherShop.id, s.pendingShop.id] } } })).toBe(0);
  });
});

describe("the cap: at most 4 per shop per resident per calendar month", () => {
  it("the 5th promotion of a month to the same resident is skipped and counted; a newcomer still gets it", async () => {
    const s = await setup();
    await optIn(t.db, s.alice.id, s.shop.id);
    await optIn(t.db, s.bob.id, s.shop.id);
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toEqual({ month: "2026-12", optedIn: 2, willReceive: 2, atCap: 0 });
    for (let n = 1; n <= PROMO_CAP; n++) {
      expect(await send(t.db, s.merchant.id, promo(s.shop.id, n), new Date(DEC.getTime() + n * 60_000))).toMatchObject({ sentCount: 2, skipped: 0 });
    }
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toEqual({ month: "2026-12", optedIn: 2, willReceive: 0, atCap: 2 });
    await optIn(t.db, s.carol.id, s.shop.id);
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toEqual({ month: "2026-12", optedIn: 3, willReceive: 1, atCap: 2 });
    const fifth = await send(t.db, s.merchant.id, promo(s.shop.id, 5), at("2026-12-20T10:00:00Z"));
    expect(fifth).toMatchObject({ title: "Offer 5", sentCount: 1, skipped: 2 });
    expect(await delivered(s, s.alice)).toEqual([1, 2, 3, 4]);
    expect(await delivered(s, s.carol)).toEqual([1]);
    // Skipped, never queued: nothing more for Alice, whatever comes later this month.
    const alice = await promoNotes(s.alice);
    expect(alice.map((n) => (JSON.parse(n.params) as { title: string }).title)).toEqual(["Offer 1", "Offer 2", "Offer 3", "Offer 4"]);
    expect(alice[0]).toMatchObject({ link: `/shops/${s.shop.id}` });
    expect(JSON.parse(alice[0]!.params)).toEqual({ shop: "Épicerie Martin", title: "Offer 1", body: "−10 % on everything, offer 1" });
    expect((await promoNotes(s.carol)).length).toBe(1);
    // Another shop's cap is its own.
    await optIn(t.db, s.alice.id, s.otherShop.id);
    expect(await send(t.db, s.otherMerchant.id, promo(s.otherShop.id), DEC)).toMatchObject({ sentCount: 1, skipped: 0 });
    // The history, newest first, with the counts.
    expect((await s.api.merchant.manage.list({ shopId: s.shop.id })).map((p) => [p.title, p.sentCount, p.skipped])).toEqual([
      ["Offer 5", 1, 2],
      ["Offer 4", 2, 0],
      ["Offer 3", 2, 0],
      ["Offer 2", 2, 0],
      ["Offer 1", 2, 0],
    ]);
  });

  it("a new calendar month in the shop's time zone resets the count", async () => {
    const s = await setup();
    await optIn(t.db, s.alice.id, s.shop.id);
    for (let n = 1; n <= PROMO_CAP; n++) await send(t.db, s.merchant.id, promo(s.shop.id, n), at(`2026-12-0${n}T10:00:00Z`));
    // 23:30 on 31 December in Paris: still December, skipped.
    expect(await send(t.db, s.merchant.id, promo(s.shop.id, 5), at("2026-12-31T22:30:00Z"))).toMatchObject({ sentCount: 0, skipped: 1 });
    // 00:30 on 1 January in Paris (still 31 December in UTC): a new month.
    expect(await reach(t.db, s.merchant.id, s.shop.id, at("2026-12-31T23:30:00Z"))).toEqual({ month: "2027-01", optedIn: 1, willReceive: 1, atCap: 0 });
    expect(await send(t.db, s.merchant.id, promo(s.shop.id, 6), at("2026-12-31T23:30:00Z"))).toMatchObject({ sentCount: 1, skipped: 0 });
    expect(await delivered(s, s.alice, "2027-01")).toEqual([1]);
    expect(await delivered(s, s.alice, "2026-12")).toEqual([1, 2, 3, 4]);
    expect((await promoNotes(s.alice)).length).toBe(5);
  });

  it("twenty concurrent sends never give anyone more than 4 in the month, and the counts add up", async () => {
    const s = await setup();
    await optIn(t.db, s.alice.id, s.shop.id);
    // Alice already had two this month.
    await send(t.db, s.merchant.id, promo(s.shop.id, 1), DEC);
    await send(t.db, s.merchant.id, promo(s.shop.id, 2), DEC);
    await optIn(t.db, s.bob.id, s.shop.id);
    await optIn(t.db, s.carol.id, s.shop.id);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => send(t.db, s.merchant.id, promo(s.shop.id, 10 + i), DEC)));
    for (const r of results) expect(r.sentCount + r.skipped).toBe(3);
    expect(results.reduce((sum, r) => sum + r.sentCount, 0)).toBe(2 + 4 + 4);
    for (const user of [s.alice, s.bob, s.carol]) {
      expect(await delivered(s, user)).toEqual([1, 2, 3, 4]);
      expect((await promoNotes(user)).length).toBe(4);
    }
    const stored = await t.db.promotion.findMany({ where: { shopId: s.shop.id }, include: { _count: { select: { deliveries: true } } } });
    for (const p of stored) expect(p._count.deliveries).toBe(p.sentCount);
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toEqual({ month: "2026-12", optedIn: 3, willReceive: 0, atCap: 3 });
  });
});

describe("who receives", () => {
  it("a resident who opted out gets nothing, and is not counted", async () => {
    const s = await setup();
    await optIn(t.db, s.alice.id, s.shop.id);
    await optIn(t.db, s.bob.id, s.shop.id);
    await send(t.db, s.merchant.id, promo(s.shop.id, 1), DEC);
    await optOut(t.db, s.alice.id, s.shop.id);
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toMatchObject({ optedIn: 1, willReceive: 1 });
    expect(await send(t.db, s.merchant.id, promo(s.shop.id, 2), DEC)).toMatchObject({ sentCount: 1, skipped: 0 });
    expect(await delivered(s, s.alice)).toEqual([1]);
    expect(await delivered(s, s.bob)).toEqual([1, 2]);
    expect((await promoNotes(s.alice)).length).toBe(1);
    expect((await promoNotes(s.carol)).length).toBe(0);
  });

  it("a resident who no longer lives in a served building gets nothing; nor anyone once the shop stops delivering there", async () => {
    const s = await setup();
    await optIn(t.db, s.alice.id, s.shop.id);
    await optIn(t.db, s.bob.id, s.shop.id);
    await t.db.membership.updateMany({ where: { userId: s.bob.id }, data: { status: "left" } });
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toMatchObject({ optedIn: 1, willReceive: 1 });
    expect(await send(t.db, s.merchant.id, promo(s.shop.id, 1), DEC)).toMatchObject({ sentCount: 1, skipped: 0 });
    expect(await delivered(s, s.bob)).toEqual([]);
    expect((await promoNotes(s.bob)).length).toBe(0);
    // Moving into a building the shop does not serve does not help either.
    await t.db.shopBuilding.deleteMany({ where: { shopId: s.shop.id } });
    expect(await reach(t.db, s.merchant.id, s.shop.id, DEC)).toMatchObject({ optedIn: 0, willReceive: 0, atCap: 0 });
    expect(await send(t.db, s.merchant.id, promo(s.shop.id, 2), DEC)).toMatchObject({ sentCount: 0, skipped: 0 });
    expect((await promoNotes(s.alice)).length).toBe(1);
  });
});

describe("who may do what (router)", () => {
  it("the owner sees the reach, sends and reads the history through the API", async () => {
    const s = await setup();
    await s.api.alice.optIn({ shopId: s.shop.id });
    expect(await s.api.merchant.manage.reach({ shopId: s.shop.id })).toMatchObject({ optedIn: 1, willReceive: 1, atCap: 0 });
    const sent = await s.api.merchant.manage.send({ shopId: s.shop.id, title: "  Soupe du jour  ", body: "Potiron, 3 €" });
    expect(sent).toMatchObject({ title: "Soupe du jour", body: "Potiron, 3 €", sentCount: 1, skipped: 0 });
    expect((await s.api.merchant.manage.list({ shopId: s.shop.id })).map((p) => p.id)).toEqual([sent.id]);
    expect((await promoNotes(s.alice)).length).toBe(1);
  });

  it("residents, admins, other merchants and anonymous callers cannot send, read the reach or the history; nothing is written", async () => {
    const s = await setup();
    await s.api.alice.optIn({ shopId: s.shop.id });
    const ref = { shopId: s.shop.id };
    for (const api of [s.api.alice, s.api.admin]) {
      await expect(api.manage.send(promo(s.shop.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.manage.reach(ref)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(api.manage.list(ref)).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(s.api.otherMerchant.manage.send(promo(s.shop.id))).rejects.toMatchObject(notFound);
    await expect(s.api.otherMerchant.manage.reach(ref)).rejects.toMatchObject(notFound);
    await expect(s.api.otherMerchant.manage.list(ref)).rejects.toMatchObject(notFound);
    await expect(s.api.merchant.manage.send(promo(MISSING_ID))).rejects.toMatchObject(notFound);
    await expect(s.api.anonymous.manage.send(promo(s.shop.id))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.manage.reach(ref)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.optIn(ref)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.optOut(ref)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.api.anonymous.listOptIns()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Its own shop, not approved yet: told so.
    await expect(s.api.merchant.manage.send(promo(s.pendingShop.id))).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "SHOP_NOT_APPROVED" } });
    await expect(s.api.merchant.manage.reach({ shopId: s.pendingShop.id })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "SHOP_NOT_APPROVED" } });
    expect(await nothingWritten(s)).toEqual([0, 0, 0]);
  });

  it(`a shop sends at most ${SENDS_PER_HOUR} promotions an hour`, async () => {
    const s = await setup();
    for (let n = 0; n < SENDS_PER_HOUR; n++) await s.api.merchant.manage.send(promo(s.shop.id, n));
    await expect(s.api.merchant.manage.send(promo(s.shop.id))).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "RATE_LIMITED" } });
    expect(await t.db.promotion.count({ where: { shopId: s.shop.id } })).toBe(SENDS_PER_HOUR);
    // Another shop is counted on its own.
    await expect(s.api.otherMerchant.manage.send(promo(s.otherShop.id))).resolves.toMatchObject({ sentCount: 0 });
  });
});

describe("bad input", () => {
  it("is refused with a message key and writes nothing", async () => {
    const s = await setup();
    await s.api.alice.optIn({ shopId: s.shop.id });
    const bad: [unknown, string][] = [
      [{ ...promo(s.shop.id), title: "" }, "required"],
      [{ ...promo(s.shop.id), title: "   " }, "required"],
      [{ ...promo(s.shop.id), title: "x".repeat(61) }, "tooLong"],
      [{ ...promo(s.shop.id), body: "" }, "required"],
      [{ ...promo(s.shop.id), body: "x".repeat(281) }, "tooLong"],
      [{ ...promo(s.shop.id), body: "x".repeat(1024 * 1024) }, "tooLong"],
      [{ ...promo(s.shop.id), shopId: "not-an-id" }, "id"],
    ];
    for (const [input, message] of bad) {
      const e = (await s.api.merchant.manage.send(input as never).catch((x: unknown) => x)) as { code: string; cause?: { issues?: { message: string }[] } };
      expect(e.code).toBe("BAD_REQUEST");
      expect(e.cause?.issues?.map((i) => i.message)).toContain(message);
    }
    await expect(s.api.merchant.manage.send({ shopId: s.shop.id, title: 42, body: null } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.api.alice.optIn({ shopId: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await nothingWritten(s)).toEqual([0, 0, 0]);
  });
});
