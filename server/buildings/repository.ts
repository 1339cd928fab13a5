// Prisma reads for buildings, units, invites and memberships. Every read of a building's
// data is scoped in its `where` by a fragment of server/access.
import { managesBuilding } from "../access";
import type { DbTx } from "../db";

export const listManagedBuildings = async (db: DbTx, userId: string) => {
  const buildings = await db.building.findMany({
    where: managesBuilding(userId),
    orderBy: { name: "asc" },
    include: { _count: { select: { units: true } } },
  });
  const ids = buildings.map((b) => b.id);
  const counts = await db.membership.groupBy({
    by: ["buildingId", "status"],
    where: { buildingId: { in: ids }, status: { in: ["active", "pending"] } },
    _count: { _all: true },
  });
  const count = (id: string, status: string) =>
    counts.find((c) => c.buildingId === id && c.status === status)?._count._all ?? 0;
  return buildings.map(({ _count, ...b }) => ({
    ...b,
    unitCount: _count.units,
    memberCount: count(b.id, "active"),
    pendingCount: count(b.id, "pending"),
  }));
};

export const findManagedBuilding = (db: DbTx, userId: string, id: string) =>
  db.building.findFirst({ where: { id, ...managesBuilding(userId) } });

export const listUnits = (db: DbTx, buildingId: string) =>
  db.unit.findMany({ where: { buildingId }, orderBy: [{ staircase: "asc" }, { floor: "asc" }, { door: "asc" }] });

export const findManagedUnit = (db: DbTx, userId: string, unitId: string) =>
  db.unit.findFirst({ where: { id: unitId, building: managesBuilding(userId) } });

export const listInvites = (db: DbTx, userId: string, buildingId: string) =>
  db.inviteCode.findMany({
    where: { buildingId, building: managesBuilding(userId) },
    orderBy: { createdAt: "desc" },
    include: { unit: true },
    take: 200,
  });

export const listMemberships = (db: DbTx, userId: string, buildingId: string, status: "pending" | "active") =>
  db.membership.findMany({
    where: { buildingId, status, unit: { building: managesBuilding(userId) } },
    orderBy: status === "pending" ? { createdAt: "asc" } : [{ unit: { staircase: "asc" } }, { unit: { door: "asc" } }],
    include: { user: { select: { id: true, name: true, email: true } }, unit: true },
  });

export const listMyMemberships = (db: DbTx, userId: string) =>
  db.membership.findMany({
    where: { userId, status: { in: ["active", "pending", "rejected"] } },
    orderBy: { createdAt: "asc" },
    include: { unit: { include: { building: true } } },
  });

/** Building ids whose rooms a user's sockets join: where they live and what they manage. */
export const roomBuildingIds = async (db: DbTx, userId: string) => {
  const [member, managed] = await Promise.all([
    db.membership.findMany({ where: { userId, status: "active" }, select: { buildingId: true, unitId: true } }),
    db.buildingManager.findMany({ where: { userId }, select: { buildingId: true } }),
  ]);
  return {
    memberOf: [...new Set(member.map((m) => m.buildingId))],
    units: member.map((m) => m.unitId),
    manages: managed.map((m) => m.buildingId),
  };
};
