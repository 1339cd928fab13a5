// Pay by QR code: a merchant's one-time link (10 minutes), paid at most once.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { useTestDb } from "../test/hooks";
import { callerFor, makeApprovedShop, makeUser } from "../test/factories";
import { QR_TTL_MS } from "./service";

const { t, events } = useTestDb();

const key = () => randomUUID();

const walletBalance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;
const tillBalance = async (shopId: string) => (await t.db.ledgerAccount.findUnique({ where: { shopId } }))?.balance ?? 0;
const tokenOf = (qr: { path: string }) => qr.path.replace(/^\/pay\//, "");

async function resident(name: string, money = 5000) {
  const user = await makeUser(t.db, ["resident"], name);
  const api = callerFor(t.db, user, ["resident"]);
  if (money) await api.wallet.topUp({ amount: money, idempotencyKey: key() });
  return { user, api };
}

async function setup() {
  const merchant = await makeUser(t.db, ["merchant"], "Marchand");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const { asMerchant, asAdmin, shop } = await makeApprovedShop(t.db, { merchant, admin, name: "Boulangerie", category: "bakery", hours: [], windows: [] });
  const alice = await resident("Alice");
  const bob = await resident("Bob");
  events.length = 0;
  return { merchant, rival, asMerchant, asRival: callerFor(t.db, rival, ["merchant"]), asAdmin, shop, alice, bob };
}

describe("creating a payment link", () => {
  it("a merchant of an approved shop gets a link valid 10 minutes", async () => {
    const s = await setup();
    const before = Date.now();
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 1250, label: "  Pain + croissants  " });
    expect(qr).toMatchObject({ amount: 1250, currency: "EUR", label: "Pain + croissants", status: "open", paidAt: null, payerName: null });
    expect(qr.path).toMatch(/^\/pay\/[A-Za-z0-9_-]{20,}$/);
    expect(qr.expiresAt.getTime()).toBeGreaterThanOrEqual(before + QR_TTL_MS);
    expect(qr.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + QR_TTL_MS);
    expect(QR_TTL_MS).toBe(10 * 60_000);
    // Two links never share a token.
    const other = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 1250 });
    expect(tokenOf(other)).not.toBe(tokenOf(qr));
    await expect(s.asMerchant.qr.manage.get({ id: qr.id })).resolves.toMatchObject({ id: qr.id, status: "open", payerName: null });
  });

  it("refuses pending shops, other merchants' shops, residents and anonymous callers", async () => {
    const s = await setup();
    const pending = await s.asMerchant.shops.manage.create({ name: "Pas encore", category: "bakery" });
    await expect(s.asMerchant.qr.manage.create({ shopId: pending.id, amount: 500 })).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "SHOP_NOT_APPROVED" } });
    await expect(s.asRival.qr.manage.create({ shopId: s.shop.id, amount: 500 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.alice.api.qr.manage.create({ shopId: s.shop.id, amount: 500 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(t.db, null).qr.manage.create({ shopId: s.shop.id, amount: 500 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    for (const amount of [0, -5, 12.5, 10_000_001]) {
      await expect(s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect(await t.db.qrPayment.count({ where: { shopId: { in: [s.shop.id, pending.id] } } })).toBe(0);
    // The link's status is the owner's business only.
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 500 });
    await expect(s.asRival.qr.manage.get({ id: qr.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.alice.api.qr.manage.get({ id: qr.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("previewing and paying", () => {
  it("previews, pays once, and tells the merchant who paid (display name only)", async () => {
    const s = await setup();
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 1234, label: "Galette" });
    const token = tokenOf(qr);
    await expect(s.alice.api.qr.get({ token })).resolves.toEqual({ shopName: "Boulangerie", amount: 1234, currency: "EUR", label: "Galette", expiresAt: qr.expiresAt, status: "open" });
    await expect(s.alice.api.qr.get({ token: "A".repeat(24) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.alice.api.qr.get({ token: "../../etc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(t.db, null).qr.get({ token })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(t.db, null).qr.pay({ token, idempotencyKey: key() })).rejects.toMatchObject({ code: "UNAUTHORIZED" });

    const idempotencyKey = key();
    const paid = await s.alice.api.qr.pay({ token, idempotencyKey });
    expect(paid).toEqual({ transactionId: expect.any(String), amount: 1234, isReplay: false });
    expect(await walletBalance(s.alice.user.id)).toBe(5000 - 1234);
    expect(await tillBalance(s.shop.id)).toBe(1234);
    expect(events).toEqual([
      { type: "qr.paid", qrId: qr.id, shopId: s.shop.id, ownerId: s.merchant.id, userId: s.alice.user.id },
      { type: "wallet.changed", userId: s.alice.user.id },
    ]);
    expect(await t.db.ledgerTransaction.findUniqueOrThrow({ where: { id: paid.transactionId } })).toMatchObject({ kind: "order_payment", amount: 1234, initiatorId: s.alice.user.id });

    // The same confirmation again: the same payment, not a second one.
    events.length = 0;
    await expect(s.alice.api.qr.pay({ token, idempotencyKey })).resolves.toEqual({ ...paid, isReplay: true });
    expect(events).toEqual([]);
    // Paying it again (new confirmation), or by someone else: already paid.
    await expect(s.alice.api.qr.pay({ token, idempotencyKey: key() })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "QR_ALREADY_PAID" } });
    await expect(s.bob.api.qr.pay({ token, idempotencyKey: key() })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "QR_ALREADY_PAID" } });
    expect(await walletBalance(s.alice.user.id)).toBe(5000 - 1234);
    expect(await walletBalance(s.bob.user.id)).toBe(5000);
    expect(await tillBalance(s.shop.id)).toBe(1234);

    await expect(s.bob.api.qr.get({ token })).resolves.toMatchObject({ status: "paid" });
    const status = await s.asMerchant.qr.manage.get({ id: qr.id });
    expect(status).toMatchObject({ status: "paid", payerName: "Alice" });
    expect(status.paidAt).toBeInstanceOf(Date);
    expect(JSON.stringify(status)).not.toContain(s.alice.user.email);
    expect(JSON.stringify(status)).not.toContain(s.alice.user.id);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("10 residents paying the same link at once: exactly one is charged", async () => {
    const s = await setup();
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await resident(`Neighbour ${i}`, 3000));
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 2500 });
    events.length = 0;
    const results = await Promise.allSettled(people.map((p) => p.api.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })));
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(lost.map((r) => [r.reason?.code, r.reason?.cause?.code]).filter(([c, a]) => c !== "CONFLICT" || a !== "QR_ALREADY_PAID")).toEqual([]);
    expect(won).toHaveLength(1);
    const balances = await Promise.all(people.map((p) => walletBalance(p.user.id)));
    expect(balances.filter((b) => b === 500)).toHaveLength(1);
    expect(balances.filter((b) => b === 3000)).toHaveLength(9);
    const winner = people[results.findIndex((r) => r.status === "fulfilled")]!;
    expect(await t.db.qrPayment.findUniqueOrThrow({ where: { id: qr.id } })).toMatchObject({ status: "paid", paidById: winner.user.id });
    expect(await tillBalance(s.shop.id)).toBe(2500);
    expect(events.filter((e) => e.type === "qr.paid")).toEqual([{ type: "qr.paid", qrId: qr.id, shopId: s.shop.id, ownerId: s.merchant.id, userId: winner.user.id }]);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("one resident's retries racing with the same key: one payment, all answered", async () => {
    const s = await setup();
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 700 });
    const idempotencyKey = key();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => s.alice.api.qr.pay({ token: tokenOf(qr), idempotencyKey })));
    expect(results.filter((r) => r.status === "rejected").map((r) => String((r).reason))).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<{ transactionId: string; isReplay: boolean }>).value);
    expect(new Set(values.map((v) => v.transactionId)).size).toBe(1);
    expect(values.filter((v) => !v.isReplay)).toHaveLength(1);
    expect(await walletBalance(s.alice.user.id)).toBe(5000 - 700);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("an expired link charges nothing (QR_EXPIRED)", async () => {
    const s = await setup();
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 900 });
    await t.db.qrPayment.update({ where: { id: qr.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const transactions = await t.db.ledgerTransaction.count();
    await expect(s.alice.api.qr.get({ token: tokenOf(qr) })).resolves.toMatchObject({ status: "expired" });
    await expect(s.alice.api.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).rejects.toMatchObject({ code: "PRECONDITION_FAILED", cause: { code: "QR_EXPIRED" } });
    expect(await walletBalance(s.alice.user.id)).toBe(5000);
    expect(await tillBalance(s.shop.id)).toBe(0);
    expect(await t.db.ledgerTransaction.count()).toBe(transactions);
    expect(await t.db.qrPayment.findUniqueOrThrow({ where: { id: qr.id } })).toMatchObject({ status: "open", paidById: null, transactionId: null });
    expect(events).toEqual([]);
  });

  it("a merchant cannot pay their own shop (OWN_SHOP); a link of a suspended shop is gone", async () => {
    const s = await setup();
    await s.asMerchant.wallet.topUp({ amount: 5000, idempotencyKey: key() });
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 900 });
    await expect(s.asMerchant.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "OWN_SHOP" } });
    expect(await walletBalance(s.merchant.id)).toBe(5000);
    expect(await tillBalance(s.shop.id)).toBe(0);
    // Another merchant may pay, like any customer.
    await s.asRival.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    await s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "Complaints from residents" });
    await expect(s.asRival.qr.get({ token: tokenOf(qr) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asRival.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await s.asAdmin.people.restoreShop({ shopId: s.shop.id, reason: "" });
    await expect(s.asRival.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).resolves.toMatchObject({ amount: 900 });
    expect(await walletBalance(s.rival.id)).toBe(100);
  });

  it("without enough money nothing is charged and the link stays payable", async () => {
    const s = await setup();
    const poor = await resident("Poor", 500);
    const qr = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 900 });
    await expect(poor.api.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { code: "INSUFFICIENT_FUNDS" } });
    expect(await walletBalance(poor.user.id)).toBe(500);
    expect(await t.db.qrPayment.findUniqueOrThrow({ where: { id: qr.id } })).toMatchObject({ status: "open", paidById: null });
    await expect(s.bob.api.qr.pay({ token: tokenOf(qr), idempotencyKey: key() })).resolves.toMatchObject({ isReplay: false });
    expect((await s.asMerchant.qr.manage.get({ id: qr.id })).payerName).toBe("Bob");
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });
});
