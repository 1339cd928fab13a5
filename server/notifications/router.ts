import { z } from "zod";
import { ZId } from "../lib/input";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import * as service from "./service";

export const notificationsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(z.void())
    .output(
      z.object({
        unread: z.number().int(),
        items: z.array(
          z.object({
            id: z.string(),
            kind: z.string(),
            params: z.record(z.string(), z.union([z.string(), z.number()])),
            link: z.string().nullable(),
            isRead: z.boolean(),
            createdAt: z.date(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => service.listMine(ctx.db, ctx.session.userId)),

  unreadCount: protectedProcedure
    .input(z.void())
    .output(z.number().int())
    .query(({ ctx }) => service.unreadCount(ctx.db, ctx.session.userId)),

  markRead: protectedProcedure
    .input(z.object({ ids: z.union([z.array(ZId).max(200), z.literal("all")]) }))
    .output(z.object({ count: z.number().int() }))
    .mutation(({ ctx, input }) => service.markRead(ctx.db, ctx.session.userId, input.ids)),
});
