// Demo utility bills: twelve calendar months per unit, ending with the current month (so
// the demo always looks current), with realistic consumption, and their payments.
//
//   - kinds: water (m³) for every unit; heating (kWh, building heat meters) at Les Canuts
//     and the Belvédère, electricity (kWh, electric heating) at the Clos Jacquard;
//     service_charge, a fixed monthly amount per unit.
//   - bills due before today are paid, except a few units in arrears and ONE bill of the
//     demo resident (resident@); bills not yet due (at least the current month's) are unpaid.
//   - units with a resident account pay from their wallet through the real services
//     (sandbox top-ups, then payBills once per month with an idempotency key), so the
//     ledger, the buildings' collection accounts and the bills' links agree; the other units'
//     bills are marked paid "external" (bank transfer) like recordExternalPayment does.
//   - the services stamp "now"; the seed then moves those timestamps (paidAt, createdAt of
//     the intents, transactions and entries) back to when each payment happened in the
//     story, so wallet history and receipts read as a year of use. No amount is touched.
//
// Everything is deterministic for a given day (seeded pseudo-random numbers).
import type { Db } from "../../server/db";
import { env } from "../../env";
import { payBills, today } from "../../server/bills/service";
import { checkLedger } from "../../server/ledger/ledger";
import { SandboxProvider } from "../../server/payments/provider";
import { topUp } from "../../server/payments/service";

export type TSeedUnit = { id: string; buildingId: string; building: string; staircase: string; floor: number; door: string };
/** An active resident with an account: pays the unit's bills from the wallet. */
export type TSeedPayer = { userId: string; key: string; unitId: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ─── Prices (cents) ────────────────────────────────────────────────────────
// Lyon 2026-ish: water incl. sanitation ~€4.20/m³, electricity ~€0.25/kWh (regulated
// tariff), heat from a collective boiler / district heating ~€0.11/kWh; fixed monthly parts
// are the meter rental / subscription.
const PRICE = {
  water: { perUnit: 420, fixed: 180, prefix: "W" },
  heating: { perUnit: 11, fixed: 550, prefix: "H" },
  electricity: { perUnit: 25, fixed: 1350, prefix: "E" },
  service_charge: { perUnit: 0, fixed: 0, prefix: "S" }, // a fixed amount per unit, see unitBills
};

type TKind = keyof typeof PRICE;

/** Per building: how the flats are heated and what the common charges cost. */
const PROFILES: Record<string, { energy: "heating" | "electricity"; heatKwhPerM2Year: number; chargeExtra: number }> = {
  canuts: { energy: "heating", heatKwhPerM2Year: 120, chargeExtra: 0 }, // 19th-century silk workers' building, gas boiler
  jacquard: { energy: "electricity", heatKwhPerM2Year: 40, chargeExtra: 5 }, // 1990s, insulated, electric heating
  belvedere: { energy: "heating", heatKwhPerM2Year: 100, chargeExtra: 18 }, // 1970s tower, district heating, lifts, caretaker
};

/** Share of the year's heating per calendar month (Lyon degree-days), January first. */
const HEAT_SHARE = normalise([0.2, 0.16, 0.125, 0.075, 0.025, 0, 0, 0, 0.01, 0.065, 0.14, 0.18]);
/** Water use is a little higher in summer. */
const WATER_SEASON = [0.95, 0.95, 0.97, 1, 1.02, 1.1, 1.12, 1.05, 1.02, 1, 0.97, 0.95];

function normalise(xs: number[]) {
  const sum = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => x / sum);
}

/**
 * Units in arrears (none has a resident account): their most recent `months` past-due
 * months stay unpaid, all kinds or only `kinds`.
 */
const ARREARS: { unit: string; months: number; kinds?: TKind[] }[] = [
  { unit: "canuts/B/301", months: 2 },
  { unit: "jacquard//601", months: 1, kinds: ["service_charge"] },
  { unit: "belvedere//904", months: 4 },
  { unit: "belvedere//203", months: 1, kinds: ["water", "heating"] },
];

/** The demo resident: exactly one overdue bill, the most recent past-due water bill. */
const DEMO_OVERDUE = { payer: "resident", kind: "water" as TKind };

/** Wallet balance each payer ends with, roughly (top-ups are round amounts). */
const TARGET_BALANCE: Record<string, number> = { resident: 8_500, resident2: 4_000 };
const DEFAULT_TARGET = 3_000;

// ─── Deterministic randomness ──────────────────────────────────────────────

function rng(seed: string) {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, lo: number, hi: number) => lo + r() * (hi - lo);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

// ─── The bills ─────────────────────────────────────────────────────────────

type TMonth = { year: number; month: number; label: string; periodStart: Date; periodEnd: Date; dueDate: Date; issuedAt: Date };

function lastTwelveMonths(now: Date): TMonth[] {
  const months: TMonth[] = [];
  for (let i = 11; i >= 0; i--) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const year = start.getUTCFullYear();
    const month = start.getUTCMonth();
    months.push({
      year,
      month,
      label: `${year}-${String(month + 1).padStart(2, "0")}`,
      periodStart: start,
      periodEnd: new Date(Date.UTC(year, month + 1, 0)),
      dueDate: new Date(Date.UTC(year, month + 1, 15)),
      // Issued on the 2nd of the next month; the current month's is dated an hour ago, so
      // that every unit has an unpaid month (an estimated reading, as utilities do).
      issuedAt: new Date(Math.min(Date.UTC(year, month + 1, 2, 7), now.getTime() - HOUR)),
    });
  }
  return months;
}

type TBillRow = {
  buildingId: string;
  unitId: string;
  kind: TKind;
  reference: string;
  periodStart: Date;
  periodEnd: Date;
  dueDate: Date;
  amount: number;
  currency: string;
  meterReading: number | null;
  consumption: number | null;
  consumptionUnit: "m3" | "kWh" | null;
  status: "unpaid" | "paid";
  paidAt: Date | null;
  paymentMethod: "external" | null;
  issuedById: string;
  remindedSoonAt: Date | null;
  remindedLateAt: Date | null;
  createdAt: Date;
};

/** A unit's twelve months of bills, all unpaid: consumption, meter readings and amounts. */
function unitBills(unit: TSeedUnit, months: TMonth[], issuedById: string, currency: string): TBillRow[] {
  const profile = PROFILES[unit.building];
  if (!profile) throw new Error(`seed: no bill profile for building ${unit.building}`);
  const key = `${unit.building}/${unit.staircase}/${unit.door}`;
  const r = rng(key);
  // The flat: bigger on the upper floors, a household roughly in proportion.
  const area = Math.round(between(r, 28, 84) + (unit.floor >= 5 ? 8 : 0));
  const people = clamp(Math.round(area / 24 + between(r, -0.6, 0.6)), 1, 4);
  const serviceCharge = clamp(Math.round(22 + area * 1.25 + profile.chargeExtra), 60, 140) * 100;
  let waterTenths = Math.round(between(r, 150, 900) * 10); // cumulative meter, 0.1 m³
  let energyKwh = Math.round(between(r, 4_000, 35_000)); // cumulative meter, kWh
  const code = `${unit.staircase}${unit.door}`;
  const energy = profile.energy;

  const rows: TBillRow[] = [];
  for (const m of months) {
    const rm = rng(`${key}/${m.label}`);
    const base = {
      buildingId: unit.buildingId,
      unitId: unit.id,
      periodStart: m.periodStart,
      periodEnd: m.periodEnd,
      dueDate: m.dueDate,
      currency,
      status: "unpaid" as const,
      paidAt: null,
      paymentMethod: null,
      issuedById,
      remindedSoonAt: null,
      remindedLateAt: null,
      createdAt: m.issuedAt,
    };
    const ref = (kind: TKind) => `${PRICE[kind].prefix}-${m.label}-${code}`;

    // Water: ~2.5 m³ per person per month, plus the household's share (cooking, cleaning).
    const water = Math.max(30, Math.round((5 + people * 25) * WATER_SEASON[m.month]! * between(rm, 0.9, 1.1))) / 10;
    waterTenths += Math.round(water * 10);
    rows.push({
      ...base,
      kind: "water",
      reference: ref("water"),
      amount: Math.round(water * PRICE.water.perUnit) + PRICE.water.fixed,
      meterReading: waterTenths / 10,
      consumption: water,
      consumptionUnit: "m3",
    });

    // Heating or electricity: seasonal.
    const heat = area * profile.heatKwhPerM2Year * HEAT_SHARE[m.month]! * between(rm, 0.88, 1.12);
    const kwh =
      energy === "heating"
        ? Math.round(heat + area * between(rm, 0.2, 0.45)) // plus a little all year (circulation losses)
        : Math.round(heat + (70 + people * 55) * (m.month <= 1 || m.month >= 10 ? 1.1 : 1) * between(rm, 0.9, 1.1));
    energyKwh += kwh;
    rows.push({
      ...base,
      kind: energy,
      reference: ref(energy),
      amount: kwh * PRICE[energy].perUnit + PRICE[energy].fixed,
      meterReading: energyKwh,
      consumption: kwh,
      consumptionUnit: "kWh",
    });

    rows.push({
      ...base,
      kind: "service_charge",
      reference: ref("service_charge"),
      amount: serviceCharge,
      meterReading: null,
      consumption: null,
      consumptionUnit: null,
    });
  }
  return rows;
}

// ─── Seeding ───────────────────────────────────────────────────────────────

export type TBillsSeedSummary = {
  bills: number;
  paid: number;
  paidViaWallet: number;
  unpaid: number;
  overdue: number;
  unitsInArrears: number;
  /** Wallet balance in cents per payer key. */
  wallets: Record<string, number>;
};

export async function seedBills(
  db: Db,
  input: { units: TSeedUnit[]; payers: TSeedPayer[]; managerId: string; now?: Date },
): Promise<TBillsSeedSummary> {
  const now = input.now ?? new Date();
  const t = today(now);
  const currency = env().CURRENCY;
  const months = lastTwelveMonths(now);
  const pastDue = months.filter((m) => m.dueDate < t); // oldest first
  const r = rng(`payments/${months.at(-1)!.label}`);

  const payerByUnit = new Map<string, TSeedPayer>();
  for (const p of input.payers) if (!payerByUnit.has(p.unitId)) payerByUnit.set(p.unitId, p);
  const unitByKey = new Map(input.units.map((u) => [`${u.building}/${u.staircase}/${u.door}`, u]));
  const arrears = new Map(
    ARREARS.map((a) => {
      const unit = unitByKey.get(a.unit);
      if (!unit) throw new Error(`seed: no unit ${a.unit} for arrears`);
      if (payerByUnit.has(unit.id)) throw new Error(`seed: unit ${a.unit} in arrears has a resident account`);
      return [unit.id, { labels: new Set(pastDue.slice(-a.months).map((m) => m.label)), kinds: a.kinds }];
    }),
  );
  const monthOf = new Map(months.map((m) => [m.periodStart.getTime(), m]));

  const all: TBillRow[] = [];
  /** Wallet payments to make: per payer, per month, the bills (references until created). */
  const toPay = new Map<TSeedPayer, { month: TMonth; refs: string[]; ids: string[]; total: number }[]>();
  const demoPayer = input.payers.find((p) => p.key === DEMO_OVERDUE.payer);
  const demoOverdueMonth = pastDue.at(-1);

  for (const unit of input.units) {
    const rows = unitBills(unit, months, input.managerId, currency);
    const payer = payerByUnit.get(unit.id);
    const late = arrears.get(unit.id);
    for (const b of rows) {
      all.push(b);
      const m = monthOf.get(b.periodStart.getTime())!;
      if (b.dueDate >= t) continue; // not due yet: unpaid
      if (late && late.labels.has(m.label) && (!late.kinds || late.kinds.includes(b.kind))) {
        // In arrears: the reminders went out when they should have.
        b.remindedSoonAt = new Date(b.dueDate.getTime() - 3 * DAY + 8 * HOUR);
        b.remindedLateAt = new Date(Math.min(b.dueDate.getTime() + DAY + 8 * HOUR, now.getTime()));
        continue;
      }
      if (payer) {
        // The demo resident's one overdue bill stays unpaid (and unreminded, so the
        // reminder job notifies them on first start).
        if (payer === demoPayer && m === demoOverdueMonth && b.kind === DEMO_OVERDUE.kind) continue;
        const batches = toPay.get(payer) ?? [];
        let batch = batches.find((x) => x.month === m);
        if (!batch) batches.push((batch = { month: m, refs: [], ids: [], total: 0 }));
        batch.refs.push(`${b.buildingId}/${b.reference}`);
        batch.total += b.amount;
        toPay.set(payer, batches);
        continue;
      }
      // Paid by bank transfer, mostly before the due date, sometimes a little late.
      const isLate = r() < 0.08;
      const at = isLate
        ? b.dueDate.getTime() + between(r, 1, 20) * DAY
        : b.createdAt.getTime() + between(r, 0.2, 0.95) * (b.dueDate.getTime() + 18 * HOUR - b.createdAt.getTime());
      b.status = "paid";
      b.paymentMethod = "external";
      b.paidAt = new Date(Math.min(at, now.getTime() - HOUR));
    }
  }

  await db.bill.createMany({ data: all });
  const created = await db.bill.findMany({ where: { unitId: { in: [...payerByUnit.keys()] } }, select: { id: true, buildingId: true, reference: true } });
  const idOf = new Map(created.map((b) => [`${b.buildingId}/${b.reference}`, b.id]));
  for (const batch of [...toPay.values()].flat()) batch.ids = batch.refs.map((ref) => idOf.get(ref)!);

  // Wallet payments, through the services: each payer's story in order, the payers side by
  // side (PostgreSQL runs them in parallel; on SQLite the adapter queues them). Times are
  // recorded and written back afterwards.
  const provider = new SandboxProvider();
  const backdate: { transactionId: string; at: Date; intentId?: string }[] = [];
  const balances = new Map<TSeedPayer, number>();
  const firstUse = new Map<string, Date>();
  const story = async (payer: TSeedPayer) => {
    const batches = (toPay.get(payer) ?? []).sort((a, b) => a.month.periodStart.getTime() - b.month.periodStart.getTime());
    const rp = rng(`wallet/${payer.key}`);
    let balance = 0;
    let topUps = 0;
    let lastAt = 0;
    const credit = async (amount: number, at: number) => {
      const res = await topUp(db, payer.userId, { amount, idempotencyKey: `seed-topup-${++topUps}` }, provider);
      if (res.status !== "succeeded" || !res.transactionId) throw new Error(`seed: top-up for ${payer.key} ${res.status}`);
      backdate.push({ transactionId: res.transactionId, intentId: res.intentId, at: new Date(at) });
      if (!firstUse.has(payer.userId)) firstUse.set(payer.userId, new Date(at));
      balance += amount;
    };
    for (const [i, batch] of batches.entries()) {
      // Paid in the evening, one to eight days before the due date.
      const payAt = Math.min(batch.month.dueDate.getTime() - Math.floor(between(rp, 1, 9)) * DAY + between(rp, 17, 21) * HOUR, now.getTime() - HOUR);
      if (balance < batch.total) {
        // A round top-up a few minutes before paying: about two months' worth, but only
        // what is missing for the last two months, so the wallet ends near its target.
        const wanted = i < batches.length - 2 ? 2 * batch.total : batch.total;
        await credit(Math.max(5_000, Math.ceil((wanted - balance) / 5_000) * 5_000), payAt - between(rp, 3, 15) * 60_000);
      }
      const paid = await payBills(db, payer.userId, { billIds: batch.ids, idempotencyKey: `seed-bills-${batch.month.label}` });
      if (paid.isReplay || paid.amount !== batch.total) throw new Error(`seed: payment of ${payer.key}'s ${batch.month.label} bills went wrong`);
      backdate.push({ transactionId: paid.transactionId, at: new Date(payAt) });
      balance -= batch.total;
      lastAt = payAt;
    }
    const target = TARGET_BALANCE[payer.key] ?? DEFAULT_TARGET;
    if (balance < target) {
      // A recent top-up leaves some money for the bills still to pay.
      await credit(Math.ceil((target - balance) / 1_000) * 1_000, Math.min(Math.max(lastAt + 6 * HOUR, now.getTime() - 2 * DAY), now.getTime() - 60_000));
    }
    balances.set(payer, balance);
  };
  await Promise.all(input.payers.map(story));
  const wallets = Object.fromEntries(input.payers.map((p) => [p.key, balances.get(p)!]));

  // Move the services' "now" back to when things happened in the story.
  const ops = backdate.flatMap(({ transactionId, intentId, at }) => [
    db.ledgerTransaction.updateMany({ where: { id: transactionId }, data: { createdAt: at } }),
    db.ledgerEntry.updateMany({ where: { transactionId }, data: { createdAt: at } }),
    intentId
      ? db.paymentIntent.updateMany({ where: { id: intentId }, data: { createdAt: new Date(at.getTime() - 60_000), updatedAt: at, confirmedAt: at } })
      : db.bill.updateMany({ where: { transactionId }, data: { paidAt: at } }),
  ]);
  const earliest = new Date(Math.min(now.getTime(), ...backdate.map((b) => b.at.getTime())) - DAY);
  for (const [userId, at] of firstUse) ops.push(db.ledgerAccount.updateMany({ where: { userId }, data: { createdAt: new Date(at.getTime() - DAY) } }));
  ops.push(db.ledgerAccount.updateMany({ where: { kind: { in: ["collection", "provider"] } }, data: { createdAt: earliest } }));
  await db.$transaction(ops);

  // The ledger must prove itself, and the wallets must be what the story says.
  const check = await checkLedger(db);
  if (!check.isOk) throw new Error(`seed: the ledger does not balance: ${JSON.stringify(check)}`);
  const accounts = await db.ledgerAccount.findMany({ where: { userId: { in: input.payers.map((p) => p.userId) } } });
  for (const p of input.payers) {
    const stored = accounts.find((a) => a.userId === p.userId)?.balance ?? 0;
    if (stored !== wallets[p.key]) throw new Error(`seed: ${p.key}'s wallet holds ${stored}, expected ${wallets[p.key]}`);
  }

  const paidViaWallet = [...toPay.values()].flat().reduce((s, b) => s + b.refs.length, 0);
  const unpaid = all.filter((b) => b.status === "unpaid").length - paidViaWallet;
  return {
    bills: all.length,
    paid: all.length - unpaid,
    paidViaWallet,
    unpaid,
    overdue: all.filter((b) => b.status === "unpaid" && b.dueDate < t).length - paidViaWallet,
    unitsInArrears: arrears.size,
    wallets,
  };
}
