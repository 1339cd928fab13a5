// Shapes of the buildings domain: buildings, units, invite codes, memberships.
import { z } from "zod";

export { ZId } from "../lib/input";
import { ZId } from "../lib/input";
const text = (max: number) => z.string().trim().min(1, { message: "required" }).max(max, { message: "tooLong" });

export const ZTimeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "timeZone" },
);

export const ZBuildingInput = z.object({
  name: text(120),
  address: text(200),
  postalCode: z.string().trim().regex(/^[0-9A-Za-z -]{3,10}$/, { message: "postalCode" }),
  city: text(100),
  latitude: z.number({ message: "number" }).min(-90, { message: "latitude" }).max(90, { message: "latitude" }),
  longitude: z.number({ message: "number" }).min(-180, { message: "longitude" }).max(180, { message: "longitude" }),
  timeZone: ZTimeZone,
});
export type TBuildingInput = z.infer<typeof ZBuildingInput>;

export const ZBuildingUpdate = z.object({ id: ZId, data: ZBuildingInput.partial() });

export const ZBuilding = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  postalCode: z.string(),
  city: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  timeZone: z.string(),
});
export type TBuilding = z.infer<typeof ZBuilding>;

export const ZManagedBuilding = ZBuilding.extend({
  unitCount: z.number().int(),
  memberCount: z.number().int(),
  pendingCount: z.number().int(),
});

export const ZUnitLabel = z.object({ staircase: z.string(), floor: z.number().int(), door: z.string() });
export const ZUnit = ZUnitLabel.extend({ id: z.string(), buildingId: z.string() });
export type TUnit = z.infer<typeof ZUnit>;

export const ZUnitInput = z.object({
  staircase: z.string().trim().max(20, { message: "tooLong" }).default(""),
  floor: z.number({ message: "number" }).int({ message: "integer" }).min(-5, { message: "floor" }).max(200, { message: "floor" }),
  door: text(20),
});

/** Many units at once: every door on every floor of a staircase, doors named <floor><nn>. */
export const ZUnitGenerateInput = z
  .object({
    buildingId: ZId,
    staircase: z.string().trim().max(20, { message: "tooLong" }).default(""),
    fromFloor: z.number().int({ message: "integer" }).min(-5, { message: "floor" }).max(200, { message: "floor" }),
    toFloor: z.number().int({ message: "integer" }).min(-5, { message: "floor" }).max(200, { message: "floor" }),
    doorsPerFloor: z.number().int({ message: "integer" }).min(1, { message: "doorsPerFloor" }).max(20, { message: "doorsPerFloor" }),
  })
  .refine((v) => v.toFloor >= v.fromFloor, { message: "floorRange", path: ["toFloor"] })
  .refine((v) => (v.toFloor - v.fromFloor + 1) * v.doorsPerFloor <= 500, { message: "tooManyUnits", path: ["doorsPerFloor"] });

export const ZInviteCreateInput = z.object({
  unitId: ZId,
  maxUses: z.number().int().min(1, { message: "maxUses" }).max(100, { message: "maxUses" }).nullable(),
  expiresInDays: z.number().int().min(1, { message: "expiresInDays" }).max(90, { message: "expiresInDays" }),
});

export const ZInvite = z.object({
  id: z.string(),
  code: z.string(),
  unit: ZUnitLabel.extend({ id: z.string() }),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  expiresAt: z.date(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
  isUsable: z.boolean(),
});

// Codes are typed by hand: no 0/O or 1/I/L, case-insensitive, dash optional.
export const INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ZInviteCode = z
  .string()
  .trim()
  .toUpperCase()
  .transform((c) => c.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(new RegExp(`^[${INVITE_ALPHABET}]{8}$`), { message: "inviteFormat" }));

export const ZMembershipStatus = z.enum(["pending", "active", "rejected", "left"]);
export type TMembershipStatus = z.infer<typeof ZMembershipStatus>;

export const ZMyMembership = z.object({
  id: z.string(),
  status: ZMembershipStatus,
  joinedVia: z.enum(["code", "request"]),
  createdAt: z.date(),
  decidedAt: z.date().nullable(),
  unit: ZUnit,
  building: ZBuilding,
});

export const ZJoinRequestInput = z.object({
  unitId: ZId,
  message: z.string().trim().max(500, { message: "tooLong" }).optional(),
});

export const ZRequest = z.object({
  id: z.string(),
  status: ZMembershipStatus,
  message: z.string().nullable(),
  createdAt: z.date(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  unit: ZUnitLabel.extend({ id: z.string() }),
});

export const ZMember = z.object({
  membershipId: z.string(),
  joinedVia: z.enum(["code", "request"]),
  since: z.date(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  unit: ZUnitLabel.extend({ id: z.string() }),
});

export const ZDecideInput = z.object({ membershipId: ZId, decision: z.enum(["approve", "reject"]) });
