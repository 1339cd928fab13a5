import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import * as service from "./service";
import {
  ZBuilding,
  ZBuildingInput,
  ZBuildingUpdate,
  ZDecideInput,
  ZId,
  ZInvite,
  ZInviteCode,
  ZInviteCreateInput,
  ZJoinRequestInput,
  ZManagedBuilding,
  ZMember,
  ZMyMembership,
  ZRequest,
  ZUnit,
  ZUnitGenerateInput,
  ZUnitInput,
} from "./schema";

const ZOk = z.object({ ok: z.literal(true) });
const manager = roleProcedure("building.manage");

/** What managers do: buildings, units, invite codes, requests, members. */
const manageRouter = createTRPCRouter({
  list: manager
    .input(z.void())
    .output(z.array(ZManagedBuilding))
    .query(({ ctx }) => service.listManagedBuildings(ctx.db, ctx.session.userId)),

  get: manager
    .input(z.object({ id: ZId }))
    .output(ZBuilding.extend({ units: z.array(ZUnit) }))
    .query(({ ctx, input }) => service.getManagedBuilding(ctx.db, ctx.session.userId, input.id)),

  create: roleProcedure("building.create")
    .input(ZBuildingInput)
    .output(ZBuilding)
    .mutation(({ ctx, input }) => service.createBuilding(ctx.db, ctx.session.userId, input)),

  update: manager
    .input(ZBuildingUpdate)
    .output(ZBuilding)
    .mutation(({ ctx, input }) => service.updateBuilding(ctx.db, ctx.session.userId, input)),

  createUnit: manager
    .input(z.object({ buildingId: ZId, data: ZUnitInput }))
    .output(ZUnit)
    .mutation(({ ctx, input }) => service.createUnit(ctx.db, ctx.session.userId, input.buildingId, input.data)),

  generateUnits: manager
    .input(ZUnitGenerateInput)
    .output(z.object({ created: z.number().int(), skipped: z.number().int() }))
    .mutation(({ ctx, input }) => service.generateUnits(ctx.db, ctx.session.userId, input)),

  removeUnit: manager
    .input(z.object({ id: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.deleteUnit(ctx.db, ctx.session.userId, input.id)),

  listInvites: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZInvite))
    .query(({ ctx, input }) => service.listInvites(ctx.db, ctx.session.userId, input.buildingId)),

  createInvite: manager
    .input(ZInviteCreateInput)
    .output(ZInvite)
    .mutation(({ ctx, input }) => service.createInvite(ctx.db, ctx.session.userId, input)),

  revokeInvite: manager
    .input(z.object({ id: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.revokeInvite(ctx.db, ctx.session.userId, input.id)),

  listRequests: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZRequest))
    .query(({ ctx, input }) => service.listRequests(ctx.db, ctx.session.userId, input.buildingId)),

  decideRequest: manager
    .input(ZDecideInput)
    .output(z.object({ ok: z.literal(true), status: z.enum(["active", "rejected"]) }))
    .mutation(({ ctx, input }) => service.decideRequest(ctx.db, ctx.session.userId, input)),

  listMembers: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZMember))
    .query(({ ctx, input }) => service.listMembers(ctx.db, ctx.session.userId, input.buildingId)),

  removeMember: manager
    .input(z.object({ membershipId: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.removeMember(ctx.db, ctx.session.userId, input.membershipId)),
});

/** What any signed-in person does about where they live; managers' side under `manage`. */
export const buildingsRouter = createTRPCRouter({
  listMemberships: protectedProcedure
    .input(z.void())
    .output(z.array(ZMyMembership))
    .query(({ ctx }) => service.myMemberships(ctx.db, ctx.session.userId)),

  joinWithCode: protectedProcedure
    .input(z.object({ code: ZInviteCode }))
    .output(z.object({ membershipId: z.string(), buildingId: z.string() }))
    .mutation(({ ctx, input }) => service.joinWithCode(ctx.db, ctx.session.userId, input.code)),

  requestToJoin: protectedProcedure
    .input(ZJoinRequestInput)
    .output(z.object({ membershipId: z.string() }))
    .mutation(({ ctx, input }) => service.requestToJoin(ctx.db, ctx.session.userId, input)),

  leave: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.leave(ctx.db, ctx.session.userId, input.id)),

  directory: protectedProcedure
    .input(z.void())
    .output(z.array(ZBuilding.pick({ id: true, name: true, address: true, postalCode: true, city: true })))
    .query(({ ctx }) => service.directory(ctx.db)),

  directoryUnits: protectedProcedure
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZUnit))
    .query(({ ctx, input }) => service.directoryUnits(ctx.db, input.buildingId)),

  manage: manageRouter,
});
