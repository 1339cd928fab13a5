import { z } from "zod";
import { ZId } from "../lib/input";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZFavouriteInput, ZLatLon, ZNearby, ZNearbyInput, ZOccupancyInput, ZParkingPlace } from "./schema";
import * as feed from "./feed";
import * as imports from "./import";
import { ZAdminPlace, ZAdminPlaces, ZImportInput, ZImportPlan, ZImportResult, ZListPlacesInput } from "./import-schema";
import * as service from "./service";

const operator = roleProcedure("parking.operate");
const admin = roleProcedure("parking.administer");

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

const ZKeyInfo = z.object({ id: z.string(), label: z.string(), prefix: z.string(), createdAt: z.date(), revokedAt: z.date().nullable(), lastUsedAt: z.date().nullable() });

/** Admins: the operators whose sensors feed occupancy, and their keys. */
const adminRouter = createTRPCRouter({
  listOperators: admin
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), name: z.string(), places: z.number().int(), keys: z.array(ZKeyInfo) })))
    .query(({ ctx }) => feed.listOperators(ctx.db)),

  createOperator: admin
    .input(z.object({ name: z.string().trim().min(2).max(80) }))
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => feed.createOperator(ctx.db, input.name)),

  /** The key is in this answer only; it is stored hashed. */
  createKey: admin
    .input(z.object({ operatorId: ZId, label: z.string().trim().min(1).max(80) }))
    .output(z.object({ id: z.string(), key: z.string(), prefix: z.string() }))
    .mutation(({ ctx, input }) => feed.createKey(ctx.db, ctx.session.userId, input)),

  revokeKey: admin
    .input(z.object({ id: ZId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await feed.revokeKey(ctx.db, input.id);
      return { ok: true as const };
    }),

  /** What importing this file would create, update and leave alone; writes nothing. */
  previewImport: admin
    .input(ZImportInput)
    .output(ZImportPlan)
    .mutation(({ ctx, input }) => imports.previewImport(ctx.db, input)),

  /** Imports the file, all or nothing (the plan is recomputed here, not taken from the preview). */
  import: admin
    .input(ZImportInput)
    .output(ZImportResult)
    .mutation(({ ctx, input }) => imports.importPlaces(ctx.db, input)),

  listPlaces: admin
    .input(ZListPlacesInput)
    .output(ZAdminPlaces)
    .query(({ ctx, input }) => imports.listPlaces(ctx.db, input)),

  /** Gives a place's occupancy feed to an operator, or to none. */
  setOperator: admin
    .input(z.object({ placeId: ZId, operatorId: ZId.nullable() }))
    .output(ZAdminPlace.pick({ id: true, operatorId: true }))
    .mutation(({ ctx, input }) => imports.setOperator(ctx.db, input)),
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
  admin: adminRouter,
});
