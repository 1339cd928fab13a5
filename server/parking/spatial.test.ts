// The in-memory spatial index on the database: nearby() through it answers exactly like a
// brute-force scan (and like the bounding-box path it falls back to), across the
// antimeridian and near the poles, with every filter; and it follows every writer of places
// through the positions version, including another instance's writes, without rebuilding
// for occupancy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDb } from "../db";
import { distanceMeters } from "../lib/geo";
import { useTestDb } from "../test/hooks";
import { makeUser } from "../test/factories";
import { ZNearbyInput } from "./schema";
import { applyObservations, nearby, nearbyByBox, nearbyByIndex, staleAfterMinutes } from "./service";
import { dropSpatialIndex, spatialIndex } from "./spatial";

const { t } = useTestDb();

const centres = [
  { latitude: 12.5, longitude: 179.995 },
  { latitude: -33.9, longitude: -179.99 },
  { latitude: 89.985, longitude: 40 },
  { latitude: -89.99, longitude: -120 },
  { latitude: 45.2, longitude: 8.1 },
];

describe("the spatial index", () => {
  it("answers like a brute-force scan on random places and filters, across the antimeridian and near the poles", async () => {
    const user = await makeUser(t.db);
    const now = new Date();
    type TRow = { name: string; latitude: number; longitude: number; freeSpaces: number | null; observedAt: Date | null; pricePerHour: number | null; evChargers: number; capacityDisabled: number; maxHeightCm: number | null };
    const rows: TRow[] = [];
    for (const [i, c] of centres.entries()) {
      const samples = fc.sample(
        fc.record({
          dLat: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
          dLon: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
          free: fc.option(fc.integer({ min: 0, max: 10 })),
          age: fc.integer({ min: 0, max: 30 }),
          price: fc.option(fc.integer({ min: 100, max: 400 })),
          ev: fc.boolean(),
          disabled: fc.boolean(),
          height: fc.option(fc.integer({ min: 150, max: 250 })),
          twin: fc.boolean(), // the same spot as the previous place: a distance tie
        }),
        { numRuns: 80, seed: 100 + i },
      );
      samples.forEach((s, j) => {
        const prev = rows.at(-1);
        const latitude = Math.max(-90, Math.min(90, c.latitude + s.dLat));
        const longitude = ((((c.longitude + s.dLon + 180) % 360) + 360) % 360) - 180;
        rows.push({
          name: `c${i}-${String(79 - j).padStart(2, "0")}`,
          ...(s.twin && prev && j > 0 ? { latitude: prev.latitude, longitude: prev.longitude } : { latitude, longitude }),
          freeSpaces: s.free,
          observedAt: s.free === null ? null : new Date(now.getTime() - s.age * 60_000),
          pricePerHour: s.price,
          evChargers: s.ev ? 2 : 0,
          capacityDisabled: s.disabled ? 1 : 0,
          maxHeightCm: s.height,
        });
      });
    }
    await t.db.parkingPlace.createMany({ data: rows.map((r) => ({ ...r, kind: "on_street", capacity: 10, alwaysOpen: true })) });
    const index = await spatialIndex(t.db, { wait: true });
    expect(index?.size).toBe(rows.length);

    const filterSets = [{}, { hasFreeSpaces: true }, { evCharging: true, accessible: true }, { vehicleHeightCm: 200, maxPricePerHour: 250 }, { hasFreeSpaces: true, evCharging: true, openNow: true }];
    const brute = (c: (typeof centres)[number], radiusM: number, f: Record<string, unknown>) =>
      rows
        .map((r) => ({ r, d: distanceMeters(c, r) }))
        .filter(({ d }) => d <= radiusM)
        .filter(({ r }) => !f.hasFreeSpaces || (r.observedAt !== null && now.getTime() - r.observedAt.getTime() <= staleAfterMinutes() * 60_000 && (r.freeSpaces ?? 0) > 0))
        .filter(({ r }) => !f.evCharging || r.evChargers > 0)
        .filter(({ r }) => !f.accessible || r.capacityDisabled > 0)
        .filter(({ r }) => !f.vehicleHeightCm || r.maxHeightCm === null || r.maxHeightCm >= (f.vehicleHeightCm as number))
        .filter(({ r }) => f.maxPricePerHour === undefined || (r.pricePerHour !== null && r.pricePerHour <= (f.maxPricePerHour as number)))
        .sort((a, b) => a.d - b.d || a.r.name.localeCompare(b.r.name))
        .map(({ r }) => r.name);
    let compared = 0;
    for (const c of centres) {
      for (const filters of filterSets) {
        for (const [radiusM, limit] of [[2_000, 200], [2_000, 5], [900, 12], [20_000, 3]] as const) {
          const input = ZNearbyInput.parse({ near: c, radiusM, limit, filters });
          const want = brute(c, radiusM, filters).slice(0, limit);
          const viaIndex = await nearbyByIndex(t.db, user.id, c, input, index!, now);
          expect(viaIndex.map((p) => p.name), `${JSON.stringify(c)} ${JSON.stringify(filters)} ${radiusM} ${limit}`).toEqual(want);
          expect((await nearbyByBox(t.db, user.id, c, input, now)).map((p) => p.name)).toEqual(want);
          compared += want.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(500); // not a vacuous comparison
  });

  it("follows inserts, moves and deletes by any writer and any instance, and not occupancy", async () => {
    const other = createDb(t.url); // a second instance on the same database
    try {
      const spot = { latitude: 10, longitude: 10 };
      const a = await t.db.parkingPlace.create({ data: { name: "a", kind: "car_park", capacity: 10, alwaysOpen: true, ...spot } });
      const first = (await spatialIndex(other, { wait: true }))!;
      expect(first.ids).toContain(a.id);
      // Occupancy changes nothing the index holds: no new version, no rebuild.
      await applyObservations(t.db, [{ placeId: a.id, freeSpaces: 3, observedAt: new Date() }]);
      expect(await spatialIndex(other)).toBe(first);
      // An insert, a move, a delete (through Prisma and through plain SQL): each moves the version.
      const b = await t.db.parkingPlace.create({ data: { name: "b", kind: "car_park", capacity: 10, alwaysOpen: true, latitude: 10.001, longitude: 10 } });
      const afterInsert = (await spatialIndex(other, { wait: true }))!;
      expect(afterInsert.version).toBeGreaterThan(first.version);
      expect(afterInsert.ids).toContain(b.id);
      await t.db.parkingPlace.update({ where: { id: b.id }, data: { latitude: 20 } });
      const afterMove = (await spatialIndex(other, { wait: true }))!;
      expect(afterMove.version).toBeGreaterThan(afterInsert.version);
      expect(afterMove.latitude[afterMove.ids.indexOf(b.id)]).toBe(20);
      await t.db.$executeRawUnsafe(`DELETE FROM "ParkingPlace" WHERE "id" = '${a.id}'`);
      const afterDelete = (await spatialIndex(other, { wait: true }))!;
      expect(afterDelete.ids).not.toContain(a.id);
      // Within the debounce window a stale index is not used: the caller answers from the database.
      await t.db.parkingPlace.update({ where: { id: b.id }, data: { latitude: 21 } });
      expect(await spatialIndex(other)).toBeNull();
      // A fresh instance builds it on its first query.
      dropSpatialIndex(other);
      const rebuilt = (await spatialIndex(other))!;
      expect(rebuilt.latitude[rebuilt.ids.indexOf(b.id)]).toBe(21);
      // And the other instance's answers follow.
      const user = await makeUser(t.db);
      expect((await nearby(other, user.id, { near: { latitude: 21, longitude: 10 }, radiusM: 100 })).places.map((p) => p.id)).toEqual([b.id]);
      // nearby() reads with the index it holds while it reads the version: a move by another
      // writer in between is answered from the database, never from the stale index.
      await t.db.parkingPlace.update({ where: { id: b.id }, data: { latitude: 22 } });
      expect((await nearby(other, user.id, { near: { latitude: 22, longitude: 10 }, radiusM: 100 })).places.map((p) => p.id)).toEqual([b.id]);
      expect((await nearby(other, user.id, { near: { latitude: 21, longitude: 10 }, radiusM: 100 })).places).toEqual([]);
      // Once through Prisma too: a client whose Prisma never connected leaves the driver's
      // PostgreSQL pool open at $disconnect (server/db.ts hands the pool to the adapter).
      expect(await other.parkingPlace.count({ where: { id: b.id } })).toBe(1);
    } finally {
      dropSpatialIndex(other);
      await other.$disconnect();
    }
  });
});
