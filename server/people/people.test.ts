// People and moderation (issue 16) through the tRPC router, for every role: admins find
// people, grant and withdraw roles, suspend and restore accounts and shops, act on chat
// reports, and read the audit log; nobody else may. Every change writes its audit row with
// it, and a refused change writes none.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { env } from "../../env";
import { verifyCredentials } from "../accounts/service";
import { hashPassword } from "../auth/password";
import { readSession } from "../auth/session";
import type { TRole } from "../auth/roles";
import { makeChat } from "../test/chat";
import { MISSING_ID, callerFor, makeUser } from "../test/factories";
import { useTestDb } from "../test/hooks";

const { t, events } = useTestDb();

type TUser = Awaited<ReturnType<typeof makeUser>>;
const key = () => randomUUID();
const REASON = "Repeated abusive messages to residents";

async function setup() {
  const c = await makeChat(t.db, { residentName: `Alice ${randomUUID().slice(0, 6)}` });
  const admin = await makeUser(t.db, ["admin"], "Admin One");
  const admin2 = await makeUser(t.db, ["admin"], "Admin Two");
  return {
    ...c,
    admin,
    admin2,
    asAdmin: callerFor(t.db, admin, ["admin"]),
    asAdmin2: callerFor(t.db, admin2, ["admin"]),
    asResident: callerFor(t.db, c.resident, ["resident"]),
    asMerchant: callerFor(t.db, c.merchant, ["merchant"]),
    asManager: callerFor(t.db, c.manager, ["manager"]),
  };
}

const auditCount = (where: Record<string, unknown> = {}) => t.db.auditLog.count({ where });
const cookieOf = async (user: TUser, sv = 0) =>
  `next-auth.session-token=${await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: ["resident"], sv, sid: randomUUID() } })}`;

describe("who may do what", () => {
  it("refuses anonymous callers (UNAUTHORIZED) and every role but admin (FORBIDDEN), writing nothing", async () => {
    const s = await setup();
    const message = await t.db.message.create({ data: { conversationId: s.conversation.id, senderId: s.merchant.id, body: "…", seq: 1, clientId: key() } });
    const report = await t.db.messageReport.create({ data: { reporterId: s.resident.id, reason: "abuse", messageId: message.id } });
    const calls = (api: ReturnType<typeof callerFor>) => [
      () => api.people.list({ q: "" }),
      () => api.people.get({ id: s.resident.id }),
      () => api.people.grantRole({ userId: s.resident.id, role: "merchant" }),
      () => api.people.withdrawRole({ userId: s.merchant.id, role: "merchant" }),
      () => api.people.suspend({ userId: s.resident.id, reason: REASON }),
      () => api.people.restore({ userId: s.resident.id, reason: "" }),
      () => api.people.suspendShop({ shopId: s.shop.id, reason: REASON }),
      () => api.people.restoreShop({ shopId: s.shop.id, reason: "" }),
      () => api.people.history({}),
      () => api.chat.admin.actOnReport({ id: report.id, action: "suspendShop", reason: REASON }),
    ];
    for (const call of calls(callerFor(t.db, null))) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    for (const [user, roles] of [
      [s.resident, ["resident"]],
      [s.merchant, ["merchant"]],
      [s.manager, ["manager"]],
    ] as [TUser, TRole[]][]) {
      for (const call of calls(callerFor(t.db, user, roles))) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await auditCount()).toBe(0);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: s.resident.id } })).suspendedAt).toBeNull();
    expect((await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).status).toBe("approved");
    // An admin may; a missing person or shop is NOT_FOUND.
    await expect(s.asAdmin.people.get({ id: s.resident.id })).resolves.toMatchObject({ id: s.resident.id });
    await expect(s.asAdmin.people.get({ id: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAdmin.people.suspend({ userId: MISSING_ID, reason: REASON })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAdmin.people.suspendShop({ shopId: MISSING_ID, reason: REASON })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditCount()).toBe(0);
  });
});

describe("finding people", () => {
  it("searches name or email whatever the case, accents included, a page at a time", async () => {
    const s = await setup();
    const tag = randomUUID().slice(0, 8);
    const lea = await t.db.user.create({ data: { email: `lea.${tag}@example.test`, name: `Léa Nguyen ${tag}`, passwordHash: "x" } });
    const emile = await t.db.user.create({ data: { email: `e.${tag}@example.test`, name: `Émile Zola ${tag}`, passwordHash: "x", suspendedAt: new Date() } });
    const find = async (q: string) => (await s.asAdmin.people.list({ q })).items.map((p) => p.id);
    expect(await find(`léa nguyen ${tag}`)).toEqual([lea.id]);
    expect(await find(`LÉA NGUYEN ${tag}`)).toEqual([lea.id]);
    expect(await find(`émile zola ${tag}`)).toEqual([emile.id]);
    expect(await find(`LEA.${tag}@EXAMPLE`)).toEqual([lea.id]);
    expect((await find(tag)).sort()).toEqual([lea.id, emile.id].sort());
    const row = (await s.asAdmin.people.list({ q: `zola ${tag}` })).items[0]!;
    expect(row).toMatchObject({ name: `Émile Zola ${tag}`, state: "suspended", roles: [], createdAt: expect.any(Date) });

    for (let i = 0; i < 23; i++) await t.db.user.create({ data: { email: `p${i}.${tag}@paged.test`, name: `Paged ${tag} ${String(i).padStart(2, "0")}`, passwordHash: "x" } });
    const first = await s.asAdmin.people.list({ q: `paged ${tag}` });
    expect(first).toMatchObject({ total: 23, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(20);
    const second = await s.asAdmin.people.list({ q: `paged ${tag}`, page: 2 });
    expect(second.items.map((p) => p.name)).toEqual([20, 21, 22].map((i) => `Paged ${tag} ${i}`));
  });

  it("shows a person's roles, homes, shops, state and the reason of a suspension", async () => {
    const s = await setup();
    const p = await s.asAdmin.people.get({ id: s.resident.id });
    expect(p).toMatchObject({ state: "active", roles: ["resident"], suspension: null, isSelf: false, shops: [] });
    expect(p.memberships).toEqual([{ id: expect.any(String), buildingName: "Test House", staircase: "A", floor: 1, door: "101", status: "active" }]);
    const m = await s.asAdmin.people.get({ id: s.merchant.id });
    expect(m.shops).toEqual([{ id: s.shop.id, name: "Épicerie Martin", kind: "shop", status: "approved", suspensionReason: null }]);
    expect((await s.asAdmin.people.get({ id: s.manager.id })).managedBuildings).toEqual([{ id: s.building.id, name: "Test House" }]);
    await s.asAdmin.people.suspend({ userId: s.resident.id, reason: REASON });
    await s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "Sold expired food" });
    expect((await s.asAdmin.people.get({ id: s.resident.id })).suspension).toEqual({ at: expect.any(Date), reason: REASON, byName: "Admin One" });
    expect((await s.asAdmin.people.get({ id: s.merchant.id })).shops[0]).toMatchObject({ status: "suspended", suspensionReason: "Sold expired food" });
    expect((await s.asAdmin.people.get({ id: s.admin.id })).isSelf).toBe(true);
  });
});

describe("roles", () => {
  it("grants and withdraws, each with its audit row; the person's session follows at once", async () => {
    const s = await setup();
    const cookie = await cookieOf(s.resident);
    expect((await readSession({ cookie }, t.db))?.roles).toEqual(["resident"]);

    await s.asAdmin.people.grantRole({ userId: s.resident.id, role: "merchant" });
    expect(events).toContainEqual({ type: "people.changed", userId: s.resident.id, rejoin: true });
    // Their next request has the role: no new sign-in.
    expect((await readSession({ cookie }, t.db))?.roles.sort()).toEqual(["merchant", "resident"]);
    await expect(callerFor(t.db, s.resident, ["resident"]).shops.manage.list()).resolves.toEqual([]);
    // Granting it again changes nothing and records nothing.
    await s.asAdmin.people.grantRole({ userId: s.resident.id, role: "merchant" });
    expect(await auditCount({ action: "role.grant", targetId: s.resident.id })).toBe(1);

    await s.asAdmin.people.withdrawRole({ userId: s.resident.id, role: "merchant" });
    expect((await readSession({ cookie }, t.db))?.roles).toEqual(["resident"]);
    // Even a session whose token still says merchant is refused at once.
    await expect(callerFor(t.db, s.resident, ["resident", "merchant"]).shops.manage.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rows = await t.db.auditLog.findMany({ where: { targetId: s.resident.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.actorId, r.targetType, JSON.parse(r.detail).role])).toEqual([
      ["role.grant", s.admin.id, "user", "merchant"],
      ["role.withdraw", s.admin.id, "user", "merchant"],
    ]);
  });

  it("an admin cannot withdraw their own admin role; two admins withdrawing each other leave one", async () => {
    const s = await setup();
    await expect(s.asAdmin.people.withdrawRole({ userId: s.admin.id, role: "admin" })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "SELF_PROTECTED" } });
    // Every other admin of this shared database is set aside, so that these two are the last.
    const others = await t.db.userRole.findMany({ where: { role: "admin", userId: { notIn: [s.admin.id, s.admin2.id] } } });
    await t.db.userRole.deleteMany({ where: { role: "admin", userId: { notIn: [s.admin.id, s.admin2.id] } } });
    try {
      const results = await Promise.allSettled([
        s.asAdmin.people.withdrawRole({ userId: s.admin2.id, role: "admin" }),
        s.asAdmin2.people.withdrawRole({ userId: s.admin.id, role: "admin" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "FORBIDDEN" } });
      expect(await t.db.userRole.count({ where: { role: "admin" } })).toBe(1);
      expect(await auditCount({ action: "role.withdraw", targetId: { in: [s.admin.id, s.admin2.id] } })).toBe(1);
    } finally {
      await t.db.userRole.createMany({ data: others.map((o) => ({ userId: o.userId, role: "admin" })) });
    }
  });

  it("the last working admin cannot lose admin", async () => {
    const s = await setup();
    // admin2 is suspended: admin One is the last one who works, and cannot withdraw it from themselves.
    await s.asAdmin.people.suspend({ userId: s.admin2.id, reason: REASON });
    await expect(s.asAdmin.people.withdrawRole({ userId: s.admin.id, role: "admin" })).rejects.toMatchObject({ cause: { code: "SELF_PROTECTED" } });
    // A suspended admin can do nothing.
    await expect(s.asAdmin2.people.withdrawRole({ userId: s.admin.id, role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.userRole.count({ where: { userId: s.admin.id, role: "admin" } })).toBe(1);
  });
});

describe("suspending a person", () => {
  it("ends their sessions at once, refuses their sign-in with its own message, and restoring lets them in again", async () => {
    const s = await setup();
    const password = "a-good-password";
    await t.db.user.update({ where: { id: s.resident.id }, data: { passwordHash: await hashPassword(password) } });
    const cookie = await cookieOf(s.resident);
    expect(await readSession({ cookie }, t.db)).not.toBeNull();

    await s.asAdmin.people.suspend({ userId: s.resident.id, reason: REASON });
    expect(events).toContainEqual({ type: "session.revoked", userId: s.resident.id, keepSessionId: null });
    expect(await readSession({ cookie }, t.db)).toBeNull();
    await expect(verifyCredentials(t.db, s.resident.email, password, "10.9.0.1")).rejects.toMatchObject({ code: "ACCOUNT_SUSPENDED", message: "ACCOUNT_SUSPENDED" });
    // A wrong password learns nothing about the suspension.
    await expect(verifyCredentials(t.db, s.resident.email, "not-the-password", "10.9.0.2")).resolves.toBeNull();
    const row = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.suspend", targetId: s.resident.id } });
    expect(row).toMatchObject({ actorId: s.admin.id, targetType: "user", reason: REASON });

    // Suspending again is refused and records nothing more.
    await expect(s.asAdmin.people.suspend({ userId: s.resident.id, reason: REASON })).rejects.toMatchObject({ cause: { code: "PERSON_STATE" } });
    expect(await auditCount({ action: "user.suspend", targetId: s.resident.id })).toBe(1);

    await s.asAdmin.people.restore({ userId: s.resident.id, reason: "Apologised" });
    await expect(verifyCredentials(t.db, s.resident.email, password, "10.9.0.3")).resolves.toMatchObject({ id: s.resident.id });
    // The old session stays ended: they sign in again.
    expect(await readSession({ cookie }, t.db)).toBeNull();
    expect(await readSession({ cookie: await cookieOf(s.resident, 1) }, t.db)).not.toBeNull();
    await expect(s.asAdmin.people.restore({ userId: s.resident.id, reason: "" })).rejects.toMatchObject({ cause: { code: "PERSON_STATE" } });
    expect(await auditCount({ action: "user.restore", targetId: s.resident.id })).toBe(1);
  });

  it("an admin cannot suspend themselves; a reason is required; refusals change nothing", async () => {
    const s = await setup();
    await expect(s.asAdmin.people.suspend({ userId: s.admin.id, reason: REASON })).rejects.toMatchObject({ cause: { code: "SELF_PROTECTED" } });
    await expect(s.asAdmin.people.suspend({ userId: s.resident.id, reason: "  " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: s.admin.id } })).suspendedAt).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: s.resident.id } })).suspendedAt).toBeNull();
    expect(await auditCount({ targetId: { in: [s.admin.id, s.resident.id, s.shop.id] } })).toBe(0);
  });
});

describe("suspending a shop", () => {
  it("hides it from residents, refuses orders, tells its owner why, and restoring brings it back", async () => {
    const s = await setup();
    await s.asMerchant.shops.manage.update({
      id: s.shop.id,
      data: { name: "Épicerie Martin", description: "", category: "grocery", minOrder: 0, timeZone: "Europe/Paris", hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: "00:00", closes: "23:59" })), windows: [{ starts: "23:58", ends: "23:59", cutoffMinutes: 0 }], buildingIds: [s.building.id] },
    });
    const bread = await s.asMerchant.shops.manage.createProduct({ shopId: s.shop.id, name: "Baguette", price: 120, stock: 30 });
    await s.asResident.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    const { slots } = await s.asResident.shops.get({ id: s.shop.id });
    const order = () => ({ shopId: s.shop.id, unitId: s.units[0]!.id, windowId: slots[0]!.windowId, date: slots[0]!.date, lines: [{ productId: bread.id, quantity: 1 }], idempotencyKey: key() });
    await s.asResident.orders.place(order());
    expect((await s.asResident.shops.list()).map((x) => x.id)).toContain(s.shop.id);

    events.length = 0;
    await s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "Sold expired food" });
    expect(events).toEqual(
      expect.arrayContaining([
        { type: "shops.changed", shopId: s.shop.id, ownerId: s.merchant.id },
        { type: "catalogue.changed", shopId: s.shop.id, buildingIds: [s.building.id] },
      ]),
    );
    expect((await s.asResident.shops.list()).map((x) => x.id)).not.toContain(s.shop.id);
    await expect(s.asResident.shops.get({ id: s.shop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asResident.orders.place(order())).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.order.count({ where: { shopId: s.shop.id } })).toBe(1);
    expect((await s.asMerchant.shops.manage.list())[0]).toMatchObject({ status: "suspended", suspensionReason: "Sold expired food" });
    // Only an approved shop can be suspended, only a suspended one restored.
    await expect(s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: REASON })).rejects.toMatchObject({ cause: { code: "SHOP_STATE" } });
    // Approving is not the way back.
    await expect(s.asAdmin.shops.admin.decide({ id: s.shop.id, decision: "approved" })).rejects.toMatchObject({ cause: { code: "SHOP_STATE" } });
    expect(await auditCount({ targetId: s.shop.id })).toBe(1);

    await s.asAdmin.people.restoreShop({ shopId: s.shop.id, reason: "" });
    expect((await s.asResident.shops.list()).map((x) => x.id)).toContain(s.shop.id);
    expect((await s.asMerchant.shops.manage.list())[0]).toMatchObject({ status: "approved", suspensionReason: null });
    await expect(s.asAdmin.people.restoreShop({ shopId: s.shop.id, reason: "" })).rejects.toMatchObject({ cause: { code: "SHOP_STATE" } });
    expect((await t.db.auditLog.findMany({ where: { targetId: s.shop.id }, orderBy: { createdAt: "asc" } })).map((r) => r.action)).toEqual(["shop.suspend", "shop.restore"]);
  });

  it("suspending a merchant closes their open shops too; restoring the account reopens those, not one suspended on its own", async () => {
    const s = await setup();
    const other = await t.db.shop.create({ data: { ownerId: s.merchant.id, name: "Second shop", category: "grocery", status: "approved" } });
    await s.asAdmin.people.suspendShop({ shopId: other.id, reason: "Sold expired food" });
    await s.asAdmin.people.suspend({ userId: s.merchant.id, reason: REASON });
    expect(await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).toMatchObject({ status: "suspended" });
    expect((await s.asResident.shops.list()).map((x) => x.id)).not.toContain(s.shop.id);
    expect((await t.db.auditLog.findMany({ where: { targetId: s.shop.id }, select: { action: true, reason: true } }))).toEqual([{ action: "shop.suspend", reason: REASON }]);

    await s.asAdmin.people.restore({ userId: s.merchant.id, reason: "Apologised" });
    expect(await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).toMatchObject({ status: "approved" });
    expect((await s.asResident.shops.list()).map((x) => x.id)).toContain(s.shop.id);
    expect(await t.db.shop.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "suspended" });
    expect((await t.db.auditLog.findMany({ where: { targetId: s.shop.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { action: true } })).map((r) => r.action)).toEqual(["shop.suspend", "shop.restore"]);
  });

  it("approving and rejecting a waiting shop are audited too", async () => {
    const s = await setup();
    const a = await t.db.shop.create({ data: { ownerId: s.merchant.id, name: "Waiting A", category: "grocery" } });
    const b = await t.db.shop.create({ data: { ownerId: s.merchant.id, name: "Waiting B", category: "grocery" } });
    await s.asAdmin.shops.admin.decide({ id: a.id, decision: "approved" });
    await s.asAdmin.shops.admin.decide({ id: a.id, decision: "approved" }); // already: nothing more
    await s.asAdmin.shops.admin.decide({ id: b.id, decision: "rejected" });
    expect((await t.db.auditLog.findMany({ where: { targetId: { in: [a.id, b.id] } } })).map((r) => [r.targetId, r.action]).sort()).toEqual(
      [
        [a.id, "shop.approve"],
        [b.id, "shop.reject"],
      ].sort(),
    );
  });
});

describe("acting on a chat report", () => {
  async function reportOf(s: Awaited<ReturnType<typeof setup>>, senderId: string) {
    const seq = (await t.db.message.count({ where: { conversationId: s.conversation.id } })) + 1;
    const reporterId = senderId === s.resident.id ? s.merchant.id : s.resident.id;
    const message = await t.db.message.create({ data: { conversationId: s.conversation.id, senderId, body: "Rude words", seq, clientId: key() } });
    return t.db.messageReport.create({ data: { reporterId, reason: "abuse", messageId: message.id } });
  }

  it("suspends the shop that wrote, resolves the report, and audits both", async () => {
    const s = await setup();
    const report = await reportOf(s, s.merchant.id);
    await s.asAdmin.chat.admin.actOnReport({ id: report.id, action: "suspendShop", reason: REASON });
    expect((await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).status).toBe("suspended");
    expect(await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "actioned", reviewedById: s.admin.id });
    const rows = await t.db.auditLog.findMany({ where: { targetId: { in: [report.id, s.shop.id] } } });
    expect(rows.map((r) => r.action).sort()).toEqual(["report.resolve", "shop.suspend"]);
    expect((await s.asResident.shops.list()).map((x) => x.id)).not.toContain(s.shop.id);
    expect(events).toContainEqual({ type: "chat.reported" });
  });

  it("suspends a resident who wrote; refuses to suspend a shop for a resident's message, changing nothing", async () => {
    const s = await setup();
    const report = await reportOf(s, s.resident.id);
    await expect(s.asAdmin.chat.admin.actOnReport({ id: report.id, action: "suspendShop", reason: REASON })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await t.db.shop.findUniqueOrThrow({ where: { id: s.shop.id } })).status).toBe("approved");
    expect((await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("open");
    expect(await auditCount({ targetId: { in: [report.id, s.shop.id] } })).toBe(0);

    await s.asAdmin.chat.admin.actOnReport({ id: report.id, action: "suspendSender", reason: REASON });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: s.resident.id } })).suspendedAt).toBeInstanceOf(Date);
    expect((await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("actioned");
    await expect(s.asAdmin.chat.admin.actOnReport({ id: MISSING_ID, action: "suspendSender", reason: REASON })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a failed suspension leaves the report open and writes no audit row", async () => {
    const s = await setup();
    await s.asAdmin.people.suspend({ userId: s.resident.id, reason: REASON });
    const report = await reportOf(s, s.resident.id);
    await expect(s.asAdmin.chat.admin.actOnReport({ id: report.id, action: "suspendSender", reason: REASON })).rejects.toMatchObject({ cause: { code: "PERSON_STATE" } });
    expect((await t.db.messageReport.findUniqueOrThrow({ where: { id: report.id } })).status).toBe("open");
    expect(await auditCount({ targetId: report.id })).toBe(0);
    // Dismissing it is recorded.
    await s.asAdmin.chat.admin.reviewReport({ id: report.id, status: "dismissed" });
    expect((await t.db.auditLog.findFirstOrThrow({ where: { targetId: report.id } })).action).toBe("report.dismiss");
  });
});

describe("the audit log", () => {
  it("lists newest first with who did what to whom and why, by action and by person", async () => {
    const s = await setup();
    await s.asAdmin.people.grantRole({ userId: s.resident.id, role: "merchant" });
    await s.asAdmin2.people.suspend({ userId: s.resident.id, reason: REASON });
    await s.asAdmin.people.restore({ userId: s.resident.id, reason: "Apologised" });
    const mine = await s.asAdmin.people.history({ personId: s.resident.id });
    expect(mine.person).toEqual({ id: s.resident.id, name: s.resident.name });
    expect(mine.items.map((e) => [e.action, e.actor?.name, e.targetName, e.role, e.reason])).toEqual([
      ["user.restore", "Admin One", s.resident.name, null, "Apologised"],
      ["user.suspend", "Admin Two", s.resident.name, null, REASON],
      ["role.grant", "Admin One", s.resident.name, "merchant", ""],
    ]);
    const suspensions = await s.asAdmin.people.history({ action: "user.suspend", personId: s.admin2.id });
    expect(suspensions.items.map((e) => e.targetId)).toEqual([s.resident.id]);
    const all = await s.asAdmin.people.history({});
    expect(all.total).toBe(await auditCount());
    expect(all.items.map((e) => e.createdAt.getTime())).toEqual([...all.items.map((e) => e.createdAt.getTime())].sort((a, b) => b - a));
  });
});
