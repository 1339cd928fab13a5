// "Export my data" (issue 16): anyone signed in sees their own latest export and asks for a
// new one (at most one a day). The download itself is GET /api/exports/<id> (server/http/exports.ts).
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZDataExport, ZExportState } from "./export-schema";
import { exportState, requestExport } from "./export";

export const exportRouter = createTRPCRouter({
  /** The latest export (if any) and from when another may be asked for. */
  get: protectedProcedure
    .input(z.void())
    .output(ZExportState)
    .query(({ ctx }) => exportState(ctx.db, ctx.session.userId)),
  /** Asks for an export, built in the background; EXPORT_TOO_SOON {at} within a day of the last one. */
  request: protectedProcedure
    .input(z.void())
    .output(ZDataExport)
    .mutation(({ ctx }) => requestExport(ctx.db, ctx.session.userId)),
});
