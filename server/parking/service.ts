// Parking: places near a point with their live availability, favourites and "tell me when
// it frees up", and occupancy set by those who run a place. Rules:
//  - "near" is a bounding box on the indexed (latitude, longitude) columns, then the exact
//    great-circle distance (server/lib/geo.ts): no full scan, the same SQL on both databases;
//  - a count older than PARKING_STALE_MINUTES is shown as unknown, never as a number;
//  - an observation older than the stored one never overwrites it;
//  - who may set a place's occupancy is scoped in the query (server/access): admins any
//    place, a building's managers that building's own spaces, nobody else.
import type { Prisma } from "../../generated/prisma/client";
import { env } from "../../env";
import { managesBuilding, livesInBuilding, operatesPlace } from "../access";
import type { Db } from "../db";
import { AppError } from "../errors";
import { boundingBox, boxWhere, distanceMeters, type TPoint } from "../lib/geo";
import { openState } from "../lib/hours";
import { notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { availabilityOf, isStaleAt, priceOneHour } from "./availability";
import { ZNearbyInput, type TNearby, type TNearbyInput, type TParkingFilters, type TParkingPlace } from "./schema";

const placeInclude = (userId: string) =>
  ({
    hours: { select: { weekday: true, opens: true, closes: true }, orderBy: [{ weekday: "asc" }, { opens: "asc" }] },
    favourites: { where: { userId }, select: { notifyWhenFree: true } },
  }) satisfies Prisma.ParkingPlaceInclude;
type TPlaceRow = Prisma.ParkingPlaceGetPayload<{ include: ReturnType<typeof placeInclude> }>;

export const staleAfterMinutes = () => env().PARKING_STALE_MINUTES;

export function toPlace(row: TPlaceRow, from: TPoint | null, now: Date): TParkingPlace {
  const open = row.alwaysOpen ? { isOpen: true, nextOpening: null } : openState(row.hours, row.timeZone, now);
  const isStale = isStaleAt(row.observedAt, staleAfterMinutes(), now);
  const fav = row.favourites[0];
  return {
    id: row.id,
    name: row.name,
    operator: row.operator,
    address: row.address,
    kind: row.kind as TParkingPlace["kind"],
    buildingId: row.buildingId,
    latitude: row.latitude,
    longitude: row.longitude,
    distanceM: from ? Math.round(distanceMeters(from, row)) : 0,
    capacity: row.capacity,
    capacityDisabled: row.capacityDisabled,
    capacityCharging: row.capacityCharging,
    freeSpaces: isStale ? null : row.freeSpaces,
    observedAt: row.observedAt,
    isStale,
    availability: availabilityOf(row, open.isOpen, isStale),
    pricePerHour: row.pricePerHour,
    priceOneHour: priceOneHour(row.pricePerHour, row.freeMinutes),
    freeMinutes: row.freeMinutes,
    maxStayMinutes: row.maxStayMinutes,
    maxHeightCm: row.maxHeightCm,
    isCovered: row.isCovered,
    evChargers: row.evChargers,
    evPowerKw: row.evPowerKw,
    publicUrl: row.publicUrl,
    alwaysOpen: row.alwaysOpen,
    isOpen: open.isOpen,
    nextOpening: open.nextOpening,
    hours: row.hours,
    isFavourite: !!fav,
    notifyWhenFree: fav?.notifyWhenFree ?? false,
  };
}

/** The filters that the database can apply (the rest need the clock or the freshness rule). */
function filterWhere(f: TParkingFilters): Prisma.ParkingPlaceWhereInput {
  return {
    ...(f.evCharging ? { evChargers: { gt: 0 } } : {}),
    ...(f.accessible ? { capacityDisabled: { gt: 0 } } : {}),
    ...(f.hasFreeSpaces ? { freeSpaces: { gt: 0 } } : {}),
    ...(f.vehicleHeightCm ? { OR: [{ maxHeightCm: null }, { maxHeightCm: { gte: f.vehicleHeightCm } }] } : {}),
  };
}

function keeps(p: TParkingPlace, f: TParkingFilters) {
  if (f.openNow && !p.isOpen) return false;
  if (f.hasFreeSpaces && !(p.freeSpaces !== null && p.freeSpaces > 0)) return false;
  if (f.maxPricePerHour !== null && f.maxPricePerHour !== undefined && (p.priceOneHour === null || p.priceOneHour > f.maxPricePerHour)) return false;
  return true;
}

/** Where "near" starts for this user: their building, else one they manage, else the first one. */
async function homeOf(db: Db, userId: string): Promise<{ latitude: number; longitude: number; label: string | null }> {
  const select = { name: true, latitude: true, longitude: true } as const;
  const building =
    (await db.building.findFirst({ where: livesInBuilding(userId), select, orderBy: { createdAt: "asc" } })) ??
    (await db.building.findFirst({ where: managesBuilding(userId), select, orderBy: { createdAt: "asc" } })) ??
    (await db.building.findFirst({ select, orderBy: { createdAt: "asc" } }));
  if (!building) throw new AppError("NO_POSITION", "Give a position: there is no building to start from");
  return { latitude: building.latitude, longitude: building.longitude, label: building.name };
}

/** The first search ring, in metres: grown until it holds enough places or reaches the radius. */
const FIRST_RING_M = 400;

/**
 * Places within the radius, nearest first, with the filters applied. Dense areas are read
 * ring by ring (a box of 400 m, then 2.5 times wider, up to the radius) so that a city of
 * places costs what the nearest few cost; each ring reads only the columns that order and
 * filter, and full rows (hours, favourites) only for the candidates, nearest first. Exact:
 * once a ring holds `limit` kept places, nothing outside it can be nearer.
 */
export async function nearby(db: Db, userId: string, raw: TNearbyInput, now = new Date()): Promise<TNearby> {
  const input = ZNearbyInput.parse(raw);
  const centre = input.near ? { ...input.near, label: null } : await homeOf(db, userId);
  const where = filterWhere(input.filters);
  let places: TParkingPlace[];
  for (let ring = Math.min(FIRST_RING_M, input.radiusM); ; ring = Math.min(input.radiusM, ring * 2.5)) {
    places = await nearestIn(db, userId, centre, ring, where, input, now);
    if (places.length >= input.limit || ring >= input.radiusM) break;
  }
  return { centre, radiusM: input.radiusM, staleAfterMinutes: staleAfterMinutes(), places };
}

async function nearestIn(db: Db, userId: string, centre: TPoint, ring: number, where: Prisma.ParkingPlaceWhereInput, input: ReturnType<typeof ZNearbyInput.parse>, now: Date) {
  const stale = staleAfterMinutes();
  const maxPrice = input.filters.maxPricePerHour;
  const candidates = (
    await db.parkingPlace.findMany({
      where: { AND: [boxWhere(boundingBox(centre, ring)), where] },
      select: { id: true, name: true, latitude: true, longitude: true, freeSpaces: true, observedAt: true, pricePerHour: true, freeMinutes: true },
    })
  )
    .map((r) => ({ ...r, d: distanceMeters(centre, r) }))
    // What can be decided without the full row: distance, a fresh free count, the price.
    .filter((r) => r.d <= ring)
    .filter((r) => !input.filters.hasFreeSpaces || (!isStaleAt(r.observedAt, stale, now) && (r.freeSpaces ?? 0) > 0))
    .filter((r) => maxPrice === null || maxPrice === undefined || (priceOneHour(r.pricePerHour, r.freeMinutes) ?? Infinity) <= maxPrice)
    // Sorted and cut on the exact distance (the rounded metres are for display).
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  const kept: TParkingPlace[] = [];
  // Full rows for the nearest candidates, a chunk at a time, until enough are kept (opening hours need the row).
  for (let i = 0; i < candidates.length && kept.length < input.limit; i += input.limit) {
    const chunk = candidates.slice(i, i + input.limit);
    const rows = new Map((await db.parkingPlace.findMany({ where: { id: { in: chunk.map((c) => c.id) } }, include: placeInclude(userId) })).map((r) => [r.id, r]));
    for (const c of chunk) {
      const row = rows.get(c.id);
      if (!row) continue;
      const place = toPlace(row, centre, now);
      if (keeps(place, input.filters)) kept.push(place);
      if (kept.length === input.limit) break;
    }
  }
  return kept;
}

export async function getPlace(db: Db, userId: string, id: string, from: TPoint | null = null, now = new Date()) {
  const row = await db.parkingPlace.findUnique({ where: { id }, include: placeInclude(userId) });
  if (!row) throw new AppError("NOT_FOUND", "Parking place not found");
  return toPlace(row, from, now);
}

/** The user's starred places, nearest to home first. */
export async function listFavourites(db: Db, userId: string, now = new Date()) {
  const home = await homeOf(db, userId).catch(() => null);
  const rows = await db.parkingPlace.findMany({ where: { favourites: { some: { userId } } }, include: placeInclude(userId) });
  return rows.map((r) => toPlace(r, home, now)).sort((a, b) => a.distanceM - b.distanceM || a.name.localeCompare(b.name));
}

/** Stars a place (again: updates whether to be told when it frees up). */
export async function setFavourite(db: Db, userId: string, input: { placeId: string; notifyWhenFree: boolean }) {
  const place = await db.parkingPlace.findUnique({ where: { id: input.placeId }, select: { id: true } });
  if (!place) throw new AppError("NOT_FOUND", "Parking place not found");
  const key = { userId_placeId: { userId, placeId: input.placeId } };
  await db.parkingFavourite.upsert({ where: key, create: { userId, placeId: input.placeId, notifyWhenFree: input.notifyWhenFree }, update: { notifyWhenFree: input.notifyWhenFree } });
  return getPlace(db, userId, input.placeId);
}

export async function removeFavourite(db: Db, userId: string, placeId: string) {
  await db.parkingFavourite.deleteMany({ where: { userId, placeId } });
}

/** The places this user may set occupancy for (admins: all; managers: their buildings' spaces). */
export async function listOperated(db: Db, userId: string, isAdmin: boolean, now = new Date()) {
  const rows = await db.parkingPlace.findMany({
    where: isAdmin ? {} : operatesPlace(userId),
    include: placeInclude(userId),
    orderBy: [{ name: "asc" }],
    take: 500,
  });
  return rows.map((r) => toPlace(r, null, now));
}

export type TObservation = { placeId: string; freeSpaces: number; observedAt: Date };

/**
 * Records observations of free spaces (the operator page now; the sensor feed next). Each
 * is applied only if it is newer than the stored one, in one conditional update, so a late
 * or replayed observation changes nothing. Then whoever watches the area hears of it, and
 * residents waiting for a full favourite to free up are told, once.
 */
export async function applyObservations(db: Db, list: TObservation[]) {
  const applied: { placeId: string; freeSpaces: number; observedAt: Date; wasFree: boolean }[] = [];
  for (const o of list) {
    const before = await db.parkingPlace.findUnique({ where: { id: o.placeId }, select: { freeSpaces: true, observedAt: true } });
    if (!before) continue;
    const count = await db.parkingPlace.updateMany({
      where: { id: o.placeId, capacity: { gte: o.freeSpaces }, OR: [{ observedAt: null }, { observedAt: { lt: o.observedAt } }] },
      data: { freeSpaces: o.freeSpaces, observedAt: o.observedAt },
    });
    if (count.count) applied.push({ ...o, wasFree: (before.freeSpaces ?? 0) > 0 });
  }
  if (!applied.length) return applied;
  const places = await db.parkingPlace.findMany({ where: { id: { in: applied.map((a) => a.placeId) } }, select: { id: true, name: true, latitude: true, longitude: true, capacity: true } });
  const byId = new Map(places.map((p) => [p.id, p]));
  publish({
    type: "parking.occupancy",
    items: applied.map((a) => {
      const p = byId.get(a.placeId)!;
      return { placeId: a.placeId, latitude: p.latitude, longitude: p.longitude, freeSpaces: a.freeSpaces, observedAt: a.observedAt.toISOString() };
    }),
  });
  await tellWaiting(db, applied.filter((a) => a.freeSpaces > 0).map((a) => ({ ...a, name: byId.get(a.placeId)!.name })));
  return applied;
}

/** Residents who asked to be told when one of these places frees up: told once, then the ask is spent. */
async function tellWaiting(db: Db, freed: { placeId: string; freeSpaces: number; observedAt: Date; name: string }[]) {
  if (!freed.length) return;
  const waiting = await db.parkingFavourite.findMany({ where: { placeId: { in: freed.map((f) => f.placeId) }, notifyWhenFree: true }, select: { userId: true, placeId: true } });
  if (!waiting.length) return;
  // Spend each ask in a conditional update first, so two observations at once tell a person once.
  const told: typeof waiting = [];
  for (const w of waiting) {
    const spent = await db.parkingFavourite.updateMany({ where: { userId: w.userId, placeId: w.placeId, notifyWhenFree: true }, data: { notifyWhenFree: false } });
    if (spent.count) told.push(w);
  }
  const byPlace = new Map(freed.map((f) => [f.placeId, f]));
  await notify(
    db,
    told.map((w) => {
      const f = byPlace.get(w.placeId)!;
      return { userId: w.userId, kind: "parkingFreed" as const, params: { place: f.name, free: f.freeSpaces }, ref: w.placeId };
    }),
  );
}

/** Someone who runs the place sets its free spaces now (admins: any place; managers: their building's spaces). */
export async function setOccupancy(db: Db, userId: string, isAdmin: boolean, input: { placeId: string; freeSpaces: number }, now = new Date()) {
  const place = await db.parkingPlace.findFirst({ where: { id: input.placeId, ...(isAdmin ? {} : operatesPlace(userId)) }, select: { id: true, capacity: true } });
  if (!place) throw new AppError("NOT_FOUND", "Parking place not found");
  if (input.freeSpaces > place.capacity) throw new AppError("OVER_CAPACITY", `Free spaces must be between 0 and ${place.capacity}`, { capacity: place.capacity });
  await applyObservations(db, [{ placeId: place.id, freeSpaces: input.freeSpaces, observedAt: now }]);
  return getPlace(db, userId, place.id, null, now);
}
