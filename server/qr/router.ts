import { z } from "zod";
import { ZId } from "../lib/input";
import { ZCents, ZIdempotencyKey } from "../ledger/schema";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZTopUpAmount, ZTopUpThenResult } from "../payments/schema";
import * as service from "./service";

const ZToken = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, { message: "qrToken" });
const ZQrPayResult = z.object({ transactionId: z.string(), amount: z.number().int(), isReplay: z.boolean() });
const ZMerchantQr = z.object({
  id: z.string(),
  path: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  label: z.string(),
  status: z.enum(["open", "paid"]),
  expiresAt: z.date(),
  paidAt: z.date().nullable(),
  payerName: z.string().nullable(),
});

export const qrRouter = createTRPCRouter({
  get: protectedProcedure
    .input(z.object({ token: ZToken }))
    .output(z.object({ shopName: z.string(), amount: z.number().int(), currency: z.string(), label: z.string(), expiresAt: z.date(), status: z.enum(["open", "paid", "expired"]) }))
    .query(({ ctx, input }) => service.qrPreview(ctx.db, input.token)),

  pay: protectedProcedure
    .input(z.object({ token: ZToken, idempotencyKey: ZIdempotencyKey }))
    .output(ZQrPayResult)
    .mutation(({ ctx, input }) => service.payQr(ctx.db, ctx.session.userId, input)),

  /** When the wallet is short: top up exactly the missing amount, then pay the link (one key). */
  topUpAndPay: protectedProcedure
    .input(z.object({ token: ZToken, idempotencyKey: ZIdempotencyKey, topUpAmount: ZTopUpAmount }))
    .output(ZTopUpThenResult(ZQrPayResult))
    .mutation(({ ctx, input }) => service.topUpAndPayQr(ctx.db, ctx.session.userId, input)),

  /** The shop's side: make a payment link, follow it. */
  manage: createTRPCRouter({
    create: roleProcedure("shop.manage")
      .input(z.object({ shopId: ZId, amount: ZCents, label: z.string().trim().max(80, { message: "tooLong" }).default("") }))
      .output(ZMerchantQr)
      .mutation(({ ctx, input }) => service.createQr(ctx.db, ctx.session.userId, input)),

    get: roleProcedure("shop.manage")
      .input(z.object({ id: ZId }))
      .output(ZMerchantQr)
      .query(({ ctx, input }) => service.qrStatus(ctx.db, ctx.session.userId, input.id)),
  }),
});
