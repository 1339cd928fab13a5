// In-app notifications: written by jobs and services through notify(), read and cleared by
// their owner. What a person switched off is written already read and never alerted; quiet
// hours hold back the live alert (not the notification) of what is not urgent.
import { sqlOf, type Db, type DbTx, type TSql } from "../db";
import { cuid } from "../lib/ids";
import { publish } from "../realtime/emit";
import { isUniqueViolation } from "../lib/db-errors";
import { zonedFast } from "../lib/zoned";
import { NOTIFICATION_KINDS, kindRule, type TNotificationInput, type TNotificationKind } from "./kinds";

export type { TNotificationInput } from "./kinds";

type TRow = {
  userId: string;
  kind: TNotificationKind;
  params: string;
  link: string;
  dedupeKey: string | null;
  groupKey: string | null;
  urgent: boolean;
  readAt: Date | null;
  /** Whether the person's open pages should alert (toast) about it: delivered, and urgent or outside quiet hours. */
  alert: boolean;
  /** Delivered live at all (false: a kind the person switched off). */
  live: boolean;
};

/** Quiet hours as stored: minutes after local midnight; from > to spans midnight (22:00–07:00). */
export function isQuietAt(quiet: { quietFrom: number | null; quietTo: number | null; timeZone: string } | null | undefined, now: Date): boolean {
  if (!quiet || quiet.quietFrom === null || quiet.quietTo === null || quiet.quietFrom === quiet.quietTo) return false;
  const m = zonedFast(now, quiet.timeZone).minutes;
  return quiet.quietFrom < quiet.quietTo ? m >= quiet.quietFrom && m < quiet.quietTo : m >= quiet.quietFrom || m < quiet.quietTo;
}

/**
 * The one writer of notifications. Each is checked against its kind (params, link). The
 * recipients' preferences and quiet hours are read in one query per batch: a kind switched
 * off is written already read and not announced live (locked kinds always are); quiet hours
 * only turn the live alert off, for what is not urgent.
 *
 * Those whose dedupeKey already exists are skipped: the batch's keys are looked up first and
 * the rest written in one statement; if a racing writer (another instance) took a key
 * meanwhile, the rows are written one by one and the unique constraint decides, so a
 * notification is never sent twice.
 *
 * With a groupKey the person's entry of that group is updated in place (kind, params, link,
 * unread again, not done, updatedAt) instead of adding a row; the unique (userId, groupKey)
 * decides between racing writers: the loser of the insert updates the winner's row. (On
 * PostgreSQL a unique violation ends the transaction it happens in: grouped notifications
 * are written outside transactions, as every caller does.) Returns how many were written.
 */
export async function notify(db: Db | DbTx, list: TNotificationInput[], now = new Date()): Promise<number> {
  if (list.length === 0) return 0;
  const userIds = [...new Set(list.map((n) => n.userId))];
  const kinds = [...new Set(list.map((n) => n.kind))];
  const people = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, notificationPrefs: { where: { kind: { in: kinds } }, select: { kind: true, enabled: true } }, notificationSettings: { select: { quietFrom: true, quietTo: true, timeZone: true } } },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  const rows: TRow[] = list.map((n) => {
    const kind = NOTIFICATION_KINDS[n.kind];
    const rule = kindRule(n.kind);
    const params = kind.params.parse(n.params);
    const person = byId.get(n.userId);
    const live = !rule.canSwitchOff || (person?.notificationPrefs.find((p) => p.kind === n.kind)?.enabled ?? rule.defaultOn);
    return {
      userId: n.userId,
      kind: n.kind,
      params: JSON.stringify(params),
      link: kind.link(n.ref ?? ""),
      dedupeKey: n.dedupeKey ?? null,
      groupKey: n.groupKey ?? null,
      urgent: rule.urgent,
      readAt: live ? null : now,
      live,
      alert: live && (rule.urgent || !isQuietAt(person?.notificationSettings, now)),
    };
  });
  // A large batch written on the driver lets the unique key decide; otherwise look the keys up first.
  const driver = rows.filter((r) => r.groupKey === null).length >= BATCH_ON_DRIVER ? driverOf(db) : null;
  const keys = driver ? [] : rows.map((r) => r.dedupeKey).filter((k): k is string => k !== null);
  const taken = new Set(keys.length ? (await db.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey) : []);
  const seen = new Set<string>();
  const fresh = rows.filter((r) => {
    if (r.dedupeKey === null) return true;
    if (taken.has(r.dedupeKey) || seen.has(r.dedupeKey)) return false;
    seen.add(r.dedupeKey);
    return true;
  });
  // Within one batch, the last notification of a person's group is the one that counts.
  const lastOfGroup = new Map<string, TRow>();
  for (const r of fresh) if (r.groupKey !== null) lastOfGroup.set(`${r.userId}\u0000${r.groupKey}`, r);
  const plain = fresh.filter((r) => r.groupKey === null);
  const grouped = [...lastOfGroup.values()];

  const written: TRow[] = [];
  if (driver) {
    written.push(...(await insertOnDriver(driver, plain, now)));
  } else if (plain.length) {
    const data = plain.map((r) => ({ ...dataOf(r), createdAt: now, updatedAt: now }));
    try {
      await db.notification.createMany({ data });
      written.push(...plain);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      for (const [i, r] of plain.entries()) {
        try {
          await db.notification.create({ data: data[i]! });
          written.push(r);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
      }
    }
  }
  for (const r of grouped) if (await writeGrouped(db, r, now)) written.push(r);

  const alertOf = new Map<string, boolean>();
  for (const r of written) if (r.live) alertOf.set(r.userId, (alertOf.get(r.userId) ?? false) || r.alert);
  for (const [userId, alert] of alertOf) publish({ type: "notification.created", userId, alert });
  return written.length;
}

/**
 * A large batch (a notice to a whole building) costs Prisma about 0.2 ms of CPU a row; on the
 * driver it is a few plain multi-row INSERTs, the unique dedupeKey deciding (ON CONFLICT DO
 * NOTHING) and RETURNING saying which were new, yielding to the event loop between chunks
 * so sockets and requests are served meanwhile (bench/notices.ts). Only for the client
 * itself: inside a Prisma transaction, Prisma's path.
 */
const BATCH_ON_DRIVER = 100;
/** 11 values a row: 1,100 placeholders, well under SQLite's limit. */
const ROWS_PER_INSERT = 100;

function driverOf(db: Db | DbTx): TSql | null {
  try {
    return sqlOf(db as Db);
  } catch {
    return null;
  }
}

async function insertOnDriver(driver: TSql, rows: TRow[], now: Date): Promise<TRow[]> {
  const bool = (b: boolean) => (driver.kind === "sqlite" ? (b ? 1 : 0) : b);
  return driver.transaction(async (q) => {
    const out: TRow[] = [];
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const part = rows.slice(i, i + ROWS_PER_INSERT);
      const ids = part.map(() => cuid());
      const sql = `INSERT INTO "Notification" ("id", "userId", "kind", "params", "link", "dedupeKey", "groupKey", "urgent", "readAt", "createdAt", "updatedAt") VALUES ${part.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ")} ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id"`;
      const args = part.flatMap((r, j) => [ids[j], r.userId, r.kind, r.params, r.link, r.dedupeKey, r.groupKey, bool(r.urgent), r.readAt, now, now]);
      const made = new Set((await q.all<{ id: string }>(sql, args)).map((x) => x.id));
      part.forEach((r, j) => made.has(ids[j]!) && out.push(r));
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  });
}

const dataOf = (r: TRow) => ({ userId: r.userId, kind: r.kind, params: r.params, link: r.link, dedupeKey: r.dedupeKey, groupKey: r.groupKey, urgent: r.urgent, readAt: r.readAt });

/** Updates the person's entry of the group, or makes it; a racing insert of the same entry makes the loser update. */
async function writeGrouped(db: Db | DbTx, r: TRow, now: Date): Promise<boolean> {
  const update = { kind: r.kind, params: r.params, link: r.link, urgent: r.urgent, readAt: r.readAt, doneAt: null, updatedAt: now, ...(r.dedupeKey !== null ? { dedupeKey: r.dedupeKey } : {}) };
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const { count } = await db.notification.updateMany({ where: { userId: r.userId, groupKey: r.groupKey }, data: update });
      if (count > 0) return true;
      await db.notification.create({ data: { ...dataOf(r), createdAt: now, updatedAt: now } });
      return true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Either a racing writer made the group's entry first (update it, next turn), or the
      // dedupe key was taken meanwhile (then this notification was already sent).
      if (r.dedupeKey !== null && (await db.notification.count({ where: { dedupeKey: r.dedupeKey } })) > 0) return false;
    }
  }
  return false;
}

// Read and done marks change no content, so they must not move an entry up the list (ordered
// by updatedAt, the last time its content changed): Prisma would stamp @updatedAt on any
// update, so these run as plain statements on the driver (docs/architecture.md, Data).
async function writeReturning<T>(db: Db, sql: string, args: unknown[]): Promise<T[]> {
  const q = sqlOf(db);
  return q.kind === "postgres" ? q.all<T>(sql, args) : q.transaction((tx) => tx.all<T>(sql, args));
}
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * Marks done (and read) the entries of these groups (e.g. `bill:<id>` once the bill is
 * paid), for whoever has them: the centre shows them as done, no longer unread. `undo`
 * (the bill refunded, unpaid again) takes the done mark back and leaves them read.
 */
export async function markDone(db: Db, groupKeys: string[], kinds: TNotificationKind[], now = new Date(), { undo = false } = {}): Promise<number> {
  if (groupKeys.length === 0 || kinds.length === 0) return 0;
  const where = `"groupKey" IN (${marks(groupKeys.length)}) AND "kind" IN (${marks(kinds.length)})`;
  const rows = undo
    ? await writeReturning<{ userId: string }>(db, `UPDATE "Notification" SET "doneAt" = NULL WHERE ${where} AND "doneAt" IS NOT NULL RETURNING "userId"`, [...groupKeys, ...kinds])
    : await writeReturning<{ userId: string }>(db, `UPDATE "Notification" SET "doneAt" = ?, "readAt" = COALESCE("readAt", ?) WHERE ${where} AND "doneAt" IS NULL RETURNING "userId"`, [now, now, ...groupKeys, ...kinds]);
  for (const userId of new Set(rows.map((r) => r.userId))) publish({ type: "notification.created", userId, alert: false });
  return rows.length;
}

/** Marks read what a kind said about one thing (e.g. a conversation once it is read). */
export async function markReadAbout(db: Db, userId: string, kind: TNotificationKind, ref: string): Promise<number> {
  const rows = await writeReturning<{ id: string }>(
    db,
    `UPDATE "Notification" SET "readAt" = ? WHERE "userId" = ? AND "kind" = ? AND "link" = ? AND "readAt" IS NULL RETURNING "id"`,
    [new Date(), userId, kind, NOTIFICATION_KINDS[kind].link(ref)],
  );
  if (rows.length) publish({ type: "notification.created", userId, alert: false });
  return rows.length;
}

/** Marks read, for everyone, what these kinds said about one thing (a withdrawn notice). */
export async function markReadAboutForAll(db: Db, kinds: TNotificationKind[], ref: string, now = new Date()): Promise<number> {
  const links = [...new Set(kinds.map((k) => NOTIFICATION_KINDS[k].link(ref)))];
  const rows = await writeReturning<{ userId: string }>(
    db,
    `UPDATE "Notification" SET "readAt" = ? WHERE "kind" IN (${marks(kinds.length)}) AND "link" IN (${marks(links.length)}) AND "readAt" IS NULL RETURNING "userId"`,
    [now, ...kinds, ...links],
  );
  for (const userId of new Set(rows.map((r) => r.userId))) publish({ type: "notification.created", userId, alert: false });
  return rows.length;
}

export const PAGE_SIZE = 50;

/** The person's notifications, latest change first, a page at a time (cursor: the last one's updatedAt and id). */
export async function listMine(db: Db, userId: string, input: { cursor?: string | null; limit?: number } = {}) {
  const limit = input.limit ?? PAGE_SIZE;
  const after = decodeCursor(input.cursor);
  const [items, unread] = await Promise.all([
    db.notification.findMany({
      where: { userId, ...(after ? { OR: [{ updatedAt: { lt: after.at } }, { updatedAt: after.at, id: { lt: after.id } }] } : {}) },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    }),
    db.notification.count({ where: { userId, readAt: null } }),
  ]);
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return {
    unread,
    nextCursor: items.length > limit && last ? `${last.updatedAt.toISOString()}_${last.id}` : null,
    items: page.map((n) => ({
      id: n.id,
      kind: n.kind,
      params: safeParams(n.params),
      link: n.link,
      isRead: n.readAt !== null,
      isDone: n.doneAt !== null,
      isUrgent: n.urgent,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
    })),
  };
}

function decodeCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = cursor.split("_");
  const at = new Date(iso ?? "");
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
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
  if (ids !== "all" && ids.length === 0) return { count: 0 };
  const only = ids === "all" ? "" : ` AND "id" IN (${marks(ids.length)})`;
  const rows = await writeReturning<{ id: string }>(db, `UPDATE "Notification" SET "readAt" = ? WHERE "userId" = ? AND "readAt" IS NULL${only} RETURNING "id"`, [
    new Date(),
    userId,
    ...(ids === "all" ? [] : ids),
  ]);
  if (rows.length) publish({ type: "notification.created", userId, alert: false });
  return { count: rows.length };
}
