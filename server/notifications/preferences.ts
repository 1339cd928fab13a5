// What a person wants to hear about: a switch per kind (locked kinds always on) and quiet
// hours, in their time zone. notify() reads these when it writes; here they are read for the
// settings page and changed by their owner.
import { z } from "zod";
import type { Db } from "../db";
import { AppError } from "../errors";
import { ZTimeZone } from "../buildings/schema";
import { ZHhmm } from "../shops/schema";
import { toMinutes } from "../lib/zoned";
import { NOTIFICATION_KIND_NAMES, kindRule, type TNotificationKind } from "./kinds";

export const DEFAULT_TIME_ZONE = "Europe/Paris";

export const ZNotificationKind = z.enum(NOTIFICATION_KIND_NAMES as [TNotificationKind, ...TNotificationKind[]]);
export const ZSetPreferenceInput = z.object({ kind: ZNotificationKind, enabled: z.boolean() });
/** Quiet hours from → to (local wall clock, may span midnight), or null: none. */
export const ZSetQuietHoursInput = z
  .object({ from: ZHhmm, to: ZHhmm, timeZone: ZTimeZone.optional() })
  .refine((q) => q.from !== q.to, { message: "quietHoursSame", path: ["to"] })
  .nullable();

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/** The zone a person's quiet hours are read in when they never chose: their building's, else Paris. */
async function defaultTimeZone(db: Db, userId: string): Promise<string> {
  const home = await db.membership.findFirst({ where: { userId, status: "active" }, orderBy: { createdAt: "asc" }, select: { unit: { select: { building: { select: { timeZone: true } } } } } });
  if (home) return home.unit.building.timeZone;
  const managed = await db.buildingManager.findFirst({ where: { userId }, orderBy: { createdAt: "asc" }, select: { building: { select: { timeZone: true } } } });
  return managed?.building.timeZone ?? DEFAULT_TIME_ZONE;
}

export async function getPreferences(db: Db, userId: string) {
  const [prefs, settings] = await Promise.all([
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, enabled: true } }),
    db.notificationSettings.findUnique({ where: { userId } }),
  ]);
  const chosen = new Map(prefs.map((p) => [p.kind, p.enabled]));
  return {
    kinds: NOTIFICATION_KIND_NAMES.map((kind) => {
      const rule = kindRule(kind);
      return { kind, locked: !rule.canSwitchOff, urgent: rule.urgent, defaultOn: rule.defaultOn, enabled: rule.canSwitchOff ? (chosen.get(kind) ?? rule.defaultOn) : true };
    }),
    quietHours: settings && settings.quietFrom !== null && settings.quietTo !== null ? { from: hhmm(settings.quietFrom), to: hhmm(settings.quietTo) } : null,
    timeZone: settings?.timeZone ?? (await defaultTimeZone(db, userId)),
  };
}

/** Switches a kind on or off; a locked kind is refused and nothing is written. */
export async function setPreference(db: Db, userId: string, input: z.infer<typeof ZSetPreferenceInput>) {
  const rule = kindRule(input.kind);
  if (!rule.canSwitchOff) throw new AppError("NOTIFICATION_LOCKED", "This kind of notification cannot be switched off", { kind: input.kind });
  // A row only for what differs from the kind's default (schema: NotificationPreference).
  if (input.enabled === rule.defaultOn) await db.notificationPreference.deleteMany({ where: { userId, kind: input.kind } });
  else await db.notificationPreference.upsert({ where: { userId_kind: { userId, kind: input.kind } }, create: { userId, kind: input.kind, enabled: input.enabled }, update: { enabled: input.enabled } });
  return { kind: input.kind, enabled: input.enabled };
}

/** Sets quiet hours (in the given zone, else the one already chosen, else the building's) or turns them off. */
export async function setQuietHours(db: Db, userId: string, input: z.infer<typeof ZSetQuietHoursInput>) {
  const existing = await db.notificationSettings.findUnique({ where: { userId }, select: { timeZone: true } });
  const timeZone = input?.timeZone ?? existing?.timeZone ?? (await defaultTimeZone(db, userId));
  const data = { quietFrom: input ? toMinutes(input.from) : null, quietTo: input ? toMinutes(input.to) : null, timeZone };
  await db.notificationSettings.upsert({ where: { userId }, create: { userId, ...data }, update: data });
  return { quietHours: input ? { from: input.from, to: input.to } : null, timeZone };
}
