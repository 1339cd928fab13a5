// The data export's shapes as the browser sees them (client-safe: zod only).
import { z } from "zod";
import { ZId } from "../lib/input";

export const ZExportStatus = z.enum(["queued", "building", "ready", "failed", "expired"]);
export type TExportStatus = z.infer<typeof ZExportStatus>;

export const ZDataExport = z.object({
  id: z.string(),
  status: ZExportStatus,
  createdAt: z.date(),
  readyAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  sizeBytes: z.number().int().nullable(),
  /** Set only while it can be downloaded (ready and not expired). */
  downloadUrl: z.string().nullable(),
});
export type TDataExport = z.infer<typeof ZDataExport>;

/** What the account page shows: the latest export, and from when another may be asked for (null: now). */
export const ZExportState = z.object({
  latest: ZDataExport.nullable(),
  nextAllowedAt: z.date().nullable(),
});
export type TExportState = z.infer<typeof ZExportState>;

export const ZExportRef = z.object({ id: ZId });
