// Building notices' procedures (issue 14): residents at the top (their buildings' and
// staircases' notices, opening one, "I have read this", the urgent banner), the buildings'
// managers under `manage` ("building.manage" plus managing every building a notice
// addresses, checked in every query).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { ZId } from "../lib/input";
import { ZAudience, ZAudienceInput, ZManagedNotice, ZNotice, ZNoticeCategory, ZNoticeCreate, ZNoticeReport, ZNoticeUpdate } from "./schema";
import { renderNoticeMarkdown } from "./markdown";
import * as notices from "./service";

const manager = roleProcedure("building.manage");

const manageRouter = createTRPCRouter({
  /** The buildings and staircases the caller can address. */
  targets: manager
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), name: z.string(), staircases: z.array(z.string()) })))
    .query(({ ctx }) => notices.targetsForManager(ctx.db, ctx.session.userId)),
  audience: manager
    .input(ZAudienceInput)
    .output(ZAudience)
    .query(({ ctx, input }) => notices.audience(ctx.db, ctx.session.userId, input.targets)),
  /** The body as residents will see it (the same renderer and sanitiser as publishing). */
  preview: manager
    .input(z.object({ body: z.string().max(10_000, { message: "tooLong" }) }))
    .output(z.object({ html: z.string() }))
    .query(({ input }) => ({ html: renderNoticeMarkdown(input.body) })),
  list: manager
    .input(z.object({ buildingId: ZId }))
    .output(z.array(ZManagedNotice))
    .query(({ ctx, input }) => notices.listForManager(ctx.db, ctx.session.userId, input.buildingId)),
  get: manager
    .input(z.object({ id: ZId }))
    .output(ZManagedNotice)
    .query(({ ctx, input }) => notices.getForManager(ctx.db, ctx.session.userId, input.id)),
  report: manager
    .input(z.object({ id: ZId }))
    .output(ZNoticeReport)
    .query(({ ctx, input }) => notices.report(ctx.db, ctx.session.userId, input.id)),
  create: manager
    .input(ZNoticeCreate)
    .output(ZManagedNotice)
    .mutation(({ ctx, input }) => notices.create(ctx.db, ctx.session.userId, input)),
  update: manager
    .input(ZNoticeUpdate)
    .output(ZManagedNotice)
    .mutation(({ ctx, input }) => notices.update(ctx.db, ctx.session.userId, input)),
  withdraw: manager
    .input(z.object({ id: ZId }))
    .output(ZManagedNotice)
    .mutation(({ ctx, input }) => notices.withdraw(ctx.db, ctx.session.userId, input.id)),
  remind: manager
    .input(z.object({ id: ZId }))
    .output(z.object({ sent: z.number().int() }))
    .mutation(({ ctx, input }) => notices.remind(ctx.db, ctx.session.userId, input.id)),
});

export const noticesRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.object({ archive: z.boolean().default(false) }).default({ archive: false }))
    .output(z.array(ZNotice))
    .query(({ ctx, input }) => notices.listForResident(ctx.db, ctx.session.userId, input.archive)),
  get: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZNotice)
    .query(({ ctx, input }) => notices.getForResident(ctx.db, ctx.session.userId, input.id)),
  acknowledge: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZNotice)
    .mutation(({ ctx, input }) => notices.acknowledge(ctx.db, ctx.session.userId, input.id)),
  /** Urgent notices still to acknowledge (the banner). */
  pendingUrgent: protectedProcedure
    .input(z.void())
    .output(z.array(z.object({ id: z.string(), title: z.string(), category: ZNoticeCategory, publishAt: z.date() })))
    .query(({ ctx }) => notices.pendingUrgent(ctx.db, ctx.session.userId)),
  /** Current notices not opened yet (the badge). */
  unseenCount: protectedProcedure
    .input(z.void())
    .output(z.number().int())
    .query(({ ctx }) => notices.unseenCount(ctx.db, ctx.session.userId)),
  manage: manageRouter,
});
