import { z } from "zod";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";
import * as service from "./service";
import { ZChangePasswordInput, ZLocale, ZMe, ZOk, ZSignUpInput } from "./schema";

export const accountsRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.signUp(ctx.db, input, ctx.ip)),

  me: protectedProcedure
    .input(z.void())
    .output(ZMe)
    .query(({ ctx }) => service.getMe(ctx.db, ctx.session.userId)),

  changePassword: protectedProcedure
    .input(ZChangePasswordInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => service.changePassword(ctx.db, ctx.session.userId, input, ctx.ip, ctx.session.sessionId ?? null)),

  setLocale: protectedProcedure
    .input(z.object({ locale: ZLocale }))
    .output(ZOk)
    .mutation(({ ctx, input }) => service.setLocale(ctx.db, ctx.session.userId, input.locale)),
});
