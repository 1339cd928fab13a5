// Parking through the tRPC router and the service: places near a point in distance order,
// every filter, the freshness rule, opening hours, favourites and "tell me when it frees
// up", and who may set occupancy (admins any place, managers their building's spaces).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { distanceMeters } from "../lib/geo";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import { QUIET_DEMO_FEED, demoFeedTick } from "./demo-feed";
import { applyObservations, nearby } from "./service";

const { t, events } = useTestDb();

// The test building is at 45.77, 4.83 (Lyon, Croix-Rousse).
const HOME = { latitude: 45.77, longitude: 4.83 };
/** A point about `north` metres north and `east` metres east of HOME. */
const at = (north: number, east: number) => ({ latitude: HOME.latitude + north / 111_195, longitude: HOME.longitude + east / (111_195 * Math.cos((HOME.latitude * Math.PI) / 180)) });

let n = 0;
async function place(over: Record<string, unknown> = {}) {
  n++;
  return t.db.parkingPlace.create({
    data: { name: `Place ${n}`, kind: "car_park", capacity: 100, alwaysOpen: true, ...at(0, 0), ...over },
  });
}

async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const otherManager = await makeUser(t.db, ["manager"], "Other manager");
  const { building, units } = await makeBuilding(t.db, manager.id);
  const { building: other } = await makeBuilding(t.db, otherManager.id);
  const alice = await makeUser(t.db, ["resident"], "Alice");
  await t.db.membership.create({ data: { userId: alice.id, unitId: units[0]!.id, buildingId: building.id, status: "active", joinedVia: "code" } });
  const admin = await makeUser(t.db, ["admin"], "Admin");
  return {
    building,
    other,
    alice,
    asAlice: callerFor(t.db, alice, ["resident"]),
    asManager: callerFor(t.db, manager, ["manager"]),
    asOtherManager: callerFor(t.db, otherManager, ["manager"]),
    asAdmin: callerFor(t.db, admin, ["admin"]),
    asNobody: callerFor(t.db, null),
  };
}

const fresh = (minutesAgo = 1) => new Date(Date.now() - minutesAgo * 60_000);

describe("places near a point", () => {
  it("lists places within the radius, nearest first, from the resident's building by default", async () => {
    const s = await setup();
    const tag = `near-${Date.now()}`;
    const far = await place({ name: `${tag} far`, ...at(1_500, 0) });
    const near = await place({ name: `${tag} near`, ...at(100, 0) });
    const mid = await place({ name: `${tag} mid`, ...at(0, -700) });
    const outside = await place({ name: `${tag} outside`, ...at(0, 2_500) });
    const res = await s.asAlice.parking.list({ radiusM: 2_000 });
    expect(res.centre).toMatchObject({ latitude: 45.77, longitude: 4.83, label: "Test House" });
    const mine = res.places.filter((p) => p.name.startsWith(tag));
    expect(mine.map((p) => p.id)).toEqual([near.id, mid.id, far.id]);
    expect(mine.map((p) => p.distanceM)).toEqual([100, 700, 1_500]);
    expect(res.places.some((p) => p.id === outside.id)).toBe(false);
    // A position given by the browser wins; the limit keeps the nearest.
    const fromFar = await s.asAlice.parking.list({ near: at(1_500, 0), radiusM: 500, limit: 1 });
    expect(fromFar.places.map((p) => p.id)).toEqual([far.id]);
  });

  it("answers like a brute-force scan on random places, across the antimeridian and near the poles", async () => {
    const s = await setup();
    const centres = [
      { latitude: 12.5, longitude: 179.995 },
      { latitude: -33.9, longitude: -179.99 },
      { latitude: 89.985, longitude: 40 },
      { latitude: 45.2, longitude: 8.1 },
    ];
    for (const [i, c] of centres.entries()) {
      const offsets = fc.sample(fc.record({ dLat: fc.double({ min: -0.03, max: 0.03, noNaN: true }), dLon: fc.double({ min: -0.2, max: 0.2, noNaN: true }) }), { numRuns: 60, seed: i + 1 });
      const points = offsets.map(({ dLat, dLon }) => ({
        latitude: Math.max(-90, Math.min(90, c.latitude + dLat)),
        longitude: ((((c.longitude + dLon + 180) % 360) + 360) % 360) - 180,
      }));
      const tag = `brute-${i}-${Date.now()}`;
      await t.db.parkingPlace.createMany({ data: points.map((p, j) => ({ name: `${tag}-${j}`, kind: "on_street", capacity: 10, alwaysOpen: true, ...p })) });
      const expected = points
        .map((p, j) => ({ name: `${tag}-${j}`, d: distanceMeters(c, p) }))
        .filter((p) => p.d <= 2_000)
        .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
        .map((p) => p.name);
      const res = await s.asAlice.parking.list({ near: c, radiusM: 2_000, limit: 200 });
      expect(res.places.map((p) => p.name).filter((name) => name.startsWith(tag))).toEqual(expected);
      // The nearest few come from a small first ring: the same answer.
      const few = await s.asAlice.parking.list({ near: c, radiusM: 2_000, limit: 5 });
      expect(few.places.map((p) => p.name)).toEqual(res.places.map((p) => p.name).slice(0, 5));
    }
  });

  it("applies every filter", async () => {
    const s = await setup();
    const c = at(20_000, 20_000); // an area of its own
    const put = (over: Record<string, unknown>) => place({ latitude: c.latitude, longitude: c.longitude, freeSpaces: 40, observedAt: fresh(), pricePerHour: 200, ...over });
    const plain = await put({ name: "plain" });
    const ev = await put({ name: "ev", evChargers: 4, evPowerKw: 22 });
    const accessible = await put({ name: "accessible", capacityDisabled: 3 });
    const full = await put({ name: "full", freeSpaces: 0 });
    const stale = await put({ name: "stale", observedAt: fresh(60) });
    const low = await put({ name: "low", maxHeightCm: 190 });
    const pricey = await put({ name: "pricey", pricePerHour: 400 });
    const freeFirstHalf = await put({ name: "half free", pricePerHour: 400, freeMinutes: 30 });
    const closed = await put({ name: "closed", alwaysOpen: false });
    const ids = async (filters: Record<string, unknown>) =>
      (await s.asAlice.parking.list({ near: c, radiusM: 500, limit: 200, filters })).places.map((p) => p.name).sort();

    const all = ["accessible", "closed", "ev", "full", "half free", "low", "plain", "pricey", "stale"];
    expect(await ids({})).toEqual(all);
    expect(await ids({ evCharging: true })).toEqual(["ev"]);
    expect(await ids({ accessible: true })).toEqual(["accessible"]);
    expect(await ids({ hasFreeSpaces: true })).toEqual(all.filter((x) => x !== "full" && x !== "stale"));
    expect(await ids({ openNow: true })).toEqual(all.filter((x) => x !== "closed"));
    expect(await ids({ vehicleHeightCm: 210 })).toEqual(all.filter((x) => x !== "low"));
    expect(await ids({ vehicleHeightCm: 180 })).toEqual(all);
    // One hour: 2.00 for most, 4.00 for pricey, and 2.00 for the place whose first half hour is free.
    expect(await ids({ maxPricePerHour: 200 })).toEqual(all.filter((x) => x !== "pricey"));
    expect(await ids({ maxPricePerHour: 199 })).toEqual([]);
    expect(await ids({ evCharging: true, hasFreeSpaces: true, openNow: true })).toEqual(["ev"]);
    void [plain, ev, accessible, full, stale, low, pricey, freeFirstHalf, closed];
  });
});

describe("what a place shows", () => {
  it("never shows a stale count: past the threshold it is unknown, and a closed place is closed", async () => {
    const s = await setup();
    const ok = await place({ freeSpaces: 50, observedAt: fresh(14) });
    const almost = await place({ freeSpaces: 4, observedAt: fresh() });
    const full = await place({ freeSpaces: 0, observedAt: fresh() });
    const old = await place({ freeSpaces: 50, observedAt: fresh(16) });
    const never = await place({});
    const closed = await place({ alwaysOpen: false, freeSpaces: 50, observedAt: fresh() });
    const get = (id: string) => s.asAlice.parking.get({ id });
    expect(await get(ok.id)).toMatchObject({ availability: "free", freeSpaces: 50, isStale: false });
    expect(await get(almost.id)).toMatchObject({ availability: "almostFull", freeSpaces: 4 });
    expect(await get(full.id)).toMatchObject({ availability: "full", freeSpaces: 0 });
    expect(await get(old.id)).toMatchObject({ availability: "unknown", freeSpaces: null, isStale: true });
    expect((await get(old.id)).observedAt).toEqual(old.observedAt);
    expect(await get(never.id)).toMatchObject({ availability: "unknown", freeSpaces: null, observedAt: null });
    expect(await get(closed.id)).toMatchObject({ availability: "closed", isOpen: false });
    await expect(get(MISSING_ID)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("reads opening hours in the place's time zone, across midnight", async () => {
    // Open 22:00–02:00 every night, stored as two ranges per day (as shops store theirs).
    const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, opens: "00:00", closes: "02:00" },
      { weekday, opens: "22:00", closes: "24:00" },
    ]);
    const night = await place({ name: "night", alwaysOpen: false, hours: { create: hours } });
    const user = await makeUser(t.db);
    const isOpenAt = async (iso: string) => (await nearby(t.db, user.id, { near: { latitude: night.latitude, longitude: night.longitude }, radiusM: 100, limit: 200 }, new Date(iso))).places.find((p) => p.id === night.id)!;
    // Paris is UTC+1 in winter, UTC+2 in summer.
    expect((await isOpenAt("2026-12-02T22:30:00Z")).isOpen).toBe(true); // 23:30
    expect((await isOpenAt("2026-12-03T00:30:00Z")).isOpen).toBe(true); // 01:30
    expect((await isOpenAt("2026-12-03T01:30:00Z")).isOpen).toBe(false); // 02:30
    const shut = await isOpenAt("2026-12-02T12:00:00Z");
    expect(shut).toMatchObject({ isOpen: false, availability: "closed" });
    expect(shut.nextOpening?.toISOString()).toBe("2026-12-02T21:00:00.000Z");
    // The night the clocks go back (25 October 2026, 03:00 → 02:00): 01:30 local is still open.
    expect((await isOpenAt("2026-10-24T23:30:00Z")).isOpen).toBe(true); // 01:30 CEST
    expect((await isOpenAt("2026-10-25T01:30:00Z")).isOpen).toBe(false); // 02:30 CET
  });
});

describe("favourites", () => {
  it("are the user's own: star, list, ask to be told, unstar", async () => {
    const s = await setup();
    const p = await place({ ...at(300, 0), freeSpaces: 0, observedAt: fresh() });
    expect((await s.asAlice.parking.favourites.create({ placeId: p.id })).isFavourite).toBe(true);
    expect(await s.asAlice.parking.favourites.list()).toEqual([expect.objectContaining({ id: p.id, isFavourite: true, notifyWhenFree: false, distanceM: 300 })]);
    expect((await s.asAlice.parking.favourites.update({ placeId: p.id, notifyWhenFree: true })).notifyWhenFree).toBe(true);
    // Another person sees it as nobody's favourite.
    expect((await s.asManager.parking.get({ id: p.id })).isFavourite).toBe(false);
    expect(await s.asManager.parking.favourites.list()).toEqual([]);
    await s.asAlice.parking.favourites.remove({ placeId: p.id });
    expect(await s.asAlice.parking.favourites.list()).toEqual([]);
    await expect(s.asAlice.parking.favourites.create({ placeId: MISSING_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asNobody.parking.favourites.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("tells a waiting resident once when a full favourite frees up", async () => {
    const s = await setup();
    const p = await place({ name: "Garage Croix-Rousse", freeSpaces: 0, observedAt: fresh(5), buildingId: s.building.id, kind: "building", capacity: 10 });
    await s.asAlice.parking.favourites.create({ placeId: p.id, notifyWhenFree: true });
    const notes = () => t.db.notification.findMany({ where: { userId: s.alice.id, kind: "parkingFreed" } });
    await s.asManager.parking.manage.setOccupancy({ placeId: p.id, freeSpaces: 0 });
    expect(await notes()).toHaveLength(0);
    // Two observations at once: one notification.
    const later = Date.now() + 10;
    await Promise.all([
      applyObservations(t.db, [{ placeId: p.id, freeSpaces: 2, observedAt: new Date(later) }]),
      applyObservations(t.db, [{ placeId: p.id, freeSpaces: 3, observedAt: new Date(later + 1) }]),
    ]);
    const told = await notes();
    expect(told).toHaveLength(1);
    expect(told[0]!.link).toBe(`/parking?place=${p.id}`);
    expect((await s.asAlice.parking.get({ id: p.id })).notifyWhenFree).toBe(false);
    await s.asManager.parking.manage.setOccupancy({ placeId: p.id, freeSpaces: 0 });
    await s.asManager.parking.manage.setOccupancy({ placeId: p.id, freeSpaces: 5 });
    expect(await notes()).toHaveLength(1);
  });
});

describe("occupancy", () => {
  it("is set by admins on any place and by managers on their building's spaces only", async () => {
    const s = await setup();
    const own = await place({ kind: "building", buildingId: s.building.id, capacity: 12 });
    const theirs = await place({ kind: "building", buildingId: s.other.id, capacity: 12 });
    const publicGarage = await place({ capacity: 300 });

    const set = await s.asManager.parking.manage.setOccupancy({ placeId: own.id, freeSpaces: 7 });
    expect(set).toMatchObject({ freeSpaces: 7, availability: "free", isStale: false });
    expect(events).toContainEqual({ type: "parking.occupancy", items: [expect.objectContaining({ placeId: own.id, freeSpaces: 7 })] });
    expect((await s.asManager.parking.manage.list()).map((p) => p.id)).toEqual([own.id]);

    await expect(s.asManager.parking.manage.setOccupancy({ placeId: theirs.id, freeSpaces: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asManager.parking.manage.setOccupancy({ placeId: publicGarage.id, freeSpaces: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asAlice.parking.manage.setOccupancy({ placeId: own.id, freeSpaces: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.asAlice.parking.manage.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.asNobody.parking.manage.setOccupancy({ placeId: own.id, freeSpaces: 1 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(s.asNobody.parking.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // Over capacity or negative: refused, nothing changed.
    await expect(s.asManager.parking.manage.setOccupancy({ placeId: own.id, freeSpaces: 13 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asManager.parking.manage.setOccupancy({ placeId: own.id, freeSpaces: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await t.db.parkingPlace.findUniqueOrThrow({ where: { id: own.id } })).freeSpaces).toBe(7);

    expect(await s.asAdmin.parking.manage.setOccupancy({ placeId: publicGarage.id, freeSpaces: 250 })).toMatchObject({ freeSpaces: 250 });
    expect((await s.asAdmin.parking.manage.list()).map((p) => p.id)).toEqual(expect.arrayContaining([own.id, theirs.id, publicGarage.id]));
  });

  it("never lets an older or replayed observation overwrite a newer one", async () => {
    const p = await place({ capacity: 50 });
    const t1 = fresh(3);
    const t2 = fresh(2);
    expect(await applyObservations(t.db, [{ placeId: p.id, freeSpaces: 10, observedAt: t2 }])).toHaveLength(1);
    events.length = 0;
    expect(await applyObservations(t.db, [{ placeId: p.id, freeSpaces: 30, observedAt: t1 }])).toHaveLength(0);
    expect(await applyObservations(t.db, [{ placeId: p.id, freeSpaces: 10, observedAt: t2 }])).toHaveLength(0);
    expect(await applyObservations(t.db, [{ placeId: p.id, freeSpaces: 51, observedAt: fresh(1) }])).toHaveLength(0);
    expect(events).toEqual([]);
    expect(await t.db.parkingPlace.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({ freeSpaces: 10, observedAt: t2 });
  });

  it("keeps free spaces within the capacity in the database itself", async () => {
    const p = await place({ capacity: 5 });
    await expect(t.db.parkingPlace.update({ where: { id: p.id }, data: { freeSpaces: 6 } })).rejects.toThrow();
    await expect(t.db.parkingPlace.update({ where: { id: p.id }, data: { freeSpaces: -1 } })).rejects.toThrow();
  });
});

describe("the demo feed", () => {
  it("moves only the demo garages and streets, within their capacity, through the same path as a real feed", async () => {
    await t.db.parkingPlace.deleteMany({ where: { source: "demo" } });
    const street = await place({ source: "demo", externalId: "street-1", kind: "on_street", capacity: 10, freeSpaces: 10, observedAt: fresh(30) });
    const empty = await place({ source: "demo", externalId: "garage-1", capacity: 50, freeSpaces: 0, observedAt: fresh(30) });
    const quiet = await place({ source: "demo", externalId: QUIET_DEMO_FEED, capacity: 50, freeSpaces: 7, observedAt: fresh(120) });
    const own = await place({ source: "demo", externalId: "building-x", kind: "building", capacity: 12, freeSpaces: 3, observedAt: fresh(30) });
    const real = await place({ source: "manual", capacity: 40, freeSpaces: 20, observedAt: fresh(30) });
    const now = new Date();
    expect(await demoFeedTick(t.db, now, () => 1)).toBe(2);
    const after = async (id: string) => t.db.parkingPlace.findUniqueOrThrow({ where: { id } });
    expect(await after(street.id)).toMatchObject({ freeSpaces: 10, observedAt: now }); // clamped to the capacity
    expect(await after(empty.id)).toMatchObject({ freeSpaces: 2, observedAt: now });
    for (const p of [quiet, own, real]) expect((await after(p.id)).observedAt).toEqual(p.observedAt);
    expect(events.filter((e) => e.type === "parking.occupancy")).toHaveLength(1);
  });
});
