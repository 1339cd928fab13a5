// Merchant promotions' procedures (issue 14): residents opt in and out at the top (anyone
// with a session; the shop must deliver to a building they live in), the shop's owner
// composes and sends under `manage` ("shop.manage" plus owning that shop, checked in every query).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZOptIn, ZPromotion, ZPromotionInput, ZReach, ZShopRef } from "./schema";
import * as service from "./service";

const merchant = roleProcedure("shop.manage");
const ZOptState = z.object({ shopId: z.string(), isOptedIn: z.boolean() });

const manageRouter = createTRPCRouter({
  reach: merchant
    .input(ZShopRef)
    .output(ZReach)
    .query(({ ctx, input }) => service.reach(ctx.db, ctx.session.userId, input.shopId)),
  send: merchant
    .input(ZPromotionInput)
    .output(ZPromotion)
    .mutation(({ ctx, input }) => service.send(ctx.db, ctx.session.userId, input)),
  list: merchant
    .input(ZShopRef)
    .output(z.array(ZPromotion))
    .query(({ ctx, input }) => service.list(ctx.db, ctx.session.userId, input.shopId)),
});

export const promotionsRouter = createTRPCRouter({
  optIn: protectedProcedure
    .input(ZShopRef)
    .output(ZOptState)
    .mutation(({ ctx, input }) => service.optIn(ctx.db, ctx.session.userId, input.shopId)),
  optOut: protectedProcedure
    .input(ZShopRef)
    .output(ZOptState)
    .mutation(({ ctx, input }) => service.optOut(ctx.db, ctx.session.userId, input.shopId)),
  listOptIns: protectedProcedure
    .input(z.void())
    .output(z.array(ZOptIn))
    .query(({ ctx }) => service.listOptIns(ctx.db, ctx.session.userId)),
  manage: manageRouter,
});
