// Parking: places near a point with their live availability, favourites and "tell me when
// it frees up", and occupancy set by those who run a place. Rules:
//  - "near" takes its candidates from the in-memory spatial index (spatial.ts: positions
//    only, rebuilt when the database's positions version moves), or while it is rebuilt
//    from a bounding box on the indexed (latitude, longitude) columns; then the exact
//    great-circle distance (server/lib/geo.ts) decides: no full scan on either database;
//  - a count older than PARKING_STALE_MINUTES is shown as unknown, never as a number;
//  - an observation older than the stored one never overwrites it;
//  - who may set a place's occupancy is scoped in the query (server/access): admins any
//    place, a building's managers that building's own spaces, nobody else.
import type { Prisma } from "../../generated/prisma/client";
import { env } from "../../env";
import { managesBuilding, livesInBuilding, operatesPlace } from "../access";
import { sqlOf, type Db } from "../db";
import { AppError } from "../errors";
import { boundingBox, boxWhere, distanceMeters, type TPoint } from "../lib/geo";
import { openState } from "../lib/hours";
import { notify } from "../notifications/service";
import { publish } from "../realtime/emit";
import { availabilityOf, isStaleAt, priceOneHour } from "./availability";
import { heldSpatialIndex, spatialIndex, within, type TSpatialIndex } from "./spatial";
import { ZNearbyInput, type TNearby, type TNearbyInput, type TParkingFilters, type TParkingPlace } from "./schema";

const placeInclude = (userId: string) =>
  ({
    hours: { select: { weekday: true, opens: true, closes: true }, orderBy: [{ weekday: "asc" }, { opens: "asc" }] },
    favourites: { where: { userId }, select: { notifyWhenFree: true } },
  }) satisfies Prisma.ParkingPlaceInclude;
type TPlaceRow = Prisma.ParkingPlaceGetPayload<{ include: ReturnType<typeof placeInclude> }>;
/** What toPlace() reads of a row: a Prisma row, or one read on the driver (placeRows()). */
type TPlaceView = Omit<TPlaceRow, "source" | "externalId" | "createdAt" | "updatedAt" | "operatorId">;

export const staleAfterMinutes = () => env().PARKING_STALE_MINUTES;

export function toPlace(row: TPlaceView, from: TPoint | null, now: Date): TParkingPlace {
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

/** What decides a candidate before its full row: the name breaks distance ties. */
type TLight = { id: string; name: string; freeSpaces: number | null; isFresh: boolean; pricePerHour: number | null; freeMinutes: number; view?: TPlaceView };
type TCandidate = { id: string; d: number };
type TInput = ReturnType<typeof ZNearbyInput.parse>;

/**
 * Places within the radius, nearest first, with the filters applied, so that a city of places
 * costs what the nearest few cost. The candidates come from the in-memory spatial index
 * (spatial.ts: the nearest k, then more) when it is at the database's positions version, else
 * from the indexed bounding box read ring by ring (400 m, then 2.5 times wider, up to the
 * radius; each ring adds only the candidates beyond the one before). Exact either way: once
 * `limit` places are kept, nothing not yet looked at can be nearer.
 */
export async function nearby(db: Db, userId: string, raw: TNearbyInput, now = new Date()): Promise<TNearby> {
  const input = ZNearbyInput.parse(raw);
  const centre = input.near ? { ...input.near, label: null } : await homeOf(db, userId);
  const out = (places: TParkingPlace[]) => ({ centre, radiusM: input.radiusM, staleAfterMinutes: staleAfterMinutes(), places });
  // With an index at hand, its answer is read while the positions version is: kept only if
  // the version says the index is current (then spatialIndex() returns that very index).
  const held = heldSpatialIndex(db);
  if (held) {
    const [index, places] = await Promise.all([spatialIndex(db), nearbyByIndex(db, userId, centre, input, held, now)]);
    if (index === held) return out(places);
    if (index) return out(await nearbyByIndex(db, userId, centre, input, index, now));
    return out(await nearbyByBox(db, userId, centre, input, now));
  }
  const index = await spatialIndex(db);
  return out(index ? await nearbyByIndex(db, userId, centre, input, index, now) : await nearbyByBox(db, userId, centre, input, now));
}

/** Rings of the search: [inner, outer] metres, the first inner -1 (a place at the centre is in ring one). */
function* rings(radiusM: number) {
  let inner = -1;
  for (let ring = Math.min(FIRST_RING_M, radiusM); ; ring = Math.min(radiusM, ring * 2.5)) {
    yield [inner, ring] as const;
    if (ring >= radiusM) return;
    inner = ring;
  }
}

/** Through the in-memory index: candidates from memory, nearest first, their changing fields by primary key. */
export async function nearbyByIndex(db: Db, userId: string, centre: TPoint, input: TInput, index: TSpatialIndex, now: Date): Promise<TParkingPlace[]> {
  const kept: TParkingPlace[] = [];
  const stale = staleAfterMinutes();
  // The full rows of a chunk at once (three reads on the driver, side by side on PostgreSQL):
  // a separate first read of the deciding columns cost one more round trip than the few
  // extra full rows it saved.
  const light = async (ids: string[]) => {
    const views = await placeRows(db, userId, ids);
    return new Map([...views].map(([id, v]) => [id, { id, name: v.name, freeSpaces: v.freeSpaces, isFresh: !isStaleAt(v.observedAt, stale, now), pricePerHour: v.pricePerHour, freeMinutes: v.freeMinutes, view: v }]));
  };
  // The nearest few candidates straight from the index (no rings: the index answers "the
  // nearest k" itself), enough that one database read usually fills the page; more, four
  // times as many each round, only when the filters turned too many away. When a round is
  // full, what lies at its farthest distance waits for the next round, so ties (ordered by
  // name) are never split.
  const seen = new Set<string>();
  for (let k = Math.max(3 * input.limit, 60); ; k *= 4) {
    const found = within(index, centre, input.radiusM, input.filters, k);
    const isFull = found.length === k;
    const all = found
      .map((i) => ({ id: index.ids[i]!, d: distanceMeters(centre, { latitude: index.latitude[i]!, longitude: index.longitude[i]! }) }))
      .filter((c) => c.d <= input.radiusM)
      .sort((a, b) => a.d - b.d);
    const farthest = all.length ? all[all.length - 1]!.d : 0;
    const candidates = all.filter((c) => !seen.has(c.id) && (!isFull || c.d < farthest));
    for (const c of candidates) seen.add(c.id);
    await keepNearest(db, userId, centre, input, now, candidates, light, kept);
    if (kept.length >= input.limit || !isFull) break;
  }
  return kept;
}

/** Through the bounding box on the (latitude, longitude) index: while the in-memory index is being rebuilt. */
export async function nearbyByBox(db: Db, userId: string, centre: TPoint, input: TInput, now: Date): Promise<TParkingPlace[]> {
  const kept: TParkingPlace[] = [];
  const where = filterWhere(input.filters);
  const stale = staleAfterMinutes();
  for (const [inner, ring] of rings(input.radiusM)) {
    const rows = await db.parkingPlace.findMany({
      where: { AND: [boxWhere(boundingBox(centre, ring)), where] },
      select: { id: true, name: true, latitude: true, longitude: true, freeSpaces: true, observedAt: true, pricePerHour: true, freeMinutes: true },
    });
    const byId = new Map(rows.map((r) => [r.id, { ...r, isFresh: !isStaleAt(r.observedAt, stale, now) }]));
    const candidates = rows
      .map((r) => ({ id: r.id, d: distanceMeters(centre, r) }))
      .filter((c) => c.d > inner && c.d <= ring)
      .sort((a, b) => a.d - b.d);
    await keepNearest(db, userId, centre, input, now, candidates, (ids) => Promise.resolve(new Map(ids.map((id) => [id, byId.get(id)!]))), kept);
    if (kept.length >= input.limit) break;
  }
  return kept;
}

/**
 * Adds to `kept`, in order, the candidates (sorted by distance) that pass every filter,
 * until `limit`. A chunk at a time: first what decides without the full row (a fresh free
 * count, the price), then full rows (opening hours need them) for the survivors only.
 * Places at the very same distance are ordered by name, so a chunk never splits such a tie.
 */
async function keepNearest(db: Db, userId: string, centre: TPoint, input: TInput, now: Date, candidates: TCandidate[], lightOf: (ids: string[]) => Promise<Map<string, TLight>>, kept: TParkingPlace[]) {
  const maxPrice = input.filters.maxPricePerHour;
  const chunkSize = Math.max(2 * input.limit, 40);
  for (let i = 0; i < candidates.length && kept.length < input.limit; ) {
    let end = Math.min(candidates.length, i + chunkSize);
    while (end < candidates.length && candidates[end]!.d === candidates[end - 1]!.d) end++;
    const chunk = candidates.slice(i, end);
    i = end;
    const light = await lightOf(chunk.map((c) => c.id));
    const survivors = chunk
      .flatMap((c) => {
        const l = light.get(c.id);
        return l ? [{ ...l, d: c.d }] : []; // deleted since the index was built
      })
      // Sorted and cut on the exact distance (the rounded metres are for display).
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
      .filter((r) => !input.filters.hasFreeSpaces || (r.isFresh && (r.freeSpaces ?? 0) > 0))
      .filter((r) => maxPrice === null || maxPrice === undefined || (priceOneHour(r.pricePerHour, r.freeMinutes) ?? Infinity) <= maxPrice);
    // Full rows for the nearest survivors, as many as are still wanted at a time.
    for (let j = 0; j < survivors.length && kept.length < input.limit; ) {
      const part = survivors.slice(j, j + input.limit - kept.length);
      j += part.length;
      const rows = part.every((c) => c.view) ? new Map(part.map((c) => [c.id, c.view!])) : await placeRows(db, userId, part.map((c) => c.id));
      for (const c of part) {
        const row = rows.get(c.id);
        if (!row) continue;
        const place = toPlace(row, centre, now);
        if (keeps(place, input.filters)) kept.push(place);
      }
    }
  }
}

/**
 * Full rows (with the user's favourite and the hours) by primary key, on the driver: what
 * placeInclude() reads through Prisma, in three small indexed reads that cost a tenth of
 * Prisma's CPU. The hot path of nearby() is made of these.
 */
async function placeRows(db: Db, userId: string, ids: string[]): Promise<Map<string, TPlaceView>> {
  const sql = sqlOf(db);
  const marks = ids.map(() => "?").join(", ");
  // PostgreSQL's timestamp(3) has no zone (it is UTC): read as text, so no local zone gets in.
  const observedAt = sql.kind === "postgres" ? `to_char("observedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : `"observedAt"`;
  type TRow = Omit<TPlaceView, "hours" | "favourites" | "observedAt" | "alwaysOpen" | "isCovered"> & { observedAt: string | null; alwaysOpen: unknown; isCovered: unknown };
  const [rows, hours, favourites] = await Promise.all([
    sql.all<TRow>(
      `SELECT "id", "name", "operator", "address", "kind", "buildingId", "latitude", "longitude", "timeZone", "alwaysOpen", "capacity", "capacityDisabled", "capacityCharging", "freeSpaces", ${observedAt} AS "observedAt", "pricePerHour", "freeMinutes", "maxStayMinutes", "maxHeightCm", "isCovered", "evChargers", "evPowerKw", "publicUrl" FROM "ParkingPlace" WHERE "id" IN (${marks})`,
      ids,
    ),
    sql.all<{ placeId: string; weekday: number; opens: string; closes: string }>(`SELECT "placeId", "weekday", "opens", "closes" FROM "ParkingHours" WHERE "placeId" IN (${marks}) ORDER BY "weekday", "opens"`, ids),
    sql.all<{ placeId: string; notifyWhenFree: unknown }>(`SELECT "placeId", "notifyWhenFree" FROM "ParkingFavourite" WHERE "userId" = ? AND "placeId" IN (${marks})`, [userId, ...ids]),
  ]);
  const bool = (v: unknown) => v === true || Number(v) === 1;
  const out = new Map<string, TPlaceView>();
  for (const r of rows) out.set(r.id, { ...r, observedAt: r.observedAt === null ? null : new Date(r.observedAt), alwaysOpen: bool(r.alwaysOpen), isCovered: bool(r.isCovered), hours: [], favourites: [] });
  for (const h of hours) out.get(h.placeId)?.hours.push({ weekday: Number(h.weekday), opens: h.opens, closes: h.closes });
  for (const f of favourites) out.get(f.placeId)?.favourites.push({ notifyWhenFree: bool(f.notifyWhenFree) });
  return out;
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

/** Observations per statement (PostgreSQL: 4 parameters each, far under its 65,535). */
const OBSERVATIONS_PER_STATEMENT = 1_000;

type TApplied = { id: string; name: string; latitude: number; longitude: number };

/**
 * Records observations of free spaces (the operator page, the sensor feed, the demo feed).
 * Each is applied only if it is newer than the stored one and within the capacity, by a
 * conditional update, so a late or replayed observation changes nothing. Then whoever
 * watches the area hears of it, and residents waiting for a full favourite to free up are
 * told, once. A batch naming a place more than once counts only its newest observation.
 *
 * On the driver (server/db.ts sqlOf), because Prisma's millisecond of CPU per statement
 * was the feed's whole cost: SQLite runs one prepared conditional update per observation
 * inside ONE transaction (one commit for the batch); PostgreSQL runs ONE `UPDATE … FROM
 * (VALUES …)` with the same conditions. Both return the rows they changed (the map needs
 * their positions), so nothing is read again. Under PostgreSQL's row locks a concurrent
 * update re-checks the conditions on the newest row, so the older observation still loses.
 */
export async function applyObservations(db: Db, list: TObservation[], now = new Date()) {
  const newest = new Map<string, TObservation>();
  for (const o of list) {
    const seen = newest.get(o.placeId);
    if (!seen || o.observedAt.getTime() > seen.observedAt.getTime()) newest.set(o.placeId, o);
  }
  const todo = [...newest.values()];
  const sql = sqlOf(db);
  const changed = new Map<string, TApplied>();
  for (let i = 0; i < todo.length; i += OBSERVATIONS_PER_STATEMENT) {
    const part = todo.slice(i, i + OBSERVATIONS_PER_STATEMENT);
    const rows =
      sql.kind === "postgres"
        ? await sql.all<TApplied>(
            `UPDATE "ParkingPlace" AS p SET "freeSpaces" = v."free", "observedAt" = v."at", "updatedAt" = ?
             FROM (VALUES ${part.map(() => "(?::text, ?::int, ?::timestamp(3))").join(", ")}) AS v("id", "free", "at")
             WHERE p."id" = v."id" AND p."capacity" >= v."free" AND (p."observedAt" IS NULL OR p."observedAt" < v."at")
             RETURNING p."id", p."name", p."latitude", p."longitude"`,
            [now, ...part.flatMap((o) => [o.placeId, o.freeSpaces, o.observedAt])],
          )
        : await sql.transaction(async (q) => {
            const out: TApplied[] = [];
            for (const o of part) {
              const [row] = await q.all<TApplied>(
                `UPDATE "ParkingPlace" SET "freeSpaces" = ?, "observedAt" = ?, "updatedAt" = ?
                 WHERE "id" = ? AND "capacity" >= ? AND ("observedAt" IS NULL OR "observedAt" < ?)
                 RETURNING "id", "name", "latitude", "longitude"`,
                [o.freeSpaces, o.observedAt, now, o.placeId, o.freeSpaces, o.observedAt],
              );
              if (row) out.push(row);
            }
            return out;
          });
    for (const r of rows) changed.set(r.id, r);
  }
  // In the order given, as before.
  const applied = todo.filter((o) => changed.has(o.placeId));
  if (!applied.length) return applied;
  publish({
    type: "parking.occupancy",
    items: applied.map((a) => {
      const p = changed.get(a.placeId)!;
      return { placeId: a.placeId, latitude: Number(p.latitude), longitude: Number(p.longitude), freeSpaces: a.freeSpaces, observedAt: a.observedAt.toISOString() };
    }),
  });
  await tellWaiting(db, applied.filter((a) => a.freeSpaces > 0).map((a) => ({ ...a, name: changed.get(a.placeId)!.name })));
  return applied;
}

/**
 * Residents who asked to be told when one of these places frees up: told once, then the ask
 * is spent. The asks are spent by ONE conditional update that returns what it spent
 * (`notifyWhenFree` true → false), before anyone is told: two observations at once (two
 * instances, two feeds) each spend only what the other did not, so a person is told once.
 */
async function tellWaiting(db: Db, freed: { placeId: string; freeSpaces: number; observedAt: Date; name: string }[]) {
  if (!freed.length) return;
  const sql = sqlOf(db);
  const spend = `UPDATE "ParkingFavourite" SET "notifyWhenFree" = FALSE WHERE "notifyWhenFree" = TRUE AND "placeId" IN (${freed.map(() => "?").join(", ")}) RETURNING "userId", "placeId"`;
  const args = freed.map((f) => f.placeId);
  // PostgreSQL: one statement is atomic on its own; SQLite: writes go through a transaction (its one writer).
  const told = sql.kind === "postgres" ? await sql.all<{ userId: string; placeId: string }>(spend, args) : await sql.transaction((q) => q.all<{ userId: string; placeId: string }>(spend, args));
  if (!told.length) return;
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
