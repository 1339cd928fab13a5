// Bill payments throughput: residents paying their own bills from their wallets through the
// real service (payBills: conditional updates, a balanced ledger transaction, idempotency),
// N payers at once, on SQLite and on PostgreSQL. The baseline, measured in the same run on
// the same database with the same concurrency, is a bare single-row insert
// (db.notification.create): payments/s is printed as a share of it. After each run the
// ledger invariants are checked. Each database is a throwaway one built from the
// migrations (server/test/db.ts) and removed afterwards.
// Not a test: it never fails because a machine is slow, and `npm test` does not run it.
// Usage: npm run bench:payments [-- --seconds 10 --payers 50 --db both|sqlite|postgres]
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

/** One building, a unit and a resident per payer (bills and top-ups: addBills). */
async function setUp(db: Db) {
  const building = await db.building.create({
    data: { name: "Bench", address: "1 rue du Banc", postalCode: "69004", city: "Lyon", latitude: 45.77, longitude: 4.83, timeZone: "Europe/Paris" },
  });
  const people = await Promise.all(
    Array.from({ length: payers }, async (_, i) => {
      const user = await db.user.create({ data: { email: `payer${i}@bench.test`, name: `Payer ${i}`, passwordHash: "-" } });
      const unit = await db.unit.create({ data: { buildingId: building.id, staircase: "", floor: Math.floor(i / 10), door: `P${i}` } });
      await db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: building.id, status: "active", joinedVia: "code" } });
      return { userId: user.id, unitId: unit.id, billIds: [] as string[], topUp: 0 };
    }),
  );
  return { buildingId: building.id, people };
}

type TPayer = Awaited<ReturnType<typeof setUp>>["people"][number];
const provider = new SandboxProvider();
let round = 0;

/** `count` more unpaid bills per payer, and a sandbox top-up of exactly their total. */
async function addBills(db: Db, buildingId: string, people: TPayer[], count: number) {
  round++;
  const day = new Date(Date.UTC(2026, 0, 1));
  const rows = people.flatMap((p, i) =>
    Array.from({ length: count }, (_, n) => ({
      buildingId,
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

async function invariants(db: Db, buildingId: string, people: { userId: string; topUp: number }[]) {
  const [check, collection, walletDebits, negativeWallets, paid, wallets] = await Promise.all([
    checkLedger(db),
    db.ledgerAccount.findUniqueOrThrow({ where: { buildingId } }),
    db.ledgerEntry.aggregate({ where: { amount: { lt: 0 }, account: { kind: "wallet" } }, _sum: { amount: true } }),
    db.ledgerAccount.count({ where: { kind: "wallet", balance: { lt: 0 } } }),
    db.bill.groupBy({ by: ["paidById"], where: { status: "paid" }, _sum: { amount: true }, _count: { _all: true } }),
    db.ledgerAccount.findMany({ where: { kind: "wallet" }, select: { userId: true, balance: true } }),
  ]);
  const debits = -(walletDebits._sum.amount ?? 0);
  const paidTotal = paid.reduce((s, p) => s + (p._sum.amount ?? 0), 0);
  const paidBy = new Map(paid.map((p) => [p.paidById, p._sum.amount ?? 0]));
  const walletsAgree = people.every((p) => wallets.find((w) => w.userId === p.userId)?.balance === p.topUp - (paidBy.get(p.userId) ?? 0));
  const isOk = check.isOk && debits === collection.balance && paidTotal === collection.balance && negativeWallets === 0 && walletsAgree;
  return {
    isOk,
    text:
      `ledger ${check.isOk ? "ok" : "BROKEN"} (${check.transactions} transactions); ` +
      `wallet debits ${debits} ${debits === collection.balance ? "=" : "≠"} collection ${collection.balance} ${paidTotal === collection.balance ? "=" : "≠"} paid bills ${paidTotal}; ` +
      `negative wallets ${negativeWallets}; each wallet = top-up − its bills: ${walletsAgree ? "yes" : "NO"}`,
  };
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

async function bench(kind: "sqlite" | "postgres") {
  process.env.TEST_DB = kind;
  if (kind === "postgres") process.env.TEST_DATABASE_URL = pgUrl;
  const t0 = performance.now();
  const test: TTestDb = await createTestDb();
  const { db } = test;
  try {
    const { buildingId, people } = await setUp(db);
    const next = people.map(() => 0);
    const pay = async (loop: number) => {
      const p = people[loop]!;
      const billId = p.billIds[next[loop]!++];
      if (!billId) return false;
      await payBills(db, p.userId, { billIds: [billId], idempotencyKey: `bench-pay-${billId}` });
      return true;
    };
    // Warm-up: a few payments each, not measured; its rate sizes the bills for the run.
    await addBills(db, buildingId, people, WARM_UP);
    const w = performance.now();
    await Promise.all(people.map(async (_, loop) => { for (let i = 0; i < WARM_UP; i++) await pay(loop); }));
    const warmRate = (payers * WARM_UP) / ((performance.now() - w) / 1000);
    const billsPerPayer = fixedBills ?? Math.ceil((warmRate / payers) * seconds * 3) + 20;
    await addBills(db, buildingId, people, billsPerPayer);
    const setUpSeconds = (performance.now() - t0) / 1000;

    const baseline = await run(payers, async (loop) => {
      await db.notification.create({ data: { userId: people[loop]!.userId, kind: "bench" } });
      return true;
    });
    const payments = await run(payers, pay);
    const check = await invariants(db, buildingId, people);
    return { kind, setUpSeconds, billsPerPayer, baseline, payments, check };
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

console.log(`bill payments, ${payers} concurrent payers, ${seconds} s per measurement (after ${WARM_UP} warm-up payments each)`);
console.log(`each payment: payBills of one bill (wallet → building collection account); baseline: notification.create, same concurrency\n`);
const rows: string[][] = [["database", "workload", "ops/s", "p50 ms", "p99 ms", "node CPU ms/op", "errors", "vs baseline"]];
const notes: string[] = [];
let isAllOk = true;
for (const kind of kinds) {
  const r = await bench(kind);
  const ratio = r.payments.perSecond / r.baseline.perSecond;
  rows.push([kind, "payBills (1 bill each)", fmt(r.payments.perSecond, 0), fmt(r.payments.p50), fmt(r.payments.p99), fmt(r.payments.cpuMsPerOp, 2), errorsText(r.payments.errors), `${(ratio * 100).toFixed(1)}% (1/${(1 / ratio).toFixed(0)})`]);
  rows.push([kind, "baseline: 1-row insert", fmt(r.baseline.perSecond, 0), fmt(r.baseline.p50), fmt(r.baseline.p99), fmt(r.baseline.cpuMsPerOp, 2), errorsText(r.baseline.errors), "100%"]);
  notes.push(
    `${kind}: ${r.check.text}` +
      (r.payments.ranOut ? `\n  (${r.payments.ranOut} payers ran out of bills: a lower bound, raise --bills)` : "") +
      `\n  set-up ${r.setUpSeconds.toFixed(1)} s (${payers * (r.billsPerPayer + WARM_UP)} bills)`,
  );
  isAllOk &&= r.check.isOk;
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const [i, r] of rows.entries()) {
  console.log(r.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   "));
  if (i === 0) console.log(widths.map((w) => "─".repeat(w)).join("   "));
}
console.log(`\ninvariants after the run:\n${notes.join("\n")}`);
if (!isAllOk) {
  console.error("\nAN INVARIANT DOES NOT HOLD (see above)");
  process.exitCode = 1;
}
