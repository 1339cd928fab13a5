// Each role's home (issue 15): "what needs me now", one query per role, read-only. The
// resident's part is in resident.ts, the merchant's, manager's and admin's in staff.ts;
// every live event a home shows refetches `home` (realtime/socket-events.ts).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { residentHome, ZResidentHome } from "./resident";

export const homeRouter = createTRPCRouter({
  /** Anyone signed in: a person without a home gets empty sections (and joins from there). */
  resident: protectedProcedure
    .input(z.void())
    .output(ZResidentHome)
    .query(({ ctx }) => residentHome(ctx.db, ctx.session.userId)),
});
