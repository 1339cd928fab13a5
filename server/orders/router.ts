import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZBoardOrder, ZOrderStatus, ZPlaceOrderInput, ZPlaceResult, ZResidentOrder, ZTopUpAndPlaceInput, ZTopUpAndPlaceResult } from "./schema";
import * as service from "./service";

import { ZId } from "../lib/input";
const merchant = roleProcedure("shop.manage");

/** Residents place and follow their orders; the shop's side (the board) under `manage`. */
export const ordersRouter = createTRPCRouter({
  place: protectedProcedure
    .input(ZPlaceOrderInput)
    .output(ZPlaceResult)
    .mutation(({ ctx, input }) => service.placeOrder(ctx.db, ctx.session.userId, input)),

  /** When the wallet is short: top up exactly the missing amount, then place the order (one key). */
  topUpAndPlace: protectedProcedure
    .input(ZTopUpAndPlaceInput)
    .output(ZTopUpAndPlaceResult)
    .mutation(({ ctx, input }) => service.topUpAndPlace(ctx.db, ctx.session.userId, input)),

  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZResidentOrder))
    .query(({ ctx }) => service.myOrders(ctx.db, ctx.session.userId)),

  get: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZResidentOrder)
    .query(({ ctx, input }) => service.myOrder(ctx.db, ctx.session.userId, input.id)),

  cancel: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(z.object({ ok: z.literal(true), status: ZOrderStatus }))
    .mutation(({ ctx, input }) => service.transition(ctx.db, { userId: ctx.session.userId, as: "resident" }, input.id, "canceled")),

  reorder: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(
      z.object({
        shopId: z.string(),
        lines: z.array(
          z.object({
            productId: z.string(),
            name: z.string(),
            quantity: z.number().int(),
            price: z.number().int(),
            previousPrice: z.number().int(),
            available: z.number().int().nullable(),
            problem: z.enum(["unavailable", "outOfStock", "lowStock"]).nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => service.reorder(ctx.db, ctx.session.userId, input.id)),

  manage: createTRPCRouter({
    list: merchant
      .input(z.object({ shopId: ZId }))
      .output(z.array(ZBoardOrder))
      .query(({ ctx, input }) => service.board(ctx.db, ctx.session.userId, input.shopId)),

    move: merchant
      .input(z.object({ id: ZId, to: z.enum(["accepted", "out_for_delivery", "delivered", "rejected"]) }))
      .output(z.object({ ok: z.literal(true), status: ZOrderStatus }))
      .mutation(({ ctx, input }) => service.transition(ctx.db, { userId: ctx.session.userId, as: "merchant" }, input.id, input.to)),
  }),
});
