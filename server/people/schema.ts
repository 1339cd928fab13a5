// People and moderation (issue 16): what admins send and receive. Client-safe (zod only).
import { z } from "zod";
import { ZRole } from "../auth/roles";
import { ZId } from "../lib/input";

/** The roles an admin grants or withdraws ("resident" follows from living somewhere). */
export const GRANTABLE_ROLES = ["merchant", "manager", "admin"] as const;
export const ZGrantableRole = z.enum(GRANTABLE_ROLES);

export const PERSON_STATES = ["active", "suspended", "deletionRequested", "deleted"] as const;
export const ZPersonState = z.enum(PERSON_STATES);
export type TPersonState = z.infer<typeof ZPersonState>;

/** Every action the audit log records. */
export const AUDIT_ACTIONS = [
  "role.grant",
  "role.withdraw",
  "user.suspend",
  "user.restore",
  "shop.suspend",
  "shop.restore",
  "shop.approve",
  "shop.reject",
  "report.resolve",
  "report.dismiss",
  "report.reopen",
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditAction>;

/** Why: required when suspending (the owner of a shop reads it), optional when restoring. */
export const ZReason = z.string().trim().min(3, { message: "reasonRequired" }).max(500, { message: "tooLong" });
export const ZOptionalReason = z.string().trim().max(500, { message: "tooLong" }).default("");

export const PAGE_SIZE = 20;

export const ZPeopleInput = z.object({
  q: z.string().trim().max(100).default(""),
  page: z.number().int().min(1).max(10_000).default(1),
});

const ZShopState = z.enum(["pending", "approved", "rejected", "suspended"]);

export const ZPersonRow = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(ZRole),
  state: ZPersonState,
  createdAt: z.date(),
});

export const ZPeoplePage = z.object({ items: z.array(ZPersonRow), total: z.number().int(), page: z.number().int(), pageCount: z.number().int() });

export const ZPerson = ZPersonRow.extend({
  suspension: z.object({ at: z.date(), reason: z.string(), byName: z.string().nullable() }).nullable(),
  deletionRequestedAt: z.date().nullable(),
  memberships: z.array(
    z.object({
      id: z.string(),
      buildingName: z.string(),
      staircase: z.string(),
      floor: z.number().int(),
      door: z.string(),
      status: z.string(),
    }),
  ),
  managedBuildings: z.array(z.object({ id: z.string(), name: z.string() })),
  shops: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(["shop", "repairer"]),
      status: ZShopState,
      suspensionReason: z.string().nullable(),
    }),
  ),
  isSelf: z.boolean(),
});
export type TPerson = z.infer<typeof ZPerson>;

export const ZRoleChange = z.object({ userId: ZId, role: ZGrantableRole });
export const ZSuspendPerson = z.object({ userId: ZId, reason: ZReason });
export const ZRestorePerson = z.object({ userId: ZId, reason: ZOptionalReason });
export const ZSuspendShop = z.object({ shopId: ZId, reason: ZReason });
export const ZRestoreShop = z.object({ shopId: ZId, reason: ZOptionalReason });

export const ZAuditInput = z.object({
  action: ZAuditAction.nullish(),
  /** Actions done by this person or to them. */
  personId: ZId.nullish(),
  page: z.number().int().min(1).max(10_000).default(1),
});

export const ZAuditEntry = z.object({
  id: z.string(),
  action: ZAuditAction,
  createdAt: z.date(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  targetType: z.enum(["user", "shop", "report"]),
  targetId: z.string(),
  /** The person or shop acted on, by name (null when it no longer exists). */
  targetName: z.string().nullable(),
  /** A role granted or withdrawn. */
  role: z.string().nullable(),
  reason: z.string(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageCount: z.number().int(),
  /** The person filtered by, named. */
  person: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export const ZReportAction = z.object({ id: ZId, action: z.enum(["suspendSender", "suspendShop"]), reason: ZReason });
