// Buildings, units, invite codes and membership: the rules of who belongs where.
import { randomInt } from "node:crypto";
import type { z } from "zod";
import type { Db } from "../db";
import { assertManages, managesBuilding } from "../access";
import { AppError } from "../errors";
import { publish } from "../realtime/emit";
import * as repo from "./repository";
import {
  INVITE_ALPHABET,
  type TBuildingInput,
  type ZBuildingUpdate,
  type ZDecideInput,
  type ZInviteCreateInput,
  type ZJoinRequestInput,
  type ZUnitGenerateInput,
  type ZUnitInput,
} from "./schema";
import { isUniqueViolation } from "../lib/db-errors";


// ─── Buildings (managers) ──────────────────────────────────────────────────

export async function createBuilding(db: Db, userId: string, input: TBuildingInput) {
  return db.building.create({ data: { ...input, managers: { create: { userId } } } });
}

export async function updateBuilding(db: Db, userId: string, { id, data }: z.infer<typeof ZBuildingUpdate>) {
  const { count } = await db.building.updateMany({ where: { id, ...managesBuilding(userId) }, data });
  if (count === 0) throw new AppError("NOT_FOUND", "Building not found");
  return (await repo.findManagedBuilding(db, userId, id))!;
}

export const listManagedBuildings = (db: Db, userId: string) => repo.listManagedBuildings(db, userId);

export async function getManagedBuilding(db: Db, userId: string, id: string) {
  const building = await repo.findManagedBuilding(db, userId, id);
  if (!building) throw new AppError("NOT_FOUND", "Building not found");
  return { ...building, units: await repo.listUnits(db, id) };
}

// ─── Units ─────────────────────────────────────────────────────────────────

export async function createUnit(db: Db, userId: string, buildingId: string, input: z.infer<typeof ZUnitInput>) {
  await assertManages(db, userId, buildingId);
  try {
    return await db.unit.create({ data: { ...input, buildingId } });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("UNIT_EXISTS", "This building already has that staircase and door");
    throw e;
  }
}

/** Creates every unit of a floor range; existing doors are left alone and counted. */
export async function generateUnits(db: Db, userId: string, input: z.infer<typeof ZUnitGenerateInput>) {
  await assertManages(db, userId, input.buildingId);
  const wanted: { staircase: string; floor: number; door: string }[] = [];
  for (let floor = input.fromFloor; floor <= input.toFloor; floor++) {
    for (let n = 1; n <= input.doorsPerFloor; n++) {
      wanted.push({ staircase: input.staircase, floor, door: `${floor}${String(n).padStart(2, "0")}` });
    }
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.unit.findMany({
      where: { buildingId: input.buildingId, staircase: input.staircase, door: { in: wanted.map((w) => w.door) } },
      select: { door: true },
    });
    const taken = new Set(existing.map((e) => e.door));
    const fresh = wanted.filter((w) => !taken.has(w.door));
    if (fresh.length) await tx.unit.createMany({ data: fresh.map((w) => ({ ...w, buildingId: input.buildingId })) });
    return { created: fresh.length, skipped: taken.size };
  });
}

/** A unit can be removed only while nobody belongs to it or asked to. */
export async function deleteUnit(db: Db, userId: string, unitId: string) {
  const unit = await repo.findManagedUnit(db, userId, unitId);
  if (!unit) throw new AppError("NOT_FOUND", "Unit not found");
  const inUse = await db.membership.count({ where: { unitId, status: { in: ["active", "pending"] } } });
  if (inUse > 0) throw new AppError("UNIT_IN_USE", "Residents belong to this unit; remove them first");
  // Bills are money records: a unit that has any is kept.
  if ((await db.bill.count({ where: { unitId } })) > 0) throw new AppError("UNIT_IN_USE", "This unit has bills; it cannot be removed");
  await db.unit.delete({ where: { id: unitId } });
  return { ok: true as const };
}

// ─── Invite codes ──────────────────────────────────────────────────────────

function newCode(): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return s;
}

export const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export async function createInvite(db: Db, userId: string, input: z.infer<typeof ZInviteCreateInput>, now = new Date()) {
  const unit = await repo.findManagedUnit(db, userId, input.unitId);
  if (!unit) throw new AppError("NOT_FOUND", "Unit not found");
  const expiresAt = new Date(now.getTime() + input.expiresInDays * 86_400_000);
  // 31^8 ≈ 8.5e11 codes: a collision is rare; retry a few times on the unique constraint.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const invite = await db.inviteCode.create({
        data: { code: newCode(), buildingId: unit.buildingId, unitId: unit.id, maxUses: input.maxUses, expiresAt, createdById: userId },
        include: { unit: true },
      });
      return toInvite(invite, now);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new AppError("INTERNAL", "Could not allocate an invite code");
}

type InviteRow = Awaited<ReturnType<typeof repo.listInvites>>[number];
function toInvite(i: InviteRow, now: Date) {
  const isUsable = !i.revokedAt && i.expiresAt > now && (i.maxUses === null || i.uses < i.maxUses);
  return {
    id: i.id,
    code: formatCode(i.code),
    unit: { id: i.unit.id, staircase: i.unit.staircase, floor: i.unit.floor, door: i.unit.door },
    maxUses: i.maxUses,
    uses: i.uses,
    expiresAt: i.expiresAt,
    revokedAt: i.revokedAt,
    createdAt: i.createdAt,
    isUsable,
  };
}

export async function listInvites(db: Db, userId: string, buildingId: string, now = new Date()) {
  await assertManages(db, userId, buildingId);
  return (await repo.listInvites(db, userId, buildingId)).map((i) => toInvite(i, now));
}

export async function revokeInvite(db: Db, userId: string, inviteId: string) {
  const { count } = await db.inviteCode.updateMany({
    where: { id: inviteId, revokedAt: null, building: managesBuilding(userId) },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "Invite not found");
  return { ok: true as const };
}

// ─── Membership (residents) ────────────────────────────────────────────────

/**
 * Joins the invite's unit. The use is counted by a conditional update (not revoked, not
 * expired, uses below maxUses), so a single-use code shared by two people admits one.
 */
export async function joinWithCode(db: Db, userId: string, code: string, now = new Date()) {
  const result = await db.$transaction(async (tx) => {
    const invite = await tx.inviteCode.findUnique({ where: { code } });
    if (!invite) throw new AppError("INVITE_INVALID", "This code is not valid or has expired");
    const existing = await tx.membership.findUnique({ where: { userId_unitId: { userId, unitId: invite.unitId } } });
    if (existing?.status === "active") throw new AppError("ALREADY_MEMBER", "You already belong to this unit");
    const { count } = await tx.inviteCode.updateMany({
      where: {
        id: invite.id,
        revokedAt: null,
        expiresAt: { gt: now },
        OR: [{ maxUses: null }, { uses: { lt: tx.inviteCode.fields.maxUses } }],
      },
      data: { uses: { increment: 1 } },
    });
    if (count === 0) throw new AppError("INVITE_INVALID", "This code is not valid or has expired");
    const data = { status: "active", joinedVia: "code", inviteId: invite.id, decidedAt: now, decidedById: null, message: null };
    const membership = existing
      ? await tx.membership.update({ where: { id: existing.id }, data })
      : await tx.membership.create({ data: { ...data, userId, unitId: invite.unitId, buildingId: invite.buildingId } });
    await tx.userRole.upsert({ where: { userId_role: { userId, role: "resident" } }, create: { userId, role: "resident" }, update: {} });
    return membership;
  });
  publish({ type: "membership.changed", userId, buildingId: result.buildingId, unitId: result.unitId, membershipId: result.id, status: "active" });
  return { membershipId: result.id, buildingId: result.buildingId };
}

export async function requestToJoin(db: Db, userId: string, input: z.infer<typeof ZJoinRequestInput>) {
  const unit = await db.unit.findUnique({ where: { id: input.unitId } });
  if (!unit) throw new AppError("NOT_FOUND", "Unit not found");
  const data = { status: "pending", joinedVia: "request", message: input.message || null, decidedAt: null, decidedById: null, inviteId: null };
  const membership = await db.$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { userId_unitId: { userId, unitId: unit.id } } });
    if (existing?.status === "active") throw new AppError("ALREADY_MEMBER", "You already belong to this unit");
    if (existing?.status === "pending") throw new AppError("REQUEST_PENDING", "Your request for this unit is already waiting");
    try {
      return existing
        ? await tx.membership.update({ where: { id: existing.id }, data })
        : await tx.membership.create({ data: { ...data, userId, unitId: unit.id, buildingId: unit.buildingId } });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError("REQUEST_PENDING", "Your request for this unit is already waiting");
      throw e;
    }
  });
  publish({ type: "membership.changed", userId, buildingId: unit.buildingId, unitId: membership.unitId, membershipId: membership.id, status: "pending" });
  return { membershipId: membership.id };
}

export async function myMemberships(db: Db, userId: string) {
  const rows = await repo.listMyMemberships(db, userId);
  return rows.map(({ unit: { building, ...unit }, ...m }) => ({
    id: m.id,
    status: m.status as "pending" | "active" | "rejected",
    joinedVia: m.joinedVia as "code" | "request",
    createdAt: m.createdAt,
    decidedAt: m.decidedAt,
    unit: { id: unit.id, buildingId: unit.buildingId, staircase: unit.staircase, floor: unit.floor, door: unit.door },
    building,
  }));
}

/** A resident leaves a unit (or withdraws a request, or dismisses a rejection). */
export async function leave(db: Db, userId: string, membershipId: string) {
  const m = await db.membership.findFirst({ where: { id: membershipId, userId, status: { in: ["active", "pending", "rejected"] } } });
  if (!m) throw new AppError("NOT_FOUND", "Membership not found");
  await db.membership.update({ where: { id: m.id }, data: { status: "left" } });
  publish({ type: "membership.changed", userId, buildingId: m.buildingId, unitId: m.unitId, membershipId: m.id, status: "left" });
  return { ok: true as const };
}

// ─── Membership (managers) ─────────────────────────────────────────────────

export async function listRequests(db: Db, userId: string, buildingId: string) {
  await assertManages(db, userId, buildingId);
  const rows = await repo.listMemberships(db, userId, buildingId, "pending");
  return rows.map((m) => ({
    id: m.id,
    status: m.status as "pending",
    message: m.message,
    createdAt: m.createdAt,
    user: m.user,
    unit: { id: m.unit.id, staircase: m.unit.staircase, floor: m.unit.floor, door: m.unit.door },
  }));
}

export async function listMembers(db: Db, userId: string, buildingId: string) {
  await assertManages(db, userId, buildingId);
  const rows = await repo.listMemberships(db, userId, buildingId, "active");
  return rows.map((m) => ({
    membershipId: m.id,
    joinedVia: m.joinedVia as "code" | "request",
    since: m.decidedAt ?? m.createdAt,
    user: m.user,
    unit: { id: m.unit.id, staircase: m.unit.staircase, floor: m.unit.floor, door: m.unit.door },
  }));
}

/** Approves or rejects a pending request; a request already decided is reported, not redone. */
export async function decideRequest(db: Db, managerId: string, input: z.infer<typeof ZDecideInput>, now = new Date()) {
  const status = input.decision === "approve" ? ("active" as const) : ("rejected" as const);
  const where = { id: input.membershipId, unit: { building: managesBuilding(managerId) } };
  const m = await db.membership.findFirst({ where });
  if (!m) throw new AppError("NOT_FOUND", "Request not found");
  await db.$transaction(async (tx) => {
    const { count } = await tx.membership.updateMany({
      where: { ...where, status: "pending" },
      data: { status, decidedAt: now, decidedById: managerId },
    });
    if (count === 0) throw new AppError("NOT_PENDING", "This request has already been decided");
    if (status === "active") {
      await tx.userRole.upsert({
        where: { userId_role: { userId: m.userId, role: "resident" } },
        create: { userId: m.userId, role: "resident" },
        update: {},
      });
    }
  });
  publish({ type: "membership.changed", userId: m.userId, buildingId: m.buildingId, unitId: m.unitId, membershipId: m.id, status });
  return { ok: true as const, status };
}

/** A manager removes a resident from a unit. */
export async function removeMember(db: Db, managerId: string, membershipId: string) {
  const where = { id: membershipId, status: "active", unit: { building: managesBuilding(managerId) } };
  const m = await db.membership.findFirst({ where });
  if (!m) throw new AppError("NOT_FOUND", "Member not found");
  await db.membership.updateMany({ where, data: { status: "left", decidedAt: new Date(), decidedById: managerId } });
  publish({ type: "membership.changed", userId: m.userId, buildingId: m.buildingId, unitId: m.unitId, membershipId: m.id, status: "left" });
  return { ok: true as const };
}

// ─── Directory (any signed-in user, to ask to join) ────────────────────────

export const directory = (db: Db) =>
  db.building.findMany({ orderBy: [{ city: "asc" }, { name: "asc" }], take: 500 });

export async function directoryUnits(db: Db, buildingId: string) {
  return db.unit.findMany({
    where: { buildingId },
    orderBy: [{ staircase: "asc" }, { floor: "asc" }, { door: "asc" }],
    select: { id: true, buildingId: true, staircase: true, floor: true, door: true },
  });
}
