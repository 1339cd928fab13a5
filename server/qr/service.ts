// Pay by QR code in the shop: the merchant asks for an amount, Quartier makes a one-time
// link (shown as a QR code) valid 10 minutes; a resident opens it and confirms. The link is
// paid at most once: a conditional update (open, not expired) in the payment's transaction.
import { randomBytes } from "node:crypto";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError } from "../errors";
import { accountIdOf, charge, requestHash } from "../ledger/ledger";
import { publish } from "../realtime/emit";
import { ownedShop, ownsShop } from "../access";
import { topUpProvider } from "../payments/provider";
import { topUpThen } from "../payments/top-up-then";

export const QR_TTL_MS = 10 * 60_000;

export async function createQr(db: Db, ownerId: string, input: { shopId: string; amount: number; label: string }, now = new Date()) {
  const shop = await ownedShop(db, ownerId, input.shopId);
  if (shop.status !== "approved") throw new AppError("SHOP_NOT_APPROVED", "Your shop is waiting for approval");
  const qr = await db.qrPayment.create({
    data: { token: randomBytes(18).toString("base64url"), shopId: shop.id, createdById: ownerId, amount: input.amount, label: input.label, expiresAt: new Date(now.getTime() + QR_TTL_MS) },
  });
  return toMerchantView(qr, null);
}

function toMerchantView(qr: { id: string; token: string; amount: number; label: string; status: string; expiresAt: Date; paidAt: Date | null }, payerName: string | null) {
  return { id: qr.id, path: `/pay/${qr.token}`, amount: qr.amount, currency: env().CURRENCY, label: qr.label, status: qr.status as "open" | "paid", expiresAt: qr.expiresAt, paidAt: qr.paidAt, payerName };
}

/** The merchant's view of one of their links: "paid" and by whom (display name only). */
export async function qrStatus(db: Db, ownerId: string, qrId: string) {
  const qr = await db.qrPayment.findFirst({ where: { id: qrId, shop: ownsShop(ownerId) }, include: { paidBy: { select: { name: true } } } });
  if (!qr) throw new AppError("NOT_FOUND", "Payment link not found");
  return toMerchantView(qr, qr.paidBy?.name ?? null);
}

/** What the payer sees before confirming. */
export async function qrPreview(db: Db, token: string, now = new Date()) {
  const qr = await db.qrPayment.findUnique({ where: { token }, include: { shop: { select: { name: true, status: true } } } });
  if (!qr || qr.shop.status !== "approved") throw new AppError("NOT_FOUND", "Payment link not found");
  return {
    shopName: qr.shop.name,
    amount: qr.amount,
    currency: env().CURRENCY,
    label: qr.label,
    expiresAt: qr.expiresAt,
    status: qr.status === "paid" ? ("paid" as const) : qr.expiresAt <= now ? ("expired" as const) : ("open" as const),
  };
}

type TQrOp = "qr.pay" | "qr.topUpAndPay";
const qrIdem = (userId: string, input: { token: string; idempotencyKey: string }, op: TQrOp) => ({ scope: `user:${userId}`, key: input.idempotencyKey, hash: requestHash({ op, token: input.token }) });

/** The link a resident may pay: it exists, its shop is approved, and it is not their own shop's. */
async function payableQr(db: Db, userId: string, token: string) {
  const qr = await db.qrPayment.findUnique({ where: { token }, include: { shop: true } });
  if (!qr || qr.shop.status !== "approved") throw new AppError("NOT_FOUND", "Payment link not found");
  if (qr.shop.ownerId === userId) throw new AppError("OWN_SHOP", "You cannot pay your own shop");
  return qr;
}

/**
 * Pays a link the wallet does not cover, in one request (topUpThen): the link must be open
 * first, so nothing is topped up for a paid or expired one; if it is paid or expires between
 * the top-up and the payment, the money stays in the wallet (TOPPED_UP_NOT_PAID).
 */
export async function topUpAndPayQr(db: Db, userId: string, { topUpAmount, ...input }: { token: string; idempotencyKey: string; topUpAmount: number }, provider = topUpProvider()) {
  return topUpThen(
    db,
    userId,
    {
      idempotencyKey: input.idempotencyKey,
      topUpAmount,
      paid: qrIdem(userId, input, "qr.topUpAndPay"),
      check: async () => {
        const qr = await payableQr(db, userId, input.token);
        if (qr.status === "paid") throw new AppError("QR_ALREADY_PAID", "This payment link has already been paid");
        if (qr.expiresAt <= new Date()) throw new AppError("QR_EXPIRED", "This payment link has expired; ask the shop for a new one");
        return qr.amount;
      },
      pay: () => payQr(db, userId, input, "qr.topUpAndPay"),
    },
    provider,
  );
}

export async function payQr(db: Db, userId: string, input: { token: string; idempotencyKey: string }, op: TQrOp = "qr.pay") {
  const qr = await payableQr(db, userId, input.token);
  const idem = qrIdem(userId, input, op);
  const [walletId, tillId] = await Promise.all([accountIdOf(db, { userId }), accountIdOf(db, { shopId: qr.shopId })]);
  const { transactionId, isReplay } = await charge(db, {
    kind: "order_payment",
    idem,
    walletId,
    credits: [{ accountId: tillId, amount: qr.amount }],
    initiatorId: userId,
    memo: `qr:${qr.shopId}`,
    before: async (tx) => {
      const now = new Date();
      const { count } = await tx.qrPayment.updateMany({ where: { id: qr.id, status: "open", expiresAt: { gt: now } }, data: { status: "paid", paidAt: now, paidById: userId } });
      if (count === 0) {
        const fresh = await tx.qrPayment.findUniqueOrThrow({ where: { id: qr.id } });
        if (fresh.status === "paid") throw new AppError("QR_ALREADY_PAID", "This payment link has already been paid");
        throw new AppError("QR_EXPIRED", "This payment link has expired; ask the shop for a new one");
      }
    },
    after: async (tx, id) => {
      await tx.qrPayment.update({ where: { id: qr.id }, data: { transactionId: id } });
    },
  });
  if (!isReplay) {
    publish({ type: "qr.paid", qrId: qr.id, shopId: qr.shopId, ownerId: qr.shop.ownerId, userId });
    publish({ type: "wallet.changed", userId });
  }
  return { transactionId, amount: qr.amount, isReplay };
}
