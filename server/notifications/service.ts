// In-app notifications: written by jobs and services, read and cleared by their owner.
import type { Db, DbTx } from "../db";
import { publish } from "../realtime/emit";
import { isUniqueViolation } from "../lib/db-errors";

export type TNotificationInput = { userId: string; kind: string; params?: Record<string, string | number>; link?: string; dedupeKey?: string };


/**
 * Creates notifications; one whose dedupeKey already exists is skipped (the database's
 * unique constraint decides, so two instances cannot both send it). Returns how many were new.
 */
export async function notify(db: Db | DbTx, list: TNotificationInput[]): Promise<number> {
  let created = 0;
  const users = new Set<string>();
  for (const n of list) {
    try {
      await db.notification.create({
        data: { userId: n.userId, kind: n.kind, params: JSON.stringify(n.params ?? {}), link: n.link ?? null, dedupeKey: n.dedupeKey ?? null },
      });
      created++;
      users.add(n.userId);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  for (const userId of users) publish({ type: "notification.created", userId });
  return created;
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
