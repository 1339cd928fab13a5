// Common-area repairs' shapes (issue 13), client-safe: the manager's form and the API share
// them. Error messages are translation keys (validation.*).
import { z } from "zod";
import { ZId } from "../lib/input";

export const COMMON_AREAS = ["lift", "entrance", "lighting", "stairwell", "door_intercom", "heating", "water", "parking", "other"] as const;
export const ZCommonArea = z.enum(COMMON_AREAS, { message: "commonArea" });
export type TCommonArea = z.infer<typeof ZCommonArea>;

export const COMMON_REPAIR_STATUSES = ["open", "in_progress", "done", "withdrawn"] as const;
export const ZCommonRepairStatus = z.enum(COMMON_REPAIR_STATUSES);
export type TCommonRepairStatus = z.infer<typeof ZCommonRepairStatus>;
/** Statuses in which the repair is still to be done: residents may say "me too" (or take it back). */
export const UNFINISHED_STATUSES = ["open", "in_progress"] as const satisfies readonly TCommonRepairStatus[];

const text = (max: number) => z.string({ message: "required" }).trim().max(max, { message: "tooLong" });

/** Opening one: staircase empty or absent means the whole building. */
export const ZCommonRepairCreate = z.object({
  buildingId: ZId,
  staircase: text(20)
    .optional()
    .transform((s) => (s ? s : null)),
  title: text(120).min(3, { message: "titleTooShort" }),
  description: text(2000).default(""),
  area: ZCommonArea,
});
export type TCommonRepairCreate = z.infer<typeof ZCommonRepairCreate>;

/** The manager moves it on (in_progress again only to post a new note) and tells residents why. */
export const ZCommonRepairUpdate = z.object({
  id: ZId,
  status: z.enum(["in_progress", "done"], { message: "commonRepairStatus" }),
  note: text(1000).default(""),
});
export type TCommonRepairUpdate = z.infer<typeof ZCommonRepairUpdate>;

export const ZCommonRepairWithdraw = z.object({ id: ZId, note: text(1000).default("") });

export const ZCommonRepairSupport = z.object({ id: ZId, isSupporting: z.boolean({ message: "required" }) });

/** What both sides see: never who said "me too", only how many. */
export const ZCommonRepair = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  staircase: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  area: ZCommonArea,
  status: ZCommonRepairStatus,
  note: z.string(),
  supporters: z.number().int(),
  /** The caller said "me too" (always false for a manager's list). */
  isSupported: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().nullable(),
  doneAt: z.date().nullable(),
  withdrawnAt: z.date().nullable(),
});
export type TCommonRepair = z.infer<typeof ZCommonRepair>;
