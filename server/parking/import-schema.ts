// Parking place imports: what the admin page sends and gets back. Client-safe (zod only).
import { z } from "zod";
import { ZId } from "../lib/input";

/** A file at most this long (characters): the API's bodies stop at 3 MB, JSON escaping included. */
export const MAX_IMPORT_CHARS = 2_000_000;
export const MAX_IMPORT_FEATURES = 5_000;
/** How many planned changes the preview lists (the counts are always complete). */
export const MAX_PREVIEW_CHANGES = 50;

export const IMPORT_FORMATS = ["geojson", "parkapi"] as const;

export const ZImportInput = z.object({
  format: z.enum(IMPORT_FORMATS),
  // Longer than the limit still parses here, so that the service answers with the limit.
  text: z.string().min(1).max(MAX_IMPORT_CHARS * 2),
  operatorId: ZId.nullish(),
});
export type TImportInput = z.infer<typeof ZImportInput>;

/** A refused feature: its index in the file, the reason in English, and the same as codes the page translates. */
export const ZImportIssue = z.object({
  index: z.number().int(),
  reason: z.string(),
  problems: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })),
});

export const ZImportPlan = z.object({
  features: z.number().int(),
  errors: z.array(ZImportIssue),
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  /** Places of the same import (operator) that the file does not name: never touched. */
  leftAlone: z.number().int(),
  /** The first MAX_PREVIEW_CHANGES creations and updates, with the fields an update changes. */
  changes: z.array(z.object({ index: z.number().int(), externalId: z.string(), name: z.string(), action: z.enum(["create", "update"]), fields: z.array(z.string()) })),
});
export type TImportPlan = z.infer<typeof ZImportPlan>;

export const ZImportResult = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), leftAlone: z.number().int() });
export type TImportResult = z.infer<typeof ZImportResult>;

export const ZListPlacesInput = z.object({
  q: z.string().trim().max(80).default(""),
  page: z.number().int().min(0).max(10_000).default(0),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const ZAdminPlace = z.object({ id: z.string(), name: z.string(), address: z.string(), kind: z.string(), operatorId: z.string().nullable(), source: z.string(), externalId: z.string().nullable() });
export const ZAdminPlaces = z.object({ items: z.array(ZAdminPlace), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
