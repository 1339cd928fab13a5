// Bill payments throughput: residents paying their own bills from their wallets through the
// real service (payBills: conditional updates, a balanced ledger transaction, idempotency),
// N payers at once, on SQLite and on PostgreSQL, in two scenarios: all payers in ONE
// building (every payment credits the same collection account) and payers spread over
// many buildings (one each). The baseline, measured in the same run on the same database
// with the same concurrency, is a bare single-row insert (db.notification.create):
// payments/s is printed as a share of it. After each run the ledger invariants are
// checked. Each database is a throwaway one built from the migrations (server/test/db.ts)
// and removed afterwards.
// --trace also says where the time goes (bench/lib/trace.ts): statements per payment,
// how long a payment's transaction stays open and how much of it is spent waiting on the
// database, how long the collection account's row is held, and on PostgreSQL how many
// backends wait on a lock (sampled). Tracing costs time itself: compare throughput
// without it.
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:payments [-- --seconds 10 --payers 50 --db both|sqlite|postgres
//   --scenario both|one|many --trace]
// PostgreSQL: TEST_DATABASE_URL, else postgresql://root@127.0.0.1:5432/test; skipped if
// it cannot be reached.
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Db } from "../server/db";
import { payBills } from "../server/bills/service";
import { checkLedger } from "../server/ledger/ledger";
import { SandboxProvider } from "../server/payments/provider";
import { topUp } from "../server/payments/service";
import { createTestDb, type TTestDb } from "../server/test/db";
import { installTrace, samplePgActivity, trace } from "./lib/trace";

// The services read the configuration lazily (env()); give it what it needs without
// touching ./data (the session secret would otherwise be generated there).
process.env.AUTH_SECRET ||= "bench-secret-bench-secret-bench-secret-01";
process.env.LOG_LEVEL = "silent";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const seconds = Number(arg("seconds", "10"));
const payers = Number(arg("payers", "50"));
const which = arg("db", "both");
const scenarioArg = arg("scenario", "both");
const isTracing = process.argv.includes("--trace");
const pgUrl = process.env.TEST_DATABASE_URL || "postgresql://root@127.0.0.1:5432/test";
/** Bills prepared per payer for the run; by default three times what the warm-up rate needs. */
const fixedBills = process.argv.includes("--bills") ? Number(arg("bills", "0")) : null;
const WARM_UP = 5; // bills each payer pays before the clock starts

type TResult = { ops: number; perSecond: number; p50: number; p99: number; cpuMsPerOp: number; errors: Map<string, number>; ranOut: number };

function percentile(sorted: number[], q: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
}

/** `loops` concurrent loops calling `op` until the time is up; latency of each call. */
async function run(loops: number, op: (loop: number, n: number) => Promise<boolean>): Promise<TResult> {
  const latencies: number[] = [];
  const errors = new Map<string, number>();
  let ranOut = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: loops }, async (_, loop) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t = performance.now();
        try {
          if (!(await op(loop, n))) {
            ranOut++;
            return;
          }
          latencies.push(performance.now() - t);
        } catch (e) {
          const code = (e as { code?: string }).code ?? (e as Error).name;
          errors.set(code, (errors.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    cpuMsPerOp: (user + system) / 1000 / latencies.length,
    errors,
    ranOut,
  };
}

/** `buildings` buildings and a unit and a resident per payer, spread evenly over them (bills and top-ups: addBills). */
async function setUp(db: Db, name: string, buildings: number) {
  const made = await Promise.all(
    Array.from({ length: buildings }, (_, b) =>
      db.building.create({
        data: { name: `Bench ${name} ${b}`, address: "1 rue du Banc", postalCode: "69004", city: "Lyon", latitude: 45.77, longitude: 4.83, timeZone: "Europe/Paris" },
      }),
    ),
  );
  const people = await Promise.all(
    Array.from({ length: payers }, async (_, i) => {
      const buildingId = made[i % buildings]!.id;
      const user = await db.user.create({ data: { email: `payer${i}-${name}@bench.test`, name: `Payer ${i}`, passwordHash: "-" } });
      const unit = await db.unit.create({ data: { buildingId, staircase: "", floor: Math.floor(i / 10), door: `P${i}` } });
      await db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId, status: "active", joinedVia: "code" } });
      return { userId: user.id, unitId: unit.id, buildingId, billIds: [] as string[], topUp: 0 };
    }),
  );
  return { buildingIds: made.map((b) => b.id), people };
}

type TPayer = Awaited<ReturnType<typeof setUp>>["people"][number];
const provider = new SandboxProvider();
let round = 0;

/** `count` more unpaid bills per payer, and a sandbox top-up of exactly their total. */
async function addBills(db: Db, people: TPayer[], count: number) {
  round++;
  const day = new Date(Date.UTC(2026, 0, 1));
  const rows = people.flatMap((p, i) =>
    Array.from({ length: count }, (_, n) => ({
      buildingId: p.buildingId,
      unitId: p.unitId,
      kind: "water",
      reference: `B-${round}-${i}-${String(n).padStart(6, "0")}`,
      periodStart: day,
      periodEnd: day,
      dueDate: day,
      amount: 1_000 + ((i * 7919 + n * 104_729 + round) % 4_000),
      currency: "EUR",
    })),
  );
  for (let i = 0; i < rows.length; i += 1_000) await db.bill.createMany({ data: rows.slice(i, i + 1_000) });
  await Promise.all(
    people.map(async (p, i) => {
      const bills = await db.bill.findMany({ where: { unitId: p.unitId, reference: { startsWith: `B-${round}-${i}-` } }, select: { id: true, amount: true }, orderBy: { reference: "asc" } });
      const total = bills.reduce((s, b) => s + b.amount, 0);
      const res = await topUp(db, p.userId, { amount: total, idempotencyKey: `bench-topup-${round}` }, provider);
      if (res.status !== "succeeded") throw new Error(`bench: top-up ${res.status}`);
      p.billIds.push(...bills.map((b) => b.id));
      p.topUp += total;
    }),
  );
}

async function invariants(db: Db, people: { userId: string; topUp: number }[]) {
  const [check, collection, walletDebits, negativeWallets, paid, wallets] = await Promise.all([
    checkLedger(db),
    collectedTotal(db),
    db.ledgerEntry.aggregate({ where: { amount: { lt: 0 }, account: { kind: "wallet" } }, _sum: { amount: true } }),
    db.ledgerAccount.count({ where: { kind: "wallet", balance: { lt: 0 } } }),
    db.bill.groupBy({ by: ["paidById"], where: { status: "paid" }, _sum: { amount: true }, _count: { _all: true } }),
    db.ledgerAccount.findMany({ where: { kind: "wallet" }, select: { userId: true, balance: true } }),
  ]);
  const debits = -(walletDebits._sum.amount ?? 0);
  const paidTotal = paid.reduce((s, p) => s + (p._sum.amount ?? 0), 0);
  const paidBy = new Map(paid.map((p) => [p.paidById, p._sum.amount ?? 0]));
  const walletsAgree = people.every((p) => wallets.find((w) => w.userId === p.userId)?.balance === p.topUp - (paidBy.get(p.userId) ?? 0));
  const isOk = check.isOk && debits === collection && paidTotal === collection && negativeWallets === 0 && walletsAgree;
  return {
    isOk,
    text:
      `ledger ${check.isOk ? "ok" : "BROKEN"} (${check.transactions} transactions); ` +
      `wallet debits ${debits} ${debits === collection ? "=" : "≠"} collection accounts ${collection} ${paidTotal === collection ? "=" : "≠"} paid bills ${paidTotal}; ` +
      `negative wallets ${negativeWallets}; each wallet = top-up − its bills: ${walletsAgree ? "yes" : "NO"}`,
  };
}

/** What the collection accounts hold together. */
async function collectedTotal(db: Db) {
  const sum = await db.ledgerAccount.aggregate({ where: { kind: "collection" }, _sum: { balance: true } });
  return sum._sum.balance ?? 0;
}

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

type TScenario = { name: string; label: string; buildings: number };
const SCENARIOS: TScenario[] = [
  { name: "one", label: "one building", buildings: 1 },
  { name: "many", label: `${payers} buildings`, buildings: payers },
].filter((x) => scenarioArg === "both" || scenarioArg === x.name);

type TTraceFigures = ReturnType<typeof trace.summary> & { pg?: Awaited<ReturnType<ReturnType<typeof samplePgActivity>["stop"]>> };

async function bench(kind: "sqlite" | "postgres") {
  process.env.TEST_DB = kind;
  if (kind === "postgres") process.env.TEST_DATABASE_URL = pgUrl;
  const t0 = performance.now();
  const test: TTestDb = await createTestDb();
  const { db } = test;
  try {
    const groups = await Promise.all(SCENARIOS.map(async (scenario) => ({ scenario, ...(await setUp(db, scenario.name, scenario.buildings)) })));
    const everyone = groups.flatMap((g) => g.people);
    const next = new Map(everyone.map((p) => [p, 0]));
    const pay = async (p: TPayer) => {
      const n = next.get(p)!;
      const billId = p.billIds[n];
      if (!billId) return false;
      next.set(p, n + 1);
      await payBills(db, p.userId, { billIds: [billId], idempotencyKey: `bench-pay-${billId}` });
      return true;
    };
    // Warm-up: a few payments each, not measured; its rate sizes the bills for the run.
    await addBills(db, everyone, WARM_UP);
    const w = performance.now();
    await Promise.all(groups[0]!.people.map(async (p) => { for (let i = 0; i < WARM_UP; i++) await pay(p); }));
    const warmRate = (payers * WARM_UP) / ((performance.now() - w) / 1000);
    for (const g of groups.slice(1)) await Promise.all(g.people.map(async (p) => { for (let i = 0; i < WARM_UP; i++) await pay(p); }));
    // The warm-up is mostly cold start, so its rate can be far below the run's: at least
    // enough bills for 1,500 payments/s in all.
    const billsPerPayer = fixedBills ?? Math.max(Math.ceil((warmRate / payers) * seconds * 3) + 20, Math.ceil((1_500 / payers) * seconds));
    await addBills(db, everyone, billsPerPayer);
    const setUpSeconds = (performance.now() - t0) / 1000;

    const baseline = await run(payers, async (loop) => {
      await db.notification.create({ data: { userId: everyone[loop]!.userId, kind: "bench" } });
      return true;
    });
    const results: { scenario: TScenario; payments: TResult; traced: TTraceFigures | null }[] = [];
    for (const g of groups) {
      const collectionIds = new Set((await db.ledgerAccount.findMany({ where: { buildingId: { in: g.buildingIds } }, select: { id: true } })).map((a) => a.id));
      if (isTracing) trace.reset({ hotRows: { collection: (sql, args) => /^UPDATE\b.*LedgerAccount/i.test(sql) && args.some((a) => collectionIds.has(a as string)) } });
      const sampler = isTracing && kind === "postgres" ? samplePgActivity(test.url) : null;
      await sampler?.ready;
      const payments = await run(payers, (loop) => pay(g.people[loop]!));
      trace.stop();
      const pgActivity = await sampler?.stop();
      results.push({ scenario: g.scenario, payments, traced: isTracing ? { ...trace.summary(payments.ops + payments.errors.size), pg: pgActivity } : null });
    }
    const check = await invariants(db, everyone);
    return { kind, setUpSeconds, billsPerPayer, baseline, results, check };
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

if (isTracing) installTrace();
console.log(`bill payments, ${payers} concurrent payers, ${seconds} s per measurement (after ${WARM_UP} warm-up payments each)${isTracing ? ", TRACED (slower)" : ""}`);
console.log(`each payment: payBills of one bill (wallet → building collection account); baseline: notification.create, same concurrency\n`);
const rows: string[][] = [["database", "workload", "ops/s", "p50 ms", "p99 ms", "node CPU ms/op", "errors", "vs baseline"]];
const notes: string[] = [];
const traces: string[] = [];
let isAllOk = true;
for (const kind of kinds) {
  const r = await bench(kind);
  for (const { scenario, payments, traced } of r.results) {
    const ratio = payments.perSecond / r.baseline.perSecond;
    rows.push([kind, `payBills, ${scenario.label}`, fmt(payments.perSecond, 0), fmt(payments.p50), fmt(payments.p99), fmt(payments.cpuMsPerOp, 2), errorsText(payments.errors), `${(ratio * 100).toFixed(1)}% (1/${(1 / ratio).toFixed(1)})`]);
    if (payments.ranOut) notes.push(`${kind}, ${scenario.label}: ${payments.ranOut} payers ran out of bills: a lower bound, raise --bills`);
    if (traced) {
      const hold = traced.holds.collection!;
      traces.push(
        `${kind}, ${scenario.label}: ${fmt(traced.statementsPerOp)} statements per payment (${fmt(traced.outsidePerOp)} outside a transaction), ` +
          `${fmt(traced.transactionsPerOp, 2)} transactions (${traced.rollbacks} rolled back); a transaction is open ${fmt(traced.txMean)} ms (p99 ${fmt(traced.txP99)}), ` +
          `${fmt(traced.inDbShare * 100, 0)}% of it in the database; collection row held ${fmt(hold.mean)} ms (p99 ${fmt(hold.p99)})` +
          (traced.pg ? `; PostgreSQL backends (mean of ${traced.pg.samples} samples): ${fmt(traced.pg.active)} active, ${fmt(traced.pg.lockWaits)} waiting on a lock, ${fmt(traced.pg.idleInTx)} idle in a transaction` : "") +
          "\n" +
          traced.kinds
            .slice(0, 12)
            .map((k) => `    ${fmt(k.perOp, 2).padStart(5)}× ${k.kind.padEnd(60)} mean ${fmt(k.mean, 2).padStart(7)} ms  p99 ${fmt(k.p99, 2).padStart(7)} ms`)
            .join("\n"),
      );
    }
  }
  const b = r.baseline;
  rows.push([kind, "baseline: 1-row insert", fmt(b.perSecond, 0), fmt(b.p50), fmt(b.p99), fmt(b.cpuMsPerOp, 2), errorsText(b.errors), "100%"]);
  notes.push(`${kind}: ${r.check.text}\n  set-up ${r.setUpSeconds.toFixed(1)} s (${payers * SCENARIOS.length * (r.billsPerPayer + WARM_UP)} bills)`);
  isAllOk &&= r.check.isOk;
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   "));
  if (i === 0) console.log(widths.map((w) => "─".repeat(w)).join("   "));
}
if (traces.length) console.log(`\nwhere the time goes (traced):\n${traces.join("\n")}`);
console.log(`\ninvariants after the run:\n${notes.join("\n")}`);
if (!isAllOk) {
  console.error("\nAN INVARIANT DOES NOT HOLD (see above)");
  process.exitCode = 1;
}
