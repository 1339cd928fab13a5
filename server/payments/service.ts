// Top-ups: an intent per request (idempotent on the caller's key), registered with the
// provider, and confirmed exactly once, by the provider's answer or its webhook.
import type { Db } from "../db";
import { env } from "../../env";
import { AppError } from "../errors";
import { ensureAccount, idempotent, post, requestHash, walletOf } from "../ledger/ledger";
import { publish } from "../realtime/emit";
import { topUpProvider, type PaymentProvider, type TIntentStatus } from "./provider";
import { isUniqueViolation } from "../lib/db-errors";
import { log } from "../log";


export type TTopUpResult = { intentId: string; status: TIntentStatus; amount: number; transactionId: string | null; redirectUrl: string | null };

export async function topUp(db: Db, userId: string, input: { amount: number; idempotencyKey: string }, provider = topUpProvider()): Promise<TTopUpResult> {
  if (!provider) throw new AppError("PAYMENTS_UNAVAILABLE", "Top-ups are not available on this Quartier");
  await walletOf(db, userId);
  let intent = await db.paymentIntent.findUnique({ where: { userId_idempotencyKey: { userId, idempotencyKey: input.idempotencyKey } } });
  if (!intent) {
    try {
      intent = await db.paymentIntent.create({
        data: { userId, provider: provider.id, amount: input.amount, currency: env().CURRENCY, status: "pending", idempotencyKey: input.idempotencyKey },
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      intent = await db.paymentIntent.findUniqueOrThrow({ where: { userId_idempotencyKey: { userId, idempotencyKey: input.idempotencyKey } } });
    }
  }
  if (intent.amount !== input.amount) {
    throw new AppError("IDEMPOTENCY_MISMATCH", "This confirmation was already used for a different request; start again");
  }
  if (intent.providerRef === null) {
    const answer = await provider.createIntent({ id: intent.id, amount: intent.amount, currency: intent.currency, userId });
    // Only one request registers the ref; a racing twin just reads the outcome below.
    await db.paymentIntent.updateMany({ where: { id: intent.id, providerRef: null }, data: { providerRef: answer.providerRef } });
    if (answer.status !== "pending") await confirmIntent(db, provider.id, answer.providerRef, answer.status, answer.failureReason);
    const done = await db.paymentIntent.findUniqueOrThrow({ where: { id: intent.id } });
    return result(done, answer.redirectUrl ?? null);
  }
  return result(intent, null);
}

function result(i: { id: string; status: string; amount: number; transactionId: string | null }, redirectUrl: string | null): TTopUpResult {
  return { intentId: i.id, status: i.status as TIntentStatus, amount: i.amount, transactionId: i.transactionId, redirectUrl };
}

/**
 * The provider says what became of an intent. Only the call that moves it out of
 * "pending" has any effect (a conditional update), and, for a success, posts the credit in
 * the same database transaction: a webhook delivered twice credits once.
 */
export async function confirmIntent(db: Db, providerId: string, providerRef: string, status: TIntentStatus, failureReason?: string) {
  const intent = await db.paymentIntent.findUnique({ where: { provider_providerRef: { provider: providerId, providerRef } } });
  if (!intent) throw new AppError("NOT_FOUND", "Unknown payment");
  if (status === "pending" || intent.status !== "pending") return { intentId: intent.id, status: intent.status, isChanged: false };
  const [wallet, source] = await Promise.all([walletOf(db, intent.userId), ensureAccount(db, { providerId })]);
  let isChanged: boolean;
  if (status === "succeeded") {
    const { isReplay } = await idempotent(db, { scope: `intent:${intent.id}`, key: "confirm", hash: requestHash({ intent: intent.id }) }, async (tx) => {
      const { count } = await tx.paymentIntent.updateMany({ where: { id: intent.id, status: "pending" }, data: { status: "succeeded", confirmedAt: new Date() } });
      if (count === 0) throw new AppError("PAYMENT_FAILED", "This payment was already settled");
      const transactionId = await post(tx, {
        kind: "topup",
        idem: { scope: `intent:${intent.id}`, key: "confirm", hash: requestHash({ intent: intent.id }) },
        legs: [
          { accountId: source.id, amount: -intent.amount },
          { accountId: wallet.id, amount: intent.amount },
        ],
        initiatorId: intent.userId,
        memo: providerId,
      });
      await tx.paymentIntent.update({ where: { id: intent.id }, data: { transactionId } });
      return transactionId;
    }).catch(async (e) => {
      // Settled meanwhile by another confirmation: nothing more to do.
      const now = await db.paymentIntent.findUniqueOrThrow({ where: { id: intent.id } });
      if (now.status !== "pending") return { isReplay: true };
      if (e instanceof AppError && e.code === "ACCOUNT_CLOSED") {
        // The person's account was erased before the provider answered: the wallet takes no
        // money. The intent fails (the provider's webhook is answered, not retried forever)
        // and the operator is told to give the payment back through the provider.
        await db.paymentIntent.updateMany({ where: { id: intent.id, status: "pending" }, data: { status: "failed", failureReason: "account_closed" } });
        log.error({ intentId: intent.id, providerId, providerRef, amount: intent.amount }, "a top-up was confirmed after its owner's account was erased: refund it through the payment provider");
        return { isReplay: true };
      }
      throw e;
    });
    isChanged = !isReplay;
  } else {
    const { count } = await db.paymentIntent.updateMany({ where: { id: intent.id, status: "pending" }, data: { status, failureReason: failureReason ?? null } });
    isChanged = count === 1;
  }
  if (isChanged) publish({ type: "wallet.changed", userId: intent.userId });
  const now = await db.paymentIntent.findUniqueOrThrow({ where: { id: intent.id } });
  return { intentId: now.id, status: now.status, isChanged };
}

export function describeProvider(provider: PaymentProvider | null = topUpProvider()) {
  return provider ? { id: provider.id, isSandbox: provider.isSandbox } : null;
}
