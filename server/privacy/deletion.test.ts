// Account deletion: the blockers (checked on the server), the password (limited like
// sign-in), the grace period cancelled by signing in, the erasing job after it (fake clock),
// what is erased and what stays, the ledger still balanced, and two jobs racing erase once.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../../env";
import { verifyCredentials } from "../accounts/service";
import { isSessionCurrent } from "../auth/revocation";
import { checkLedger } from "../ledger/ledger";
import type { PaymentProvider } from "../payments/provider";
import { confirmIntent, topUp } from "../payments/service";
import { photoDir } from "../storage/photos";
import { useTestDb } from "../test/hooks";
import { callerFor, makeApprovedShop, makeBuilding, makeUser } from "../test/factories";
import { hashPassword } from "../auth/password";
import { DELETION_PLAN, ERASED_PASSWORD_HASH, GRACE_DAYS, eraseAccount, eraseDue, erasedEmail } from "./deletion";

const { t, events } = useTestDb();
const DAY = 86_400_000;
const PASSWORD = "the right password";
const key = () => randomUUID();
let passwordHash = "";

beforeAll(async () => {
  process.env.RATE_LIMIT_AUTH_PER_ACCOUNT = "3";
  process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "quartier-deletion-"));
  passwordHash = await hashPassword(PASSWORD);
});

type TUser = Awaited<ReturnType<typeof makeUser>>;

/** A person with a real password, living in a unit of a building someone else manages. */
async function person(name = "Inès Martin", roles: ("resident" | "merchant" | "manager")[] = ["resident"]) {
  const user = await makeUser(t.db, roles, name);
  await t.db.user.update({ where: { id: user.id }, data: { passwordHash } });
  return { ...user, api: callerFor(t.db, user, roles, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) };
}

async function home(user: TUser) {
  const manager = await makeUser(t.db, ["manager"], "Gérante");
  const { building, units } = await makeBuilding(t.db, manager.id);
  await t.db.membership.create({ data: { userId: user.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code", message: "Bonjour, c'est Inès du 101" } });
  return { manager, building, units };
}

/** An approved shop delivering to the building, with a 2.50 baguette. */
async function shopFor(buildingId: string) {
  const merchant = await person("Marchand", ["merchant"]);
  const { shop } = await makeApprovedShop(t.db, { merchant, buildingIds: [buildingId], name: `Épicerie ${key().slice(0, 6)}` });
  const bread = await merchant.api.shops.manage.createProduct({ shopId: shop.id, name: "Baguette", price: 250, stock: null });
  return { merchant, shop, bread };
}

async function placeOrder(p: Awaited<ReturnType<typeof person>>, s: Awaited<ReturnType<typeof shopFor>>, unitId: string, quantity: number) {
  const { slots } = await p.api.shops.get({ id: s.shop.id });
  const slot = slots.find((x) => x.cutoffAt.getTime() > Date.now() + 5 * 60_000)!;
  return p.api.orders.place({ shopId: s.shop.id, unitId, windowId: slot.windowId, date: slot.date, note: "Code de la porte 4521B", lines: [{ productId: s.bread.id, quantity }], idempotencyKey: key() });
}

describe("the deletion plan", () => {
  it("says what happens to every relation of another model to User (a new one fails until someone decides)", () => {
    const model = (t.db as unknown as { _runtimeDataModel: { models: Record<string, { fields: { name: string; kind: string; type: string }[] }> } })._runtimeDataModel.models;
    const relations = Object.entries(model)
      .filter(([name]) => name !== "User")
      .flatMap(([name, m]) => m.fields.filter((f) => f.kind === "object" && f.type === "User").map((f) => `${name}.${f.name}`))
      .sort();
    expect(relations.length).toBeGreaterThan(20);
    expect(Object.keys(DELETION_PLAN).sort()).toEqual(relations);
    for (const fate of Object.values(DELETION_PLAN)) expect(("what" in fate ? fate.what : fate.because).length).toBeGreaterThan(5);
  });
});

describe("deletion: access", () => {
  it("anonymous callers are refused, and nothing changes", async () => {
    const anon = callerFor(t.db, null);
    await expect(anon.privacy.deletion.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anon.privacy.deletion.request({ password: PASSWORD })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("refuses bad input with a field error", async () => {
    const p = await person();
    await expect(p.api.privacy.deletion.request({ password: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(p.api.privacy.deletion.request({ password: 12 } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("deletion: asking", () => {
  it("a wrong password changes nothing; attempts are limited like sign-in's", async () => {
    const p = await person();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: p.id } });
    for (let i = 0; i < 3; i++) await expect(p.api.privacy.deletion.request({ password: "wrong" })).rejects.toMatchObject({ cause: { code: "WRONG_PASSWORD" } });
    const err = await p.api.privacy.deletion.request({ password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TOO_MANY_REQUESTS", cause: { code: "RATE_LIMITED" } });
    const after = await t.db.user.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.deletionRequestedAt).toBeNull();
    expect(after.sessionVersion).toBe(before.sessionVersion);
    expect(events.filter((e) => e.type === "session.revoked")).toEqual([]);
  });

  it("a wallet with money left blocks it, with the balance; empty, it goes through", async () => {
    const p = await person();
    const h = await home(p);
    await p.api.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    expect((await p.api.privacy.deletion.get()).blockers).toEqual([{ kind: "wallet", balance: 1000, currency: "EUR" }]);
    await expect(p.api.privacy.deletion.request({ password: PASSWORD })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", cause: { code: "DELETION_BLOCKED" } });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: p.id } })).deletionRequestedAt).toBeNull();

    // Spending it on an order: the order under way blocks until delivered.
    const s = await shopFor(h.building.id);
    const order = await placeOrder(p, s, h.units[0]!.id, 4);
    expect((await p.api.privacy.deletion.get()).blockers).toEqual([{ kind: "ownOrders", count: 1 }]);
    // …and the merchant, who has it to deliver, is blocked too.
    expect((await s.merchant.api.privacy.deletion.get()).blockers).toEqual([{ kind: "shop", shopId: s.shop.id, name: s.shop.name, openOrders: 1, upcomingBookings: 0 }]);
    await expect(s.merchant.api.privacy.deletion.request({ password: PASSWORD })).rejects.toMatchObject({ cause: { code: "DELETION_BLOCKED" } });
    await s.merchant.api.orders.manage.move({ id: order.orderId, to: "accepted" });
    await s.merchant.api.orders.manage.move({ id: order.orderId, to: "out_for_delivery" });
    await s.merchant.api.orders.manage.move({ id: order.orderId, to: "delivered" });
    expect((await s.merchant.api.privacy.deletion.get()).blockers).toEqual([]);
    expect(await p.api.privacy.deletion.get()).toEqual({ graceDays: GRACE_DAYS, blockers: [], unpaidBills: 0 });
  });

  it("the only manager of a building must hand it over first", async () => {
    const p = await person("Gérant", ["manager"]);
    const { building } = await makeBuilding(t.db, p.id);
    expect((await p.api.privacy.deletion.get()).blockers).toEqual([{ kind: "soleManager", buildingId: building.id, name: building.name }]);
    await expect(p.api.privacy.deletion.request({ password: PASSWORD })).rejects.toMatchObject({ cause: { code: "DELETION_BLOCKED" } });
    const other = await makeUser(t.db, ["manager"], "Autre");
    await t.db.buildingManager.create({ data: { buildingId: building.id, userId: other.id } });
    expect((await p.api.privacy.deletion.get()).blockers).toEqual([]);
  });

  it("unpaid bills are said, not blockers (they stay with the unit)", async () => {
    const p = await person();
    const h = await home(p);
    await t.db.bill.create({
      data: { buildingId: h.building.id, unitId: h.units[0]!.id, kind: "water", reference: key(), periodStart: new Date("2026-10-01"), periodEnd: new Date("2026-10-31"), dueDate: new Date("2026-11-15"), amount: 4200, currency: "EUR" },
    });
    expect(await p.api.privacy.deletion.get()).toEqual({ graceDays: GRACE_DAYS, blockers: [], unpaidBills: 1 });
  });

  it("with the right password: asked, every session ends (this one too), and sockets are cut", async () => {
    const p = await person();
    const before = await t.db.user.findUniqueOrThrow({ where: { id: p.id } });
    const res = await p.api.privacy.deletion.request({ password: PASSWORD });
    const after = await t.db.user.findUniqueOrThrow({ where: { id: p.id } });
    expect(after.deletionRequestedAt).not.toBeNull();
    expect(res.eraseOn.getTime()).toBe(after.deletionRequestedAt!.getTime() + GRACE_DAYS * DAY);
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(after.keptSessionId).toBeNull();
    expect(await isSessionCurrent(t.db, { userId: p.id, version: before.sessionVersion, sessionId: "this-one" })).toBe(false);
    expect(events).toContainEqual({ type: "session.revoked", userId: p.id, keepSessionId: null });
    // Nothing is erased yet.
    expect(after.name).toBe("Inès Martin");
    expect(after.deletedAt).toBeNull();
  });

  it("signing in during the grace period cancels it, and says so once", async () => {
    const p = await person();
    await p.api.privacy.deletion.request({ password: PASSWORD });
    expect(await verifyCredentials(t.db, p.email, "wrong", "10.8.0.1")).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: p.id } })).deletionRequestedAt).not.toBeNull();
    expect(await verifyCredentials(t.db, p.email, PASSWORD, "10.8.0.1")).toMatchObject({ id: p.id, deletionCancelled: true });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: p.id } })).deletionRequestedAt).toBeNull();
    expect(await verifyCredentials(t.db, p.email, PASSWORD, "10.8.0.1")).toMatchObject({ id: p.id, deletionCancelled: false });
    // The job finds nothing to erase, however late it runs.
    await eraseDue(t.db, new Date(Date.now() + 30 * DAY));
    expect(await t.db.user.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ name: "Inès Martin", deletedAt: null });
  });
});

describe("deletion: erasing after the grace period", () => {
  /** Someone who used Quartier: a home, a paid order, a chat, a photo, preferences, favourites, an export, a notification. */
  async function lived() {
    const p = await person();
    const h = await home(p);
    const s = await shopFor(h.building.id);
    await p.api.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    const order = await placeOrder(p, s, h.units[0]!.id, 4); // spends it all
    for (const to of ["accepted", "out_for_delivery", "delivered"] as const) await s.merchant.api.orders.manage.move({ id: order.orderId, to });
    mkdirSync(photoDir(), { recursive: true });
    const photo = await t.db.photo.create({ data: { ownerId: p.id, width: 10, height: 10, bytes: 100 } });
    writeFileSync(path.join(photoDir(), `${photo.id}.webp`), "x");
    const conversation = await t.db.conversation.create({ data: { shopId: s.shop.id, residentId: p.id, lastSeq: 2 } });
    await t.db.message.create({ data: { conversationId: conversation.id, seq: 1, senderId: p.id, clientId: key(), body: "Je suis au 3e, digicode 4521B", photoId: photo.id } });
    await t.db.message.create({ data: { conversationId: conversation.id, seq: 2, senderId: s.merchant.id, clientId: key(), body: "Bien reçu !" } });
    await t.db.notification.create({ data: { userId: p.id, kind: "orderStatus", params: "{}" } });
    // The merchant's centre names the person (their conversation's entry).
    const theirs = await t.db.notification.create({ data: { userId: s.merchant.id, kind: "chatMessage", params: JSON.stringify({ from: "Inès Martin" }), link: `/messages/${conversation.id}`, groupKey: `chat:${conversation.id}`, updatedAt: new Date(Date.now() - 3_600_000) } });
    await t.db.notificationPreference.create({ data: { userId: p.id, kind: "promotion", enabled: false } });
    await t.db.notificationSettings.create({ data: { userId: p.id, quietFrom: 1320, quietTo: 420 } });
    await t.db.promoOptIn.create({ data: { userId: p.id, shopId: s.shop.id } });
    const place = await t.db.parkingPlace.create({ data: { name: "Parc", kind: "car_park", latitude: 45.7, longitude: 4.8, capacity: 10 } });
    await t.db.parkingFavourite.create({ data: { userId: p.id, placeId: place.id, notifyWhenFree: true } });
    const exp = await t.db.dataExport.create({ data: { userId: p.id, status: "ready" } });
    mkdirSync(path.join(env().dataDir, "exports"), { recursive: true });
    writeFileSync(path.join(env().dataDir, "exports", `${exp.id}.zip`), "zip");
    return { p, h, s, order, photo, conversation, exp, theirs };
  }

  it("waits for the grace period, then erases what is personal and keeps the rest anonymised; the ledger stays balanced", async () => {
    const { p, h, s, order, photo, conversation, exp, theirs } = await lived();
    const entriesBefore = await t.db.ledgerEntry.count();
    const asked = new Date();
    await p.api.privacy.deletion.request({ password: PASSWORD });

    expect(await eraseAccount(t.db, p.id, new Date(asked.getTime() + GRACE_DAYS * DAY - 60_000))).toBe("skipped");
    await eraseDue(t.db, new Date(asked.getTime() + GRACE_DAYS * DAY - 60_000));
    expect((await t.db.user.findUniqueOrThrow({ where: { id: p.id } })).deletedAt).toBeNull();

    const later = new Date(asked.getTime() + GRACE_DAYS * DAY + 60_000);
    expect(await eraseAccount(t.db, p.id, later)).toBe("erased");

    const u = await t.db.user.findUniqueOrThrow({ where: { id: p.id }, include: { roles: true } });
    expect(u).toMatchObject({ name: "", email: erasedEmail(p.id), passwordHash: ERASED_PASSWORD_HASH, locale: null, deletedAt: later });
    expect(u.roles).toEqual([]);
    // Erased.
    expect(await t.db.membership.findMany({ where: { userId: p.id }, select: { status: true, message: true } })).toEqual([{ status: "left", message: null }]);
    expect(await t.db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" }, select: { body: true, photoId: true } })).toEqual([
      { body: "", photoId: null },
      { body: "Bien reçu !", photoId: null },
    ]);
    expect(await t.db.photo.findUnique({ where: { id: photo.id } })).toBeNull();
    expect(existsSync(path.join(photoDir(), `${photo.id}.webp`))).toBe(false);
    expect(await t.db.dataExport.findUnique({ where: { id: exp.id } })).toBeNull();
    expect(existsSync(path.join(env().dataDir, "exports", `${exp.id}.zip`))).toBe(false);
    for (const count of [
      t.db.notification.count({ where: { userId: p.id } }),
      t.db.notificationPreference.count({ where: { userId: p.id } }),
      t.db.notificationSettings.count({ where: { userId: p.id } }),
      t.db.promoOptIn.count({ where: { userId: p.id } }),
      t.db.parkingFavourite.count({ where: { userId: p.id } }),
    ])
      expect(await count).toBe(0);
    // Others' notifications keep their entry, in its place, without the name.
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ userId: s.merchant.id, params: JSON.stringify({ from: "" }), updatedAt: theirs.updatedAt });
    // Kept, anonymised through the user row.
    expect(await t.db.order.findUniqueOrThrow({ where: { id: order.orderId } })).toMatchObject({ userId: p.id, status: "delivered", total: 1000, note: "" });
    expect(await t.db.conversation.findUnique({ where: { id: conversation.id } })).not.toBeNull();
    expect(await t.db.ledgerEntry.count()).toBe(entriesBefore); // nothing of the money is removed or rewritten
    expect(await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: p.id } })).toMatchObject({ balance: 0, closedAt: later });
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true });
    expect(await t.db.auditLog.count({ where: { action: "user.erase", targetId: p.id, actorId: null } })).toBe(1);
    expect(await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).toMatchObject({ status: "approved" }); // someone else's shop
    expect(await t.db.buildingManager.count({ where: { buildingId: h.building.id } })).toBe(1);

    // Never signs in again; the email is free for a new person.
    expect(await verifyCredentials(t.db, p.email, PASSWORD, "10.8.1.1")).toBeNull();
    expect(await verifyCredentials(t.db, erasedEmail(p.id), PASSWORD, "10.8.1.2")).toBeNull();
    await callerFor(t.db, null, [], "10.8.1.3").accounts.signUp({ email: p.email, name: "Someone new", password: "another password" });
    const fresh = await t.db.user.findUniqueOrThrow({ where: { email: p.email } });
    expect(fresh.id).not.toBe(p.id);
    expect(await verifyCredentials(t.db, p.email, "another password", "10.8.1.3")).toMatchObject({ id: fresh.id });
  });

  it("a blocker that appeared during the grace period holds it: nothing erased, tried again later", async () => {
    const p = await person();
    await home(p);
    await p.api.privacy.deletion.request({ password: PASSWORD });
    // A refund reached the wallet meanwhile (written as a top-up would be).
    await p.api.wallet.topUp({ amount: 500, idempotencyKey: key() });
    const later = new Date(Date.now() + GRACE_DAYS * DAY + 60_000);
    expect(await eraseAccount(t.db, p.id, later)).toBe("held");
    const u = await t.db.user.findUniqueOrThrow({ where: { id: p.id }, include: { roles: true } });
    expect(u).toMatchObject({ name: "Inès Martin", email: p.email, deletedAt: null });
    expect(u.deletionRequestedAt).not.toBeNull();
    expect(u.roles).toHaveLength(1);
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true });
  });

  it("closes the wallet: refunding a bill the person paid is refused and changes nothing", async () => {
    const p = await person();
    const h = await home(p);
    const asManager = callerFor(t.db, h.manager, ["manager"]);
    const bill = await asManager.bills.manage.issue({ unitId: h.units[0]!.id, kind: "water", reference: `W-${key().slice(0, 8)}`, periodStart: "2026-09-01", periodEnd: "2026-09-30", dueDate: "2027-01-15", amount: 4250 });
    await p.api.wallet.topUp({ amount: 4250, idempotencyKey: key() });
    await p.api.bills.pay({ billIds: [bill.id], idempotencyKey: key() });
    await p.api.privacy.deletion.request({ password: PASSWORD });
    const later = new Date(Date.now() + GRACE_DAYS * DAY + 60_000);
    expect(await eraseAccount(t.db, p.id, later)).toBe("erased");

    const entriesBefore = await t.db.ledgerEntry.count();
    const collectionBefore = await t.db.ledgerAccount.findUniqueOrThrow({ where: { buildingId: h.building.id } });
    await expect(asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() })).rejects.toMatchObject({ cause: { code: "ACCOUNT_CLOSED" } });
    expect(await t.db.bill.findUniqueOrThrow({ where: { id: bill.id } })).toMatchObject({ status: "paid" });
    expect(await t.db.ledgerEntry.count()).toBe(entriesBefore);
    expect(await t.db.ledgerAccount.findUniqueOrThrow({ where: { buildingId: h.building.id } })).toMatchObject({ balance: collectionBefore.balance });
    expect(await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: p.id } })).toMatchObject({ balance: 0 });
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true });
  });

  it("a top-up still waiting for the provider blocks it for a day; one confirmed after the erasing fails and credits nothing", async () => {
    const p = await person();
    await home(p);
    const ref = `late-${key()}`;
    const slow: PaymentProvider = {
      id: "sandbox",
      isSandbox: true,
      createIntent: async () => ({ providerRef: ref, status: "pending" }),
      parseWebhook: () => ({ providerRef: ref, status: "succeeded" }),
    };
    const intent = await topUp(t.db, p.id, { amount: 700, idempotencyKey: key() }, slow);
    expect(intent.status).toBe("pending");
    expect((await p.api.privacy.deletion.get()).blockers).toEqual([{ kind: "pendingTopUp", count: 1 }]);
    await expect(p.api.privacy.deletion.request({ password: PASSWORD })).rejects.toMatchObject({ cause: { code: "DELETION_BLOCKED" } });

    // A day on, the provider never answered: it no longer blocks.
    await t.db.paymentIntent.update({ where: { id: intent.intentId }, data: { createdAt: new Date(Date.now() - 2 * DAY) } });
    await p.api.privacy.deletion.request({ password: PASSWORD });
    expect(await eraseAccount(t.db, p.id, new Date(Date.now() + GRACE_DAYS * DAY + 60_000))).toBe("erased");

    // Then it answers "paid": the wallet takes nothing; the intent fails, so the operator refunds it at the provider.
    const entriesBefore = await t.db.ledgerEntry.count();
    const answer = await confirmIntent(t.db, "sandbox", ref, "succeeded");
    expect(answer).toMatchObject({ status: "failed", isChanged: false });
    expect(await t.db.paymentIntent.findUniqueOrThrow({ where: { id: intent.intentId } })).toMatchObject({ status: "failed", failureReason: "account_closed", transactionId: null });
    expect(await t.db.ledgerEntry.count()).toBe(entriesBefore);
    expect(await t.db.ledgerAccount.findUniqueOrThrow({ where: { userId: p.id } })).toMatchObject({ balance: 0 });
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true });
  });

  it("is idempotent, and two jobs racing erase once", async () => {
    const a = await person("Anne");
    const b = await person("Bruno");
    await a.api.privacy.deletion.request({ password: PASSWORD });
    await b.api.privacy.deletion.request({ password: PASSWORD });
    const later = new Date(Date.now() + GRACE_DAYS * DAY + 60_000);
    const erasedBefore = await t.db.auditLog.count({ where: { action: "user.erase" } });
    const runs = await Promise.all([eraseDue(t.db, later), eraseDue(t.db, later), eraseDue(t.db, later)]);
    const erasedNow = (await t.db.auditLog.count({ where: { action: "user.erase" } })) - erasedBefore;
    // Each account erased by exactly one run (others asked earlier in this file may be among them).
    expect(runs.reduce((n, r) => n + r.erased, 0)).toBe(erasedNow);
    expect(await t.db.auditLog.count({ where: { action: "user.erase", targetId: a.id } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "user.erase", targetId: b.id } })).toBe(1);
    expect(await t.db.user.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ name: "", email: erasedEmail(b.id) });
    const again = await eraseDue(t.db, later);
    expect(again.erased).toBe(0);
    expect(await eraseAccount(t.db, a.id, later)).toBe("skipped");
    expect(await checkLedger(t.db)).toMatchObject({ isOk: true });
  });
});
