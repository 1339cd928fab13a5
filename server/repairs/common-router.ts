// Common-area repairs' procedures (issue 13), mounted as `repairs.common`: residents at the
// top (their buildings' list, "me too"), the building's manager under `manage`
// ("building.manage" plus managing that building, checked in every query).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZId } from "../lib/input";
import { ZCommonRepair, ZCommonRepairCreate, ZCommonRepairSupport, ZCommonRepairUpdate, ZCommonRepairWithdraw } from "./common-schema";
import * as common from "./common";

const manager = roleProcedure("building.manage");

const manageRouter = createTRPCRouter({
  list: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZCommonRepair))
    .query(({ ctx, input }) => common.listForManager(ctx.db, ctx.session.userId, input.buildingId)),
  create: manager
    .input(ZCommonRepairCreate)
    .output(ZCommonRepair)
    .mutation(({ ctx, input }) => common.create(ctx.db, ctx.session.userId, input)),
  update: manager
    .input(ZCommonRepairUpdate)
    .output(ZCommonRepair)
    .mutation(({ ctx, input }) => common.update(ctx.db, ctx.session.userId, input)),
  withdraw: manager
    .input(ZCommonRepairWithdraw)
    .output(ZCommonRepair)
    .mutation(({ ctx, input }) => common.withdraw(ctx.db, ctx.session.userId, input.id, input.note)),
});

export const commonRepairsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZCommonRepair))
    .query(({ ctx }) => common.listForResident(ctx.db, ctx.session.userId)),
  support: protectedProcedure
    .input(ZCommonRepairSupport)
    .output(ZCommonRepair)
    .mutation(({ ctx, input }) => common.support(ctx.db, ctx.session.userId, input.id, input.isSupporting)),
  manage: manageRouter,
});
