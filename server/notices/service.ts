// Building notices (issue 14): a manager writes a notice for some of their buildings or
// staircases; the residents there read it, and acknowledge it when it is urgent; the
// manager follows who saw and acknowledged it, and sends one reminder.
//
// - Every query carries its server/access fragment (seesNotice, managesNotice), so a notice
//   of another building or staircase is NOT_FOUND, never "forbidden".
// - A notice is published once: the conditional update that sets publishedAt (from null)
//   decides who sends its notifications, whether the request itself publishes it or the
//   scheduled job (several instances: the job lease, and this update behind it).
// - The body is Markdown rendered once, when written, to sanitised HTML (markdown.ts).
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { homeStaircases, managesBuilding, managesNotice, seesNotice } from "../access";
import { isUniqueViolation } from "../lib/db-errors";
import { markReadAbout, markReadAboutForAll, notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { renderNoticeMarkdown } from "./markdown";
import { attachmentUrl } from "./files";
import type { TManagedNotice, TNotice, TNoticeCategory, TNoticeCreate, TNoticeReport, TNoticeState, TNoticeTarget, TNoticeUpdate, TNoticeUrgency } from "./schema";

const LIST_LIMIT = 100;

const include = {
  targets: { include: { building: { select: { name: true } } }, orderBy: [{ buildingId: "asc" }, { staircase: "asc" }] },
  attachments: { orderBy: { position: "asc" } },
  author: { select: { name: true } },
} satisfies Prisma.NoticeInclude;
type TRow = Prisma.NoticeGetPayload<{ include: typeof include }>;

const isExpired = (r: { expiresAt: Date | null }, now: Date) => r.expiresAt !== null && r.expiresAt <= now;

function baseView(r: TRow, now: Date) {
  return {
    id: r.id,
    title: r.title,
    bodyHtml: r.bodyHtml,
    category: r.category as TNoticeCategory,
    urgency: r.urgency as TNoticeUrgency,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    publishAt: r.publishAt,
    expiresAt: r.expiresAt,
    pinned: r.pinned,
    editedAt: r.editedAt,
    isExpired: isExpired(r, now),
    targets: r.targets.map((t) => ({ buildingId: t.buildingId, buildingName: t.building.name, staircase: t.staircase })),
    attachments: r.attachments.map((a) => ({ id: a.id, kind: a.kind as "image" | "pdf", name: a.name, bytes: a.bytes, url: attachmentUrl(a.id) })),
    authorName: r.author.name,
  };
}

/** Pinned first, then urgent, then newest. */
const rank = (a: { pinned: boolean; urgency: string; publishAt: Date }, b: typeof a) =>
  Number(b.pinned) - Number(a.pinned) || Number(b.urgency === "urgent") - Number(a.urgency === "urgent") || b.publishAt.getTime() - a.publishAt.getTime();

// ─── Who a notice reaches ───────────────────────────────────────────────────

/** The memberships a list of targets covers: active members of the buildings, or of the staircases. */
function membersWhere(targets: TNoticeTarget[]): Prisma.MembershipWhereInput {
  const wholes = targets.filter((t) => t.staircase === "").map((t) => t.buildingId);
  const stairs = targets.filter((t) => t.staircase !== "");
  return {
    status: "active",
    OR: [...(wholes.length ? [{ buildingId: { in: wholes } }] : []), ...stairs.map((t) => ({ buildingId: t.buildingId, unit: { buildingId: t.buildingId, staircase: t.staircase } }))],
  };
}

async function members(db: Db, targets: TNoticeTarget[]) {
  if (targets.length === 0) return [];
  return db.membership.findMany({ where: membersWhere(targets), select: { userId: true, unitId: true } });
}

/** Checks that the caller manages every target building and that each staircase exists. */
async function checkTargets(db: Db, userId: string, targets: TNoticeTarget[]) {
  const ids = [...new Set(targets.map((t) => t.buildingId))];
  const buildings = await db.building.findMany({ where: { id: { in: ids }, ...managesBuilding(userId) }, select: { id: true, name: true } });
  if (buildings.length !== ids.length) throw new AppError("NOT_FOUND", "Building not found");
  const names = new Map(buildings.map((b) => [b.id, b.name]));
  const stairs = targets.filter((t) => t.staircase !== "");
  if (stairs.length) {
    const found = await db.unit.findMany({ where: { OR: stairs.map((t) => ({ buildingId: t.buildingId, staircase: t.staircase })) }, select: { buildingId: true, staircase: true }, distinct: ["buildingId", "staircase"] });
    const ok = new Set(found.map((u) => `${u.buildingId}\u0000${u.staircase}`));
    const missing = stairs.find((t) => !ok.has(`${t.buildingId}\u0000${t.staircase}`));
    if (missing) throw new AppError("NOTICE_STAIRCASE", "No such staircase", { building: names.get(missing.buildingId) ?? "", staircase: missing.staircase });
  }
}

/** Before sending: how many units and residents a notice to these targets reaches. */
export async function audience(db: Db, userId: string, targets: TNoticeTarget[]) {
  await checkTargets(db, userId, targets);
  const list = await members(db, targets);
  return { units: new Set(list.map((m) => m.unitId)).size, residents: new Set(list.map((m) => m.userId)).size };
}

/** The rooms a notice's events go to: whole buildings' rooms, the units of its staircases, its managers. */
async function eventTargets(db: Db, noticeId: string) {
  const targets = await db.noticeTarget.findMany({ where: { noticeId }, select: { buildingId: true, staircase: true } });
  const stairs = targets.filter((t) => t.staircase !== "");
  const units = stairs.length ? await db.unit.findMany({ where: { OR: stairs.map((t) => ({ buildingId: t.buildingId, staircase: t.staircase })) }, select: { id: true } }) : [];
  return {
    buildingIds: [...new Set(targets.filter((t) => t.staircase === "").map((t) => t.buildingId))],
    unitIds: units.map((u) => u.id),
    managerBuildingIds: [...new Set(targets.map((t) => t.buildingId))],
  };
}

async function changed(db: Db, noticeId: string, action: "published" | "edited" | "withdrawn", urgent: boolean) {
  publish({ type: "notice.changed", noticeId, action, urgent, ...(await eventTargets(db, noticeId)) });
}

// ─── Attachments ────────────────────────────────────────────────────────────

/** Links uploaded files to a notice, in the given order; files that are not the caller's (or belong to another notice) are refused. */
async function attach(tx: Prisma.TransactionClient, userId: string, noticeId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  // The caller's own unattached uploads, or files already on this notice (a co-manager's too).
  const files = await tx.noticeAttachment.findMany({ where: { id: { in: unique }, OR: [{ noticeId: null, ownerId: userId }, { noticeId }] }, select: { id: true } });
  if (files.length !== unique.length) throw new AppError("NOTICE_ATTACHMENT", "An attachment is not available");
  await tx.noticeAttachment.updateMany({ where: { noticeId, id: { notIn: unique } }, data: { noticeId: null } });
  for (const [position, id] of unique.entries()) await tx.noticeAttachment.update({ where: { id }, data: { noticeId, position } });
}

// ─── Writing ────────────────────────────────────────────────────────────────

/** What the manager wrote, as stored (the body rendered once, here). */
const written = (input: TNoticeCreate | TNoticeUpdate, publishAt: Date) => ({
  title: input.title,
  body: input.body,
  bodyHtml: renderNoticeMarkdown(input.body),
  category: input.category,
  urgency: input.urgency,
  startsAt: input.startsAt,
  endsAt: input.endsAt,
  publishAt,
  expiresAt: input.expiresAt,
  pinned: input.pinned,
});

export async function create(db: Db, userId: string, input: TNoticeCreate, now = new Date()): Promise<TManagedNotice> {
  await checkTargets(db, userId, input.targets);
  const publishAt = input.publishAt && input.publishAt > now ? input.publishAt : now;
  if (input.expiresAt && input.expiresAt <= publishAt) throw new AppError("INVALID_INPUT", "The notice would expire before it is published", { field: "expiresAt" });
  const id = await db.$transaction(async (tx) => {
    const row = await tx.notice.create({
      data: {
        authorId: userId,
        ...written(input, publishAt),
        targets: { create: input.targets.map((t) => ({ buildingId: t.buildingId, staircase: t.staircase })) },
      },
      select: { id: true },
    });
    if (input.attachmentIds.length) await attach(tx, userId, row.id, input.attachmentIds);
    return row.id;
  });
  if (publishAt <= now) await publishOne(db, id, now);
  return getForManager(db, userId, id, now);
}

export async function update(db: Db, userId: string, input: TNoticeUpdate, now = new Date()): Promise<TManagedNotice> {
  const scoped = { id: input.id, ...managesNotice(userId) };
  const before = await db.notice.findFirst({ where: scoped, include: { targets: true } });
  if (!before) throw new AppError("NOT_FOUND", "Notice not found");
  if (before.withdrawnAt) throw new AppError("NOTICE_STATE", "This notice was withdrawn", { state: "withdrawn" });
  const isPublished = before.publishedAt !== null;
  if (input.targets) {
    const key = (list: { buildingId: string; staircase: string }[]) => list.map((t) => `${t.buildingId}\u0000${t.staircase}`).sort().join("\u0001");
    if (isPublished && key(input.targets) !== key(before.targets)) throw new AppError("NOTICE_TARGETS_LOCKED", "Targets are fixed once published");
    if (!isPublished) await checkTargets(db, userId, input.targets);
  }
  // Urgency decides what residents were sent (an urgent notification to acknowledge, or not).
  if (isPublished && input.urgency !== before.urgency) throw new AppError("NOTICE_URGENCY_LOCKED", "Urgency is fixed once published");
  // A published notice keeps its publication time; a scheduled one may move (or go out now).
  const publishAt = isPublished ? before.publishAt : input.publishAt && input.publishAt > now ? input.publishAt : now;
  if (input.expiresAt && input.expiresAt <= publishAt) throw new AppError("INVALID_INPUT", "The notice would expire before it is published", { field: "expiresAt" });
  await db.$transaction(async (tx) => {
    // Conditional on what was read: a withdrawal or a publication in between is not overwritten.
    const { count } = await tx.notice.updateMany({
      where: { ...scoped, withdrawnAt: null, publishedAt: isPublished ? { not: null } : null },
      data: {
        ...written(input, publishAt),
        ...(isPublished ? { editedAt: now } : {}),
      },
    });
    if (count === 0) throw new AppError("NOTICE_STATE", "This notice changed meanwhile", { state: "changed" });
    if (input.targets && !isPublished) {
      await tx.noticeTarget.deleteMany({ where: { noticeId: input.id } });
      await tx.noticeTarget.createMany({ data: input.targets.map((t) => ({ noticeId: input.id, buildingId: t.buildingId, staircase: t.staircase })) });
    }
    await attach(tx, userId, input.id, input.attachmentIds);
  });
  if (isPublished) await changed(db, input.id, "edited", input.urgency === "urgent");
  else if (publishAt <= now) await publishOne(db, input.id, now);
  return getForManager(db, userId, input.id, now);
}

export async function withdraw(db: Db, userId: string, id: string, now = new Date()): Promise<TManagedNotice> {
  const scoped = { id, ...managesNotice(userId) };
  const { count } = await db.notice.updateMany({ where: { ...scoped, withdrawnAt: null }, data: { withdrawnAt: now } });
  if (count === 0) {
    const row = await db.notice.findFirst({ where: scoped, select: { id: true } });
    if (!row) throw new AppError("NOT_FOUND", "Notice not found");
    throw new AppError("NOTICE_STATE", "Already withdrawn", { state: "withdrawn" });
  }
  const row = await db.notice.findUniqueOrThrow({ where: { id }, select: { urgency: true, publishedAt: true } });
  // Notifications about it now lead to a notice that is gone: mark them read.
  await markReadAboutForAll(db, ["notice", "urgentNotice"], id, now);
  if (row.publishedAt) await changed(db, id, "withdrawn", row.urgency === "urgent");
  return getForManager(db, userId, id, now);
}

// ─── Publishing (now, or at its time) ───────────────────────────────────────

/**
 * Publishes one notice if nobody has: the conditional update is the one decision, so the
 * notifications go out once whatever runs this (the request, the job on any instance).
 */
async function publishOne(db: Db, id: string, now: Date): Promise<boolean> {
  const author = await db.notice.findUnique({ where: { id }, select: { authorId: true } });
  if (!author) return false;
  // Its author must still manage every building it addresses when it goes out (a manager
  // replaced between scheduling and publishing does not speak for the building any more).
  const { count } = await db.notice.updateMany({
    where: { id, publishedAt: null, withdrawnAt: null, publishAt: { lte: now }, ...managesNotice(author.authorId) },
    data: { publishedAt: now },
  });
  if (count === 0) return false;
  const row = await db.notice.findUniqueOrThrow({ where: { id }, include: { targets: { include: { building: { select: { name: true } } } } } });
  const list = await members(db, row.targets);
  const isUrgent = row.urgency === "urgent";
  const names = [...new Set(row.targets.map((t) => t.building.name))];
  const building = names.length > 2 ? `${names.slice(0, 2).join(", ")}…` : names.join(", ");
  const userIds = [...new Set(list.map((m) => m.userId))].filter((u) => u !== row.authorId);
  const params = { title: row.title, building, category: row.category };
  // Residents' pages first (the notice is visible from the update above), its notifications next.
  await changed(db, id, "published", isUrgent);
  await notify(
    db,
    userIds.map((userId) =>
      isUrgent
        ? { userId, kind: "urgentNotice" as const, params: { ...params, reminder: 0 }, ref: id, dedupeKey: `notice:${id}:${userId}` }
        : { userId, kind: "notice" as const, params, ref: id, dedupeKey: `notice:${id}:${userId}` },
    ),
  );
  // Withdrawn while its notifications were being written (the usual reason to withdraw:
  // sent to the wrong building): the withdrawal's clean-up ran before they existed.
  const after = await db.notice.findUniqueOrThrow({ where: { id }, select: { withdrawnAt: true } });
  if (after.withdrawnAt) await markReadAboutForAll(db, ["notice", "urgentNotice"], id);
  return true;
}

/** The scheduled job: publishes the notices whose time has come. Returns how many. */
export async function publishDue(db: Db, now = new Date()): Promise<number> {
  const due = await db.notice.findMany({ where: { publishedAt: null, withdrawnAt: null, publishAt: { lte: now } }, select: { id: true }, orderBy: { publishAt: "asc" }, take: 100 });
  let published = 0;
  for (const { id } of due) if (await publishOne(db, id, now)) published++;
  return published;
}

// ─── Residents ──────────────────────────────────────────────────────────────

async function residentWhere(db: Db, userId: string) {
  return seesNotice(userId, await homeStaircases(db, userId));
}

async function withReads(db: Db, userId: string, rows: TRow[], now: Date): Promise<TNotice[]> {
  const reads = await db.noticeRead.findMany({ where: { userId, noticeId: { in: rows.map((r) => r.id) } } });
  const byId = new Map(reads.map((r) => [r.noticeId, r]));
  return rows.map((r) => ({ ...baseView(r, now), seenAt: byId.get(r.id)?.seenAt ?? null, acknowledgedAt: byId.get(r.id)?.acknowledgedAt ?? null }));
}

/** The notices of the caller's buildings and staircases: current ones, or the archive (expired). */
export async function listForResident(db: Db, userId: string, archive: boolean, now = new Date()): Promise<TNotice[]> {
  const where = await residentWhere(db, userId);
  const rows = await db.notice.findMany({
    where: { ...where, ...(archive ? { expiresAt: { lte: now } } : { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }) },
    include,
    // Pinned first in the query too, so a pinned notice is never cut by the limit.
    orderBy: archive ? [{ publishAt: "desc" }, { id: "desc" }] : [{ pinned: "desc" }, { publishAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  const list = await withReads(db, userId, rows, now);
  return archive ? list : list.sort(rank);
}

/** One notice; opening it records that the caller saw it. */
export async function getForResident(db: Db, userId: string, id: string, now = new Date()): Promise<TNotice> {
  const row = await db.notice.findFirst({ where: { id, ...(await residentWhere(db, userId)) }, include });
  if (!row) throw new AppError("NOT_FOUND", "Notice not found");
  const isNew = await markSeen(db, userId, id, now);
  if (isNew) {
    // Opened: its notification is read (an urgent one stays until acknowledged).
    await markReadAbout(db, userId, "notice", id);
    publish({ type: "notice.read", noticeId: id, buildingIds: [...new Set(row.targets.map((t) => t.buildingId))] });
  }
  return (await withReads(db, userId, [row], now))[0]!;
}

async function markSeen(db: Db, userId: string, noticeId: string, now: Date): Promise<boolean> {
  try {
    await db.noticeRead.create({ data: { noticeId, userId, seenAt: now } });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return false;
  }
}

/** "I have read this", for an urgent notice. Idempotent: the first time counts. */
export async function acknowledge(db: Db, userId: string, id: string, now = new Date()): Promise<TNotice> {
  const row = await db.notice.findFirst({ where: { id, ...(await residentWhere(db, userId)) }, include });
  if (!row) throw new AppError("NOT_FOUND", "Notice not found");
  if (row.urgency !== "urgent") throw new AppError("NOTICE_NOT_URGENT", "Only urgent notices are acknowledged");
  await markSeen(db, userId, id, now);
  const { count } = await db.noticeRead.updateMany({ where: { noticeId: id, userId, acknowledgedAt: null }, data: { acknowledgedAt: now } });
  if (count) {
    await markReadAbout(db, userId, "urgentNotice", id);
    publish({ type: "notice.read", noticeId: id, buildingIds: [...new Set(row.targets.map((t) => t.buildingId))] });
  }
  return (await withReads(db, userId, [row], now))[0]!;
}

/** Urgent notices the caller has not acknowledged yet (the banner on every page). */
export async function pendingUrgent(db: Db, userId: string, now = new Date()) {
  const rows = await db.notice.findMany({
    where: {
      ...(await residentWhere(db, userId)),
      urgency: "urgent",
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
      reads: { none: { userId, acknowledgedAt: { not: null } } },
    },
    select: { id: true, title: true, category: true, publishAt: true },
    orderBy: { publishAt: "desc" },
    take: 10,
  });
  return rows.map((r) => ({ ...r, category: r.category as TNoticeCategory }));
}

/** How many current notices the caller has not opened (the badge). */
export async function unseenCount(db: Db, userId: string, now = new Date()): Promise<number> {
  return db.notice.count({ where: { ...(await residentWhere(db, userId)), OR: [{ expiresAt: null }, { expiresAt: { gt: now } }], reads: { none: { userId } } } });
}

// ─── The building's manager ─────────────────────────────────────────────────

function stateOf(r: { publishedAt: Date | null; withdrawnAt: Date | null; expiresAt: Date | null }, now: Date): TNoticeState {
  if (r.withdrawnAt) return "withdrawn";
  if (!r.publishedAt) return "scheduled";
  return isExpired(r, now) ? "expired" : "published";
}

/** People in a notice's audience now (a relation filter: no list of ids travels to the database). */
const inAudience = (targets: TNoticeTarget[]): Prisma.UserWhereInput => ({ memberships: { some: membersWhere(targets) } });

async function managedViews(db: Db, rows: TRow[], now: Date): Promise<TManagedNotice[]> {
  // Most of a building's notices address the same targets: count their audience once.
  const reachedBy = new Map<string, Promise<number>>();
  return Promise.all(
    rows.map(async (r) => {
      const key = r.targets.map((t) => `${t.buildingId}\u0000${t.staircase}`).join("\u0001");
      if (!reachedBy.has(key)) reachedBy.set(key, db.user.count({ where: inAudience(r.targets) }));
      const audience = inAudience(r.targets);
      const [reached, seen, acknowledged] = await Promise.all([
        reachedBy.get(key)!,
        r.publishedAt ? db.noticeRead.count({ where: { noticeId: r.id, user: audience } }) : 0,
        r.publishedAt && r.urgency === "urgent" ? db.noticeRead.count({ where: { noticeId: r.id, acknowledgedAt: { not: null }, user: audience } }) : 0,
      ]);
      return {
        ...baseView(r, now),
        body: r.body,
        state: stateOf(r, now),
        publishedAt: r.publishedAt,
        withdrawnAt: r.withdrawnAt,
        reminderSentAt: r.reminderSentAt,
        reached,
        seen,
        acknowledged,
      };
    }),
  );
}

/** A building's notices for one of its managers: scheduled, current, expired and withdrawn. */
export async function listForManager(db: Db, userId: string, buildingId: string, now = new Date()): Promise<TManagedNotice[]> {
  const building = await db.building.findFirst({ where: { id: buildingId, ...managesBuilding(userId) }, select: { id: true } });
  if (!building) throw new AppError("NOT_FOUND", "Building not found");
  const rows = await db.notice.findMany({
    where: { ...managesNotice(userId), targets: { some: { buildingId }, every: { building: managesBuilding(userId) } } },
    include,
    orderBy: [{ publishAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  return managedViews(db, rows, now);
}

export async function getForManager(db: Db, userId: string, id: string, now = new Date()): Promise<TManagedNotice> {
  const row = await db.notice.findFirst({ where: { id, ...managesNotice(userId) }, include });
  if (!row) throw new AppError("NOT_FOUND", "Notice not found");
  return (await managedViews(db, [row], now))[0]!;
}

/** Who saw it, who acknowledged it, and the units where nobody did (to knock on doors). */
export async function report(db: Db, userId: string, id: string): Promise<TNoticeReport> {
  const row = await db.notice.findFirst({ where: { id, ...managesNotice(userId) }, include: { targets: true } });
  if (!row) throw new AppError("NOT_FOUND", "Notice not found");
  const list = await members(db, row.targets);
  const reads = await db.noticeRead.findMany({ where: { noticeId: id, user: inAudience(row.targets) }, select: { userId: true, acknowledgedAt: true } });
  const seen = new Set(reads.map((r) => r.userId));
  const acked = new Set(reads.filter((r) => r.acknowledgedAt).map((r) => r.userId));
  const reachedBy = row.urgency === "urgent" ? acked : seen;
  const byUnit = new Map<string, string[]>();
  for (const m of list) byUnit.set(m.unitId, [...(byUnit.get(m.unitId) ?? []), m.userId]);
  const missing = [...byUnit].filter(([, users]) => !users.some((u) => reachedBy.has(u)));
  const missingIds = new Set(missing.map(([unitId]) => unitId));
  const wholes = row.targets.filter((t) => t.staircase === "").map((t) => t.buildingId);
  const stairs = row.targets.filter((t) => t.staircase !== "");
  // The targets' units (no list of ids: a building may have thousands), then those nobody reached.
  const allUnits = await db.unit.findMany({
    where: { OR: [...(wholes.length ? [{ buildingId: { in: wholes } }] : []), ...stairs.map((t) => ({ buildingId: t.buildingId, staircase: t.staircase }))] },
    select: { id: true, staircase: true, floor: true, door: true, building: { select: { name: true } } },
    orderBy: [{ buildingId: "asc" }, { staircase: "asc" }, { floor: "asc" }, { door: "asc" }],
  });
  const units = allUnits.filter((u) => missingIds.has(u.id));
  const residentsIn = new Map(missing.map(([unitId, users]) => [unitId, new Set(users).size]));
  return {
    noticeId: id,
    urgency: row.urgency as TNoticeUrgency,
    residents: new Set(list.map((m) => m.userId)).size,
    units: byUnit.size,
    seen: seen.size,
    acknowledged: acked.size,
    reminderSentAt: row.reminderSentAt,
    unitsNotReached: units.map((u) => ({ unitId: u.id, buildingName: u.building.name, staircase: u.staircase, floor: u.floor, door: u.door, residents: residentsIn.get(u.id) ?? 0 })),
  };
}

/**
 * The urgent notices of a building still published (not withdrawn, not expired) with how many
 * of the units they reach have acknowledged them, by report()'s rule: a unit counts once one
 * of its residents acknowledged. Newest first, at most `take` (a home shows a few).
 */
export async function urgentAcknowledgements(db: Db, userId: string, buildingId: string, now = new Date(), take = 5) {
  const rows = await db.notice.findMany({
    where: {
      ...managesNotice(userId),
      targets: { some: { buildingId }, every: { building: managesBuilding(userId) } },
      urgency: "urgent",
      publishedAt: { not: null },
      withdrawnAt: null,
      OR: [{ expiresAt: null }, { expiresAt: { gt: now } }],
    },
    select: { id: true, title: true, publishedAt: true },
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    take,
  });
  return Promise.all(
    rows.map(async (r) => {
      const rep = await report(db, userId, r.id);
      return { id: r.id, title: r.title, publishedAt: r.publishedAt!, units: rep.units, acknowledgedUnits: rep.units - rep.unitsNotReached.length };
    }),
  );
}

/**
 * One reminder of an urgent notice, to the residents of the units where nobody acknowledged
 * it. Once: the conditional update on reminderSentAt decides, so a double tap (or two
 * managers) cannot send it twice.
 */
export async function remind(db: Db, userId: string, id: string, now = new Date()): Promise<{ sent: number }> {
  const row = await db.notice.findFirst({ where: { id, ...managesNotice(userId) }, include: { targets: { include: { building: { select: { name: true } } } } } });
  if (!row) throw new AppError("NOT_FOUND", "Notice not found");
  if (row.urgency !== "urgent") throw new AppError("NOTICE_NOT_URGENT", "Only urgent notices are reminded");
  const state = stateOf(row, now);
  if (state !== "published") throw new AppError("NOTICE_STATE", "Not published", { state });
  const { count } = await db.notice.updateMany({ where: { id, reminderSentAt: null }, data: { reminderSentAt: now } });
  if (count === 0) throw new AppError("NOTICE_REMINDER_SENT", "The reminder was already sent");
  const list = await members(db, row.targets);
  const acked = new Set((await db.noticeRead.findMany({ where: { noticeId: id, acknowledgedAt: { not: null } }, select: { userId: true } })).map((r) => r.userId));
  const unitsAcked = new Set(list.filter((m) => acked.has(m.userId)).map((m) => m.unitId));
  const userIds = [...new Set(list.filter((m) => !unitsAcked.has(m.unitId) && !acked.has(m.userId)).map((m) => m.userId))];
  const names = [...new Set(row.targets.map((t) => t.building.name))];
  const sent = await notify(
    db,
    userIds.map((u) => ({
      userId: u,
      kind: "urgentNotice" as const,
      params: { title: row.title, building: names.length > 2 ? `${names.slice(0, 2).join(", ")}…` : names.join(", "), category: row.category, reminder: 1 },
      ref: id,
      dedupeKey: `notice:${id}:reminder:${u}`,
    })),
  );
  publish({ type: "notice.read", noticeId: id, buildingIds: [...new Set(row.targets.map((t) => t.buildingId))] });
  return { sent };
}

/** The buildings (and their staircases) a manager can address, for the form. */
export async function targetsForManager(db: Db, userId: string) {
  const buildings = await db.building.findMany({
    where: managesBuilding(userId),
    select: { id: true, name: true, units: { select: { staircase: true }, distinct: ["staircase"], orderBy: { staircase: "asc" } } },
    orderBy: { name: "asc" },
  });
  return buildings.map((b) => ({ id: b.id, name: b.name, staircases: b.units.map((u) => u.staircase).filter((s) => s !== "") }));
}

/** Whether the user can read a notice's attachment: its audience, its managers, or the uploader before it is attached. */
export async function canReadAttachment(db: Db, userId: string, attachmentId: string) {
  const file = await db.noticeAttachment.findUnique({ where: { id: attachmentId } });
  if (!file) return null;
  if (file.ownerId === userId) return file;
  if (!file.noticeId) return null;
  const staircases = await homeStaircases(db, userId);
  const visible = await db.notice.count({ where: { id: file.noticeId, OR: [seesNotice(userId, staircases), managesNotice(userId)] } });
  return visible ? file : null;
}

