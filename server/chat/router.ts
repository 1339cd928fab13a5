import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { chatLimiter } from "./limits";
import {
  ZChatMessage,
  ZConversation,
  ZHistoryInput,
  ZMarkInput,
  ZReportInput,
  ZReportView,
  ZSendInput,
  ZSide,
  ZSyncInput,
} from "./schema";
import * as service from "./service";
import { actOnReport } from "../people/service";
import { ZReportAction } from "../people/schema";

import { ZId } from "../lib/input";
const ZOk = z.object({ ok: z.literal(true) });
const ZOther = z.object({ deliveredSeq: z.number().int(), readSeq: z.number().int() });

/** Merchants' side. */
const manageRouter = createTRPCRouter({
  /** A merchant opens the conversation with the customer of one of their orders, or a repairer with the resident of a booking. */
  start: roleProcedure("shop.manage")
    .input(z.union([z.object({ orderId: ZId }), z.object({ bookingId: ZId })]))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => service.startAsMerchant(ctx.db, ctx.session.userId, input)),
});

/** Admins: reported messages. */
const adminRouter = createTRPCRouter({
  listReports: roleProcedure("chat.moderate")
    .input(z.object({ status: z.enum(["open", "dismissed", "actioned", "all"]).default("open") }))
    .output(z.array(ZReportView))
    .query(({ ctx, input }) => service.listReports(ctx.db, input.status)),

  reviewReport: roleProcedure("chat.moderate")
    .input(z.object({ id: ZId, status: z.enum(["open", "dismissed", "actioned"]) }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.reviewReport(ctx.db, ctx.session.userId, input)),

  /** Suspend the sender of a reported message, or the shop they wrote for; the report is resolved (server/people). */
  actOnReport: roleProcedure("chat.moderate")
    .input(ZReportAction)
    .output(ZOk)
    .mutation(({ ctx, input }) => actOnReport(ctx.db, ctx.session.userId, input)),
});

export const chatRouter = createTRPCRouter({
  /** Opens (or finds) the caller's conversation with a shop or repairer, optionally about an order or a booking. */
  start: protectedProcedure
    .input(z.object({ shopId: ZId, orderId: ZId.nullish(), bookingId: ZId.nullish() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => service.startAsResident(ctx.db, ctx.session.userId, input)),

  list: protectedProcedure
    .input(z.object({ as: ZSide, cursor: ZId.nullish() }))
    .output(z.object({ items: z.array(ZConversation), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => service.inbox(ctx.db, ctx.session.userId, input)),

  get: protectedProcedure
    .input(z.object({ id: ZId }))
    .output(ZConversation)
    .query(({ ctx, input }) => service.getConversation(ctx.db, ctx.session.userId, input.id)),

  history: protectedProcedure
    .input(ZHistoryInput)
    .output(z.object({ messages: z.array(ZChatMessage), hasMore: z.boolean() }))
    .query(({ ctx, input }) => service.history(ctx.db, ctx.session.userId, input)),

  since: protectedProcedure
    .input(ZSyncInput)
    .output(z.object({ messages: z.array(ZChatMessage), hasMore: z.boolean(), other: ZOther }))
    .query(({ ctx, input }) => service.sinceSeq(ctx.db, ctx.session.userId, input)),

  /** For clients without a socket: the same service as the socket's chat:send. */
  send: protectedProcedure
    .input(ZSendInput)
    .output(z.object({ message: ZChatMessage, isReplay: z.boolean() }))
    .mutation(async ({ ctx, input }) => service.sendMessage(ctx.db, ctx.session.userId, input, { limiter: await chatLimiter() })),

  markRead: protectedProcedure
    .input(ZMarkInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.markRead(ctx.db, ctx.session.userId, input)),

  unreadCount: protectedProcedure
    .input(z.void())
    .output(z.object({ resident: z.number().int(), merchant: z.number().int(), total: z.number().int() }))
    .query(({ ctx }) => service.unreadTotals(ctx.db, ctx.session.userId)),

  setBlocked: protectedProcedure
    .input(z.object({ conversationId: ZId, blocked: z.boolean() }))
    .output(z.object({ ok: z.literal(true), blocked: z.boolean() }))
    .mutation(({ ctx, input }) => service.setBlocked(ctx.db, ctx.session.userId, input)),

  report: protectedProcedure
    .input(ZReportInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.reportMessage(ctx.db, ctx.session.userId, input)),

  manage: manageRouter,
  admin: adminRouter,
});
