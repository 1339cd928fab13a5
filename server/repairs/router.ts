// Repair booking's procedures (issue 13): residents at the top, the repairer's side under
// `manage` (a repairer is a merchant's business: "shop.manage" plus owning it). Approval of
// repairers is shops.admin's (they are Shop rows).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZId } from "../lib/input";
import { ZAgendaInput, ZBookInput, ZBooking, ZCompleteInput, ZHoldInput, ZRateInput, ZReason, ZRepairCategory, ZRepairer, ZServiceSettings, ZSlot, ZSlotQuery } from "./schema";
import * as service from "./service";
import { commonRepairsRouter } from "./common-router";

const merchant = roleProcedure("shop.manage");

const ZServiceView = z.object({ shopId: z.string(), kind: z.string(), status: z.string(), timeZone: z.string(), settings: ZServiceSettings.nullable() });

const manageRouter = createTRPCRouter({
  getService: merchant
    .input(z.object({ shopId: ZId }))
    .output(ZServiceView)
    .query(({ ctx, input }) => service.getService(ctx.db, ctx.session.userId, input.shopId)),
  updateService: merchant
    .input(z.object({ shopId: ZId, settings: ZServiceSettings }))
    .output(ZServiceView)
    .mutation(({ ctx, input }) => service.saveService(ctx.db, ctx.session.userId, input.shopId, input.settings)),
  agenda: merchant
    .input(ZAgendaInput)
    .output(z.object({ timeZone: z.string(), from: z.string(), days: z.number(), bookings: z.array(ZBooking), toAnswer: z.array(ZBooking), now: z.date() }))
    .query(({ ctx, input }) => service.agenda(ctx.db, ctx.session.userId, input)),
  get: merchant
    .input(z.object({ id: ZId }))
    .output(ZBooking)
    .query(({ ctx, input }) => service.getBooking(ctx.db, ctx.session.userId, input.id)),
  confirm: merchant
    .input(z.object({ id: ZId }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.confirm(ctx.db, ctx.session.userId, input.id)),
  decline: merchant
    .input(z.object({ id: ZId, reason: ZReason }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.decline(ctx.db, ctx.session.userId, input.id, input.reason)),
  propose: merchant
    .input(z.object({ id: ZId, startsAt: z.date() }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.propose(ctx.db, ctx.session.userId, input.id, input.startsAt)),
  /** Free slots to propose instead of this booking's time (same length, no minimum notice). */
  listSlots: merchant
    .input(z.object({ id: ZId }))
    .output(z.object({ timeZone: z.string(), durationMinutes: z.number(), slots: z.array(ZSlot) }))
    .query(({ ctx, input }) => service.slotsForProposal(ctx.db, ctx.session.userId, input.id)),
  start: merchant
    .input(z.object({ id: ZId }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.start(ctx.db, ctx.session.userId, input.id)),
  complete: merchant
    .input(ZCompleteInput)
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.complete(ctx.db, ctx.session.userId, input)),
  cancel: merchant
    .input(z.object({ id: ZId, reason: ZReason }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.cancel(ctx.db, ctx.session.userId, input.id, "repairer", input.reason)),
});

export const repairsRouter = createTRPCRouter({
  listRepairers: protectedProcedure
    .input(z.object({ category: ZRepairCategory }))
    .output(z.array(ZRepairer))
    .query(({ ctx, input }) => service.listRepairers(ctx.db, ctx.session.userId, input.category)),
  listSlots: protectedProcedure
    .input(ZSlotQuery)
    .output(z.object({ timeZone: z.string(), durationMinutes: z.number(), slots: z.array(ZSlot) }))
    .query(({ ctx, input }) => service.listSlots(ctx.db, ctx.session.userId, input)),
  hold: protectedProcedure
    .input(ZHoldInput)
    .output(z.object({ holdId: z.string(), expiresAt: z.date(), depositCents: z.number().int(), calloutFeeCents: z.number().int(), unitIds: z.array(z.string()) }))
    .mutation(({ ctx, input }) => service.hold(ctx.db, ctx.session.userId, input)),
  releaseHold: protectedProcedure
    .input(z.object({ holdId: ZId }))
    .output(z.object({ released: z.boolean() }))
    .mutation(({ ctx, input }) => service.releaseHold(ctx.db, ctx.session.userId, input.holdId)),
  book: protectedProcedure
    .input(ZBookInput)
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.book(ctx.db, ctx.session.userId, input)),
  list: protectedProcedure
    .input(z.void())
    .output(z.array(ZBooking))
    .query(({ ctx }) => service.myBookings(ctx.db, ctx.session.userId)),
  get: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZBooking)
    .query(({ ctx, input }) => service.getBooking(ctx.db, ctx.session.userId, input.id)),
  cancel: protectedProcedure
    .input(z.object({ id: ZId, reason: ZReason }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.cancel(ctx.db, ctx.session.userId, input.id, "resident", input.reason)),
  answerProposal: protectedProcedure
    .input(z.object({ id: ZId, accept: z.boolean() }))
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.answerProposal(ctx.db, ctx.session.userId, input.id, input.accept)),
  rate: protectedProcedure
    .input(ZRateInput)
    .output(ZBooking)
    .mutation(({ ctx, input }) => service.rate(ctx.db, ctx.session.userId, input)),
  manage: manageRouter,
  common: commonRepairsRouter,
});
