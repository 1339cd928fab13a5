// Utility bills: managers issue and import them, residents pay them from the wallet, and
// every payment credits the building's collection account in the ledger.
import type { z } from "zod";
import type { Prisma } from "../../generated/prisma/client";
import { env } from "../../env";
import type { Db } from "../db";
import { AppError } from "../errors";
import { accountIdOf, chargeInBatch, ensureAccount, findByKey, refund, requestHash, walletOf } from "../ledger/ledger";
import { placeholders } from "../ledger/batch";
import { sqlOf } from "../db";
import { publish } from "../realtime/emit";
import { assertManages, livesInUnit, livesInUnitSql, managesBuilding } from "../access";
import { stringify } from "csv-stringify/sync";
import { parseBillsCsv, type TCsvIssue } from "./csv";
import { topUpThen } from "../payments/top-up-then";
import { topUpProvider } from "../payments/provider";
import { toDay, type TBillKind, type ZTopUpAndPayInput, type ZBillFields, type ZBillImportInput, type ZBillIssueInput, type ZBillListInput, type ZPayInput } from "./schema";
import { isUniqueViolation } from "../lib/db-errors";
import { markDone } from "../notifications/service";

/** A bill's reminders (due soon, overdue) are one notification entry per resident, under this group. */
export const billGroupKey = (billId: string) => `bill:${billId}`;
export const BILL_REMINDERS = ["billDueSoon", "billOverdue"] as const satisfies readonly ("billDueSoon" | "billOverdue")[];


/** Today as a calendar day (UTC midnight): a bill is overdue once its due date is before it. */
export function today(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

const billInclude = {
  building: { select: { name: true } },
  unit: { select: { id: true, staircase: true, floor: true, door: true } },
} as const;

type BillRow = Awaited<ReturnType<Db["bill"]["findFirstOrThrow"]>> & {
  building: { name: string };
  unit: { id: string; staircase: string; floor: number; door: string };
};

function toBill(b: BillRow, now = new Date()) {
  return {
    id: b.id,
    buildingId: b.buildingId,
    buildingName: b.building.name,
    unit: b.unit,
    kind: b.kind as TBillKind,
    reference: b.reference,
    periodStart: b.periodStart,
    periodEnd: b.periodEnd,
    dueDate: b.dueDate,
    amount: b.amount,
    currency: b.currency,
    meterReading: b.meterReading,
    consumption: b.consumption,
    consumptionUnit: b.consumptionUnit as "m3" | "kWh" | null,
    status: b.status as "unpaid" | "paid",
    isOverdue: b.status === "unpaid" && b.dueDate < today(now),
    paidAt: b.paidAt,
    paymentMethod: b.paymentMethod as "wallet" | "external" | null,
  };
}

function billData(bill: z.infer<typeof ZBillFields>) {
  return {
    kind: bill.kind,
    reference: bill.reference,
    periodStart: toDay(bill.periodStart),
    periodEnd: toDay(bill.periodEnd),
    dueDate: toDay(bill.dueDate),
    amount: bill.amount,
    currency: env().CURRENCY,
    meterReading: bill.meterReading,
    consumption: bill.consumption,
    consumptionUnit: bill.consumptionUnit,
  };
}

// ─── Managers: issuing ─────────────────────────────────────────────────────

export async function issueBill(db: Db, managerId: string, { unitId, ...bill }: z.infer<typeof ZBillIssueInput>) {
  const input = { unitId, bill };
  const unit = await db.unit.findFirst({ where: { id: input.unitId, building: managesBuilding(managerId) } });
  if (!unit) throw new AppError("NOT_FOUND", "Unit not found");
  try {
    const bill = await db.bill.create({
      data: { ...billData(input.bill), buildingId: unit.buildingId, unitId: unit.id, issuedById: managerId },
      include: billInclude,
    });
    publish({ type: "bills.changed", buildingId: unit.buildingId, unitIds: [unit.id], reason: "issued" });
    return toBill(bill);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("REFERENCE_TAKEN", "This building already has a bill with that reference");
    throw e;
  }
}

/**
 * Imports a building's CSV. Every row is checked first; if any is wrong nothing is written
 * and every problem is reported. References the building already has are reported and
 * skipped, so importing the same file twice adds nothing.
 */
export async function importBills(db: Db, managerId: string, input: z.infer<typeof ZBillImportInput>) {
  await assertManages(db, managerId, input.buildingId);
  const { rows, issues } = parseBillsCsv(input.csv);
  const units = await db.unit.findMany({ where: { buildingId: input.buildingId }, select: { id: true, staircase: true, door: true } });
  const unitByKey = new Map(units.map((u) => [`${u.staircase.toLowerCase()}|${u.door.toLowerCase()}`, u.id]));
  const errors: TCsvIssue[] = [...issues];
  const resolved: { line: number; unitId: string; bill: (typeof rows)[number]["bill"] }[] = [];
  for (const row of rows) {
    const unitId = unitByKey.get(`${row.staircase.toLowerCase()}|${row.door.toLowerCase()}`);
    if (!unitId) errors.push({ line: row.line, column: row.staircase ? "staircase/door" : "door", reason: "unitUnknown" });
    else resolved.push({ line: row.line, unitId, bill: row.bill });
  }
  const existing = new Set(
    (
      await db.bill.findMany({
        where: { buildingId: input.buildingId, reference: { in: resolved.map((r) => r.bill.reference) } },
        select: { reference: true },
      })
    ).map((b) => b.reference),
  );
  const duplicates = resolved.filter((r) => existing.has(r.bill.reference)).map((r) => ({ line: r.line, reference: r.bill.reference }));
  const fresh = resolved.filter((r) => !existing.has(r.bill.reference));
  errors.sort((a, b) => a.line - b.line);
  const rowCount = rows.length + new Set(issues.filter((i) => i.line > 1).map((i) => i.line)).size;
  const base = { rows: rowCount, duplicates, errors };
  if (errors.length || input.dryRun || fresh.length === 0) return { ...base, isImported: false, imported: errors.length ? 0 : input.dryRun ? fresh.length : 0 };

  try {
    await db.$transaction(async (tx) => {
      await tx.bill.createMany({
        data: fresh.map((r) => ({ ...billData(r.bill), buildingId: input.buildingId, unitId: r.unitId, issuedById: managerId })),
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("IMPORT_CONFLICT", "Some of these bills were imported meanwhile; check the file again");
    throw e;
  }
  publish({ type: "bills.changed", buildingId: input.buildingId, unitIds: [...new Set(fresh.map((r) => r.unitId))], reason: "issued" });
  return { ...base, isImported: true, imported: fresh.length };
}

// ─── Managers: following ───────────────────────────────────────────────────

export async function listBuildingBills(db: Db, managerId: string, input: z.infer<typeof ZBillListInput>, now = new Date()) {
  await assertManages(db, managerId, input.buildingId);
  const t = today(now);
  const status =
    input.status === "paid"
      ? { status: "paid" }
      : input.status === "unpaid"
        ? { status: "unpaid" }
        : input.status === "overdue"
          ? { status: "unpaid", dueDate: { lt: t } }
          : {};
  const rows = await db.bill.findMany({
    where: {
      buildingId: input.buildingId,
      building: managesBuilding(managerId),
      ...status,
      ...(input.unitId ? { unitId: input.unitId } : {}),
      ...(input.q ? searchWhere(db, input.q) : {}),
      ...(input.period ? periodWhere(input.period) : {}),
    },
    include: billInclude,
    orderBy: [{ dueDate: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { items: page.map((b) => toBill(b, now)), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

/**
 * What a manager types in the bills' search box: a reference (any part of it, any case), a
 * door ("101"), or a staircase and door ("A101", "A-101", "A 101").
 */
function searchWhere(db: Db, q: string): Prisma.BillWhereInput {
  // SQLite's LIKE ignores case (ASCII) already; PostgreSQL needs ILIKE (`mode`, which SQLite's client refuses).
  const contains = sqlOf(db).kind === "postgres" ? { contains: q, mode: "insensitive" as const } : { contains: q };
  const or: Prisma.BillWhereInput[] = [{ reference: contains }, { unit: { door: q } }];
  const stairDoor = /^([A-Za-z]{1,3})[\s-]?([0-9][\w-]*)$/.exec(q);
  if (stairDoor) {
    // Staircases are typed in capitals ("A", "B"), but a search for "a101" finds them too.
    const [, stair, door] = stairDoor;
    or.push({ unit: { staircase: { in: [stair!, stair!.toUpperCase(), stair!.toLowerCase()] }, door: door! } });
  }
  return { OR: or };
}

/** Bills whose period overlaps a calendar month ("YYYY-MM"). */
function periodWhere(month: string): Prisma.BillWhereInput {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { periodStart: { lt: new Date(Date.UTC(y, m, 1)) }, periodEnd: { gte: new Date(Date.UTC(y, m - 1, 1)) } };
}

/** Collected, outstanding and overdue for a building, with arrears per unit. */
export async function buildingSummary(db: Db, managerId: string, buildingId: string, now = new Date()) {
  await assertManages(db, managerId, buildingId);
  const t = today(now);
  const [paid, paidViaWallet, unpaidByUnit, overdueByUnit, billCount] = await Promise.all([
    db.bill.aggregate({ where: { buildingId, status: "paid" }, _sum: { amount: true } }),
    db.bill.aggregate({ where: { buildingId, status: "paid", paymentMethod: "wallet" }, _sum: { amount: true } }),
    db.bill.groupBy({
      by: ["unitId"],
      where: { buildingId, status: "unpaid" },
      _sum: { amount: true },
      _count: { _all: true },
      _min: { dueDate: true },
      _max: { remindedSoonAt: true, remindedLateAt: true },
    }),
    db.bill.groupBy({ by: ["unitId"], where: { buildingId, status: "unpaid", dueDate: { lt: t } }, _sum: { amount: true }, _count: { _all: true } }),
    db.bill.count({ where: { buildingId } }),
  ]);
  const unitIds = unpaidByUnit.map((u) => u.unitId);
  const [units, members] = await Promise.all([
    db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, staircase: true, floor: true, door: true } }),
    db.membership.findMany({ where: { unitId: { in: unitIds }, status: "active" }, select: { unitId: true, user: { select: { name: true } } } }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const overdue = new Map(overdueByUnit.map((o) => [o.unitId, o]));
  const arrears = unpaidByUnit
    .map((u) => ({
      unit: unitById.get(u.unitId)!,
      residents: members.filter((m) => m.unitId === u.unitId).map((m) => m.user.name),
      unpaidCount: u._count._all,
      outstanding: u._sum.amount ?? 0,
      overdueCount: overdue.get(u.unitId)?._count._all ?? 0,
      overdue: overdue.get(u.unitId)?._sum.amount ?? 0,
      oldestDue: u._min.dueDate,
      lastRemindedAt: latest(u._max.remindedSoonAt, u._max.remindedLateAt),
    }))
    .sort((a, b) => b.overdue - a.overdue || b.outstanding - a.outstanding || a.unit.door.localeCompare(b.unit.door));
  return {
    currency: env().CURRENCY,
    collected: paid._sum.amount ?? 0,
    collectedViaWallet: paidViaWallet._sum.amount ?? 0,
    outstanding: arrears.reduce((s, a) => s + a.outstanding, 0),
    overdue: arrears.reduce((s, a) => s + a.overdue, 0),
    billCount,
    arrears,
  };
}

const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** More units than any building has; the Units tab says so if a building ever exceeds it. */
const MAX_UNITS = 2000;

/**
 * Every unit of a managed building with who lives there (active members' names), who asked
 * to (pending requests' names) and what it owes. A constant number of queries whatever the
 * building's size: the units, the memberships, and the balances grouped by unit (unpaid, and
 * overdue), side by side.
 */
export async function unitBalances(db: Db, managerId: string, buildingId: string, now = new Date()) {
  await assertManages(db, managerId, buildingId);
  const t = today(now);
  const scope = { buildingId, building: managesBuilding(managerId) };
  const [units, memberships, unpaid, overdue] = await Promise.all([
    db.unit.findMany({
      where: scope,
      select: { id: true, staircase: true, floor: true, door: true },
      orderBy: [{ staircase: "asc" }, { floor: "asc" }, { door: "asc" }],
      take: MAX_UNITS + 1,
    }),
    db.membership.findMany({
      where: { buildingId, status: { in: ["active", "pending"] }, unit: { building: managesBuilding(managerId) } },
      select: { unitId: true, status: true, user: { select: { name: true } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: MAX_UNITS * 8,
    }),
    db.bill.groupBy({ by: ["unitId"], where: { ...scope, status: "unpaid" }, _sum: { amount: true }, _count: { _all: true } }),
    db.bill.groupBy({ by: ["unitId"], where: { ...scope, status: "unpaid", dueDate: { lt: t } }, _sum: { amount: true }, _count: { _all: true } }),
  ]);
  const people = new Map<string, { residents: string[]; pending: string[] }>();
  for (const m of memberships) {
    const entry = people.get(m.unitId) ?? { residents: [], pending: [] };
    (m.status === "active" ? entry.residents : entry.pending).push(m.user.name);
    people.set(m.unitId, entry);
  }
  const unpaidBy = new Map(unpaid.map((u) => [u.unitId, u]));
  const overdueBy = new Map(overdue.map((u) => [u.unitId, u]));
  return {
    currency: env().CURRENCY,
    isTruncated: units.length > MAX_UNITS,
    units: units.slice(0, MAX_UNITS).map((unit) => ({
      unit,
      residents: people.get(unit.id)?.residents ?? [],
      pending: people.get(unit.id)?.pending ?? [],
      unpaidCount: unpaidBy.get(unit.id)?._count._all ?? 0,
      outstanding: unpaidBy.get(unit.id)?._sum.amount ?? 0,
      overdueCount: overdueBy.get(unit.id)?._count._all ?? 0,
      overdue: overdueBy.get(unit.id)?._sum.amount ?? 0,
    })),
  };
}

/** Arrears per unit as CSV (amounts in cents, like the import). */
export async function arrearsCsv(db: Db, managerId: string, buildingId: string, now = new Date()) {
  const summary = await buildingSummary(db, managerId, buildingId, now);
  const building = await db.building.findUniqueOrThrow({ where: { id: buildingId }, select: { name: true } });
  const header = ["staircase", "floor", "door", "residents", "unpaid_bills", "outstanding_cents", "overdue_bills", "overdue_cents", "oldest_due_date"];
  const rows = summary.arrears.map((a) => [
    a.unit.staircase,
    a.unit.floor,
    a.unit.door,
    a.residents.join(" / "),
    a.unpaidCount,
    a.outstanding,
    a.overdueCount,
    a.overdue,
    a.oldestDue?.toISOString().slice(0, 10) ?? "",
  ]);
  const slug = building.name.toLowerCase().normalize("NFD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return { fileName: `arrears-${slug}-${today(now).toISOString().slice(0, 10)}.csv`, csv: stringify([header, ...rows], { record_delimiter: "\n", quoted_match: /;/ }) };
}

/** A payment received outside Quartier (bank transfer, cheque): the bill is marked paid. */
export async function recordExternalPayment(db: Db, managerId: string, billId: string, now = new Date()) {
  const bill = await db.bill.findFirst({ where: { id: billId, building: managesBuilding(managerId) } });
  if (!bill) throw new AppError("NOT_FOUND", "Bill not found");
  const { count } = await db.bill.updateMany({ where: { id: bill.id, status: "unpaid" }, data: { status: "paid", paidAt: now, paymentMethod: "external" } });
  if (count === 0) throw new AppError("BILL_ALREADY_PAID", "This bill is already paid");
  publish({ type: "bills.changed", buildingId: bill.buildingId, unitIds: [bill.unitId], reason: "paid" });
  await markDone(db, [billGroupKey(bill.id)], [...BILL_REMINDERS], now);
  return { ok: true as const };
}

/**
 * Gives a wallet payment of one bill back to the payer (a bill issued in error). The bill
 * returns to unpaid and the collection account pays it back, in one transaction. The
 * conditional update (still paid by that payment) makes it happen once per payment; the
 * caller's idempotency key makes a retry answer the first refund instead of an error.
 */
export async function refundBill(db: Db, managerId: string, input: { billId: string; idempotencyKey: string }) {
  const bill = await db.bill.findFirst({ where: { id: input.billId, building: managesBuilding(managerId) } });
  if (!bill) throw new AppError("NOT_FOUND", "Bill not found");
  const idem = { scope: `user:${managerId}`, key: input.idempotencyKey, hash: requestHash({ op: "billing.refund", billId: bill.id }) };
  const done = await findByKey(db, idem);
  if (done) return { transactionId: done.id, isReplay: true };
  if (bill.status !== "paid" || bill.paymentMethod !== "wallet" || !bill.transactionId || !bill.paidById) {
    // Unpaid again because it was refunded (under another key): say so.
    const wasRefunded = bill.status === "unpaid" && (await db.ledgerTransaction.count({ where: { kind: "refund", memo: `bill:${bill.id}` } })) > 0;
    if (wasRefunded) throw new AppError("ALREADY_REFUNDED", "This payment was already refunded");
    throw new AppError("BILL_NOT_PAID", "Only a bill paid from a Quartier wallet can be refunded");
  }
  const paymentId = bill.transactionId;
  const [wallet, collection] = await Promise.all([walletOf(db, bill.paidById), ensureAccount(db, { buildingId: bill.buildingId })]);
  const { transactionId, isReplay } = await refund(db, {
    paymentId,
    idem,
    key: `bill:${bill.id}`,
    hash: idem.hash,
    fromAccountId: collection.id,
    walletId: wallet.id,
    amount: bill.amount,
    initiatorId: managerId,
    memo: `bill:${bill.id}`,
    before: async (tx) => {
      const { count } = await tx.bill.updateMany({
        where: { id: bill.id, status: "paid", transactionId: paymentId },
        data: { status: "unpaid", paidAt: null, paidById: null, transactionId: null, paymentMethod: null },
      });
      if (count === 0) throw new AppError("ALREADY_REFUNDED", "This payment was already refunded");
    },
  });
  if (!isReplay) {
    publish({ type: "bills.changed", buildingId: bill.buildingId, unitIds: [bill.unitId], reason: "refunded" });
    publish({ type: "wallet.changed", userId: bill.paidById });
    // Unpaid again: its reminders are no longer done (they stay read).
    await markDone(db, [billGroupKey(bill.id)], [...BILL_REMINDERS], undefined, { undo: true });
  }
  return { transactionId, isReplay };
}

// ─── Residents ─────────────────────────────────────────────────────────────

const livesIn = (userId: string) => ({ unit: livesInUnit(userId) });

export async function myBills(db: Db, userId: string, input: { status: "due" | "paid" | "all"; unitId?: string }, now = new Date()) {
  const rows = await db.bill.findMany({
    where: {
      ...livesIn(userId),
      ...(input.unitId ? { unitId: input.unitId } : {}),
      ...(input.status === "due" ? { status: "unpaid" } : input.status === "paid" ? { status: "paid" } : {}),
    },
    include: billInclude,
    orderBy: input.status === "due" ? [{ dueDate: "asc" }, { id: "asc" }] : [{ dueDate: "desc" }, { id: "desc" }],
    take: input.status === "due" ? 200 : 120,
  });
  return rows.map((b) => ({ ...toBill(b, now), receiptId: b.paidById === userId ? b.transactionId : null }));
}

/** The last 12 bills of each kind for one of the caller's units, oldest first, for the chart. */
export async function myBillHistory(db: Db, userId: string, unitId: string) {
  const member = await db.membership.findFirst({ where: { userId, unitId, status: "active" } });
  if (!member) throw new AppError("NOT_FOUND", "Unit not found");
  const rows = await db.bill.findMany({ where: { unitId }, orderBy: { periodStart: "desc" }, take: 12 * 7 });
  const byKind = new Map<string, typeof rows>();
  for (const r of rows) {
    const list = byKind.get(r.kind) ?? [];
    if (list.length < 12) list.push(r);
    byKind.set(r.kind, list);
  }
  return [...byKind].map(([kind, list]) => ({
    kind: kind as TBillKind,
    consumptionUnit: (list.find((b) => b.consumptionUnit)?.consumptionUnit ?? null) as "m3" | "kWh" | null,
    points: list.reverse().map((b) => ({ periodStart: b.periodStart, periodEnd: b.periodEnd, amount: b.amount, consumption: b.consumption })),
  }));
}

/** Units the caller lives in, for the bills page's unit picker. */
export async function myUnits(db: Db, userId: string) {
  const ms = await db.membership.findMany({
    where: { userId, status: "active" },
    include: { unit: { select: { id: true, staircase: true, floor: true, door: true, building: { select: { name: true } } } } },
    orderBy: { createdAt: "asc" },
  });
  return ms.map((m) => ({ id: m.unit.id, staircase: m.unit.staircase, floor: m.unit.floor, door: m.unit.door, buildingName: m.unit.building.name }));
}

/** A bill payment's idempotency: the caller's scope, their key, and what was asked (sorted bill ids). */
const payIdem = (userId: string, key: string, op: string, billIds: string[]) => ({ scope: `user:${userId}`, key, hash: requestHash({ op, billIds }) });

/**
 * Pays bills the wallet does not cover, in one request (topUpThen): tops up exactly what is
 * missing through the ordinary top-up path, then pays through payBills, both under the
 * caller's one idempotency key. Before any money moves the bills must be the caller's and
 * unpaid; if the payment then fails (paid by a co-resident meanwhile, the balance used by
 * another payment) the top-up stays in the wallet (TOPPED_UP_NOT_PAID).
 */
export async function topUpAndPay(db: Db, userId: string, input: z.infer<typeof ZTopUpAndPayInput>, provider = topUpProvider()) {
  const billIds = [...new Set(input.billIds)].sort();
  const payInput = { billIds, idempotencyKey: input.idempotencyKey };
  return topUpThen(
    db,
    userId,
    {
      idempotencyKey: input.idempotencyKey,
      topUpAmount: input.topUpAmount,
      paid: payIdem(userId, input.idempotencyKey, "bills.topUpAndPay", billIds),
      check: async () => {
        const bills = await db.bill.findMany({ where: { id: { in: billIds }, ...livesIn(userId) }, select: { id: true, amount: true, status: true } });
        if (bills.length !== billIds.length) throw new AppError("NOT_FOUND", "Bill not found");
        if (bills.some((b) => b.status !== "unpaid")) throw new AppError("BILL_ALREADY_PAID", "One of these bills is already paid");
        return bills.reduce((s, b) => s + b.amount, 0);
      },
      pay: () => payBills(db, userId, payInput, "bills.topUpAndPay"),
    },
    provider,
  );
}

/**
 * Pays one or several bills from the caller's wallet: all or nothing, once per
 * idempotency key. Each bill is flipped unpaid→paid by a conditional update and the wallet
 * is debited by a conditional update, in one database transaction; the building's
 * collection account is credited in the same one. The payment runs in the ledger's write
 * batch (chargeInBatch), as plain statements: the look-up and the writes cost a few
 * statements on the driver instead of ten Prisma calls (docs/architecture.md, "where the
 * time goes").
 */
export async function payBills(db: Db, userId: string, input: z.infer<typeof ZPayInput>, op: "bills.pay" | "bills.topUpAndPay" = "bills.pay") {
  const billIds = [...new Set(input.billIds)].sort();
  const idem = payIdem(userId, input.idempotencyKey, op, billIds);
  const inIds = billIds.map(() => "?").join(", ");
  const livesIn = livesInUnitSql(`b."unitId"`, userId);
  const bills = await sqlOf(db).all<{ id: string; buildingId: string; unitId: string; amount: number }>(
    `SELECT b."id", b."buildingId", b."unitId", b."amount" FROM "Bill" b WHERE b."id" IN (${inIds}) AND ${livesIn.sql}`,
    [...billIds, ...livesIn.args],
  );
  // A bill of someone else's unit is "not found", exactly like a bill that does not exist.
  if (bills.length !== billIds.length) throw new AppError("NOT_FOUND", "Bill not found");
  const walletId = await accountIdOf(db, { userId });
  const buildingIds = [...new Set(bills.map((b) => b.buildingId))];
  const collections = new Map(await Promise.all(buildingIds.map(async (id) => [id, await accountIdOf(db, { buildingId: id })] as const)));
  const total = bills.reduce((s, b) => s + b.amount, 0);

  const { transactionId, isReplay } = await chargeInBatch(db, {
    kind: "bill_payment",
    idem,
    walletId,
    credits: bills.map((b) => ({ accountId: collections.get(b.buildingId)!, amount: b.amount })),
    initiatorId: userId,
    before: (id, now) => [
      {
        sql: `UPDATE "Bill" SET "status" = 'paid', "paidAt" = ?, "paidById" = ?, "paymentMethod" = 'wallet', "transactionId" = ? WHERE "id" IN (${inIds}) AND "status" = 'unpaid'`,
        args: [now, userId, id, ...billIds],
        expect: billIds.length,
        error: () => new AppError("BILL_ALREADY_PAID", "One of these bills is already paid"),
      },
    ],
    after: (id) => [
      {
        sql: `INSERT INTO "BillPayment" ("transactionId", "billId", "amount") VALUES ${placeholders(bills.length, 3)}`,
        args: bills.flatMap((b) => [id, b.id, b.amount]),
      },
    ],
  });
  if (!isReplay) {
    for (const buildingId of buildingIds) {
      publish({ type: "bills.changed", buildingId, unitIds: [...new Set(bills.filter((b) => b.buildingId === buildingId).map((b) => b.unitId))], reason: "paid" });
    }
    publish({ type: "wallet.changed", userId });
    // Right after the commit: the reminders about these bills are done (and read) for every
    // resident of their units. (A crash in between leaves them unread, not wrong: the bill
    // itself says paid.)
    await markDone(db, billIds.map(billGroupKey), [...BILL_REMINDERS]);
  }
  if (!isReplay) return { transactionId, amount: total, billIds, isReplay };
  // A replay answers with what the first request stored.
  const stored = await db.ledgerTransaction.findUniqueOrThrow({ where: { id: transactionId }, select: { amount: true, billPayments: { select: { billId: true } } } });
  return { transactionId, amount: stored.amount, billIds: stored.billPayments.map((b) => b.billId).sort(), isReplay };
}
