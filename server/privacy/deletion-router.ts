// Account deletion (issue 16): what blocks it, and asking for it with the password.
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { deletionStatus, requestDeletion } from "./deletion";
import { ZDeletionRequested, ZDeletionRequestInput, ZDeletionStatus } from "./deletion-schema";

export const deletionRouter = createTRPCRouter({
  get: protectedProcedure
    .input(z.void())
    .output(ZDeletionStatus)
    .query(({ ctx }) => deletionStatus(ctx.db, ctx.session.userId)),

  request: protectedProcedure
    .input(ZDeletionRequestInput)
    .output(ZDeletionRequested)
    .mutation(({ ctx, input }) => requestDeletion(ctx.db, ctx.session.userId, input.password, ctx.ip)),
});
