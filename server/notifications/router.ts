import { z } from "zod";
import { ZId } from "../lib/input";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import * as prefs from "./preferences";
import * as service from "./service";

const ZHhmmOut = z.string();

export const notificationsRouter = createTRPCRouter({
  /** The caller's notifications, latest change first; `cursor` (nextCursor of the page before) loads more. */
  list: protectedProcedure
    .input(z.object({ cursor: z.string().max(100).nullish(), limit: z.number().int().min(1).max(100).optional() }).optional())
    .output(
      z.object({
        unread: z.number().int(),
        nextCursor: z.string().nullable(),
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            params: z.record(z.string(), z.union([z.string(), z.number()])),
            link: z.string().nullable(),
            isRead: z.boolean(),
            isDone: z.boolean(),
            isUrgent: z.boolean(),
            createdAt: z.date(),
            updatedAt: z.date(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => service.listMine(ctx.db, ctx.session.userId, input ?? {})),

  unreadCount: protectedProcedure
    .input(z.void())
    .output(z.number().int())
    .query(({ ctx }) => service.unreadCount(ctx.db, ctx.session.userId)),

  markRead: protectedProcedure
    .input(z.object({ ids: z.union([z.array(ZId).max(200), z.literal("all")]) }))
    .output(z.object({ count: z.number().int() }))
    .mutation(({ ctx, input }) => service.markRead(ctx.db, ctx.session.userId, input.ids)),

  /** Every kind with its switch (locked ones always on), quiet hours and their time zone. */
  preferences: protectedProcedure
    .input(z.void())
    .output(
      z.object({
        kinds: z.array(z.object({ kind: prefs.ZNotificationKind, enabled: z.boolean(), locked: z.boolean(), urgent: z.boolean(), defaultOn: z.boolean() })),
        quietHours: z.object({ from: ZHhmmOut, to: ZHhmmOut }).nullable(),
        timeZone: z.string(),
      }),
    )
    .query(({ ctx }) => prefs.getPreferences(ctx.db, ctx.session.userId)),

  setPreference: protectedProcedure
    .input(prefs.ZSetPreferenceInput)
    .output(z.object({ kind: prefs.ZNotificationKind, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => prefs.setPreference(ctx.db, ctx.session.userId, input)),

  setQuietHours: protectedProcedure
    .input(prefs.ZSetQuietHoursInput)
    .output(z.object({ quietHours: z.object({ from: ZHhmmOut, to: ZHhmmOut }).nullable(), timeZone: z.string() }))
    .mutation(({ ctx, input }) => prefs.setQuietHours(ctx.db, ctx.session.userId, input)),
});
