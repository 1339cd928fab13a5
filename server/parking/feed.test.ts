// The occupancy feed: operators' keys (made by admins, shown once, revocable), the HTTP
// endpoint (401 without a key, 400 for a malformed batch, 429 over the limit), and each
// item checked on its own: bad ones refused with index and reason, good ones applied, a
// replay or an older observation changing nothing, another operator's place refused like
// a missing one.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRoutes } from "../http/routes";
import { useTestDb } from "../test/hooks";
import { callerFor, makeUser, MISSING_ID } from "../test/factories";
import { createKey, createOperator, ingest, operatorOfKey } from "./feed";
import { applyObservations } from "./service";

const { t, events } = useTestDb();
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer(createRoutes({ db: t.db, dbKind: t.kind, instance: "feed", trustProxy: false, isShuttingDown: () => false, handleNext: async (_req, res) => void res.writeHead(404).end() }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (key: string | null, body: unknown) =>
  fetch(`${base}/api/parking/occupancy`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

let n = 0;
async function setup() {
  n++;
  const admin = await makeUser(t.db, ["admin"], "Admin");
  const resident = await makeUser(t.db, ["resident"], "Resident");
  const asAdmin = callerFor(t.db, admin, ["admin"]);
  const lpa = await asAdmin.parking.admin.createOperator({ name: `LPA ${n}` });
  const other = await asAdmin.parking.admin.createOperator({ name: `Indigo ${n}` });
  const place = (operatorId: string, externalId: string, capacity = 100) =>
    t.db.parkingPlace.create({ data: { name: externalId, kind: "car_park", latitude: 45.7, longitude: 4.8, capacity, alwaysOpen: true, operatorId, source: "feed-test", externalId: `${n}-${externalId}` } });
  const terreaux = await place(lpa.id, "terreaux", 700);
  const celestins = await place(lpa.id, "celestins", 400);
  const theirs = await place(other.id, "bellecour", 500);
  const { key } = await asAdmin.parking.admin.createKey({ operatorId: lpa.id, label: "sensors" });
  return { asAdmin, asResident: callerFor(t.db, resident, ["resident"]), lpa, other, terreaux, celestins, theirs, key };
}

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe("operators and keys", () => {
  it("are an admin's: a key is shown once, listed by prefix, and revoked for good", async () => {
    const s = await setup();
    expect(s.key).toMatch(/^qpk_[0-9a-f]{8}_[0-9a-f]{32}$/);
    const listed = (await s.asAdmin.parking.admin.listOperators()).find((o) => o.id === s.lpa.id)!;
    expect(listed).toMatchObject({ name: s.lpa.name, places: 2, keys: [{ label: "sensors", prefix: s.key.slice(4, 12), revokedAt: null }] });
    expect(JSON.stringify(listed)).not.toContain(s.key.slice(13));
    await expect(s.asAdmin.parking.admin.createOperator({ name: s.lpa.name })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(s.asResident.parking.admin.listOperators()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.asResident.parking.admin.createKey({ operatorId: s.lpa.id, label: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(s.asAdmin.parking.admin.createKey({ operatorId: MISSING_ID, label: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect((await post(s.key, { items: [{ externalId: `${n}-terreaux`, free: 10, observedAt: at(5) }] })).status).toBe(200);
    await s.asAdmin.parking.admin.revokeKey({ id: listed.keys[0]!.id });
    const refused = await post(s.key, { items: [{ externalId: `${n}-terreaux`, free: 11, observedAt: at(4) }] });
    expect(refused.status).toBe(401);
    expect((await t.db.parkingPlace.findUniqueOrThrow({ where: { id: s.terreaux.id } })).freeSpaces).toBe(10);
  });
});

describe("POST /api/parking/occupancy", () => {
  it("refuses callers without a valid key and malformed batches, changing nothing", async () => {
    const s = await setup();
    expect((await post(null, { items: [] })).status).toBe(401);
    expect((await post("qpk_00000000_00000000000000000000000000000000", { items: [{ placeId: s.terreaux.id, free: 1, observedAt: at(1) }] })).status).toBe(401);
    expect((await post("not a key", {})).status).toBe(401);
    for (const body of ["{not json", { items: [] }, { items: "x" }, { rows: [] }, [], { items: Array.from({ length: 1_001 }, () => ({})) }]) {
      const res = await post(s.key, body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(await res.json()).toMatchObject({ error: "INVALID_INPUT" });
    }
    expect((await fetch(`${base}/api/parking/occupancy`, { method: "GET" })).status).toBe(405);
    expect((await t.db.parkingPlace.findUniqueOrThrow({ where: { id: s.terreaux.id } })).observedAt).toBeNull();
  });

  it("applies the good items, refuses each bad one with its reason, and a replay changes nothing", async () => {
    const s = await setup();
    const batch = {
      items: [
        { externalId: `${n}-terreaux`, free: 120, observedAt: at(30) },
        { placeId: s.celestins.id, free: 401, observedAt: at(30) }, // over capacity
        { placeId: s.theirs.id, free: 5, observedAt: at(30) }, // another operator's
        { placeId: MISSING_ID, free: 5, observedAt: at(30) },
        { externalId: `${n}-celestins`, free: 3, observedAt: new Date(Date.now() + 10 * 60_000).toISOString() }, // future
        { externalId: `${n}-celestins`, free: 3, observedAt: at(3_600) }, // too old
        { externalId: `${n}-celestins`, free: -1, observedAt: at(30) },
        { free: 3, observedAt: at(30) },
        { placeId: s.celestins.id, externalId: `${n}-celestins`, free: 3, observedAt: at(30) },
        "garbage",
        { placeId: s.celestins.id, free: 250, observedAt: at(20) },
      ],
    };
    events.length = 0;
    const res = await post(s.key, batch);
    expect(res.status).toBe(200);
    const result = (await res.json()) as { applied: number; unchanged: number; rejected: { index: number; reason: string }[] };
    expect(result.applied).toBe(2);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.rejected[0]!.reason).toBe("free must be between 0 and 400");
    expect(result.rejected[1]!.reason).toBe(result.rejected[2]!.reason); // theirs looks like none
    expect(result.rejected[3]!.reason).toBe("observedAt is in the future");
    expect(result.rejected[4]!.reason).toMatch(/older than 15 minutes/);
    expect(events).toContainEqual(expect.objectContaining({ type: "parking.occupancy" }));
    const stored = async () => (await t.db.parkingPlace.findMany({ where: { id: { in: [s.terreaux.id, s.celestins.id, s.theirs.id] } }, orderBy: { name: "asc" } })).map((p) => [p.name, p.freeSpaces]);
    expect(await stored()).toEqual([
      ["bellecour", null],
      ["celestins", 250],
      ["terreaux", 120],
    ]);

    // The same batch again, then an older observation: nothing moves.
    const replay = (await (await post(s.key, batch)).json()) as { applied: number; unchanged: number };
    expect(replay).toMatchObject({ applied: 0, unchanged: 2 });
    const older = await ingest(t.db, s.lpa.id, { items: [{ placeId: s.terreaux.id, free: 7, observedAt: at(60) }] });
    expect(older).toEqual({ applied: 0, unchanged: 1, rejected: [] });
    expect(await stored()).toEqual([
      ["bellecour", null],
      ["celestins", 250],
      ["terreaux", 120],
    ]);
  });

  it("limits each key to PARKING_FEED_PER_MINUTE batches a minute, with Retry-After", async () => {
    const s = await setup();
    const item = { items: [{ placeId: s.terreaux.id, free: 1, observedAt: at(1) }] };
    const statuses = [];
    for (let i = 0; i < 121; i++) statuses.push((await post(s.key, item)).status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(120);
    const refused = await post(s.key, item);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});

describe("a key's last use", () => {
  it("is written at most once a minute, not per batch", async () => {
    const admin = await makeUser(t.db, ["admin"], "Admin");
    const op = await createOperator(t.db, "Last use");
    const { id, key } = await createKey(t.db, admin.id, { operatorId: op.id, label: "sensor" });
    const lastUsed = async () => (await t.db.parkingApiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    const t0 = new Date("2026-12-02T10:00:00Z");
    expect(await operatorOfKey(t.db, key, t0)).toEqual({ keyId: id, operatorId: op.id });
    expect(await lastUsed()).toEqual(t0);
    await operatorOfKey(t.db, key, new Date(t0.getTime() + 59_000));
    expect(await lastUsed()).toEqual(t0);
    const t1 = new Date(t0.getTime() + 61_000);
    await operatorOfKey(t.db, key, t1);
    expect(await lastUsed()).toEqual(t1);
  });
});

describe("a batch of observations", () => {
  it("applies each newer one within the capacity in one go, the newest of a place named twice, and reports the rest unchanged", async () => {
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const mk = (name: string, over: Record<string, unknown> = {}) => t.db.parkingPlace.create({ data: { name, kind: "car_park", capacity: 10, alwaysOpen: true, latitude: 1, longitude: 1, ...over } });
    const fresh = await mk("fresh");
    const newer = await mk("newer stored", { freeSpaces: 4, observedAt: at(1) });
    const twice = await mk("twice");
    const small = await mk("small", { capacity: 2 });
    const applied = await applyObservations(t.db, [
      { placeId: fresh.id, freeSpaces: 5, observedAt: at(3) },
      { placeId: newer.id, freeSpaces: 9, observedAt: at(2) }, // older than the stored one
      { placeId: twice.id, freeSpaces: 1, observedAt: at(3) },
      { placeId: twice.id, freeSpaces: 7, observedAt: at(2) },
      { placeId: small.id, freeSpaces: 3, observedAt: at(2) }, // over capacity
      { placeId: MISSING_ID, freeSpaces: 1, observedAt: at(2) },
    ]);
    expect(applied.map((a) => [a.placeId, a.freeSpaces])).toEqual([
      [fresh.id, 5],
      [twice.id, 7],
    ]);
    const get = (id: string) => t.db.parkingPlace.findUniqueOrThrow({ where: { id } });
    expect(await get(fresh.id)).toMatchObject({ freeSpaces: 5, observedAt: expect.any(Date) });
    expect(await get(newer.id)).toMatchObject({ freeSpaces: 4 });
    expect(await get(twice.id)).toMatchObject({ freeSpaces: 7 });
    expect(await get(small.id)).toMatchObject({ freeSpaces: null });
    expect(events).toContainEqual({ type: "parking.occupancy", items: [expect.objectContaining({ placeId: fresh.id, latitude: 1, longitude: 1, freeSpaces: 5 }), expect.objectContaining({ placeId: twice.id, freeSpaces: 7 })] });
  });
});
