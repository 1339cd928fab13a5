import { z } from "zod";
import { ZImportResult } from "../bills/schema";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZCatalogueImportInput, ZMyShop, ZProduct, ZProductInput, ZProductPatch, ZShopInput, ZShopPublic } from "./schema";
import * as service from "./service";

import { ZId } from "../lib/input";
const merchant = roleProcedure("shop.manage");
const admin = roleProcedure("shop.approve");

/** Merchants: their shops and catalogues. */
const manageRouter = createTRPCRouter({
  list: merchant
    .input(z.void())
    .output(z.array(ZMyShop.extend({ suspensionReason: z.string().nullable() })))
    .query(({ ctx }) => service.myShops(ctx.db, ctx.session.userId)),

  create: merchant
    .input(ZShopInput)
    .output(ZMyShop)
    .mutation(({ ctx, input }) => service.createShop(ctx.db, ctx.session.userId, input)),

  update: merchant
    .input(z.object({ id: ZId, data: ZShopInput }))
    .output(ZMyShop)
    .mutation(({ ctx, input }) => service.updateShop(ctx.db, ctx.session.userId, input.id, input.data)),

  listProducts: merchant
    .input(z.object({ shopId: ZId }))
    .output(z.array(ZProduct))
    .query(({ ctx, input }) => service.listProducts(ctx.db, ctx.session.userId, input.shopId)),

  createProduct: merchant
    .input(ZProductInput.extend({ shopId: ZId }))
    .output(ZProduct)
    .mutation(({ ctx, input }) => {
      const { shopId, ...data } = input;
      return service.createProduct(ctx.db, ctx.session.userId, shopId, data);
    }),

  updateProduct: merchant
    .input(ZProductPatch)
    .output(ZProduct)
    .mutation(({ ctx, input }) => service.patchProduct(ctx.db, ctx.session.userId, input)),

  importCatalogue: merchant
    .input(ZCatalogueImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input }) => service.importCatalogue(ctx.db, ctx.session.userId, input)),
});

/** Admins: approving shops. */
const adminRouter = createTRPCRouter({
  list: admin
    .input(z.object({ status: z.enum(["pending", "approved", "rejected", "suspended", "all"]).default("pending") }))
    .output(z.array(ZMyShop.extend({ owner: z.object({ name: z.string(), email: z.string() }), createdAt: z.date(), suspensionReason: z.string().nullable() })))
    .query(({ ctx, input }) => service.listForReview(ctx.db, input.status)),

  decide: admin
    .input(z.object({ id: ZId, decision: z.enum(["approved", "rejected"]) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => service.decideShop(ctx.db, ctx.session.userId, input.id, input.decision)),
});

/** Residents: the approved shops that deliver to their buildings. */
export const shopsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZShopPublic))
    .query(({ ctx }) => service.shopsForResident(ctx.db, ctx.session.userId)),

  get: protectedProcedure
    .input(z.object({ id: ZId, q: z.string().trim().max(80).optional() }))
    .output(
      z.object({
        shop: ZShopPublic,
        products: z.array(ZProduct.omit({ isActive: true, photoId: true, shopId: true })),
        slots: z.array(z.object({ windowId: z.string(), date: z.string(), starts: z.string(), ends: z.string(), cutoffAt: z.date() })),
      }),
    )
    .query(({ ctx, input }) => service.shopForResident(ctx.db, ctx.session.userId, input.id, input.q || undefined)),

  manage: manageRouter,
  admin: adminRouter,
});
