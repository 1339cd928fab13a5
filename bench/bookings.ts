// Repair booking throughput (issue 13): 50 residents of one building racing for a
// repairer's ~200 slots through the real service (listSlots → pick a slot → hold → book
// with its deposit through the ledger), on SQLite and on PostgreSQL. A round gives the
// residents a fresh repairer and lasts until nobody can find a free slot any more; rounds
// follow each other until --seconds of racing have been measured. Three scenarios:
//  - spread: an exact-mode repairer (60-minute jobs on a 30-minute grid, 30-minute buffer,
//    08:00–18:00 on 11 days: 209 starts offered, about 70 jobs fit), each resident picks at
//    random among the first 8 offers: clashes on the same start and on overlapping ones;
//  - clash: the same repairer, each resident picks among the first 2 offers: everybody
//    fights over the same cells;
//  - window: a window-mode repairer (two arrival windows a day, 4 seats each, 25 days:
//    200 seats), picks among the first 3 windows: seat races and their retries.
// Measured: bookings/s, and per successful booking the time of hold + book (p50/p95/p99);
// also the time of a refused hold and of listSlots. The baseline, measured in the same run
// on the same database with the same concurrency, is a bare single-row insert
// (db.notification.create): bookings/s is printed as a share of it.
// After the run, on each database: no two live bookings of a repairer overlap (buffer
// included; a window holds at most its capacity), the RepairSlotClaim rows are exactly the
// live bookings' cells, one repair_deposit ledger transaction per booking (of the deposit's
// amount, pointed at by it), each wallet = top-up − its deposits, and checkLedger().
// Then, uncontended and one at a time, statements per listSlots / hold / book
// (bench/lib/trace.ts). --trace also traces the races (slower: compare throughput without).
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:bookings [-- --seconds 10 --residents 50 --db both|sqlite|postgres
//   --scenario all|spread|clash|window --trace]
// PostgreSQL: TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/test (a fresh
// database is made there per run, as the tests do); skipped if it cannot be reached.
//
// Figures, `npm run bench:bookings -- --db both` (10 s, 50 residents, one measured round per
// scenario, each round 15–50 s), 7 December 2026, on a 2-core machine that other sessions
// loaded to a load average of 9–12 (eslint, tsc, vitest): absolute figures are pessimistic,
// the ratios to the same run's baseline and the statement counts are the firmer ones.
//
//   scenario (one round)            booked  SLOT_TAKEN  bookings/s  hold+book p50 / p95 / p99   vs 1-row insert
//   SQLite  exact, random of 8        64       619          2        4.2 / 6.3 / 7.0 s          1.1% (174/s)
//   SQLite  exact, random of 2        65      1605          1        4.3 / 7.5 / 8.5 s          0.4%
//   SQLite  window ×4, first 3       200       282          6        4.1 / 5.2 / 5.3 s          3.5%
//   PG      exact, random of 8        60       610          2        4.1 / 7.6 / 7.9 s          0.4% (502/s)
//   PG      exact, random of 2        63      1629          1        3.6 / 4.6 / 4.7 s          0.2%
//   PG      window ×4, first 3       200       435          5        4.1 / 4.6 / 4.9 s          1.0%
//   Other errors: none. Every check PASSED on both databases (651–656 bookings incl. warm-up,
//   4,918–5,008 claim rows, one deposit each, ledger balanced).
//
// The same on a quiet machine (load average 2), after holds whose time is already claimed
// are refused by one read before BEGIN (7 December 2026, 06:29 UTC):
//
//   scenario (one round)            booked  SLOT_TAKEN  bookings/s  hold+book p50 / p95 / p99   refused hold p50   vs 1-row insert
//   SQLite  exact, random of 8        64       756          6        1.18 / 1.48 / 2.07 s       249 ms             0.5% (1,240/s)
//   SQLite  exact, random of 2        62      1884          3        1.30 / 1.81 / 1.91 s       275 ms             0.2%
//   SQLite  window ×4, first 3       200       314         15        1.59 / 2.72 / 2.74 s       353 ms             1.2%
//   PG      exact, random of 8        65       740          5        1.29 / 1.85 / 2.15 s       302 ms             0.3% (1,502/s)
//   PG      exact, random of 2        65      1854          3        1.13 / 1.47 / 1.65 s       269 ms             0.2%
//   PG      window ×4, first 3       200       450         15        1.45 / 1.62 / 1.66 s       408 ms             1.0%
//   Every check PASSED on both databases (652 / 656 bookings, 4,936 / 5,008 claim rows).
//   Still CPU-bound in this process (69–401 ms of CPU per booking): listSlots, which each
//   attempt calls, is 8 statements of which 5 read the repairer's settings; caching them per
//   repairer (invalidated by saveService and a version row across instances) is the next step.
//
// Where the time goes. Uncontended, one at a time (SQLite / PostgreSQL): listSlots 8
// statements, 14 / 30 ms; hold 14 statements (7 before BEGIN, 1 transaction), 25 / 53 ms;
// book 28 statements (17 outside a transaction, 2 transactions), 42 / 103 ms. The slot engine
// itself (availableSlots over 11 days) is ~1.4 ms and SQLite answers each statement in
// 0.05–0.3 ms: on SQLite 95% of a hold's open transaction is Prisma's CPU between statements
// (~2 ms a model query here), on PostgreSQL ~45% is round trips. A race multiplies it: every
// success in "random of 8" costs ~10.7 attempts (listSlots + a hold that ends SLOT_TAKEN,
// ~20 statements each), about 240 statements per booking; "random of 2" ~26 attempts, ~540.
// So the run is bound by this process's CPU (70–480 ms of it per booking), not by the
// database or the claims' primary key, and a refused hold still waits ~0.8 s (p50) for
// SQLite's single writer (Prisma's adapter holds one lock from BEGIN to COMMIT) or a pooled
// PostgreSQL connection (10) behind the others. Traced under the race (`--scenario spread
// --seconds 5 --trace`, 2–3 bookings/s): 240 (SQLite) / 265 (PostgreSQL) statements and
// 12.7 / 13.9 transactions per booking, ~10 of them rolled back (SLOT_TAKEN); a transaction
// open 17 ms (p99 86) on SQLite, 3% of it in the database, 95 ms (p99 326) on PostgreSQL,
// 61% in the database; claimed cells held 8 / 20 ms until COMMIT; PostgreSQL backends
// sampled: 0.0 waiting on a lock, 0.2 active, 2.4 idle in a transaction (waiting for Node).
// Ideas, biggest first:
//  1. Refuse before the transaction: read RepairSlotClaim for the requested cells (one
//     indexed statement) and answer SLOT_TAKEN without BEGIN; inside the transaction go
//     straight to the claim insert, whose primary key decides the race anyway (busyOf and
//     slotFits only to name the reason). Most holds in a race are refusals (10–26 per success).
//  2. Cache a repairer's settings (serviceInclude: shop, categories, hours, exceptions: 4–5 of
//     listSlots' 8 statements and of hold's 7 before BEGIN) per serviceId, dropped by
//     saveService / the `repair.slots` event; and take the deposit through the ledger's write
//     batch (chargeInBatch, which made bill payments ~10× faster) instead of charge().
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Db } from "../server/db";
import { AppError } from "../server/errors";
import { checkLedger } from "../server/ledger/ledger";
import { SandboxProvider } from "../server/payments/provider";
import { topUp } from "../server/payments/service";
import { addDays } from "../server/lib/zoned";
import { cellsOf } from "../server/repairs/claims";
import type { TServiceSettings } from "../server/repairs/schema";
import { book, hold, listSlots, saveService } from "../server/repairs/service";
import { createTestDb, type TTestDb } from "../server/test/db";
import { installTrace, samplePgActivity, trace } from "./lib/trace";

// The services read the configuration lazily (env()); give it what it needs without
// touching ./data (the session secret would otherwise be generated there).
process.env.AUTH_SECRET ||= "bench-secret-bench-secret-bench-secret-01";
process.env.LOG_LEVEL = "silent";
process.env.REDIS_URL = "";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const seconds = Number(arg("seconds", "10"));
const residents = Number(arg("residents", "50"));
const which = arg("db", "both");
const scenarioArg = arg("scenario", "all");
const isTracing = process.argv.includes("--trace");
const pgUrl = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/test";
const DEPOSIT = 1_000; // cents
const FUNDS = 10_000_000; // cents per wallet: far more deposits than a run makes
const ROUND_CAP_MS = 120_000; // a round that has not run out of slots by then stops anyway
const COUNT_OPS = 20; // uncontended operations of each kind for the statement count
const ZONE = "Europe/Paris";

type TScenario = { name: string; label: string; mode: "exact" | "window"; pickAmong: number };
const SCENARIOS: TScenario[] = (
  [
    { name: "spread", label: "exact, random of first 8", mode: "exact", pickAmong: 8 },
    { name: "clash", label: "exact, random of first 2", mode: "exact", pickAmong: 2 },
    { name: "window", label: "window ×4 seats, first 3", mode: "window", pickAmong: 3 },
  ] as const
).filter((s) => scenarioArg === "all" || scenarioArg === s.name);

/** A fixed generator (mulberry32): the same picks for the same interleaving. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** The repairer's settings: working dates given as exceptions ("hours" on a date), from tomorrow in Paris. */
function settings(mode: "exact" | "window"): TServiceSettings {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
  const days = mode === "exact" ? 11 : 25;
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i + 1));
  const ranges = mode === "exact" ? [{ opens: "08:00", closes: "18:00" }] : [{ opens: "08:00", closes: "12:00" }, { opens: "14:00", closes: "18:00" }];
  return {
    calloutFeeCents: 3_500,
    depositCents: DEPOSIT,
    mode,
    windowCapacity: mode === "window" ? 4 : 1,
    stepMinutes: 30,
    bufferMinutes: mode === "exact" ? 30 : 0,
    minNoticeMinutes: 0,
    horizonDays: days + 2,
    cancelCutoffMinutes: 120,
    categories: [{ category: "plumbing", durationMinutes: 60 }],
    hours: [],
    exceptions: dates.flatMap((fromDate) => ranges.map((r) => ({ kind: "hours" as const, fromDate, ...r, note: "" }))),
  };
}

type TResident = { userId: string; unitId: string };

async function setUp(db: Db) {
  const building = await db.building.create({
    data: { name: "Bench Bookings", address: "1 rue du Banc", postalCode: "69004", city: "Lyon", latitude: 45.77, longitude: 4.83, timeZone: ZONE },
  });
  const provider = new SandboxProvider();
  const people: TResident[] = [];
  for (let i = 0; i < residents; i++) {
    const user = await db.user.create({ data: { email: `resident${i}@bench.test`, name: `Resident ${i}`, passwordHash: "-" } });
    const unit = await db.unit.create({ data: { buildingId: building.id, staircase: "A", floor: Math.floor(i / 10), door: `R${i}` } });
    await db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: building.id, status: "active", joinedVia: "code" } });
    const res = await topUp(db, user.id, { amount: FUNDS, idempotencyKey: `bench-topup-${i}` }, provider);
    if (res.status !== "succeeded") throw new Error(`bench: top-up ${res.status}`);
    people.push({ userId: user.id, unitId: unit.id });
  }
  return { buildingId: building.id, people };
}

let repairers = 0;
/** A fresh approved repairer serving the building (saveService, as its owner would). */
async function makeRepairer(db: Db, buildingId: string, mode: "exact" | "window") {
  const n = repairers++;
  const owner = await db.user.create({ data: { email: `repairer${n}@bench.test`, name: `Repairer ${n}`, passwordHash: "-" } });
  const shop = await db.shop.create({
    data: { ownerId: owner.id, name: `Plomberie ${n}`, category: "other", kind: "repairer", status: "approved", timeZone: ZONE, buildings: { create: { buildingId } } },
  });
  await saveService(db, owner.id, shop.id, settings(mode));
  return shop.id;
}

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : ((e as { code?: string }).code ?? (e as Error).name));
const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

type TRace = {
  rounds: number;
  seconds: number;
  offered: number; // slots offered at the start of each round, summed
  bookings: number;
  taken: number; // SLOT_TAKEN refusals (at hold, or at book)
  errors: Map<string, number>;
  holdBook: number[]; // hold + book of a success, ms
  refused: number[]; // a refused hold, ms
  list: number[]; // listSlots, ms
  cpuMsPerBooking: number;
  warmUpBookings: number; // booked in the warm-up round (checked after the run, not timed)
};

/** One round: every resident loops listSlots → pick → hold → book until no slot is offered. */
async function round(db: Db, people: TResident[], serviceId: string, pickAmong: number, seed: number, r: TRace) {
  const rnd = random(seed);
  const started = performance.now();
  const first = await listSlots(db, people[0]!.userId, { serviceId, category: "plumbing" });
  r.offered += first.slots.length;
  await Promise.all(
    people.map(async (p, i) => {
      for (let n = 0; performance.now() - started < ROUND_CAP_MS; n++) {
        const t0 = performance.now();
        const { slots } = await listSlots(db, p.userId, { serviceId, category: "plumbing" });
        r.list.push(performance.now() - t0);
        if (!slots.length) return;
        const slot = slots[Math.floor(rnd() * Math.min(pickAmong, slots.length))]!;
        const t1 = performance.now();
        let holdId: string;
        try {
          holdId = (await hold(db, p.userId, { serviceId, category: "plumbing", startsAt: slot.startsAt })).holdId;
        } catch (e) {
          const code = codeOf(e);
          if (code === "SLOT_TAKEN") {
            r.taken++;
            r.refused.push(performance.now() - t1);
          } else r.errors.set(`hold:${code}`, (r.errors.get(`hold:${code}`) ?? 0) + 1);
          continue;
        }
        try {
          await book(db, p.userId, { holdId, unitId: p.unitId, description: `Leaking tap, resident ${i}, try ${n}`, photoIds: [], vehicle: null, idempotencyKey: randomUUID() });
          r.bookings++;
          r.holdBook.push(performance.now() - t1);
        } catch (e) {
          const code = codeOf(e);
          if (code === "SLOT_TAKEN") r.taken++;
          else r.errors.set(`book:${code}`, (r.errors.get(`book:${code}`) ?? 0) + 1);
        }
      }
    }),
  );
  r.seconds += (performance.now() - started) / 1000;
  r.rounds++;
}

async function race(db: Db, buildingId: string, people: TResident[], s: TScenario): Promise<TRace> {
  const r: TRace = { rounds: 0, seconds: 0, offered: 0, bookings: 0, taken: 0, errors: new Map(), holdBook: [], refused: [], list: [], cpuMsPerBooking: 0, warmUpBookings: 0 };
  // Warm-up: one round, not counted (cold statements, connections, JIT).
  const warm: TRace = { ...r, errors: new Map(), holdBook: [], refused: [], list: [] };
  await round(db, people, await makeRepairer(db, buildingId, s.mode), s.pickAmong, 1, warm);
  r.warmUpBookings = warm.bookings;
  // --trace: from here on (the warm-up round's statements are not counted).
  if (isTracing) trace.reset({ hotRows: { claim: (sql) => /^INSERT INTO\b.*RepairSlotClaim/i.test(sql) } });
  let cpu = 0;
  while (r.seconds < seconds) {
    const serviceId = await makeRepairer(db, buildingId, s.mode); // not timed
    const c = process.cpuUsage();
    await round(db, people, serviceId, s.pickAmong, 100 + r.rounds, r);
    const used = process.cpuUsage(c);
    cpu += (used.user + used.system) / 1000;
  }
  r.cpuMsPerBooking = cpu / r.bookings;
  for (const xs of [r.holdBook, r.refused, r.list]) xs.sort((a, b) => a - b);
  return r;
}

/** `loops` concurrent loops of a one-row insert for `seconds`: the baseline. */
async function baseline(db: Db, people: TResident[]) {
  const lat: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    people.map(async (p) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        await db.notification.create({ data: { userId: p.userId, kind: "bench" } });
        lat.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  lat.sort((a, b) => a - b);
  return { perSecond: lat.length / elapsed, p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), p99: percentile(lat, 0.99) };
}

// ─── The checks after the run ──────────────────────────────────────────────

async function invariants(db: Db, people: TResident[], bookingsMade: number) {
  const now = new Date();
  const live = await db.repairBooking.findMany({
    where: { OR: [{ status: { in: ["requested", "confirmed", "in_progress"] } }, { status: "held", holdExpiresAt: { gt: now } }] },
    select: { id: true, serviceId: true, startsAt: true, endsAt: true, status: true, depositTxId: true, depositCents: true, residentId: true, service: { select: { mode: true, bufferMinutes: true, windowCapacity: true } } },
    orderBy: [{ serviceId: "asc" }, { startsAt: "asc" }],
  });
  const lines: string[] = [];
  let isOk = true;
  const say = (ok: boolean, text: string) => {
    isOk &&= ok;
    lines.push(`  ${ok ? "PASS" : "FAIL"}  ${text}`);
  };

  // 1. No overlap (buffer included) in exact mode; at most `capacity` per window.
  let overlaps = 0;
  let overfull = 0;
  const byService = new Map<string, typeof live>();
  for (const b of live) (byService.get(b.serviceId) ?? byService.set(b.serviceId, []).get(b.serviceId)!).push(b);
  for (const list of byService.values()) {
    const svc = list[0]!.service;
    if (svc.mode === "exact") {
      for (let i = 1; i < list.length; i++) if (list[i]!.startsAt.getTime() < list[i - 1]!.endsAt.getTime() + svc.bufferMinutes * 60_000) overlaps++;
    } else {
      const perWindow = new Map<number, number>();
      for (const b of list) perWindow.set(b.startsAt.getTime(), (perWindow.get(b.startsAt.getTime()) ?? 0) + 1);
      for (const n of perWindow.values()) if (n > svc.windowCapacity) overfull++;
    }
  }
  say(overlaps === 0 && overfull === 0, `no two live bookings of a repairer overlap, buffer included (${live.length} live bookings, ${byService.size} repairers): ${overlaps} overlapping pairs, ${overfull} windows over capacity`);

  // 2. The claims are exactly the live bookings' cells (window: one row at its start, distinct seats below capacity).
  const claims = await db.repairSlotClaim.findMany({ select: { serviceId: true, cellAt: true, seat: true, bookingId: true } });
  const want = new Set<string>();
  for (const b of live) {
    const cells = b.service.mode === "window" ? [b.startsAt] : cellsOf(b.startsAt, b.endsAt, b.service.bufferMinutes);
    for (const c of cells) want.add(`${b.serviceId}|${c.toISOString()}|${b.id}`);
  }
  const have = new Set(claims.map((c) => `${c.serviceId}|${c.cellAt.toISOString()}|${c.bookingId}`));
  const missing = [...want].filter((k) => !have.has(k)).length;
  const extra = [...have].filter((k) => !want.has(k)).length;
  const capOf = new Map(live.map((b) => [b.serviceId, b.service]));
  const badSeats = claims.filter((c) => {
    const svc = capOf.get(c.serviceId);
    return svc ? (svc.mode === "exact" ? c.seat !== 0 : c.seat < 0 || c.seat >= svc.windowCapacity) : true;
  }).length;
  say(missing === 0 && extra === 0 && badSeats === 0 && claims.length === have.size, `RepairSlotClaim rows = the live bookings' cells (${claims.length} rows): ${missing} missing, ${extra} extra, ${badSeats} on a bad seat`);

  // 3. One deposit per booking, of the deposit's amount, pointed at by it; wallets agree.
  const requested = live.filter((b) => b.status === "requested");
  const deposits = await db.ledgerTransaction.findMany({ where: { kind: "repair_deposit" }, select: { id: true, amount: true } });
  const depositIds = new Set(deposits.map((d) => d.id));
  const pointed = new Set(requested.map((b) => b.depositTxId));
  const wrongAmount = deposits.filter((d) => d.amount !== DEPOSIT).length;
  const held = live.length - requested.length;
  say(
    requested.length === bookingsMade && deposits.length === requested.length && pointed.size === requested.length && requested.every((b) => b.depositTxId && depositIds.has(b.depositTxId)) && wrongAmount === 0,
    `one deposit per booking: ${bookingsMade} bookings made, ${requested.length} requested in the database (${held} still held), ${deposits.length} repair_deposit transactions, ${pointed.size} distinct ones pointed at, ${wrongAmount} of another amount`,
  );
  const wallets = await db.ledgerAccount.findMany({ where: { userId: { in: people.map((p) => p.userId) } }, select: { userId: true, balance: true } });
  const perResident = new Map<string, number>();
  for (const b of requested) perResident.set(b.residentId, (perResident.get(b.residentId) ?? 0) + 1);
  const walletsOff = people.filter((p) => wallets.find((w) => w.userId === p.userId)?.balance !== FUNDS - DEPOSIT * (perResident.get(p.userId) ?? 0)).length;
  const tills = await db.ledgerAccount.aggregate({ where: { kind: "shop" }, _sum: { balance: true } });
  say(walletsOff === 0 && (tills._sum.balance ?? 0) === DEPOSIT * requested.length, `each wallet = top-up − its deposits (${walletsOff} off); repairers' tills hold ${tills._sum.balance ?? 0} = ${requested.length} × ${DEPOSIT}`);

  // 4. The ledger as a whole.
  const check = await checkLedger(db);
  say(check.isOk, `checkLedger(): ${check.transactions} transactions, ${check.unbalanced.length} unbalanced, ${check.balanceMismatches.length} balance mismatches, ${check.negative.length} negative`);
  return { isOk, lines };
}

// ─── Statements per operation, uncontended ─────────────────────────────────

async function countStatements(db: Db, buildingId: string, people: TResident[]) {
  installTrace();
  const serviceId = await makeRepairer(db, buildingId, "exact");
  const { slots } = await listSlots(db, people[0]!.userId, { serviceId, category: "plumbing" });
  const n = Math.min(COUNT_OPS, people.length);
  const out: { op: string; ms: number; s: ReturnType<typeof trace.summary> }[] = [];
  const measure = async (op: string, fn: (i: number) => Promise<unknown>) => {
    trace.reset();
    const t = performance.now();
    for (let i = 0; i < n; i++) await fn(i);
    const ms = (performance.now() - t) / n;
    trace.stop();
    out.push({ op, ms, s: trace.summary(n) });
  };
  const holds: string[] = [];
  await measure("listSlots", (i) => listSlots(db, people[i]!.userId, { serviceId, category: "plumbing" }));
  // Every fourth offer (60-minute jobs, 30-minute grid, 30-minute buffer): none in the way of another.
  await measure("hold", async (i) => holds.push((await hold(db, people[i]!.userId, { serviceId, category: "plumbing", startsAt: slots[i * 4]!.startsAt })).holdId));
  await measure("book", (i) => book(db, people[i]!.userId, { holdId: holds[i]!, unitId: people[i]!.unitId, description: "Leaking tap", photoIds: [], vehicle: null, idempotencyKey: randomUUID() }));
  return out;
}

// ─── Running ───────────────────────────────────────────────────────────────

async function pgReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

type TTraceFigures = ReturnType<typeof trace.summary> & { pg?: Awaited<ReturnType<ReturnType<typeof samplePgActivity>["stop"]>> };

async function bench(kind: "sqlite" | "postgres") {
  process.env.TEST_DB = kind;
  if (kind === "postgres") process.env.TEST_DATABASE_URL = pgUrl;
  const t0 = performance.now();
  const test: TTestDb = await createTestDb();
  const { db } = test;
  try {
    const { buildingId, people } = await setUp(db);
    const setUpSeconds = (performance.now() - t0) / 1000;
    const base = await baseline(db, people);
    const results: { scenario: TScenario; r: TRace; traced: TTraceFigures | null }[] = [];
    for (const s of SCENARIOS) {
      if (isTracing) installTrace();
      const sampler = isTracing && kind === "postgres" ? samplePgActivity(test.url) : null;
      await sampler?.ready;
      const r = await race(db, buildingId, people, s);
      trace.stop();
      const pgActivity = await sampler?.stop();
      results.push({ scenario: s, r, traced: isTracing ? { ...trace.summary(r.bookings), pg: pgActivity } : null });
    }
    const made = results.reduce((n, x) => n + x.r.bookings, 0);
    const warmUp = results.reduce((n, x) => n + x.r.warmUpBookings, 0);
    const check = await invariants(db, people, made + warmUp);
    const counts = await countStatements(db, buildingId, people);
    return { kind, setUpSeconds, base, results, check, counts, warmUp };
  } finally {
    await test.cleanup();
  }
}

const fmt = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : "—");
const errorsText = (e: Map<string, number>) => (e.size ? [...e].map(([k, v]) => `${k}×${v}`).join(" ") : "0");

const kinds: ("sqlite" | "postgres")[] = [];
if (which === "both" || which === "sqlite") kinds.push("sqlite");
if (which === "both" || which === "postgres") {
  if (await pgReachable(pgUrl)) kinds.push("postgres");
  else console.log(`PostgreSQL not reachable at ${pgUrl.replace(/\/\/[^@]*@/, "//…@")}: skipped\n`);
}

console.log(`repair bookings, ${residents} residents racing (listSlots → hold → book with a ${DEPOSIT}-cent deposit), at least ${seconds} s of rounds per scenario (after a warm-up round)${isTracing ? ", TRACED (slower)" : ""}`);
console.log(`a round: a fresh repairer; it ends when no slot is offered any more. Baseline: notification.create, same concurrency, ${seconds} s\n`);
const rows: string[][] = [["database", "scenario", "rounds", "offered", "booked", "taken", "other errors", "bookings/s", "hold+book p50", "p95", "p99", "refused hold p50", "listSlots p50", "CPU ms/booking", "vs baseline"]];
const notes: string[] = [];
const traces: string[] = [];
let isAllOk = true;
for (const kind of kinds) {
  const b = await bench(kind);
  for (const { scenario, r, traced } of b.results) {
    const ratio = r.bookings / r.seconds / b.base.perSecond;
    rows.push([
      kind,
      scenario.label,
      String(r.rounds),
      String(r.offered),
      String(r.bookings),
      String(r.taken),
      errorsText(r.errors),
      fmt(r.bookings / r.seconds, 0),
      fmt(percentile(r.holdBook, 0.5)),
      fmt(percentile(r.holdBook, 0.95)),
      fmt(percentile(r.holdBook, 0.99)),
      fmt(percentile(r.refused, 0.5)),
      fmt(percentile(r.list, 0.5)),
      fmt(r.cpuMsPerBooking, 1),
      `${(ratio * 100).toFixed(1)}% (1/${(1 / ratio).toFixed(0)})`,
    ]);
    if (traced) {
      traces.push(
        `${kind}, ${scenario.name}: ${fmt(traced.statementsPerOp)} statements per booking (listSlots and refusals included; ${fmt(traced.outsidePerOp)} outside a transaction), ` +
          `${fmt(traced.transactionsPerOp, 2)} transactions (${traced.rollbacks} rolled back); a transaction is open ${fmt(traced.txMean)} ms (p99 ${fmt(traced.txP99)}), ` +
          `${fmt(traced.inDbShare * 100, 0)}% of it in the database; claimed cells held ${fmt(traced.holds.claim!.mean)} ms until COMMIT` +
          (traced.pg ? `; PostgreSQL backends (mean of ${traced.pg.samples} samples): ${fmt(traced.pg.active)} active, ${fmt(traced.pg.lockWaits)} waiting on a lock, ${fmt(traced.pg.idleInTx)} idle in a transaction` : ""),
      );
    }
  }
  rows.push([kind, "baseline: 1-row insert", "", "", "", "", "", fmt(b.base.perSecond, 0), fmt(b.base.p50), fmt(b.base.p95), fmt(b.base.p99), "", "", "", "100%"]);
  notes.push(`${kind} (set-up ${b.setUpSeconds.toFixed(1)} s; ${b.warmUp} of the bookings from the warm-up rounds):\n${b.check.lines.join("\n")}`);
  traces.push(
    `${kind}, uncontended, ${COUNT_OPS} of each one at a time:\n` +
      b.counts
        .map(
          (c) =>
            `  ${c.op.padEnd(9)} ${fmt(c.ms, 2).padStart(6)} ms   ${fmt(c.s.statementsPerOp)} statements (${fmt(c.s.outsidePerOp)} outside a transaction), ${fmt(c.s.transactionsPerOp, 1)} transactions` +
            (c.s.transactionsPerOp ? ` open ${fmt(c.s.txMean, 2)} ms, ${fmt(c.s.inDbShare * 100, 0)}% in the database` : "") +
            "\n" +
            c.s.kinds
              .slice(0, 6)
              .map((k) => `      ${fmt(k.perOp, 2).padStart(5)}× ${k.kind.padEnd(60)} mean ${fmt(k.mean, 2).padStart(6)} ms`)
              .join("\n"),
        )
        .join("\n"),
  );
  isAllOk &&= b.check.isOk;
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
  if (i === 0) console.log(widths.map((w) => "─".repeat(w)).join("  "));
}
console.log("(times in ms; taken = SLOT_TAKEN refusals; offered = slots listed at each round's start, summed)");
console.log(`\nchecks after the run:\n${notes.join("\n")}`);
if (traces.length) console.log(`\nwhere the time goes:\n${traces.join("\n")}`);
if (!isAllOk) {
  console.error("\nA CHECK FAILED (see above)");
  process.exitCode = 1;
}
