import { z } from "zod";
import { ZDay, ZId } from "../lib/input";
import { ZCents, ZIdempotencyKey, ZTxKind } from "../ledger/schema";

/** Top-ups are between €1 and €2,000. */
export const ZTopUpInput = z.object({
  amount: ZCents.min(100, { message: "topUpMin" }).max(200_000, { message: "topUpMax" }),
  idempotencyKey: ZIdempotencyKey,
});


export const ZHistoryInput = z.object({
  kind: ZTxKind.optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

export const ZMovement = z.object({
  id: z.string(),
  kind: ZTxKind,
  /** Signed, from the wallet's side: + came in, − went out. */
  amount: z.number().int(),
  currency: z.string(),
  createdAt: z.date(),
  detail: z.string().nullable(),
});

export const ZWallet = z.object({
  balance: z.number().int(),
  currency: z.string(),
  provider: z.object({ id: z.string(), isSandbox: z.boolean() }).nullable(),
});

export const ZReceipt = z.object({
  id: z.string(),
  number: z.string(),
  kind: ZTxKind,
  amount: z.number().int(),
  currency: z.string(),
  createdAt: z.date(),
  holderName: z.string(),
  provider: z.string().nullable(),
  bills: z.array(
    z.object({
      reference: z.string(),
      kind: z.string(),
      periodStart: z.date(),
      periodEnd: z.date(),
      amount: z.number().int(),
      buildingName: z.string(),
      unit: z.object({ staircase: z.string(), floor: z.number().int(), door: z.string() }),
    }),
  ),
  refundOf: z.object({ id: z.string(), number: z.string() }).nullable(),
  refunds: z.array(z.object({ id: z.string(), number: z.string(), amount: z.number().int(), createdAt: z.date() })),
});

export const ZTopUpResult = z.object({
  intentId: z.string(),
  status: z.enum(["pending", "succeeded", "failed", "canceled"]),
  amount: z.number().int(),
  transactionId: z.string().nullable(),
  redirectUrl: z.string().nullable(),
});
