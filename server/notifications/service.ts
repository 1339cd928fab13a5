// In-app notifications: written by jobs and services, read and cleared by their owner.
import type { Db, DbTx } from "../db";
import { publish } from "../realtime/emit";
import { isUniqueViolation } from "../lib/db-errors";
import { NOTIFICATION_KINDS, type TNotificationInput, type TNotificationKind } from "./kinds";

export type { TNotificationInput } from "./kinds";

/**
 * The one writer of notifications. Each is checked against its kind (params, link). Those
 * whose dedupeKey already exists are skipped: the batch's keys are looked up first and the
 * rest written in one statement; if a racing writer (another instance) took a key meanwhile,
 * the rows are written one by one and the unique constraint decides, so a notification is
 * never sent twice. Returns how many were new.
 */
export async function notify(db: Db | DbTx, list: TNotificationInput[]): Promise<number> {
  if (list.length === 0) return 0;
  const rows = list.map((n) => {
    const kind = NOTIFICATION_KINDS[n.kind];
    const params = kind.params.parse(n.params);
    return { userId: n.userId, kind: n.kind, params: JSON.stringify(params), link: kind.link(n.ref ?? ""), dedupeKey: n.dedupeKey ?? null };
  });
  const keys = rows.map((r) => r.dedupeKey).filter((k): k is string => k !== null);
  const taken = new Set(keys.length ? (await db.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey) : []);
  const seen = new Set<string>();
  const fresh = rows.filter((r) => {
    if (r.dedupeKey === null) return true;
    if (taken.has(r.dedupeKey) || seen.has(r.dedupeKey)) return false;
    seen.add(r.dedupeKey);
    return true;
  });
  let written: typeof fresh = [];
  try {
    await db.notification.createMany({ data: fresh });
    written = fresh;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    for (const r of fresh) {
      try {
        await db.notification.create({ data: r });
        written.push(r);
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
      }
    }
  }
  for (const userId of new Set(written.map((r) => r.userId))) publish({ type: "notification.created", userId });
  return written.length;
}

/** Marks read what a kind said about one thing (e.g. a conversation once it is read). */
export async function markReadAbout(db: Db | DbTx, userId: string, kind: TNotificationKind, ref: string): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId, kind, link: NOTIFICATION_KINDS[kind].link(ref), readAt: null }, data: { readAt: new Date() } });
  if (count) publish({ type: "notification.created", userId });
  return count;
}

export async function listMine(db: Db, userId: string, limit = 50) {
  const [items, unread] = await Promise.all([
    db.notification.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      params: safeParams(n.params),
      link: n.link,
      isRead: n.readAt !== null,
      createdAt: n.createdAt,
    })),
  };
}

function safeParams(text: string): Record<string, string | number> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string | number>) : {};
  } catch {
    return {};
  }
}

export const unreadCount = (db: Db, userId: string) => db.notification.count({ where: { userId, readAt: null } });

export async function markRead(db: Db, userId: string, ids: string[] | "all") {
  const { count } = await db.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids } }) },
    data: { readAt: new Date() },
  });
  if (count) publish({ type: "notification.created", userId });
  return { count };
}
