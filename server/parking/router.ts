import { z } from "zod";
import { ZId } from "../lib/input";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZFavouriteInput, ZLatLon, ZNearby, ZNearbyInput, ZOccupancyInput, ZParkingPlace } from "./schema";
import * as service from "./service";

const operator = roleProcedure("parking.operate");

/** A resident's starred places, and "tell me when it frees up". */
const favouritesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZParkingPlace))
    .query(({ ctx }) => service.listFavourites(ctx.db, ctx.session.userId)),

  create: protectedProcedure
    .input(ZFavouriteInput)
    .output(ZParkingPlace)
    .mutation(({ ctx, input }) => service.setFavourite(ctx.db, ctx.session.userId, input)),

  update: protectedProcedure
    .input(z.object({ placeId: ZId, notifyWhenFree: z.boolean() }))
    .output(ZParkingPlace)
    .mutation(({ ctx, input }) => service.setFavourite(ctx.db, ctx.session.userId, input)),

  remove: protectedProcedure
    .input(z.object({ placeId: ZId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await service.removeFavourite(ctx.db, ctx.session.userId, input.placeId);
      return { ok: true as const };
    }),
});

/** Those who run places (admins: all; a building's managers: its own spaces) set free spaces. */
const manageRouter = createTRPCRouter({
  list: operator
    .input(z.void())
    .output(z.array(ZParkingPlace))
    .query(({ ctx }) => service.listOperated(ctx.db, ctx.session.userId, ctx.roles.includes("admin"))),

  setOccupancy: operator
    .input(ZOccupancyInput)
    .output(ZParkingPlace)
    .mutation(({ ctx, input }) => service.setOccupancy(ctx.db, ctx.session.userId, ctx.roles.includes("admin"), input)),
});

export const parkingRouter = createTRPCRouter({
  /** Places near a point (or the caller's building), nearest first, filtered. */
  list: protectedProcedure
    .input(ZNearbyInput)
    .output(ZNearby)
    .query(({ ctx, input }) => service.nearby(ctx.db, ctx.session.userId, input)),

  get: protectedProcedure
    .input(z.object({ id: ZId, near: ZLatLon.nullish() }))
    .output(ZParkingPlace)
    .query(({ ctx, input }) => service.getPlace(ctx.db, ctx.session.userId, input.id, input.near ?? null)),

  favourites: favouritesRouter,
  manage: manageRouter,
});
