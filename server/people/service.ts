// People (issue 16): admins find a person, see their roles, homes and shops, grant or
// withdraw roles, suspend and restore accounts and shops, and act on a chat report. Every
// change writes its audit row in its own transaction (audit.ts) and is announced after the
// commit: a suspended person's sessions end and their sockets are cut at once
// (server/auth/revocation.ts); a role change counts from their next request, since sessions
// read roles from the database (readSession), and their sockets reconnect with the rooms of
// their roles as they are now.
import type { Db, DbTx } from "../db";
import { sqlOf } from "../db";
import { AppError } from "../errors";
import { announceRevocation, forgetSessionState, revokeSessions } from "../auth/revocation";
import { ZRole, type TRole } from "../auth/roles";
import { publish } from "../realtime/emit";
import { latestShopSuspensions, shopSuspensionReasons, writeAudit } from "./audit";
import { PAGE_SIZE, type TPerson, type TPersonState } from "./schema";

type TAfter = () => void;

function stateOf(u: { suspendedAt: Date | null; deletionRequestedAt: Date | null; deletedAt: Date | null }): TPersonState {
  if (u.deletedAt) return "deleted";
  if (u.suspendedAt) return "suspended";
  if (u.deletionRequestedAt) return "deletionRequested";
  return "active";
}

const rolesOf = (rows: { role: string }[]): TRole[] => rows.map((r) => r.role).filter((r): r is TRole => ZRole.safeParse(r).success);

const capitalised = (q: string) => q.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());

/**
 * Name or email contains `q`, whatever the case, on both databases: PostgreSQL's ILIKE
 * (Prisma's `mode: "insensitive"`); SQLite's LIKE ignores case for ASCII only, so the
 * usual spellings of accented text are asked too ("léa" finds "Léa", "ÉQUIPE" "Équipe").
 */
function searchWhere(db: Db, q: string) {
  if (!q) return {};
  if (sqlOf(db).kind === "postgres") {
    return { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { email: { contains: q, mode: "insensitive" as const } }] };
  }
  const variants = [...new Set([q, q.toLowerCase(), q.toUpperCase(), capitalised(q)])];
  return { OR: [...variants.map((v) => ({ name: { contains: v } })), { email: { contains: q.toLowerCase() } }] };
}

const personSelect = {
  id: true,
  name: true,
  email: true,
  createdAt: true,
  suspendedAt: true,
  deletionRequestedAt: true,
  deletedAt: true,
  roles: { select: { role: true }, orderBy: { role: "asc" as const } },
};

export async function listPeople(db: Db, input: { q: string; page: number }) {
  const where = searchWhere(db, input.q);
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, select: personSelect, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (input.page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
  ]);
  return {
    items: rows.map((u) => ({ id: u.id, name: u.name, email: u.email, roles: rolesOf(u.roles), state: stateOf(u), createdAt: u.createdAt })),
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}

export async function getPerson(db: Db, actorId: string, userId: string): Promise<TPerson> {
  const u = await db.user.findUnique({
    where: { id: userId },
    select: {
      ...personSelect,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { id: true, status: true, unit: { select: { staircase: true, floor: true, door: true, building: { select: { name: true } } } } },
      },
      managedBuildings: { select: { building: { select: { id: true, name: true } } } },
      shops: { orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true, status: true } },
    },
  });
  if (!u) throw new AppError("NOT_FOUND", "Person not found");
  const [suspension, reasons] = await Promise.all([
    u.suspendedAt
      ? db.auditLog.findFirst({
          where: { action: "user.suspend", targetType: "user", targetId: u.id },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { reason: true, actor: { select: { name: true } } },
        })
      : null,
    shopSuspensionReasons(
      db,
      u.shops.filter((s) => s.status === "suspended").map((s) => s.id),
    ),
  ]);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    roles: rolesOf(u.roles),
    state: stateOf(u),
    createdAt: u.createdAt,
    suspension: u.suspendedAt ? { at: u.suspendedAt, reason: suspension?.reason ?? "", byName: suspension?.actor?.name ?? null } : null,
    deletionRequestedAt: u.deletionRequestedAt,
    memberships: u.memberships.map((m) => ({ id: m.id, buildingName: m.unit.building.name, staircase: m.unit.staircase, floor: m.unit.floor, door: m.unit.door, status: m.status })),
    managedBuildings: u.managedBuildings.map((b) => b.building),
    shops: u.shops.map((s) => ({
      id: s.id,
      name: s.name,
      kind: s.kind === "repairer" ? "repairer" : "shop",
      status: s.status as TPerson["shops"][number]["status"],
      suspensionReason: s.status === "suspended" ? (reasons.get(s.id) ?? "") : null,
    })),
    isSelf: u.id === actorId,
  };
}

// ─── Changes ───────────────────────────────────────────────────────────────

/**
 * Admins' changes that could leave nobody able to administer (withdrawing admin, suspending
 * an admin) queue behind each other: the admin role rows are locked (a no-op update: row
 * locks on PostgreSQL; SQLite has one writer anyway), then the actor must still be a working
 * admin. Two admins withdrawing each other at once: the second finds it no longer is one.
 */
async function lockAsWorkingAdmin(tx: DbTx, actorId: string) {
  await tx.userRole.updateMany({ where: { role: "admin" }, data: { role: "admin" } });
  const actor = await tx.user.findFirst({ where: { id: actorId, suspendedAt: null, deletedAt: null, roles: { some: { role: "admin" } } }, select: { id: true } });
  if (!actor) throw new AppError("FORBIDDEN", "You are no longer an administrator");
}

async function livePerson(tx: DbTx, userId: string) {
  const u = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, deletedAt: true, suspendedAt: true } });
  if (!u) throw new AppError("NOT_FOUND", "Person not found");
  if (u.deletedAt) throw new AppError("PERSON_STATE", "This account is deleted");
  return u;
}

const changedRoles = (userId: string): TAfter => () => {
  forgetSessionState(userId);
  publish({ type: "people.changed", userId, rejoin: true });
};

export async function grantRole(db: Db, actorId: string, input: { userId: string; role: TRole }) {
  const after = await db.$transaction(async (tx) => {
    await lockAsWorkingAdmin(tx, actorId);
    const u = await livePerson(tx, input.userId);
    const had = await tx.userRole.findUnique({ where: { userId_role: { userId: u.id, role: input.role } } });
    if (had) return null; // nothing changed, nothing to record
    await tx.userRole.create({ data: { userId: u.id, role: input.role } });
    await writeAudit(tx, { actorId, action: "role.grant", target: { type: "user", id: u.id }, detail: { role: input.role, name: u.name } });
    return changedRoles(u.id);
  });
  after?.();
  return { ok: true as const };
}

export async function withdrawRole(db: Db, actorId: string, input: { userId: string; role: TRole }) {
  if (input.role === "admin" && input.userId === actorId) throw new AppError("SELF_PROTECTED", "You cannot withdraw your own admin role");
  const after = await db.$transaction(async (tx) => {
    await lockAsWorkingAdmin(tx, actorId);
    const u = await livePerson(tx, input.userId);
    const { count } = await tx.userRole.deleteMany({ where: { userId: u.id, role: input.role } });
    if (!count) return null;
    if (input.role === "admin") {
      const left = await tx.user.count({ where: { suspendedAt: null, deletedAt: null, roles: { some: { role: "admin" } } } });
      if (left === 0) throw new AppError("LAST_ADMIN", "The last administrator keeps the admin role");
    }
    await writeAudit(tx, { actorId, action: "role.withdraw", target: { type: "user", id: u.id }, detail: { role: input.role, name: u.name } });
    return changedRoles(u.id);
  });
  after?.();
  return { ok: true as const };
}

/** In the caller's transaction: the account suspended, its sessions ended, the audit row. */
async function suspendPersonIn(tx: DbTx, actorId: string, userId: string, reason: string, now: Date): Promise<TAfter> {
  if (userId === actorId) throw new AppError("SELF_PROTECTED", "You cannot suspend yourself");
  await lockAsWorkingAdmin(tx, actorId);
  const u = await livePerson(tx, userId);
  const { count } = await tx.user.updateMany({ where: { id: u.id, suspendedAt: null, deletedAt: null }, data: { suspendedAt: now } });
  if (!count) throw new AppError("PERSON_STATE", "This account is already suspended");
  await revokeSessions(tx, u.id, null);
  await writeAudit(tx, { actorId, action: "user.suspend", target: { type: "user", id: u.id }, detail: { name: u.name }, reason });
  // Their open shops close with them: no one would take the orders and bookings residents
  // could still place. Marked `withOwner`, so that restoring the account reopens these only.
  const shops = await tx.shop.findMany({ where: { ownerId: u.id, status: "approved" }, select: { id: true } });
  const reopened: TAfter[] = [];
  for (const shop of shops) reopened.push(await suspendShopIn(tx, actorId, shop.id, reason, now, true));
  return () => {
    announceRevocation(u.id, null);
    publish({ type: "people.changed", userId: u.id, rejoin: false });
    for (const after of reopened) after();
  };
}

export async function suspendPerson(db: Db, actorId: string, input: { userId: string; reason: string }, now = new Date()) {
  const after = await db.$transaction((tx) => suspendPersonIn(tx, actorId, input.userId, input.reason, now));
  after();
  return { ok: true as const };
}

export async function restorePerson(db: Db, actorId: string, input: { userId: string; reason: string }, now = new Date()) {
  const after = await db.$transaction(async (tx) => {
    await lockAsWorkingAdmin(tx, actorId);
    const u = await livePerson(tx, input.userId);
    const { count } = await tx.user.updateMany({ where: { id: u.id, suspendedAt: { not: null }, deletedAt: null }, data: { suspendedAt: null } });
    if (!count) throw new AppError("PERSON_STATE", "This account is not suspended");
    await writeAudit(tx, { actorId, action: "user.restore", target: { type: "user", id: u.id }, detail: { name: u.name }, reason: input.reason });
    // The shops that closed with the account reopen; a shop suspended on its own stays so.
    const suspended = await tx.shop.findMany({ where: { ownerId: u.id, status: "suspended" }, select: { id: true } });
    const withOwner = await shopsSuspendedWithOwner(tx, suspended.map((x) => x.id));
    const reopened: TAfter[] = [];
    for (const shopId of withOwner) reopened.push(await restoreShopIn(tx, actorId, shopId, input.reason, now));
    return () => {
      forgetSessionState(u.id);
      publish({ type: "people.changed", userId: u.id, rejoin: false });
      for (const after of reopened) after();
    };
  });
  after();
  return { ok: true as const };
}

// ─── Shops ─────────────────────────────────────────────────────────────────

/** After a shop's visibility changed: its owner's pages, admins' lists, residents' lists of shops or repairers. */
async function shopVisibilityChanged(tx: DbTx, shopId: string): Promise<TAfter> {
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { ownerId: true, kind: true, buildings: { select: { buildingId: true } }, repair: { select: { shopId: true } } } });
  const buildingIds = shop.buildings.map((b) => b.buildingId);
  return () => {
    publish({ type: "shops.changed", shopId, ownerId: shop.ownerId });
    publish({ type: "catalogue.changed", shopId, buildingIds });
    if (shop.repair) publish({ type: "repair.slots", serviceId: shop.repair.shopId, buildingIds });
    publish({ type: "people.changed", userId: shop.ownerId, rejoin: false });
  };
}

async function moveShop(tx: DbTx, actorId: string, shopId: string, from: string, to: string, now: Date) {
  const { count } = await tx.shop.updateMany({ where: { id: shopId, status: from }, data: { status: to, decidedById: actorId, decidedAt: now } });
  if (count) return;
  const exists = await tx.shop.findUnique({ where: { id: shopId }, select: { id: true } });
  if (!exists) throw new AppError("NOT_FOUND", "Shop not found");
  throw new AppError("SHOP_STATE", from === "approved" ? "Only an approved shop can be suspended" : "This shop is not suspended");
}

async function suspendShopIn(tx: DbTx, actorId: string, shopId: string, reason: string, now: Date, withOwner = false): Promise<TAfter> {
  await moveShop(tx, actorId, shopId, "approved", "suspended", now);
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, ownerId: true } });
  const detail = { name: shop.name, ownerId: shop.ownerId, ...(withOwner ? { withOwner: "true" } : {}) };
  await writeAudit(tx, { actorId, action: "shop.suspend", target: { type: "shop", id: shopId }, detail, reason });
  return shopVisibilityChanged(tx, shopId);
}

async function restoreShopIn(tx: DbTx, actorId: string, shopId: string, reason: string, now: Date): Promise<TAfter> {
  await moveShop(tx, actorId, shopId, "suspended", "approved", now);
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { name: true, ownerId: true } });
  await writeAudit(tx, { actorId, action: "shop.restore", target: { type: "shop", id: shopId }, detail: { name: shop.name, ownerId: shop.ownerId }, reason });
  return shopVisibilityChanged(tx, shopId);
}

/** Of these suspended shops, those whose latest suspension came with their owner's. */
async function shopsSuspendedWithOwner(tx: DbTx, shopIds: string[]): Promise<string[]> {
  const latest = await latestShopSuspensions(tx, shopIds);
  return shopIds.filter((id) => latest.get(id)?.withOwner);
}

/** A suspended shop disappears for residents, takes no orders or bookings; its owner sees why. */
export async function suspendShop(db: Db, actorId: string, input: { shopId: string; reason: string }, now = new Date()) {
  const after = await db.$transaction((tx) => suspendShopIn(tx, actorId, input.shopId, input.reason, now));
  after();
  return { ok: true as const };
}

/** Back to approved. */
export async function restoreShop(db: Db, actorId: string, input: { shopId: string; reason: string }, now = new Date()) {
  const after = await db.$transaction((tx) => restoreShopIn(tx, actorId, input.shopId, input.reason, now));
  after();
  return { ok: true as const };
}

// ─── Chat reports ──────────────────────────────────────────────────────────

/**
 * From a reported message: suspend its sender (a person), or the shop when the sender
 * wrote as the shop; the report is resolved in the same transaction, both audited.
 */
export async function actOnReport(db: Db, actorId: string, input: { id: string; action: "suspendSender" | "suspendShop"; reason: string }, now = new Date()) {
  const after = await db.$transaction(async (tx) => {
    const report = await tx.messageReport.findUnique({
      where: { id: input.id },
      select: { id: true, message: { select: { id: true, senderId: true, sender: { select: { name: true } }, conversation: { select: { residentId: true, shopId: true, shop: { select: { name: true } } } } } } },
    });
    if (!report) throw new AppError("NOT_FOUND", "Report not found");
    const m = report.message;
    const fromShop = m.senderId !== m.conversation.residentId;
    let done: TAfter;
    if (input.action === "suspendShop") {
      if (!fromShop) throw new AppError("INVALID_INPUT", "This message was not sent by the shop");
      done = await suspendShopIn(tx, actorId, m.conversation.shopId, input.reason, now);
    } else {
      done = await suspendPersonIn(tx, actorId, m.senderId, input.reason, now);
    }
    await tx.messageReport.update({ where: { id: report.id }, data: { status: "actioned", reviewedById: actorId, reviewedAt: now } });
    await writeAudit(tx, {
      actorId,
      action: "report.resolve",
      target: { type: "report", id: report.id },
      detail: { name: fromShop ? m.conversation.shop.name : m.sender.name, messageId: m.id, act: input.action },
      reason: input.reason,
    });
    return done;
  });
  after();
  publish({ type: "chat.reported" });
  return { ok: true as const };
}
