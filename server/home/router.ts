// Each role's home (issue 15): "what needs me now", one query per role, read-only. The
// resident's part is in resident.ts, the merchant's, manager's and admin's in staff.ts;
// every live event a home shows refetches `home` (realtime/socket-events.ts).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure, roleProcedure } from "../trpc";
import { residentHome, ZResidentHome } from "./resident";
import { adminHome, managerHome, merchantHome } from "./staff";
import { ZAdminHome, ZManagerHome, ZMerchantHome } from "./staff-schema";

export const homeRouter = createTRPCRouter({
  /** Anyone signed in: a person without a home gets empty sections (and joins from there). */
  resident: protectedProcedure
    .input(z.void())
    .output(ZResidentHome)
    .query(({ ctx }) => residentHome(ctx.db, ctx.session.userId)),

  /** A merchant's shops and repair services: orders waiting, today's deliveries and takings, requests to answer, unread messages. */
  merchant: roleProcedure("shop.manage")
    .input(z.void())
    .output(ZMerchantHome)
    .query(({ ctx }) => merchantHome(ctx.db, ctx.session.userId)),

  /** Per building the caller manages: join requests, arrears, urgent notices' acknowledgements, open common repairs. */
  manager: roleProcedure("building.manage")
    .input(z.void())
    .output(ZManagerHome)
    .query(({ ctx }) => managerHome(ctx.db, ctx.session.userId)),

  /** Shops and repairers to approve, open chat reports, parking feeds gone quiet. */
  admin: roleProcedure("shop.approve")
    .input(z.void())
    .output(ZAdminHome)
    .query(({ ctx }) => adminHome(ctx.db)),
});
