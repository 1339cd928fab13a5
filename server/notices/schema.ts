// Building notices' shapes (issue 14), client-safe: the manager's form and the API share
// them. Error messages are translation keys (validation.*).
import { z } from "zod";
import { ZId } from "../lib/input";

export const NOTICE_CATEGORIES = ["works", "water", "power", "heating", "lift", "event", "security", "general"] as const;
export const ZNoticeCategory = z.enum(NOTICE_CATEGORIES, { message: "noticeCategory" });
export type TNoticeCategory = z.infer<typeof ZNoticeCategory>;

export const ZNoticeUrgency = z.enum(["normal", "urgent"], { message: "noticeUrgency" });
export type TNoticeUrgency = z.infer<typeof ZNoticeUrgency>;

/** Attachments per notice. */
export const MAX_NOTICE_ATTACHMENTS = 5;
/** Buildings and staircases one notice may address. */
export const MAX_NOTICE_TARGETS = 50;

const text = (max: number) => z.string({ message: "required" }).trim().max(max, { message: "tooLong" });
const ZWhen = z.coerce.date({ message: "date" }).refine((d) => !Number.isNaN(d.getTime()) && d.getFullYear() >= 2000 && d.getFullYear() <= 2100, { message: "date" });

/** Who a notice is for: a whole building (staircase "" or absent) or one of its staircases. */
export const ZNoticeTarget = z.object({ buildingId: ZId, staircase: text(20).default("") });
export type TNoticeTarget = z.infer<typeof ZNoticeTarget>;

const ZTargets = z
  .array(ZNoticeTarget, { message: "required" })
  .min(1, { message: "noticeTargets" })
  .max(MAX_NOTICE_TARGETS, { message: "tooMany" })
  // A whole building and one of its staircases at once would say the same thing twice.
  .transform((list) => {
    const whole = new Set(list.filter((t) => t.staircase === "").map((t) => t.buildingId));
    const seen = new Set<string>();
    return list.filter((t) => {
      const key = `${t.buildingId}\u0000${t.staircase}`;
      if (seen.has(key) || (t.staircase !== "" && whole.has(t.buildingId))) return false;
      seen.add(key);
      return true;
    });
  });

/** What the manager writes (create and edit share it; an edit cannot change targets once published). */
const ZNoticeFields = z.object({
  title: text(120).min(3, { message: "titleTooShort" }),
  /** Markdown; rendered to sanitised HTML on the server. */
  body: text(10_000).min(1, { message: "required" }),
  category: ZNoticeCategory,
  urgency: ZNoticeUrgency.default("normal"),
  /** The disruption it announces (a water cut from … to …). */
  startsAt: ZWhen.nullable().default(null),
  endsAt: ZWhen.nullable().default(null),
  /** Null: published now. */
  publishAt: ZWhen.nullable().default(null),
  expiresAt: ZWhen.nullable().default(null),
  pinned: z.boolean().default(false),
  /** Uploaded files (POST /api/uploads/notice-file), in order. */
  attachmentIds: z.array(ZId).max(MAX_NOTICE_ATTACHMENTS, { message: "tooMany" }).default([]),
});

const windowsAgree = <T extends { startsAt: Date | null; endsAt: Date | null; publishAt: Date | null; expiresAt: Date | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.startsAt && v.endsAt && v.endsAt <= v.startsAt) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endBeforeStart" });
  if (v.endsAt && !v.startsAt) ctx.addIssue({ code: "custom", path: ["startsAt"], message: "required" });
  if (v.expiresAt && v.publishAt && v.expiresAt <= v.publishAt) ctx.addIssue({ code: "custom", path: ["expiresAt"], message: "expiresBeforePublish" });
};

export const ZNoticeCreate = ZNoticeFields.extend({ targets: ZTargets }).superRefine(windowsAgree);
export type TNoticeCreate = z.infer<typeof ZNoticeCreate>;
export type TNoticeCreateInput = z.input<typeof ZNoticeCreate>;

export const ZNoticeUpdate = ZNoticeFields.extend({ id: ZId, targets: ZTargets.optional() }).superRefine(windowsAgree);
export type TNoticeUpdate = z.infer<typeof ZNoticeUpdate>;

export const ZAudienceInput = z.object({ targets: ZTargets });

export const ZAudience = z.object({ units: z.number().int(), residents: z.number().int() });

export const ZNoticeAttachment = z.object({ id: z.string(), kind: z.enum(["image", "pdf"]), name: z.string(), bytes: z.number().int(), url: z.string() });
export type TNoticeAttachment = z.infer<typeof ZNoticeAttachment>;

export const ZNoticeTargetView = z.object({ buildingId: z.string(), buildingName: z.string(), staircase: z.string() });

/** What residents read. */
export const ZNotice = z.object({
  id: z.string(),
  title: z.string(),
  bodyHtml: z.string(),
  category: ZNoticeCategory,
  urgency: ZNoticeUrgency,
  startsAt: z.date().nullable(),
  endsAt: z.date().nullable(),
  publishAt: z.date(),
  expiresAt: z.date().nullable(),
  pinned: z.boolean(),
  editedAt: z.date().nullable(),
  isExpired: z.boolean(),
  targets: z.array(ZNoticeTargetView),
  attachments: z.array(ZNoticeAttachment),
  authorName: z.string(),
  /** The caller opened it / tapped "I have read this". */
  seenAt: z.date().nullable(),
  acknowledgedAt: z.date().nullable(),
});
export type TNotice = z.infer<typeof ZNotice>;

export const NOTICE_STATES = ["scheduled", "published", "expired", "withdrawn"] as const;
export type TNoticeState = (typeof NOTICE_STATES)[number];

/** What the building's manager sees in the list: the notice as written and how far it went. */
export const ZManagedNotice = ZNotice.omit({ seenAt: true, acknowledgedAt: true }).extend({
  body: z.string(),
  state: z.enum(NOTICE_STATES),
  publishedAt: z.date().nullable(),
  withdrawnAt: z.date().nullable(),
  reminderSentAt: z.date().nullable(),
  reached: z.number().int(),
  seen: z.number().int(),
  acknowledged: z.number().int(),
});
export type TManagedNotice = z.infer<typeof ZManagedNotice>;

/** Per notice, for its manager: who saw it, who acknowledged it, which units nobody acknowledged. */
export const ZNoticeReport = z.object({
  noticeId: z.string(),
  urgency: ZNoticeUrgency,
  residents: z.number().int(),
  units: z.number().int(),
  seen: z.number().int(),
  acknowledged: z.number().int(),
  reminderSentAt: z.date().nullable(),
  /** Units with residents none of whom acknowledged (urgent notices) or saw it (others). */
  unitsNotReached: z.array(z.object({ unitId: z.string(), buildingName: z.string(), staircase: z.string(), floor: z.number().int(), door: z.string(), residents: z.number().int() })),
});
export type TNoticeReport = z.infer<typeof ZNoticeReport>;
