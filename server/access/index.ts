// Who may see or touch what: every tenant-scoping rule of Quartier, in one place, as Prisma
// `where` fragments. A service puts the fragment inside the query's own `where`, never loads
// a row and compares owners afterwards, so a row the caller may not see is simply "not
// found", exactly like a row that does not exist. Parking, repairs and notices use the same
// fragments.
import type { Db, DbTx } from "../db";
import { AppError } from "../errors";

// ─── Fragments, by the model they filter ────────────────────────────────────

/** Building: the user manages it. */
export const managesBuilding = (userId: string) => ({ managers: { some: { userId } } });

/** Unit: the user is an active member of it. */
export const livesInUnit = (userId: string) => ({ memberships: { some: { userId, status: "active" } } });

/**
 * livesInUnit as a plain SQL condition, for the statements that run on the driver
 * (sqlOf in server/db.ts): `unitColumn` names the unit id of the row being filtered.
 */
export const livesInUnitSql = (unitColumn: string, userId: string) => ({
  sql: `EXISTS (SELECT 1 FROM "Membership" m WHERE m."unitId" = ${unitColumn} AND m."userId" = ? AND m."status" = 'active')`,
  args: [userId],
});

/** Building: the user is an active member of one of its units. */
export const livesInBuilding = (userId: string) => ({ units: { some: livesInUnit(userId) } });

/** Shop: the user owns it. */
export const ownsShop = (userId: string) => ({ ownerId: userId });

/** Shop: approved, and delivering to a building the user lives in. */
export const deliversTo = (userId: string) => ({ status: "approved", buildings: { some: { building: livesInBuilding(userId) } } });

/**
 * PromoOptIn: its resident still lives (active membership) in a building the shop delivers
 * to. Moving away stops a shop's promotions without touching the opt-in row.
 */
export const stillServedBy = (shopId: string) => ({ user: { memberships: { some: { status: "active", unit: { building: { shops: { some: { shopId } } } } } } } });

/** Conversation: the user is its resident or owns its shop. */
export const takesPart = (userId: string) => ({ OR: [{ residentId: userId }, { shop: ownsShop(userId) }] });

/** ParkingPlace: the spaces of a building the user manages (admins run every place: no fragment). */
export const operatesPlace = (userId: string) => ({ building: managesBuilding(userId) });

/** RepairService: approved, serving a building the user lives in (a repairer is a Shop row). */
export const servesResident = (userId: string) => ({ shop: { kind: "repairer", status: "approved", buildings: { some: { building: livesInBuilding(userId) } } } });

/** RepairBooking: the user is its resident or runs its repairer. */
export const takesPartInBooking = (userId: string) => ({ OR: [{ residentId: userId }, { service: { shop: ownsShop(userId) } }] });

/**
 * CommonRepair: in a building the user lives in, for the whole building or a staircase the
 * user lives on. `staircases` are the staircases of the user's active units
 * (homeStaircases()); the building check stays in the same `where`, so a stale list can
 * narrow what is seen but never widen it.
 */
export const seesCommonRepair = (userId: string, staircases: { buildingId: string; staircase: string }[]) => ({
  building: livesInBuilding(userId),
  OR: [{ staircase: null }, ...staircases.map((s) => ({ buildingId: s.buildingId, staircase: s.staircase }))],
});

/** CommonRepair: in a building the user manages. */
export const managesCommonRepair = (userId: string) => ({ building: managesBuilding(userId) });

/**
 * Notice: published, not withdrawn, addressed to a building the user lives in as a whole or
 * to a staircase the user lives on. `staircases` are homeStaircases(); the building check
 * stays in the same `where`, so a stale list can narrow what is seen but never widen it.
 */
export const seesNotice = (userId: string, staircases: { buildingId: string; staircase: string }[]) => ({
  publishedAt: { not: null },
  withdrawnAt: null,
  targets: { some: { building: livesInBuilding(userId), OR: [{ staircase: "" }, ...staircases.map((s) => ({ buildingId: s.buildingId, staircase: s.staircase }))] } },
});

/** Notice: every building it is addressed to is one the user manages. */
export const managesNotice = (userId: string) => ({ targets: { some: {}, every: { building: managesBuilding(userId) } } });

// ─── Assertions built on them ───────────────────────────────────────────────

/** The (building, staircase) pairs of the user's active units, for seesCommonRepair(). */
export async function homeStaircases(db: Db | DbTx, userId: string): Promise<{ buildingId: string; staircase: string }[]> {
  const units = await db.unit.findMany({ where: livesInUnit(userId), select: { buildingId: true, staircase: true }, distinct: ["buildingId", "staircase"] });
  return units;
}

/** NOT_FOUND unless the user manages the building (someone else's looks like none). */
export async function assertManages(db: Db | DbTx, userId: string, buildingId: string): Promise<void> {
  const building = await db.building.findFirst({ where: { id: buildingId, ...managesBuilding(userId) }, select: { id: true } });
  if (!building) throw new AppError("NOT_FOUND", "Building not found");
}

/** The user's shop, or NOT_FOUND (someone else's shop looks exactly like no shop). */
export async function ownedShop(db: Db | DbTx, userId: string, shopId: string) {
  const shop = await db.shop.findFirst({ where: { id: shopId, ...ownsShop(userId) } });
  if (!shop) throw new AppError("NOT_FOUND", "Shop not found");
  return shop;
}
