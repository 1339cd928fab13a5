// Paying more than the balance in one request: top up exactly what the wallet lacks through
// the ordinary top-up path, then make the payment, both under the caller's one idempotency
// key. Bills (bills.topUpAndPay), shop orders (orders.topUpAndPlace) and QR payments
// (qr.topUpAndPay) use it; each brings its own check and its own payment.
import type { Db } from "../db";
import { AppError } from "../errors";
import { findByKey, type TIdem } from "../ledger/ledger";
import { topUpProvider, type PaymentProvider } from "./provider";
import { topUp } from "./service";

/** The top-up made for a top-up-and-pay confirmation is a PaymentIntent under this key. */
export const topUpKeyOf = (idempotencyKey: string) => `${idempotencyKey}-topup`;

export type TTopUpPending = { status: "topUpPending"; intentId: string; amount: number; redirectUrl: string | null };
export type TTopUpThen<T> = ({ status: "paid"; toppedUp: number } & T) | TTopUpPending;

/**
 * Nothing moves unless the request can succeed as asked: `check` throws when the payment
 * cannot go through (not the caller's, already paid, out of stock…) and returns what it
 * costs; the missing amount must still be the one the person agreed to (TOPUP_CHANGED
 * otherwise, with the new figure). Money that arrived from the provider cannot be taken back
 * by a database rollback, so if the payment then fails (paid by someone else meanwhile,
 * stock gone, the balance used by another payment), the top-up stays in the wallet and the
 * answer says so (TOPPED_UP_NOT_PAID {amount, reason, …the reason's params}); a retry with
 * the same key tops up nothing more. A provider that confirms later answers `topUpPending`:
 * the same request, asked again once the intent succeeded, pays. One request, deliberately
 * not one transaction.
 */
export async function topUpThen<T extends object>(
  db: Db,
  userId: string,
  spec: {
    idempotencyKey: string;
    /** What the person agreed to top up: the missing amount they were shown. */
    topUpAmount: number;
    /** The payment's own ledger key: when it is found, the request was already paid (a replay). */
    paid: TIdem;
    /** Throws unless the payment can go through as asked; returns its total. Not run on a replay. */
    check: () => Promise<number>;
    /** The payment, under the same key (a replay answers what the first request stored). */
    pay: () => Promise<T>;
  },
  provider: PaymentProvider | null = topUpProvider(),
): Promise<TTopUpThen<T>> {
  const topUpKey = topUpKeyOf(spec.idempotencyKey);
  const intentOf = () => db.paymentIntent.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey: topUpKey } } });
  // Already paid under this key: answer as the payment would (a replay), topping up nothing.
  if (await findByKey(db, spec.paid)) {
    const intent = await intentOf();
    return { status: "paid", toppedUp: intent?.status === "succeeded" ? intent.amount : 0, ...(await spec.pay()) };
  }
  // A retry after the money arrived: whatever refuses the payment now, that money is in the wallet.
  const earlier = await intentOf();
  const total = await spec.check().catch((e: unknown) => {
    throw keptInWallet(e, earlier?.status === "succeeded" ? earlier.amount : 0);
  });
  let amount = earlier?.amount ?? 0;
  if (!earlier) {
    // A read only: a refusal below must not even create the wallet's account.
    const wallet = await db.ledgerAccount.findUnique({ where: { userId }, select: { balance: true } });
    const missing = total - (wallet?.balance ?? 0);
    if (missing > 0 && missing !== spec.topUpAmount) throw new AppError("TOPUP_CHANGED", "Your balance changed; check the amount to top up", { missing });
    amount = Math.max(missing, 0);
  }
  if (amount > 0) {
    // The same path as the wallet's top-up: a retry or a racing twin finds the intent.
    const up = await topUp(db, userId, { amount, idempotencyKey: topUpKey }, provider);
    if (up.status === "pending") return { status: "topUpPending", intentId: up.intentId, amount: up.amount, redirectUrl: up.redirectUrl };
    if (up.status !== "succeeded") throw new AppError("PAYMENT_FAILED", "The top-up did not go through; nothing was paid");
  }
  try {
    return { status: "paid", toppedUp: amount, ...(await spec.pay()) };
  } catch (e) {
    throw keptInWallet(e, amount);
  }
}

/** A refusal after `amount` was topped up for this payment: the money stays in the wallet, and the answer says so. */
function keptInWallet(e: unknown, amount: number) {
  if (amount <= 0 || !(e instanceof AppError) || e.code === "TOPPED_UP_NOT_PAID") return e;
  return new AppError("TOPPED_UP_NOT_PAID", `The wallet was topped up but the payment was refused (${e.code})`, { ...e.params, amount, reason: e.code });
}
