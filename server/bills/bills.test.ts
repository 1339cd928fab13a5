import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkLedger } from "../ledger/ledger";
import { useTestDb } from "../test/hooks";
import { MISSING_ID, callerFor, makeBuilding, makeUser } from "../test/factories";
import { CSV_COLUMNS } from "./csv";
import { sendBillReminders } from "./reminders";

const { t, events } = useTestDb();

const key = () => randomUUID();
const DAY = 86_400_000;
/** A calendar day relative to today (UTC), as the API takes it. */
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const midnight = (d: string) => new Date(`${d}T00:00:00.000Z`);

type TCaller = ReturnType<typeof callerFor>;
type TUser = Awaited<ReturnType<typeof makeUser>>;

async function member(user: TUser, unit: { id: string; buildingId: string }, status: "active" | "pending" | "left" = "active") {
  await t.db.membership.create({ data: { userId: user.id, unitId: unit.id, buildingId: unit.buildingId, status, joinedVia: status === "pending" ? "request" : "code" } });
}

/**
 * A building with three units: Alice lives in A-101 (Carol asked to join it and waits),
 * Bob in A-102, nobody in B-201. Another manager runs another building.
 */
async function setup() {
  const manager = await makeUser(t.db, ["manager"], "Manager");
  const other = await makeUser(t.db, ["manager"], "Other Manager");
  const alice = await makeUser(t.db, ["resident"], "Durand, Alice");
  const bob = await makeUser(t.db, ["resident"], "Bob");
  const carol = await makeUser(t.db, ["resident"], "Carol");
  const { building, units } = await makeBuilding(t.db, manager.id, [
    { staircase: "A", floor: 1, door: "101" },
    { staircase: "A", floor: 1, door: "102" },
    { staircase: "B", floor: 2, door: "201" },
  ]);
  const { building: otherBuilding, units: otherUnits } = await makeBuilding(t.db, other.id, [{ staircase: "A", floor: 1, door: "101" }]);
  await member(alice, units[0]!);
  await member(bob, units[1]!);
  await member(carol, units[0]!, "pending");
  return {
    manager,
    other,
    alice,
    bob,
    carol,
    building,
    units,
    otherBuilding,
    otherUnits,
    asManager: callerFor(t.db, manager, ["manager"]),
    asOther: callerFor(t.db, other, ["manager"]),
    asAlice: callerFor(t.db, alice, ["resident"]),
    asBob: callerFor(t.db, bob, ["resident"]),
    asCarol: callerFor(t.db, carol, ["resident"]),
  };
}
type TSetup = Awaited<ReturnType<typeof setup>>;

let seq = 0;
const billInput = (unitId: string, over: Record<string, unknown> = {}) => ({
  unitId,
  kind: "water" as const,
  reference: `W-${++seq}`,
  periodStart: day(-60),
  periodEnd: day(-31),
  dueDate: day(10),
  amount: 4250,
  ...over,
});

async function issue(s: TSetup, unit: number, over: Record<string, unknown> = {}) {
  return s.asManager.bills.manage.issue(billInput(s.units[unit]!.id, over));
}

async function topUp(api: TCaller, amount: number) {
  for (let left = amount; left > 0; left -= 200_000) await api.wallet.topUp({ amount: Math.min(left, 200_000), idempotencyKey: key() });
}

const walletBalance = async (userId: string) => (await t.db.ledgerAccount.findUnique({ where: { userId } }))?.balance ?? 0;
const collectionBalance = async (buildingId: string) => (await t.db.ledgerAccount.findUnique({ where: { buildingId } }))?.balance ?? 0;
const billRow = (id: string) => t.db.bill.findUniqueOrThrow({ where: { id } });

/** Everything that could change, to compare before and after a refused call. */
async function snapshot(s: TSetup) {
  const bills = await t.db.bill.findMany({ where: { buildingId: { in: [s.building.id, s.otherBuilding.id] } }, orderBy: { id: "asc" } });
  return {
    bills: bills.map((b) => ({ id: b.id, status: b.status, paidById: b.paidById, paymentMethod: b.paymentMethod, transactionId: b.transactionId, amount: b.amount })),
    wallets: [await walletBalance(s.alice.id), await walletBalance(s.bob.id), await walletBalance(s.carol.id)],
    collection: await collectionBalance(s.building.id),
    transactions: await t.db.ledgerTransaction.count(),
  };
}

const csvFile = (rows: Partial<Record<(typeof CSV_COLUMNS)[number], string>>[]) =>
  [
    CSV_COLUMNS.join(","),
    ...rows.map((r) =>
      CSV_COLUMNS.map(
        (c) =>
          ({
            staircase: "A",
            door: "101",
            kind: "water",
            reference: "",
            period_start: "2026-01-01",
            period_end: "2026-01-31",
            due_date: day(20),
            amount_cents: "1000",
            meter_reading: "",
            consumption: "",
            consumption_unit: "",
            ...r,
          })[c],
      ).join(","),
    ),
  ].join("\n") + "\n";

// ─── Access ────────────────────────────────────────────────────────────────

describe("bills: who may do what", () => {
  it("refuses anonymous callers everywhere", async () => {
    const s = await setup();
    const bill = await issue(s, 0);
    const anon = callerFor(t.db, null);
    const calls = [
      () => anon.bills.list({}),
      () => anon.bills.listUnits(),
      () => anon.bills.history({ unitId: s.units[0]!.id }),
      () => anon.bills.pay({ billIds: [bill.id], idempotencyKey: key() }),
      () => anon.bills.manage.summary({ buildingId: s.building.id }),
      () => anon.bills.manage.list({ buildingId: s.building.id }),
      () => anon.bills.manage.listUnits({ buildingId: s.building.id }),
      () => anon.bills.manage.issue(billInput(s.units[0]!.id)),
      () => anon.bills.manage.import({ buildingId: s.building.id, csv: csvFile([{ reference: "X-1" }]) }),
      () => anon.bills.manage.exportArrears({ buildingId: s.building.id }),
      () => anon.bills.manage.recordExternalPayment({ billId: bill.id }),
      () => anon.bills.manage.refund({ billId: bill.id, idempotencyKey: key() }),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(1);
    expect((await billRow(bill.id)).status).toBe("unpaid");
  });

  it("refuses residents and merchants every billing procedure, whatever the token says", async () => {
    const s = await setup();
    const bill = await issue(s, 0);
    const merchant = await makeUser(t.db, ["merchant"]);
    const forged = callerFor(t.db, s.alice, ["manager"]); // the database says resident
    for (const api of [s.asAlice, callerFor(t.db, merchant, ["merchant"]), forged]) {
      const calls = [
        () => api.bills.manage.summary({ buildingId: s.building.id }),
        () => api.bills.manage.list({ buildingId: s.building.id }),
        () => api.bills.manage.listUnits({ buildingId: s.building.id }),
        () => api.bills.manage.issue(billInput(s.units[0]!.id)),
        () => api.bills.manage.import({ buildingId: s.building.id, csv: csvFile([{ reference: "X-1" }]) }),
        () => api.bills.manage.exportArrears({ buildingId: s.building.id }),
        () => api.bills.manage.recordExternalPayment({ billId: bill.id }),
        () => api.bills.manage.refund({ billId: bill.id, idempotencyKey: key() }),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN", cause: { code: "FORBIDDEN" } });
    }
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(1);
    expect((await billRow(bill.id)).status).toBe("unpaid");
  });

  it("hides a building from a manager of another one as NOT_FOUND, and changes nothing", async () => {
    const s = await setup();
    const paid = await issue(s, 0, { amount: 1500 });
    const unpaid = await issue(s, 1, { amount: 900 });
    await topUp(s.asAlice, 5000);
    await s.asAlice.bills.pay({ billIds: [paid.id], idempotencyKey: key() });
    const before = await snapshot(s);
    events.length = 0;

    const notFound = { code: "NOT_FOUND", cause: { code: "NOT_FOUND" } };
    await expect(s.asOther.bills.manage.summary({ buildingId: s.building.id })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.list({ buildingId: s.building.id })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.listUnits({ buildingId: s.building.id })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.list({ buildingId: s.building.id, q: "A101", period: "2026-01" })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.issue(billInput(s.units[2]!.id))).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.import({ buildingId: s.building.id, csv: csvFile([{ reference: "X-1" }]) })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.import({ buildingId: s.building.id, csv: csvFile([{ reference: "X-1" }]), dryRun: true })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.exportArrears({ buildingId: s.building.id })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.refund({ billId: paid.id, idempotencyKey: key() })).rejects.toMatchObject(notFound);
    await expect(s.asOther.bills.manage.recordExternalPayment({ billId: unpaid.id })).rejects.toMatchObject(notFound);
    // Unknown ids answer the same.
    await expect(s.asManager.bills.manage.summary({ buildingId: MISSING_ID })).rejects.toMatchObject(notFound);
    await expect(s.asManager.bills.manage.listUnits({ buildingId: MISSING_ID })).rejects.toMatchObject(notFound);
    await expect(s.asManager.bills.manage.refund({ billId: MISSING_ID, idempotencyKey: key() })).rejects.toMatchObject(notFound);

    expect(await snapshot(s)).toEqual(before);
    expect(events).toEqual([]);
    // Their own building works.
    await expect(s.asOther.bills.manage.summary({ buildingId: s.otherBuilding.id })).resolves.toMatchObject({ billCount: 0 });
  });

  it("never shows a resident another unit's bills, nor lets them pay them or read their history", async () => {
    const s = await setup();
    const mine = await issue(s, 0, { amount: 1000 });
    const bobs = await issue(s, 1, { amount: 1000 });
    const empty = await issue(s, 2, { amount: 1000 });
    const elsewhere = await s.asOther.bills.manage.issue(billInput(s.otherUnits[0]!.id, { amount: 1000 }));
    await topUp(s.asAlice, 10_000);
    const before = await snapshot(s);

    for (const status of ["due", "paid", "all"] as const) {
      expect((await s.asAlice.bills.list({ status })).map((b) => b.id)).toEqual(status === "paid" ? [] : [mine.id]);
    }
    expect(await s.asAlice.bills.list({ status: "all", unitId: s.units[1]!.id })).toEqual([]);
    expect((await s.asBob.bills.list({ status: "all" })).map((b) => b.id)).toEqual([bobs.id]);

    for (const id of [bobs.id, empty.id, elsewhere.id, MISSING_ID]) {
      await expect(s.asAlice.bills.pay({ billIds: [id], idempotencyKey: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    // One foreign bill spoils the lot: her own bill stays unpaid too.
    await expect(s.asAlice.bills.pay({ billIds: [mine.id, bobs.id], idempotencyKey: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const unit of [s.units[1]!, s.units[2]!, s.otherUnits[0]!]) {
      await expect(s.asAlice.bills.history({ unitId: unit.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await snapshot(s)).toEqual(before);
    expect((await s.asAlice.bills.listUnits()).map((u) => u.id)).toEqual([s.units[0]!.id]);
  });

  it("treats a pending member as a stranger to the unit", async () => {
    const s = await setup();
    const bill = await issue(s, 0, { amount: 1000 });
    await topUp(s.asCarol, 5000);
    expect(await s.asCarol.bills.list({ status: "all" })).toEqual([]);
    expect(await s.asCarol.bills.listUnits()).toEqual([]);
    await expect(s.asCarol.bills.pay({ billIds: [bill.id], idempotencyKey: key() })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(s.asCarol.bills.history({ unitId: s.units[0]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await walletBalance(s.carol.id)).toBe(5000);
    expect((await billRow(bill.id)).status).toBe("unpaid");
    // Once approved, she can.
    await t.db.membership.updateMany({ where: { userId: s.carol.id }, data: { status: "active" } });
    await expect(s.asCarol.bills.pay({ billIds: [bill.id], idempotencyKey: key() })).resolves.toMatchObject({ amount: 1000, isReplay: false });
    expect(await walletBalance(s.carol.id)).toBe(4000);
  });
});

// ─── Issuing and importing ─────────────────────────────────────────────────

describe("issuing bills", () => {
  it("issues a bill with every field and tells the building", async () => {
    const s = await setup();
    const bill = await s.asManager.bills.manage.issue(
      billInput(s.units[0]!.id, { kind: "gas", reference: "G-2026-01", amount: 6789, meterReading: 1523.5, consumption: 41.25, consumptionUnit: "m3", dueDate: day(5) }),
    );
    expect(bill).toMatchObject({
      buildingId: s.building.id,
      buildingName: "Test House",
      unit: { id: s.units[0]!.id, staircase: "A", floor: 1, door: "101" },
      kind: "gas",
      reference: "G-2026-01",
      amount: 6789,
      currency: "EUR",
      meterReading: 1523.5,
      consumption: 41.25,
      consumptionUnit: "m3",
      status: "unpaid",
      isOverdue: false,
      paidAt: null,
      paymentMethod: null,
      dueDate: midnight(day(5)),
      periodStart: midnight(day(-60)),
    });
    expect(events).toEqual([{ type: "bills.changed", buildingId: s.building.id, unitIds: [s.units[0]!.id], reason: "issued" }]);
    const [seen] = await s.asAlice.bills.list({});
    expect(seen).toMatchObject({ id: bill.id, amount: 6789, receiptId: null });
  });

  it("refuses a reference the building already has, but not one another building has", async () => {
    const s = await setup();
    await issue(s, 0, { reference: "REF-1" });
    events.length = 0;
    await expect(issue(s, 1, { reference: "REF-1" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "REFERENCE_TAKEN" } });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(1);
    expect(events).toEqual([]);
    await expect(s.asOther.bills.manage.issue(billInput(s.otherUnits[0]!.id, { reference: "REF-1" }))).resolves.toMatchObject({ reference: "REF-1" });
  });

  it("refuses bad input field by field and stores nothing", async () => {
    const s = await setup();
    const bad: [Record<string, unknown>, string, string][] = [
      [{ amount: 0 }, "amount", "amountMin"],
      [{ amount: 12.5 }, "amount", "cents"],
      [{ amount: -100 }, "amount", "amountMin"],
      [{ periodStart: day(-10), periodEnd: day(-11) }, "periodEnd", "periodOrder"],
      [{ consumption: 12 }, "consumptionUnit", "consumptionUnitNeeded"],
      [{ kind: "beer" }, "kind", "billKind"],
      [{ dueDate: "2026-02-30" }, "dueDate", "date"],
      [{ reference: "" }, "reference", "required"],
    ];
    for (const [over, path, message] of bad) {
      const err = await issue(s, 0, over).catch((e) => e);
      expect(err, JSON.stringify(over)).toMatchObject({ code: "BAD_REQUEST" });
      const issues = (err.cause.issues as { path: string[]; message: string }[]).map((i) => [i.path.join("."), i.message]);
      expect(issues, JSON.stringify(over)).toContainEqual([path, message]);
    }
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(0);
    expect(events).toEqual([]);
  });
});

describe("importing bills from CSV", () => {
  const good = () =>
    csvFile([
      { reference: "IMP-1", amount_cents: "1000", kind: "water", consumption: "12.5", consumption_unit: "m3" },
      { reference: "IMP-2", door: "102", amount_cents: "2500", kind: "electricity" },
      { reference: "IMP-3", staircase: "b", door: "201", amount_cents: "3000", kind: "rent" },
    ]);

  it("imports a good file whole and tells the building", async () => {
    const s = await setup();
    const res = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv: good() });
    expect(res).toEqual({ isImported: true, rows: 3, imported: 3, duplicates: [], errors: [] });
    const bills = await t.db.bill.findMany({ where: { buildingId: s.building.id }, orderBy: { reference: "asc" } });
    expect(bills.map((b) => [b.reference, b.unitId, b.amount, b.kind, b.consumption, b.status, b.issuedById])).toEqual([
      ["IMP-1", s.units[0]!.id, 1000, "water", 12.5, "unpaid", s.manager.id],
      ["IMP-2", s.units[1]!.id, 2500, "electricity", null, "unpaid", s.manager.id],
      ["IMP-3", s.units[2]!.id, 3000, "rent", null, "unpaid", s.manager.id],
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "bills.changed", buildingId: s.building.id, reason: "issued" });
    expect([...(events[0] as { unitIds: string[] }).unitIds].sort()).toEqual(s.units.map((u) => u.id).sort());
  });

  it("imports nothing from a file with one bad row, and says where", async () => {
    const s = await setup();
    const csv = csvFile([
      { reference: "IMP-1" },
      { reference: "IMP-2", door: "102", amount_cents: "12.50" },
      { reference: "IMP-3", period_start: "2026-02-01", period_end: "2026-01-01" },
      { reference: "IMP-4" },
    ]);
    const res = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv });
    expect(res).toEqual({
      isImported: false,
      rows: 4,
      imported: 0,
      duplicates: [],
      errors: [
        { line: 3, column: "amount_cents", reason: "cents" },
        { line: 4, column: "period_end", reason: "periodOrder" },
      ],
    });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(0);
    expect(events).toEqual([]);
  });

  it("reports a unit the building does not have", async () => {
    const s = await setup();
    const csv = csvFile([{ reference: "IMP-1" }, { reference: "IMP-2", staircase: "Z", door: "999" }, { reference: "IMP-3", staircase: "", door: "101" }]);
    const res = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv });
    expect(res).toMatchObject({
      isImported: false,
      imported: 0,
      errors: [
        { line: 3, column: "staircase/door", reason: "unitUnknown" },
        { line: 4, column: "door", reason: "unitUnknown" },
      ],
    });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(0);
  });

  it("reports a broken header and an empty file", async () => {
    const s = await setup();
    await expect(s.asManager.bills.manage.import({ buildingId: s.building.id, csv: "door,kind\n101,water\n" })).resolves.toMatchObject({
      isImported: false,
      imported: 0,
      errors: expect.arrayContaining([{ line: 1, column: "amount_cents", reason: "missingColumn" }]),
    });
    await expect(s.asManager.bills.manage.import({ buildingId: s.building.id, csv: "" })).resolves.toMatchObject({
      isImported: false,
      errors: [{ line: 1, column: "", reason: "empty" }],
    });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(0);
  });

  it("adds nothing when the same file comes again, and only the new rows of a longer one", async () => {
    const s = await setup();
    await s.asManager.bills.manage.import({ buildingId: s.building.id, csv: good() });
    events.length = 0;
    const again = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv: good() });
    expect(again).toEqual({
      isImported: false,
      rows: 3,
      imported: 0,
      duplicates: [
        { line: 2, reference: "IMP-1" },
        { line: 3, reference: "IMP-2" },
        { line: 4, reference: "IMP-3" },
      ],
      errors: [],
    });
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(3);
    expect(events).toEqual([]);

    const longer = good() + "A,102,gas,IMP-4,2026-01-01,2026-01-31,2026-02-15,777,,,\n";
    const res = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv: longer });
    expect(res).toMatchObject({ isImported: true, rows: 4, imported: 1, errors: [] });
    expect(res.duplicates.map((d) => d.reference)).toEqual(["IMP-1", "IMP-2", "IMP-3"]);
    expect(await t.db.bill.count({ where: { buildingId: s.building.id } })).toBe(4);
    expect((await t.db.bill.findFirstOrThrow({ where: { reference: "IMP-4", buildingId: s.building.id } })).unitId).toBe(s.units[1]!.id);
  });

  it("checks without changing anything on a dry run", async () => {
    const s = await setup();
    await issue(s, 0, { reference: "IMP-2" });
    events.length = 0;
    const res = await s.asManager.bills.manage.import({ buildingId: s.building.id, csv: good(), dryRun: true });
    expect(res).toEqual({ isImported: false, rows: 3, imported: 2, duplicates: [{ line: 3, reference: "IMP-2" }], errors: [] });
    expect((await t.db.bill.findMany({ where: { buildingId: s.building.id } })).map((b) => b.reference)).toEqual(["IMP-2"]);
    expect(events).toEqual([]);
  });
});

// ─── Following: summary, list, arrears ─────────────────────────────────────

describe("summary, list and arrears", () => {
  async function withBills() {
    const s = await setup();
    const lateA = await issue(s, 0, { amount: 2000, dueDate: day(-10), reference: "LATE-A" });
    const soonA = await issue(s, 0, { amount: 3000, dueDate: day(5), reference: "SOON-A" });
    const oldA = await issue(s, 0, { amount: 400, dueDate: day(-40), reference: "OLD-A" });
    const paidA = await issue(s, 0, { amount: 1500, dueDate: day(-20), reference: "PAID-A" });
    const lateB = await issue(s, 1, { amount: 500, dueDate: day(-1), reference: "LATE-B" });
    const cashB = await issue(s, 1, { amount: 700, dueDate: day(-5), reference: "CASH-B" });
    const todayB = await issue(s, 1, { amount: 800, dueDate: day(0), reference: "TODAY-B" });
    await topUp(s.asAlice, 1500);
    await s.asAlice.bills.pay({ billIds: [paidA.id], idempotencyKey: key() });
    await s.asManager.bills.manage.recordExternalPayment({ billId: cashB.id });
    return { s, lateA, soonA, oldA, paidA, lateB, cashB, todayB };
  }

  it("sums collected, outstanding and overdue, with arrears per unit, worst first", async () => {
    const { s, oldA } = await withBills();
    const summary = await s.asManager.bills.manage.summary({ buildingId: s.building.id });
    expect(summary).toEqual({
      currency: "EUR",
      collected: 1500 + 700,
      collectedViaWallet: 1500,
      outstanding: 2000 + 3000 + 400 + 500 + 800,
      overdue: 2000 + 400 + 500,
      billCount: 7,
      arrears: [
        {
          unit: { id: s.units[0]!.id, staircase: "A", floor: 1, door: "101" },
          residents: ["Durand, Alice"], // Carol is only pending
          unpaidCount: 3,
          outstanding: 5400,
          overdueCount: 2,
          overdue: 2400,
          oldestDue: oldA.dueDate,
          lastRemindedAt: null,
        },
        {
          unit: { id: s.units[1]!.id, staircase: "A", floor: 1, door: "102" },
          residents: ["Bob"],
          unpaidCount: 2,
          outstanding: 1300,
          overdueCount: 1, // due today is not overdue yet
          overdue: 500,
          oldestDue: midnight(day(-1)),
          lastRemindedAt: null,
        },
      ],
    });
  });

  it("says when a unit in arrears was last reminded", async () => {
    const { s } = await withBills();
    await sendBillReminders(t.db);
    const { arrears } = await s.asManager.bills.manage.summary({ buildingId: s.building.id });
    const late = await t.db.bill.findMany({ where: { unitId: s.units[0]!.id, status: "unpaid" }, select: { remindedSoonAt: true, remindedLateAt: true } });
    const expected = Math.max(...late.flatMap((b) => [b.remindedSoonAt, b.remindedLateAt]).filter((d) => d !== null).map((d) => d.getTime()));
    expect(arrears[0]!.lastRemindedAt?.getTime()).toBe(expected);
  });

  it("lists bills by status and unit, overdue marked, page by page", async () => {
    const { s, lateA, soonA, oldA, paidA, lateB, cashB, todayB } = await withBills();
    const ids = async (input: { status?: "unpaid" | "overdue" | "paid" | "all"; unitId?: string }) =>
      (await s.asManager.bills.manage.list({ buildingId: s.building.id, ...input })).items.map((b) => b.reference).sort();
    expect(await ids({})).toEqual(["CASH-B", "LATE-A", "LATE-B", "OLD-A", "PAID-A", "SOON-A", "TODAY-B"]);
    expect(await ids({ status: "unpaid" })).toEqual(["LATE-A", "LATE-B", "OLD-A", "SOON-A", "TODAY-B"]);
    expect(await ids({ status: "overdue" })).toEqual(["LATE-A", "LATE-B", "OLD-A"]);
    expect(await ids({ status: "paid" })).toEqual(["CASH-B", "PAID-A"]);
    expect(await ids({ status: "all", unitId: s.units[1]!.id })).toEqual(["CASH-B", "LATE-B", "TODAY-B"]);

    const all = (await s.asManager.bills.manage.list({ buildingId: s.building.id })).items;
    const byId = new Map(all.map((b) => [b.id, b]));
    expect([lateA, oldA, lateB].map((b) => byId.get(b.id)!.isOverdue)).toEqual([true, true, true]);
    expect([soonA, todayB, paidA, cashB].map((b) => byId.get(b.id)!.isOverdue)).toEqual([false, false, false, false]);
    expect(byId.get(paidA.id)).toMatchObject({ status: "paid", paymentMethod: "wallet" });
    expect(byId.get(cashB.id)).toMatchObject({ status: "paid", paymentMethod: "external" });
    // Newest due date first.
    expect(all.map((b) => b.dueDate.getTime())).toEqual([...all.map((b) => b.dueDate.getTime())].sort((a, b) => b - a));

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await s.asManager.bills.manage.list({ buildingId: s.building.id, limit: 3, cursor });
      expect(res.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.items.map((b) => b.id));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    expect(seen).toEqual(all.map((b) => b.id));
  });

  it("searches the list by reference, door or staircase and door, and filters by period", async () => {
    const { s } = await withBills();
    const refs = async (input: { q?: string; period?: string; status?: "unpaid" | "overdue" | "paid" | "all" }) =>
      (await s.asManager.bills.manage.list({ buildingId: s.building.id, ...input })).items.map((b) => b.reference).sort();
    expect(await refs({ q: "late" })).toEqual(["LATE-A", "LATE-B"]); // any case, any part
    expect(await refs({ q: "-B" })).toEqual(["CASH-B", "LATE-B", "TODAY-B"]);
    expect(await refs({ q: "102" })).toEqual(["CASH-B", "LATE-B", "TODAY-B"]);
    for (const q of ["A101", "a-101", "A 101"]) expect(await refs({ q })).toEqual(["LATE-A", "OLD-A", "PAID-A", "SOON-A"]);
    expect(await refs({ q: "B101" })).toEqual([]);
    expect(await refs({ q: "late", status: "paid" })).toEqual([]);
    expect(await refs({ q: "102", status: "overdue" })).toEqual(["LATE-B"]);
    expect(await refs({ q: "  " })).toHaveLength(7); // blank is no search

    // Periods: bills whose period overlaps the month.
    const month = (offset: number) => {
      const d = new Date();
      return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
    };
    await s.asManager.bills.manage.issue(billInput(s.units[2]!.id, { reference: "Q-1", periodStart: "2025-01-15", periodEnd: "2025-03-14", dueDate: day(3) }));
    expect(await refs({ period: "2025-01" })).toEqual(["Q-1"]);
    expect(await refs({ period: "2025-03" })).toEqual(["Q-1"]);
    expect(await refs({ period: "2025-04" })).toEqual([]);
    expect(await refs({ period: "2024-12" })).toEqual([]);
    expect(await refs({ period: month(5) })).toEqual([]);
    expect((await refs({ period: month(-1) })).length + (await refs({ period: month(-2) })).length).toBeGreaterThanOrEqual(7);

    // Bad input is refused with a field error.
    await expect(s.asManager.bills.manage.list({ buildingId: s.building.id, period: "2025-13" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asManager.bills.manage.list({ buildingId: s.building.id, q: "x".repeat(41) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lists every unit with its residents' names, pending requests and what it owes", async () => {
    const { s } = await withBills();
    const res = await s.asManager.bills.manage.listUnits({ buildingId: s.building.id });
    expect(res).toEqual({
      currency: "EUR",
      isTruncated: false,
      units: [
        {
          unit: { id: s.units[0]!.id, staircase: "A", floor: 1, door: "101" },
          residents: ["Durand, Alice"],
          pending: ["Carol"],
          unpaidCount: 3,
          outstanding: 2000 + 3000 + 400,
          overdueCount: 2,
          overdue: 2000 + 400,
        },
        { unit: { id: s.units[1]!.id, staircase: "A", floor: 1, door: "102" }, residents: ["Bob"], pending: [], unpaidCount: 2, outstanding: 1300, overdueCount: 1, overdue: 500 },
        { unit: { id: s.units[2]!.id, staircase: "B", floor: 2, door: "201" }, residents: [], pending: [], unpaidCount: 0, outstanding: 0, overdueCount: 0, overdue: 0 },
      ],
    });
    // Names only: nothing else about the people.
    const text = JSON.stringify(res);
    for (const secret of [s.alice.email, s.alice.id, s.bob.email, s.carol.email, s.carol.id]) expect(text).not.toContain(secret);
    // Someone who left is not listed; another building's bills do not count.
    await t.db.membership.updateMany({ where: { userId: s.bob.id }, data: { status: "left" } });
    await s.asOther.bills.manage.issue(billInput(s.otherUnits[0]!.id, { amount: 999 }));
    const after = await s.asManager.bills.manage.listUnits({ buildingId: s.building.id });
    expect(after.units[1]).toMatchObject({ residents: [], outstanding: 1300 });
    expect((await s.asOther.bills.manage.listUnits({ buildingId: s.otherBuilding.id })).units).toEqual([
      { unit: { id: s.otherUnits[0]!.id, staircase: "A", floor: 1, door: "101" }, residents: [], pending: [], unpaidCount: 1, outstanding: 999, overdueCount: 0, overdue: 0 },
    ]);
  });

  it("exports the arrears as CSV", async () => {
    const { s } = await withBills();
    const { fileName, csv } = await s.asManager.bills.manage.exportArrears({ buildingId: s.building.id });
    expect(fileName).toBe(`arrears-test-house-${day(0)}.csv`);
    expect(csv).toBe(
      [
        "staircase,floor,door,residents,unpaid_bills,outstanding_cents,overdue_bills,overdue_cents,oldest_due_date",
        `A,1,101,"Durand, Alice",3,5400,2,2400,${day(-40)}`,
        `A,1,102,Bob,2,1300,1,500,${day(-1)}`,
        "",
      ].join("\n"),
    );
  });
});

// ─── Payments ──────────────────────────────────────────────────────────────

describe("paying bills", () => {
  it("pays from the wallet into the building's account, once per key", async () => {
    const s = await setup();
    const a = await issue(s, 0, { amount: 1200 });
    const b = await issue(s, 0, { amount: 800, kind: "electricity" });
    await topUp(s.asAlice, 5000);
    events.length = 0;
    const idempotencyKey = key();
    const res = await s.asAlice.bills.pay({ billIds: [b.id, a.id, a.id], idempotencyKey });
    expect(res).toMatchObject({ amount: 2000, billIds: [a.id, b.id].sort(), isReplay: false });
    expect(await walletBalance(s.alice.id)).toBe(3000);
    expect(await collectionBalance(s.building.id)).toBe(2000);
    expect(events).toEqual([
      { type: "bills.changed", buildingId: s.building.id, unitIds: [s.units[0]!.id], reason: "paid" },
      { type: "wallet.changed", userId: s.alice.id },
    ]);
    const mine = await s.asAlice.bills.list({ status: "paid" });
    expect(mine.map((x) => [x.id, x.status, x.paymentMethod, x.receiptId]).sort()).toEqual(
      [
        [a.id, "paid", "wallet", res.transactionId],
        [b.id, "paid", "wallet", res.transactionId],
      ].sort(),
    );
    expect(await s.asAlice.bills.list({ status: "due" })).toEqual([]);

    events.length = 0;
    await expect(s.asAlice.bills.pay({ billIds: [a.id, b.id], idempotencyKey })).resolves.toEqual({ ...res, isReplay: true });
    expect(events).toEqual([]);
    expect(await walletBalance(s.alice.id)).toBe(3000);
    await expect(s.asAlice.bills.pay({ billIds: [a.id], idempotencyKey })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "IDEMPOTENCY_MISMATCH" } });
    await expect(s.asAlice.bills.pay({ billIds: [a.id], idempotencyKey: key() })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "BILL_ALREADY_PAID" } });
    expect(await walletBalance(s.alice.id)).toBe(3000);

    const receipt = await s.asAlice.wallet.getReceipt({ id: res.transactionId });
    expect(receipt).toMatchObject({ kind: "bill_payment", amount: -2000, holderName: "Durand, Alice", refundOf: null, refunds: [] });
    expect(receipt.bills.map((x) => [x.reference, x.amount, x.buildingName, x.unit.door]).sort()).toEqual(
      [
        [a.reference, 1200, "Test House", "101"],
        [b.reference, 800, "Test House", "101"],
      ].sort(),
    );
    // A co-resident sees the bills paid, without Alice's receipt.
    const dave = await makeUser(t.db, ["resident"], "Dave");
    await member(dave, s.units[0]!);
    const daves = await callerFor(t.db, dave, ["resident"]).bills.list({ status: "paid" });
    expect(daves.map((x) => x.receiptId)).toEqual([null, null]);
    await expect(callerFor(t.db, dave, ["resident"]).wallet.getReceipt({ id: res.transactionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("pays all of the bills or none of them", async () => {
    const s = await setup();
    const a = await issue(s, 0, { amount: 3000 });
    const b = await issue(s, 0, { amount: 2500 });
    const c = await issue(s, 0, { amount: 100 });
    await topUp(s.asAlice, 5000);
    await expect(s.asAlice.bills.pay({ billIds: [a.id, b.id], idempotencyKey: key() })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { code: "INSUFFICIENT_FUNDS" },
    });
    expect([(await billRow(a.id)).status, (await billRow(b.id)).status]).toEqual(["unpaid", "unpaid"]);
    await s.asManager.bills.manage.recordExternalPayment({ billId: c.id });
    await expect(s.asAlice.bills.pay({ billIds: [a.id, c.id], idempotencyKey: key() })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "BILL_ALREADY_PAID" },
    });
    expect((await billRow(a.id)).status).toBe("unpaid");
    expect(await walletBalance(s.alice.id)).toBe(5000);
    expect(await collectionBalance(s.building.id)).toBe(0);
    // A failed key may be used again once the request can succeed.
    const idempotencyKey = key();
    await expect(s.asAlice.bills.pay({ billIds: [a.id, b.id], idempotencyKey })).rejects.toMatchObject({ cause: { code: "INSUFFICIENT_FUNDS" } });
    await topUp(s.asAlice, 500);
    await expect(s.asAlice.bills.pay({ billIds: [a.id, b.id], idempotencyKey })).resolves.toMatchObject({ amount: 5500, isReplay: false });
    expect(await walletBalance(s.alice.id)).toBe(0);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("refuses bad payment input", async () => {
    const s = await setup();
    const a = await issue(s, 0);
    await expect(s.asAlice.bills.pay({ billIds: [], idempotencyKey: key() })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asAlice.bills.pay({ billIds: [a.id], idempotencyKey: "short" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(s.asAlice.bills.pay({ billIds: Array.from({ length: 51 }, () => a.id), idempotencyKey: key() })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("records an outside payment once", async () => {
    const s = await setup();
    const bill = await issue(s, 1, { amount: 900 });
    events.length = 0;
    await expect(s.asManager.bills.manage.recordExternalPayment({ billId: bill.id })).resolves.toEqual({ ok: true });
    expect(events).toEqual([{ type: "bills.changed", buildingId: s.building.id, unitIds: [s.units[1]!.id], reason: "paid" }]);
    const row = await billRow(bill.id);
    expect(row).toMatchObject({ status: "paid", paymentMethod: "external", paidById: null, transactionId: null });
    expect(row.paidAt).toBeInstanceOf(Date);
    events.length = 0;
    await expect(s.asManager.bills.manage.recordExternalPayment({ billId: bill.id })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "BILL_ALREADY_PAID" } });
    expect(events).toEqual([]);
    expect((await billRow(bill.id)).paidAt).toEqual(row.paidAt);
    expect(await collectionBalance(s.building.id)).toBe(0);
    // And the resident cannot pay it again.
    await topUp(s.asBob, 1000);
    await expect(s.asBob.bills.pay({ billIds: [bill.id], idempotencyKey: key() })).rejects.toMatchObject({ cause: { code: "BILL_ALREADY_PAID" } });
    expect(await walletBalance(s.bob.id)).toBe(1000);
  });

  it("shows the resident their history per kind, oldest first", async () => {
    const s = await setup();
    for (const [i, amount] of [1000, 1100, 1200].entries()) {
      await issue(s, 0, { kind: "water", amount, periodStart: `2026-0${i + 1}-01`, periodEnd: `2026-0${i + 1}-28`, consumption: 10 + i, consumptionUnit: "m3" });
    }
    await issue(s, 0, { kind: "rent", amount: 60000, periodStart: "2026-02-01", periodEnd: "2026-02-28" });
    await issue(s, 1, { kind: "water", amount: 5 });
    const history = await s.asAlice.bills.history({ unitId: s.units[0]!.id });
    const water = history.find((h) => h.kind === "water")!;
    expect(water.consumptionUnit).toBe("m3");
    expect(water.points.map((p) => [p.periodStart.toISOString().slice(0, 10), p.amount, p.consumption])).toEqual([
      ["2026-01-01", 1000, 10],
      ["2026-02-01", 1100, 11],
      ["2026-03-01", 1200, 12],
    ]);
    expect(history.find((h) => h.kind === "rent")).toMatchObject({ consumptionUnit: null, points: [{ amount: 60000, consumption: null }] });
    expect(history).toHaveLength(2);
  });
});

// ─── Refunds ───────────────────────────────────────────────────────────────

describe("refunds", () => {
  async function paidBill() {
    const s = await setup();
    const bill = await issue(s, 0, { amount: 2500 });
    await topUp(s.asAlice, 4000);
    const payment = await s.asAlice.bills.pay({ billIds: [bill.id], idempotencyKey: key() });
    events.length = 0;
    return { s, bill, payment };
  }

  it("gives the money back, makes the bill unpaid again, and happens once", async () => {
    const { s, bill, payment } = await paidBill();
    const idempotencyKey = key();
    const res = await s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey });
    expect(res.isReplay).toBe(false);
    expect(await walletBalance(s.alice.id)).toBe(4000);
    expect(await collectionBalance(s.building.id)).toBe(0);
    expect(await billRow(bill.id)).toMatchObject({ status: "unpaid", paidAt: null, paidById: null, paymentMethod: null, transactionId: null });
    expect(events).toEqual([
      { type: "bills.changed", buildingId: s.building.id, unitIds: [s.units[0]!.id], reason: "refunded" },
      { type: "wallet.changed", userId: s.alice.id },
    ]);

    events.length = 0;
    await expect(s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey })).resolves.toEqual({ transactionId: res.transactionId, isReplay: true });
    await expect(s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "ALREADY_REFUNDED" } });
    expect(events).toEqual([]);
    expect(await walletBalance(s.alice.id)).toBe(4000);
    expect(await t.db.ledgerTransaction.count({ where: { kind: "refund", refundOfId: payment.transactionId } })).toBe(1);

    // Both receipts tell the story.
    const refundReceipt = await s.asAlice.wallet.getReceipt({ id: res.transactionId });
    expect(refundReceipt).toMatchObject({ kind: "refund", amount: 2500, refundOf: { id: payment.transactionId } });
    expect(refundReceipt.bills).toEqual([expect.objectContaining({ reference: bill.reference, amount: 2500 })]);
    const paymentReceipt = await s.asAlice.wallet.getReceipt({ id: payment.transactionId });
    expect(paymentReceipt.refunds).toEqual([expect.objectContaining({ id: res.transactionId, amount: 2500 })]);
    // The payment's receipt still lists what it paid (BillPayment rows are never changed).
    expect(paymentReceipt.bills).toEqual([expect.objectContaining({ reference: bill.reference, amount: 2500 })]);

    // Paid again, it can be refunded again: once per payment.
    const again = await s.asAlice.bills.pay({ billIds: [bill.id], idempotencyKey: key() });
    expect(await walletBalance(s.alice.id)).toBe(1500);
    const second = await s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() });
    expect(second.isReplay).toBe(false);
    expect(await t.db.ledgerTransaction.findUniqueOrThrow({ where: { id: second.transactionId } })).toMatchObject({ refundOfId: again.transactionId, amount: 2500 });
    expect(await walletBalance(s.alice.id)).toBe(4000);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("refuses bills not paid from a wallet", async () => {
    const s = await setup();
    const unpaid = await issue(s, 0);
    const cash = await issue(s, 0);
    await s.asManager.bills.manage.recordExternalPayment({ billId: cash.id });
    for (const bill of [unpaid, cash]) {
      await expect(s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "BILL_NOT_PAID" } });
    }
    expect(await t.db.ledgerTransaction.count({ where: { kind: "refund", initiatorId: s.manager.id } })).toBe(0);
  });

  it("refunds once when refunds race, with the same key or with different keys", async () => {
    const { s, bill } = await paidBill();
    const idempotencyKey = key();
    const same = await Promise.allSettled(Array.from({ length: 10 }, () => s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey })));
    expect(same.map((r) => r.status)).toEqual(Array(10).fill("fulfilled"));
    const values = same.map((r) => (r as PromiseFulfilledResult<{ transactionId: string; isReplay: boolean }>).value);
    expect(new Set(values.map((v) => v.transactionId)).size).toBe(1);
    expect(values.filter((v) => !v.isReplay)).toHaveLength(1);
    expect(await walletBalance(s.alice.id)).toBe(4000);

    await s.asAlice.bills.pay({ billIds: [bill.id], idempotencyKey: key() });
    const different = await Promise.allSettled(Array.from({ length: 10 }, () => s.asManager.bills.manage.refund({ billId: bill.id, idempotencyKey: key() })));
    expect(different.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of different.filter((x) => x.status === "rejected")) {
      expect((r).reason).toMatchObject({ code: "CONFLICT", cause: { code: "ALREADY_REFUNDED" } });
    }
    expect(await walletBalance(s.alice.id)).toBe(4000);
    expect(await collectionBalance(s.building.id)).toBe(0);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });
});

// ─── Races ─────────────────────────────────────────────────────────────────

describe("races", () => {
  const N = 50;
  type TPay = { transactionId: string; isReplay: boolean; amount: number };

  it("charges once for 50 concurrent payments with the same key", async () => {
    const s = await setup();
    const bill = await issue(s, 0, { amount: 1234 });
    await topUp(s.asAlice, 10_000);
    events.length = 0;
    const idempotencyKey = key();
    const results = await Promise.allSettled(Array.from({ length: N }, () => s.asAlice.bills.pay({ billIds: [bill.id], idempotencyKey })));
    const failures = results.filter((r) => r.status === "rejected").map((r) => String((r).reason));
    expect(failures).toEqual([]);
    const values = results.map((r) => (r as PromiseFulfilledResult<TPay>).value);
    expect(new Set(values.map((v) => v.transactionId)).size).toBe(1);
    expect(values.filter((v) => v.isReplay)).toHaveLength(N - 1);
    expect(values.every((v) => v.amount === 1234)).toBe(true);
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 1234);
    expect(await collectionBalance(s.building.id)).toBe(1234);
    expect(await t.db.ledgerTransaction.count({ where: { kind: "bill_payment", initiatorId: s.alice.id } })).toBe(1);
    expect(events.filter((e) => e.type === "wallet.changed")).toHaveLength(1);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it("lets one of 50 concurrent payments with different keys through", async () => {
    const s = await setup();
    const bill = await issue(s, 0, { amount: 1234 });
    await topUp(s.asAlice, 10_000);
    const results = await Promise.allSettled(Array.from({ length: N }, () => s.asAlice.bills.pay({ billIds: [bill.id], idempotencyKey: key() })));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    expect((ok[0] as PromiseFulfilledResult<TPay>).value.isReplay).toBe(false);
    const reasons = results.filter((r) => r.status === "rejected").map((r) => (r).reason);
    expect(reasons).toHaveLength(N - 1);
    for (const reason of reasons) expect(reason).toMatchObject({ code: "CONFLICT", cause: { code: "BILL_ALREADY_PAID" } });
    expect(await walletBalance(s.alice.id)).toBe(10_000 - 1234);
    expect(await collectionBalance(s.building.id)).toBe(1234);
    expect((await checkLedger(t.db)).isOk).toBe(true);
  });

  it.each([
    [17, 0],
    [23, 999],
  ])("drains a wallet that covers %i of 50 bills exactly (remainder %i)", async (covered, remainder) => {
    const s = await setup();
    const amount = 1000;
    await t.db.bill.createMany({
      data: Array.from({ length: N }, (_, i) => ({
        buildingId: s.building.id,
        unitId: s.units[0]!.id,
        kind: "water",
        reference: `RACE-${i}`,
        periodStart: midnight("2026-01-01"),
        periodEnd: midnight("2026-01-31"),
        dueDate: midnight(day(10)),
        amount,
        currency: "EUR",
      })),
    });
    const bills = await t.db.bill.findMany({ where: { buildingId: s.building.id } });
    expect(bills).toHaveLength(N);
    await topUp(s.asAlice, covered * amount + remainder);
    const results = await Promise.allSettled(bills.map((b) => s.asAlice.bills.pay({ billIds: [b.id], idempotencyKey: key() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(covered);
    const reasons = results.filter((r) => r.status === "rejected").map((r) => (r).reason);
    for (const reason of reasons) expect(reason).toMatchObject({ code: "BAD_REQUEST", cause: { code: "INSUFFICIENT_FUNDS" } });
    expect(await walletBalance(s.alice.id)).toBe(remainder);
    expect(await collectionBalance(s.building.id)).toBe(covered * amount);
    expect(await t.db.bill.count({ where: { buildingId: s.building.id, status: "paid" } })).toBe(covered);
    expect(await t.db.ledgerTransaction.count({ where: { kind: "bill_payment", initiatorId: s.alice.id } })).toBe(covered);
    const check = await checkLedger(t.db);
    expect(check).toMatchObject({ isOk: true, negative: [], balanceMismatches: [] });
  });
});
