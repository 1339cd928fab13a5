// qr.topUpAndPay: top up exactly what the wallet lacks, then pay the shop's link, in one request.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { topUpKeyOf } from "../payments/top-up-then";
import { useTestDb } from "../test/hooks";
import { MeanwhileProvider } from "../test/providers";
import { callerFor, makeApprovedShop, makeUser } from "../test/factories";
import { topUpAndPayQr } from "./service";

const { t } = useTestDb();

const key = () => randomUUID();
const tokenOf = (qr: { path: string }) => qr.path.replace(/^\/pay\//, "");
const balance = async (where: { userId: string } | { shopId: string }) => (await t.db.ledgerAccount.findUnique({ where }))?.balance ?? 0;
const intents = (userId: string) => t.db.paymentIntent.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

/** An approved shop with a €12.50 link; Alice has €5, Bob €50. */
async function setup() {
  const merchant = await makeUser(t.db, ["merchant"], "Marchand");
  const rival = await makeUser(t.db, ["merchant"], "Rival");
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const alice = await makeUser(t.db, ["resident"], "Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const asAlice = callerFor(t.db, alice, ["resident"]);
  const asBob = callerFor(t.db, bob, ["resident"]);
  const { asMerchant, asAdmin, shop } = await makeApprovedShop(t.db, { merchant, admin, name: "Boulangerie", category: "bakery", hours: [], windows: [] });
  await asAlice.wallet.topUp({ amount: 500, idempotencyKey: key() });
  await asBob.wallet.topUp({ amount: 5000, idempotencyKey: key() });
  const qr = await asMerchant.qr.manage.create({ shopId: shop.id, amount: 1250, label: "Pain" });
  return { merchant, alice, bob, asMerchant, asRival: callerFor(t.db, rival, ["merchant"]), asAdmin, asAlice, asBob, shop, qr, token: tokenOf(qr) };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

async function snapshot(s: TSetup) {
  return {
    wallets: [await balance({ userId: s.alice.id }), await balance({ userId: s.bob.id })],
    till: await balance({ shopId: s.shop.id }),
    link: await t.db.qrPayment.findUniqueOrThrow({ where: { id: s.qr.id }, select: { status: true, paidById: true } }),
    intents: await t.db.paymentIntent.count(),
    transactions: await t.db.ledgerTransaction.count(),
  };
}

describe("qr.topUpAndPay", () => {
  it("tops up exactly the missing amount and pays the link; the same key again tops up nothing more", async () => {
    const s = await setup();
    const input = { token: s.token, idempotencyKey: key(), topUpAmount: 750 };
    const res = await s.asAlice.qr.topUpAndPay(input);
    expect(res).toMatchObject({ status: "paid", toppedUp: 750, amount: 1250, isReplay: false });
    expect(await balance({ userId: s.alice.id })).toBe(0);
    expect(await balance({ shopId: s.shop.id })).toBe(1250);
    expect((await intents(s.alice.id)).map((i) => [i.amount, i.idempotencyKey])).toEqual([
      [500, expect.any(String)],
      [750, topUpKeyOf(input.idempotencyKey)],
    ]);
    await expect(s.asMerchant.qr.manage.get({ id: s.qr.id })).resolves.toMatchObject({ status: "paid", payerName: "Alice" });

    await expect(s.asAlice.qr.topUpAndPay(input)).resolves.toEqual({ ...res, isReplay: true });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await balance({ userId: s.alice.id })).toBe(0);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("tops up nothing when the wallet covers the link meanwhile", async () => {
    const s = await setup();
    await s.asAlice.wallet.topUp({ amount: 1000, idempotencyKey: key() });
    await expect(s.asAlice.qr.topUpAndPay({ token: s.token, idempotencyKey: key(), topUpAmount: 750 })).resolves.toMatchObject({ status: "paid", toppedUp: 0, amount: 1250 });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect(await balance({ userId: s.alice.id })).toBe(250);
  });

  it("changes nothing when the missing amount is not the one agreed to, or the link cannot be paid", async () => {
    const s = await setup();
    const before = await snapshot(s);
    for (const topUpAmount of [749, 751, 1250]) {
      await expect(s.asAlice.qr.topUpAndPay({ token: s.token, idempotencyKey: key(), topUpAmount })).rejects.toMatchObject({ cause: { code: "TOPUP_CHANGED", params: { missing: 750 } } });
    }
    const paid = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 100 });
    await s.asBob.qr.pay({ token: tokenOf(paid), idempotencyKey: key() });
    const expired = await s.asMerchant.qr.manage.create({ shopId: s.shop.id, amount: 900 });
    await t.db.qrPayment.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const middle = await snapshot(s);
    await expect(s.asAlice.qr.topUpAndPay({ token: tokenOf(paid), idempotencyKey: key(), topUpAmount: 100 })).rejects.toMatchObject({ cause: { code: "QR_ALREADY_PAID" } });
    await expect(s.asAlice.qr.topUpAndPay({ token: tokenOf(expired), idempotencyKey: key(), topUpAmount: 400 })).rejects.toMatchObject({ cause: { code: "QR_EXPIRED" } });
    expect(await snapshot(s)).toEqual(middle);
    expect(before.intents).toBe(middle.intents);
  });

  it("when someone pays the link after the top-up, the money stays in the wallet and nothing is paid twice", async () => {
    const s = await setup();
    const input = { token: s.token, idempotencyKey: key(), topUpAmount: 750 };
    const provider = new MeanwhileProvider(() => s.asBob.qr.pay({ token: s.token, idempotencyKey: key() }));
    await expect(topUpAndPayQr(t.db, s.alice.id, input, provider)).rejects.toMatchObject({ code: "TOPPED_UP_NOT_PAID", params: { amount: 750, reason: "QR_ALREADY_PAID" } });
    expect(await balance({ userId: s.alice.id })).toBe(500 + 750);
    expect(await balance({ shopId: s.shop.id })).toBe(1250);
    await expect(s.asMerchant.qr.manage.get({ id: s.qr.id })).resolves.toMatchObject({ status: "paid", payerName: "Bob" });
    // The retry is told the same and tops up nothing more.
    await expect(s.asAlice.qr.topUpAndPay(input)).rejects.toMatchObject({ cause: { code: "TOPPED_UP_NOT_PAID", params: { amount: 750 } } });
    expect(await intents(s.alice.id)).toHaveLength(2);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("tops up once and pays once when the same confirmation is sent 12 times at once", async () => {
    const s = await setup();
    const input = { token: s.token, idempotencyKey: key(), topUpAmount: 750 };
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => s.asAlice.qr.topUpAndPay(input)));
    expect(results.filter((r) => r.status === "rejected").map((r) => String(r.reason))).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof s.asAlice.qr.topUpAndPay>>>).value);
    expect(values.every((v) => v.status === "paid" || v.status === "topUpPending")).toBe(true);
    const paid = values.filter((v) => v.status === "paid");
    expect(paid.length).toBeGreaterThan(0);
    expect(new Set(paid.map((v) => v.transactionId)).size).toBe(1);
    expect(paid.filter((v) => !v.isReplay)).toHaveLength(1);
    expect((await intents(s.alice.id)).map((i) => i.amount)).toEqual([500, 750]);
    expect(await balance({ userId: s.alice.id })).toBe(0);
    expect(await balance({ shopId: s.shop.id })).toBe(1250);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("answers anonymous callers, unknown and suspended links, and the shop's own owner without moving money", async () => {
    const s = await setup();
    await s.asMerchant.wallet.topUp({ amount: 100, idempotencyKey: key() });
    const before = await snapshot(s);
    const input = { token: s.token, idempotencyKey: key(), topUpAmount: 750 };
    await expect(callerFor(t.db, null).qr.topUpAndPay(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.asAlice.qr.topUpAndPay({ ...input, token: "A".repeat(24) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asMerchant.qr.topUpAndPay({ ...input, topUpAmount: 1150 })).rejects.toMatchObject({ cause: { code: "OWN_SHOP" } });
    // Another merchant's link, as today: not found from their side.
    await expect(s.asRival.qr.manage.get({ id: s.qr.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const topUpAmount of [0, -750, 7.5, 200_001]) await expect(s.asAlice.qr.topUpAndPay({ ...input, topUpAmount })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asAlice.qr.topUpAndPay({ ...input, token: "bad token!" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await s.asAdmin.people.suspendShop({ shopId: s.shop.id, reason: "Complaints from residents" });
    await expect(s.asAlice.qr.topUpAndPay(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(s)).toEqual(before);
  });
});
