// Parking lookup speed: "the nearest 20 open places with free spaces within 2 km" through
// the real service (nearby(): ring-by-ring bounding boxes on the (latitude, longitude)
// index, exact distance, filters), on SQLite and on PostgreSQL, with 100,000 places spread
// over a 40 km × 40 km metropolis. The baseline, in the same run on the same data, is an
// in-memory brute-force scan of all places (what no index at all would cost, without even a
// database round trip): the service's time is printed as a share of it.
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:parking [-- --places 100000 --queries 300 --db both|sqlite|postgres]
// PostgreSQL: TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/test; skipped if
// it cannot be reached.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { distanceMeters } from "../server/lib/geo";
import { nearby } from "../server/parking/service";
import { createTestDb, type TTestDb } from "../server/test/db";

process.env.AUTH_SECRET ||= "bench-secret-bench-secret-bench-secret-01";
process.env.LOG_LEVEL = "silent";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const count = Number(arg("places", "100000"));
const queries = Number(arg("queries", "300"));
const which = arg("db", "both");
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

async function benchDb(kind: "sqlite" | "postgres", all: TPlace[], baseline: { p50: number; p95: number }) {
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
  } else {
    delete process.env.TEST_DATABASE_URL;
  }
  const t: TTestDb = await createTestDb();
  try {
    const started = performance.now();
    for (let i = 0; i < all.length; i += 5_000) await t.db.parkingPlace.createMany({ data: all.slice(i, i + 5_000) });
    console.log(`\n${kind}: ${all.length.toLocaleString("en")} places loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const user = await t.db.user.create({ data: { email: "bench@example.test", name: "Bench", passwordHash: "x" } });
    const at = points(queries + 20);
    const input = (i: number) => ({ near: at[i % at.length]!, radiusM: 2_000, limit: 20, filters: { openNow: true, hasFreeSpaces: true, evCharging: false, accessible: false } });
    // Same answers as the brute force, on a few points, before timing.
    for (let i = 0; i < 5; i++) {
      const got = (await nearby(t.db, user.id, input(i))).places.map((p) => p.name);
      const want = bruteForce(all, at[i]!).map((x) => x.p.name);
      if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`${kind}: nearby() disagrees with brute force at point ${i}`);
    }
    const r = await time(`service nearby() (${kind})`, (i) => nearby(t.db, user.id, input(i)));
    console.log(`  → ${(baseline.p50 / r.p50).toFixed(1)}× as fast as the in-memory brute force at p50, ${(baseline.p95 / r.p95).toFixed(1)}× at p95`);
  } finally {
    await t.cleanup();
  }
}

const all = makePlaces();
console.log(`Parking lookup: nearest 20 open places with free spaces within 2 km, ${queries} queries, ${all.length.toLocaleString("en")} places`);
const at = points(queries + 20);
const baseline = await time("baseline: in-memory brute force (no index)", (i) => bruteForce(all, at[i % at.length]!));
if (which === "both" || which === "sqlite") await benchDb("sqlite", all, baseline);
if (which === "both" || which === "postgres") await benchDb("postgres", all, baseline);
