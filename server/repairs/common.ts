// Common-area repairs (issue 13): a building's manager opens a repair of the common parts
// (lift, entrance lighting…), moves it open → in_progress → done or withdraws it; the
// residents concerned (the building, or one staircase) see it and say "me too" instead of
// filing duplicates. Every query carries its server/access fragment; every move is a
// conditional update on the statuses it may leave, so two racing moves cannot both apply.
import type { Prisma } from "../../generated/prisma/client";
import type { Db } from "../db";
import { AppError } from "../errors";
import { homeStaircases, managesBuilding, managesCommonRepair, seesCommonRepair } from "../access";
import { isUniqueViolation } from "../lib/db-errors";
import { notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import {
  UNFINISHED_STATUSES,
  type TCommonArea,
  type TCommonRepair,
  type TCommonRepairCreate,
  type TCommonRepairStatus,
  type TCommonRepairUpdate,
} from "./common-schema";

/** The lists show the unfinished ones and the last finished ones, up to this many. */
const LIST_LIMIT = 100;

const include = { building: { select: { name: true } }, _count: { select: { supports: true } } } satisfies Prisma.CommonRepairInclude;
type TRow = Prisma.CommonRepairGetPayload<{ include: typeof include }>;

function toView(r: TRow, isSupported: boolean): TCommonRepair {
  return {
    id: r.id,
    buildingId: r.buildingId,
    buildingName: r.building.name,
    staircase: r.staircase,
    title: r.title,
    description: r.description,
    area: r.area as TCommonArea,
    status: r.status as TCommonRepairStatus,
    note: r.note,
    supporters: r._count.supports,
    isSupported,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    startedAt: r.startedAt,
    doneAt: r.doneAt,
    withdrawnAt: r.withdrawnAt,
  };
}

/** Unfinished first (most supported, then newest), then finished ones, newest first. */
function order(list: TCommonRepair[]): TCommonRepair[] {
  const rank = (r: TCommonRepair) => ((UNFINISHED_STATUSES as readonly string[]).includes(r.status) ? 0 : 1);
  return list.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? b.supporters - a.supporters : 0) || b.updatedAt.getTime() - a.updatedAt.getTime());
}

const changed = (id: string, buildingId: string) => publish({ type: "commonRepair.changed", commonRepairId: id, buildingId });

// ─── Residents ──────────────────────────────────────────────────────────────

/** The common repairs of the buildings (and staircases) the caller lives in. */
export async function listForResident(db: Db, userId: string): Promise<TCommonRepair[]> {
  const where = seesCommonRepair(userId, await homeStaircases(db, userId));
  const rows = await db.commonRepair.findMany({ where, include, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: LIST_LIMIT });
  const mine = new Set(
    (await db.commonRepairSupport.findMany({ where: { userId, commonRepairId: { in: rows.map((r) => r.id) } }, select: { commonRepairId: true } })).map((s) => s.commonRepairId),
  );
  return order(rows.map((r) => toView(r, mine.has(r.id))));
}

/**
 * "Me too" (isSupporting) or taking it back, while the repair is unfinished. Idempotent: the
 * primary key (repair, user) keeps one row whatever the race, and a second "me too" finds it.
 */
export async function support(db: Db, userId: string, id: string, isSupporting: boolean): Promise<TCommonRepair> {
  const where = { id, ...seesCommonRepair(userId, await homeStaircases(db, userId)) };
  const repair = await db.commonRepair.findFirst({ where, select: { id: true, status: true, buildingId: true } });
  if (!repair) throw new AppError("NOT_FOUND", "Common repair not found");
  if (!(UNFINISHED_STATUSES as readonly string[]).includes(repair.status)) throw new AppError("COMMON_REPAIR_STATE", "This repair is finished", { status: repair.status });
  let isChanged = false;
  if (isSupporting) {
    try {
      await db.commonRepairSupport.create({ data: { commonRepairId: id, userId } });
      isChanged = true;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  } else {
    isChanged = (await db.commonRepairSupport.deleteMany({ where: { commonRepairId: id, userId } })).count > 0;
  }
  if (isChanged) changed(id, repair.buildingId);
  const row = await db.commonRepair.findFirstOrThrow({ where, include });
  return toView(row, isSupporting);
}

// ─── The building's manager ─────────────────────────────────────────────────

/** A building's common repairs, for one of its managers (another building is NOT_FOUND). */
export async function listForManager(db: Db, userId: string, buildingId: string): Promise<TCommonRepair[]> {
  const building = await db.building.findFirst({ where: { id: buildingId, ...managesBuilding(userId) }, select: { id: true } });
  if (!building) throw new AppError("NOT_FOUND", "Building not found");
  const rows = await db.commonRepair.findMany({ where: { buildingId, ...managesCommonRepair(userId) }, include, orderBy: [{ updatedAt: "desc" }, { id: "asc" }], take: LIST_LIMIT });
  return order(rows.map((r) => toView(r, false)));
}

export async function create(db: Db, userId: string, input: TCommonRepairCreate): Promise<TCommonRepair> {
  const building = await db.building.findFirst({ where: { id: input.buildingId, ...managesBuilding(userId) }, select: { id: true, name: true } });
  if (!building) throw new AppError("NOT_FOUND", "Building not found");
  if (input.staircase !== null) {
    const unit = await db.unit.findFirst({ where: { buildingId: building.id, staircase: input.staircase }, select: { id: true } });
    if (!unit) throw new AppError("COMMON_REPAIR_STAIRCASE", "No such staircase in this building", { staircase: input.staircase });
  }
  const row = await db.commonRepair.create({
    data: { buildingId: building.id, staircase: input.staircase, title: input.title, description: input.description, area: input.area, createdById: userId },
    include,
  });
  changed(row.id, row.buildingId);
  await tellResidents(db, row, userId);
  return toView(row, false);
}

/** Which statuses each move may leave (the conditional update's `where`). */
const FROM: Record<TCommonRepairUpdate["status"] | "withdrawn", readonly TCommonRepairStatus[]> = {
  in_progress: ["open", "in_progress"],
  done: ["open", "in_progress"],
  withdrawn: ["open", "in_progress"],
};

async function move(db: Db, userId: string, id: string, status: TCommonRepairUpdate["status"] | "withdrawn", note: string): Promise<TCommonRepair> {
  const now = new Date();
  const stamp = status === "in_progress" ? { startedAt: now } : status === "done" ? { doneAt: now } : { withdrawnAt: now };
  const scoped = { id, ...managesCommonRepair(userId) };
  const before = await db.commonRepair.findFirst({ where: scoped, select: { status: true, startedAt: true } });
  if (!before) throw new AppError("NOT_FOUND", "Common repair not found");
  // A note posted on a repair already in progress keeps the day it started.
  // An empty note keeps the last one residents read.
  const data = { status, ...(note ? { note } : {}), ...(status === "in_progress" && before.startedAt ? {} : stamp) };
  const { count } = await db.commonRepair.updateMany({ where: { ...scoped, status: { in: [...FROM[status]] } }, data });
  if (count === 0) {
    const current = await db.commonRepair.findFirst({ where: scoped, select: { status: true } });
    if (!current) throw new AppError("NOT_FOUND", "Common repair not found");
    throw new AppError("COMMON_REPAIR_STATE", `A ${current.status} repair cannot become ${status}`, { status: current.status });
  }
  const row = await db.commonRepair.findFirstOrThrow({ where: scoped, include });
  changed(row.id, row.buildingId);
  if (status === "done" && before.status !== "done") await tellResidents(db, row, userId);
  return toView(row, false);
}

export const update = (db: Db, userId: string, input: TCommonRepairUpdate) => move(db, userId, input.id, input.status, input.note);
export const withdraw = (db: Db, userId: string, id: string, note: string) => move(db, userId, id, "withdrawn", note);

/**
 * Tells the residents concerned (active members of the building, or of the staircase) that
 * a repair was opened or is done; once per repair, status and person (dedupe key).
 */
async function tellResidents(db: Db, row: TRow, managerId: string) {
  const status = row.status === "done" ? "done" : "open";
  const members = await db.membership.findMany({
    // The same people as seesCommonRepair() lets read it: active members, of the staircase if set.
    where: { buildingId: row.buildingId, status: "active", unit: { buildingId: row.buildingId, ...(row.staircase !== null ? { staircase: row.staircase } : {}) }, userId: { not: managerId } },
    select: { userId: true },
    distinct: ["userId"],
  });
  await notify(
    db,
    members.map(({ userId }) => ({
      userId,
      kind: "commonRepair" as const,
      params: { building: row.building.name, title: row.title, area: row.area, status },
      ref: row.id,
      dedupeKey: `commonRepair:${row.id}:${status}:${userId}`,
    })),
  );
}
