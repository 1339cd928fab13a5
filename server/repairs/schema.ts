// Repair booking's shapes (issue 13), client-safe: inputs checked at the edge, outputs that
// strip what a caller must not see. Error messages are translation keys (validation.*).
import { z } from "zod";
import { ZDay, ZId } from "../lib/input";
import { ZIdempotencyKey } from "../ledger/schema";

export const REPAIR_CATEGORIES = ["plumbing", "electrical", "appliance", "locksmith", "heating", "vehicle"] as const;
export const ZRepairCategory = z.enum(REPAIR_CATEGORIES, { message: "category" });
export type TRepairCategory = z.infer<typeof ZRepairCategory>;

export const BOOKING_STATUSES = ["held", "requested", "confirmed", "in_progress", "done", "declined", "cancelled", "expired"] as const;
export const ZBookingStatus = z.enum(BOOKING_STATUSES);
export type TBookingStatus = z.infer<typeof ZBookingStatus>;
/** Statuses whose time is taken (a live hold too, until it lapses). */
export const ACTIVE_STATUSES = ["held", "requested", "confirmed", "in_progress"] as const;

const FIVE = (n: number) => n % 5 === 0;
/** "HH:MM" on a 5-minute grid (claims are 5-minute cells); closes may be "24:00". */
const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5][05]$|^24:00$/, { message: "time" });
const ZRange = z
  .object({ opens: ZClock, closes: ZClock })
  .refine((r) => r.opens !== "24:00" && r.opens < r.closes, { message: "rangeOrder", path: ["closes"] });
const minutes = (min: number, max: number) =>
  z.number({ message: "number" }).int({ message: "integer" }).min(min, { message: "tooSmall" }).max(max, { message: "tooLarge" });
const cents = z.number({ message: "number" }).int({ message: "cents" }).min(0, { message: "nonNegative" }).max(100_000, { message: "amountMax" });

export const ZRepairException = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("off"), fromDate: ZDay, toDate: ZDay, note: z.string().trim().max(120, { message: "tooLong" }).default("") }).refine((e) => e.fromDate <= e.toDate, {
    message: "rangeOrder",
    path: ["toDate"],
  }),
  z.object({ kind: z.literal("hours"), fromDate: ZDay, opens: ZClock, closes: ZClock, note: z.string().trim().max(120, { message: "tooLong" }).default("") }).refine(
    (e) => e.opens !== "24:00" && e.opens < e.closes,
    { message: "rangeOrder", path: ["closes"] },
  ),
]);

export const ZServiceSettings = z
  .object({
    calloutFeeCents: cents.default(0),
    depositCents: cents.default(0),
    mode: z.enum(["exact", "window"]).default("exact"),
    windowCapacity: minutes(1, 20).default(1),
    stepMinutes: z.union([z.literal(15), z.literal(20), z.literal(30), z.literal(60)], { message: "step" }).default(30),
    bufferMinutes: minutes(0, 240).refine(FIVE, { message: "fiveMinutes" }).default(0),
    minNoticeMinutes: minutes(0, 7 * 24 * 60).default(120),
    horizonDays: minutes(1, 90).default(21),
    cancelCutoffMinutes: minutes(0, 7 * 24 * 60).default(120),
    categories: z
      .array(z.object({ category: ZRepairCategory, durationMinutes: minutes(15, 600) }))
      .min(1, { message: "required" })
      .max(REPAIR_CATEGORIES.length, { message: "tooMany" })
      .refine((cs) => new Set(cs.map((c) => c.category)).size === cs.length, { message: "duplicate" }),
    hours: z.array(ZRange.and(z.object({ weekday: z.number().int().min(1).max(7) }))).max(42, { message: "tooMany" }),
    exceptions: z.array(ZRepairException).max(100, { message: "tooMany" }).default([]),
  })
  .superRefine((s, ctx) => {
    s.categories.forEach((c, i) => {
      if (c.durationMinutes % s.stepMinutes) ctx.addIssue({ code: "custom", message: "durationStep", path: ["categories", i, "durationMinutes"] });
    });
  });
export type TServiceSettings = z.infer<typeof ZServiceSettings>;

export const ZSlotQuery = z.object({ serviceId: ZId, category: ZRepairCategory });
export const ZHoldInput = z.object({ serviceId: ZId, category: ZRepairCategory, startsAt: z.date() });

const line = (max: number) => z.string().trim().min(1, { message: "required" }).max(max, { message: "tooLong" });
export const ZVehicle = z.object({ make: line(40), model: line(40), plate: line(16), location: line(200) });

export const ZBookInput = z.object({
  holdId: ZId,
  unitId: ZId,
  description: z.string().trim().min(5, { message: "describeProblem" }).max(2000, { message: "tooLong" }),
  photoIds: z.array(ZId).max(5, { message: "tooManyPhotos" }).default([]),
  vehicle: ZVehicle.nullable().default(null),
  idempotencyKey: ZIdempotencyKey,
});
export type TBookInput = z.infer<typeof ZBookInput>;

export const ZReason = z.string().trim().max(300, { message: "tooLong" }).default("");
export const ZRateInput = z.object({
  id: ZId,
  rating: z.number().int({ message: "rating" }).min(1, { message: "rating" }).max(5, { message: "rating" }),
  comment: z.string().trim().max(1000, { message: "tooLong" }).default(""),
});
export const ZCompleteInput = z.object({
  id: ZId,
  note: z.string().trim().min(1, { message: "required" }).max(2000, { message: "tooLong" }),
  finalPriceCents: cents,
});
export const ZAgendaInput = z.object({ shopId: ZId, from: ZDay, days: z.number().int().min(1).max(14).default(7) });

// ─── Outputs ───────────────────────────────────────────────────────────────

const ZWall = z.object({ date: z.string(), weekday: z.number(), time: z.string(), utcOffsetMinutes: z.number() });
export const ZSlot = z.object({
  startsAt: z.date(),
  endsAt: z.date(),
  mode: z.enum(["exact", "window"]),
  capacityLeft: z.number().int(),
  display: z.object({ timeZone: z.string(), starts: ZWall, ends: ZWall }),
});
export type TSlot = z.infer<typeof ZSlot>;

export const ZRepairer = z.object({
  serviceId: z.string(),
  name: z.string(),
  description: z.string(),
  photoUrl: z.string().nullable(),
  timeZone: z.string(),
  categories: z.array(z.object({ category: ZRepairCategory, durationMinutes: z.number() })),
  calloutFeeCents: z.number().int(),
  depositCents: z.number().int(),
  mode: z.enum(["exact", "window"]),
  cancelCutoffMinutes: z.number().int(),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  nextSlots: z.array(ZSlot),
});
export type TRepairer = z.infer<typeof ZRepairer>;

export const ZBooking = z.object({
  id: z.string(),
  side: z.enum(["resident", "repairer"]),
  status: ZBookingStatus,
  category: ZRepairCategory,
  startsAt: z.date(),
  endsAt: z.date(),
  mode: z.enum(["exact", "window"]),
  timeZone: z.string(),
  holdExpiresAt: z.date().nullable(),
  repairer: z.object({ serviceId: z.string(), name: z.string(), photoUrl: z.string().nullable() }),
  resident: z.object({ name: z.string() }),
  unit: z.object({ buildingName: z.string(), address: z.string(), staircase: z.string(), floor: z.number(), door: z.string() }).nullable(),
  description: z.string(),
  photoUrls: z.array(z.string()),
  vehicle: ZVehicle.nullable(),
  calloutFeeCents: z.number().int(),
  depositCents: z.number().int(),
  depositRefunded: z.boolean(),
  proposed: z.object({ startsAt: z.date(), endsAt: z.date() }).nullable(),
  reason: z.string().nullable(),
  cancelledBy: z.enum(["resident", "repairer"]).nullable(),
  repairerNote: z.string().nullable(),
  finalPriceCents: z.number().int().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  /** The resident may still cancel (before the cut-off) and until when. */
  cancellableUntil: z.date().nullable(),
  requestedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type TBooking = z.infer<typeof ZBooking>;
