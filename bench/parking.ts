// Parking speed, on SQLite and on PostgreSQL, with 100,000 places spread over a 40 km × 40 km
// metropolis. Three measurements per database, all in one run:
//  1. lookup: "the nearest 20 open places with free spaces within 2 km" through the service
//     (nearby(): candidates from the in-memory spatial index, their counts from the
//     database) and through the tRPC endpoint (a real HTTP GET of parking.list on the app's
//     own request handler, createRoutes, with a session cookie); the baseline, on the same
//     data in the same run, is an in-memory geokdbush lookup with no database at all (and, for
//     scale, an in-memory brute-force scan). Printed as ratios to the geokdbush baseline.
//  2. occupancy ingest: batches of 500 items POSTed to /api/parking/occupancy with a real
//     operator key (rate limit raised for the bench), items/s;
//  3. live updates: a socket.io client with a session cookie that did `parking:watch` on the
//     city's cells; for every item ingested, the delay from the POST being sent to its
//     `parking:occupancy` arriving (p50/p95), while ingesting at full speed.
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:parking [-- --places 100000 --queries 300 --db both|sqlite|postgres --batches 40]
// PostgreSQL: TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/test (a fresh
// database is made there per run, as the tests do); skipped if it cannot be reached.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { around } from "geokdbush";
import KDBush from "kdbush";
import { encode } from "next-auth/jwt";
import pg from "pg";
import { io as connect } from "socket.io-client";
import { env } from "../env";
import { sqlOf } from "../server/db";
import { createRoutes } from "../server/http/routes";
import { cuid } from "../server/lib/ids";
import { distanceMeters } from "../server/lib/geo";
import { cellOf } from "../server/parking/area";
import { createKey, createOperator } from "../server/parking/feed";
import { nearby } from "../server/parking/service";
import { spatialIndex } from "../server/parking/spatial";
import { createRealtime } from "../server/realtime/io";
import { createTestDb, type TTestDb } from "../server/test/db";

process.env.AUTH_SECRET ||= "bench-secret-bench-secret-bench-secret-01";
process.env.LOG_LEVEL = "silent";
process.env.REDIS_URL = "";
process.env.PARKING_FEED_PER_MINUTE = "1000000"; // the feed's per-key limit is not what is measured

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const count = Number(arg("places", "100000"));
const queries = Number(arg("queries", "300"));
const which = arg("db", "both");
const batches = Number(arg("batches", "40"));
const BATCH_ITEMS = 500;
const pgUrl = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/test";

/** A fixed generator (mulberry32): the same city every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const CITY = { latitude: 45.76, longitude: 4.84 };
const SPAN = { lat: 0.36, lon: 0.51 }; // about 40 km × 40 km

function makePlaces() {
  const rnd = random(7);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const capacity = 5 + Math.floor(rnd() * 300);
    return {
      name: `Place ${i}`,
      kind: rnd() < 0.6 ? "on_street" : "car_park",
      latitude: CITY.latitude + (rnd() - 0.5) * SPAN.lat,
      longitude: CITY.longitude + (rnd() - 0.5) * SPAN.lon,
      alwaysOpen: true,
      capacity,
      freeSpaces: rnd() < 0.3 ? 0 : Math.floor(rnd() * capacity),
      observedAt: new Date(now - Math.floor(rnd() * 10) * 60_000),
      pricePerHour: 150 + Math.floor(rnd() * 200),
    };
  });
}
type TPlace = ReturnType<typeof makePlaces>[number];

function points(n: number) {
  const rnd = random(11);
  return Array.from({ length: n }, () => ({ latitude: CITY.latitude + (rnd() - 0.5) * SPAN.lat * 0.8, longitude: CITY.longitude + (rnd() - 0.5) * SPAN.lon * 0.8 }));
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function time(label: string, op: (i: number) => unknown) {
  for (let i = 0; i < 20; i++) await op(i); // warm-up
  const lat: number[] = [];
  for (let i = 0; i < queries; i++) {
    const t = performance.now();
    await op(i);
    lat.push(performance.now() - t);
  }
  lat.sort((a, b) => a - b);
  const r = { p50: pct(lat, 0.5), p95: pct(lat, 0.95) };
  console.log(`  ${label.padEnd(44)} p50 ${ms(r.p50).padStart(10)}   p95 ${ms(r.p95).padStart(10)}`);
  return r;
}

function bruteForce(all: TPlace[], c: { latitude: number; longitude: number }) {
  return all
    .map((p) => ({ p, d: distanceMeters(c, p) }))
    .filter((x) => x.d <= 2_000 && (x.p.freeSpaces ?? 0) > 0)
    .sort((a, b) => a.d - b.d)
    .slice(0, 20);
}

/** The baseline: geokdbush in memory, the free count in memory too (no database, no HTTP). */
function geoIndex(all: TPlace[]) {
  const tree = new KDBush(all.length);
  for (const p of all) tree.add(p.longitude, p.latitude);
  tree.finish();
  return (c: { latitude: number; longitude: number }) => around(tree, c.longitude, c.latitude, 20, 2, (i) => (all[i]!.freeSpaces ?? 0) > 0);
}

type TDist = { p50: number; p95: number };
const ratio = (base: TDist, r: TDist) => `${(r.p50 / base.p50).toFixed(1)}× the geokdbush baseline's time at p50, ${(r.p95 / base.p95).toFixed(1)}× at p95`;

async function benchDb(kind: "sqlite" | "postgres", all: TPlace[], baseline: TDist) {
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: pgUrl });
    try {
      await client.connect();
      await client.end();
    } catch {
      console.log(`\n${kind}: not reachable at ${pgUrl}, skipped`);
      return;
    }
    process.env.TEST_DATABASE_URL = pgUrl;
  }
  process.env.TEST_DB = kind; // createTestDb() picks the database by TEST_DB
  const t: TTestDb = await createTestDb();
  const http = createServer(createRoutes({ db: t.db, dbKind: t.kind, instance: "bench", trustProxy: false, isShuttingDown: () => false, handleNext: async (_req, res) => void res.writeHead(404).end() }));
  const realtime = await createRealtime(http, t.db, { isDev: false, instance: "bench", redis: null });
  const socket = { current: null as ReturnType<typeof connect> | null };
  try {
    const base = await new Promise<string>((r) => http.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)));
    let started = performance.now();
    // On the driver, 500 rows a statement: Prisma's createMany took minutes on a busy machine.
    const cols = ["id", "name", "kind", "latitude", "longitude", "alwaysOpen", "capacity", "freeSpaces", "observedAt", "pricePerHour", "updatedAt"];
    const loadedAt = new Date();
    for (let i = 0; i < all.length; i += 500) {
      const part = all.slice(i, i + 500);
      await sqlOf(t.db).transaction((q) =>
        q.run(
          `INSERT INTO "ParkingPlace" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${part.map(() => `(${cols.map(() => "?").join(", ")})`).join(", ")}`,
          part.flatMap((p) => [cuid(), p.name, p.kind, p.latitude, p.longitude, t.kind === "sqlite" ? 1 : true, p.capacity, p.freeSpaces, p.observedAt, p.pricePerHour, loadedAt]),
        ),
      );
    }
    console.log(`\n${kind}: ${all.length.toLocaleString("en")} places loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
    await spatialIndex(t.db, { wait: true });
    console.log(`  spatial index built in ${(performance.now() - started).toFixed(0)} ms (the first query does this; again only when places move)`);
    const user = await t.db.user.create({ data: { email: "bench@example.test", name: "Bench", passwordHash: "x" } });
    const cookie = `next-auth.session-token=${await encode({ secret: env().authSecret, token: { sub: user.id, email: user.email, name: user.name, roles: ["resident"] } })}`;
    const at = points(queries + 20);
    const input = (i: number) => ({ near: at[i % at.length]!, radiusM: 2_000, limit: 20, filters: { openNow: true, hasFreeSpaces: true, evCharging: false, accessible: false } });
    const viaHttp = async (i: number) => {
      const res = await fetch(`${base}/api/trpc/parking.list?input=${encodeURIComponent(JSON.stringify({ json: input(i) }))}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`${kind}: parking.list answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { result: { data: { json: { places: { name: string }[] } } } }).result.data.json.places;
    };
    // Same answers as the brute force, on a few points, before timing.
    for (let i = 0; i < 5; i++) {
      const want = JSON.stringify(bruteForce(all, at[i]!).map((x) => x.p.name));
      if (JSON.stringify((await nearby(t.db, user.id, input(i))).places.map((p) => p.name)) !== want) throw new Error(`${kind}: nearby() disagrees with brute force at point ${i}`);
      if (JSON.stringify((await viaHttp(i)).map((p) => p.name)) !== want) throw new Error(`${kind}: parking.list disagrees with brute force at point ${i}`);
    }
    const service = await time(`service nearby() (${kind})`, (i) => nearby(t.db, user.id, input(i)));
    console.log(`  → ${ratio(baseline, service)}`);
    const endpoint = await time(`tRPC parking.list over HTTP (${kind})`, viaHttp);
    console.log(`  → ${ratio(baseline, endpoint)}`);

    // ── Ingest and live updates ─────────────────────────────────────────
    const admin = await t.db.user.create({ data: { email: "admin@example.test", name: "Admin", passwordHash: "x" } });
    const op = await createOperator(t.db, "Bench operator");
    await t.db.parkingPlace.updateMany({ data: { operatorId: op.id } });
    const { key } = await createKey(t.db, admin.id, { operatorId: op.id, label: "bench" });
    const ids = (await t.db.parkingPlace.findMany({ select: { id: true, capacity: true }, orderBy: { id: "asc" } })).map((p) => p);
    const s = connect(base, { path: "/socket.io", transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: { cookie } });
    socket.current = s;
    await new Promise<void>((resolve, reject) => {
      s.once("connect", () => resolve());
      s.once("connect_error", reject);
    });
    // Every cell of the city: the map of someone looking at all of it.
    const cells = new Set<string>();
    for (let la = CITY.latitude - SPAN.lat / 2 - 0.1; la <= CITY.latitude + SPAN.lat / 2 + 0.1; la += 0.05) for (let lo = CITY.longitude - SPAN.lon / 2 - 0.1; lo <= CITY.longitude + SPAN.lon / 2 + 0.1; lo += 0.05) cells.add(cellOf(la, lo));
    const watched = await new Promise<{ ok: boolean }>((r) => s.emit("parking:watch", { cells: [...cells] }, r));
    if (!watched.ok) throw new Error(`${kind}: parking:watch refused`);
    const sentAt = new Map<string, number>(); // placeId|observedAt → when its batch was POSTed
    const delays: number[] = [];
    s.on("parking:occupancy", (m: { items: { placeId: string; observedAt: string }[] }) => {
      const now = performance.now();
      for (const item of m.items) {
        const k = `${item.placeId}|${item.observedAt}`;
        const t0 = sentAt.get(k);
        if (t0 !== undefined) {
          delays.push(now - t0);
          sentAt.delete(k);
        }
      }
    });
    const rnd = random(13);
    let applied = 0;
    const post = async (b: number) => {
      // 500 distinct places, a new observation each: all should apply.
      const observedAt = new Date(Date.now() - 1_000 + b).toISOString();
      const picked = new Set<number>();
      while (picked.size < BATCH_ITEMS) picked.add(Math.floor(rnd() * ids.length));
      const items = [...picked].map((i) => ({ placeId: ids[i]!.id, free: Math.floor(rnd() * (ids[i]!.capacity + 1)), observedAt }));
      const t0 = performance.now();
      for (const it of items) sentAt.set(`${it.placeId}|${it.observedAt}`, t0);
      const res = await fetch(`${base}/api/parking/occupancy`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: JSON.stringify({ items }) });
      if (!res.ok) throw new Error(`${kind}: feed answered ${res.status}: ${await res.text()}`);
      applied += ((await res.json()) as { applied: number }).applied;
    };
    for (let b = 0; b < 3; b++) await post(b); // warm-up
    await new Promise((r) => setTimeout(r, 1_000)); // its updates arrive, and are not counted
    sentAt.clear();
    delays.length = 0;
    applied = 0;
    started = performance.now();
    for (let b = 3; b < batches + 3; b++) await post(b);
    const seconds = (performance.now() - started) / 1000;
    const deadline = performance.now() + 5_000;
    while (delays.length < applied && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    delays.sort((a, b) => a - b);
    console.log(`  feed POST /api/parking/occupancy (${kind}): ${(batches * BATCH_ITEMS).toLocaleString("en")} items in ${batches} batches of ${BATCH_ITEMS}, ${applied.toLocaleString("en")} applied: ${Math.round((batches * BATCH_ITEMS) / seconds).toLocaleString("en")} items/s`);
    console.log(`  live: parking:occupancy on a watching socket, from POST to arrival: p50 ${ms(pct(delays, 0.5))}, p95 ${ms(pct(delays, 0.95))}, max ${ms(delays.at(-1) ?? NaN)} (${delays.length.toLocaleString("en")} of ${applied.toLocaleString("en")} items seen)`);
  } finally {
    socket.current?.close();
    await realtime.close();
    await new Promise((r) => void http.close(r));
    await t.cleanup();
  }
}

const all = makePlaces();
console.log(`Parking: nearest 20 open places with free spaces within 2 km, ${queries} queries, ${all.length.toLocaleString("en")} places; feed ${batches} batches of ${BATCH_ITEMS}`);
const at = points(queries + 20);
const geo = geoIndex(all);
// The baseline agrees with the brute force (same places, same order) before it is timed.
for (let i = 0; i < 5; i++) {
  const want = bruteForce(all, at[i]!).map((x) => all.indexOf(x.p));
  if (JSON.stringify(geo(at[i]!)) !== JSON.stringify(want)) throw new Error(`baseline disagrees with brute force at point ${i}`);
}
await time("in-memory brute force (no index), for scale", (i) => bruteForce(all, at[i % at.length]!));
const baseline = await time("baseline: in-memory geokdbush (no database)", (i) => geo(at[i % at.length]!));
if (which === "both" || which === "sqlite") await benchDb("sqlite", all, baseline);
if (which === "both" || which === "postgres") await benchDb("postgres", all, baseline);
