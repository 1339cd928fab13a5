import { z } from "zod";
import { ZId } from "../lib/input";
import { topUp } from "../payments/service";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZHistoryInput, ZMovement, ZReceipt, ZTopUpInput, ZTopUpResult, ZWallet } from "./schema";
import * as service from "./service";

/** Every signed-in person has a wallet; these procedures only ever touch the caller's. */
export const walletRouter = createTRPCRouter({
  get: protectedProcedure
    .input(z.void())
    .output(ZWallet)
    .query(({ ctx }) => service.getWallet(ctx.db, ctx.session.userId)),

  history: protectedProcedure
    .input(ZHistoryInput)
    .output(z.object({ items: z.array(ZMovement), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => service.history(ctx.db, ctx.session.userId, input)),

  getReceipt: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZReceipt)
    .query(({ ctx, input }) => service.receipt(ctx.db, ctx.session.userId, input.id)),

  topUp: protectedProcedure
    .input(ZTopUpInput)
    .output(ZTopUpResult)
    .mutation(({ ctx, input }) => topUp(ctx.db, ctx.session.userId, input)),
});
