// Shapes of the bills domain. Dates are calendar days ("YYYY-MM-DD"), stored as UTC midnight.
import { z } from "zod";
import { ZId } from "../lib/input";
import { ZCents, ZIdempotencyKey } from "../ledger/schema";
import { ZTopUpAmount, ZTopUpThenResult } from "../payments/schema";

export const BILL_KINDS = ["water", "electricity", "gas", "heating", "rent", "service_charge", "internet"] as const;
export const ZBillKind = z.enum(BILL_KINDS, { message: "billKind" });
export type TBillKind = z.infer<typeof ZBillKind>;

export const CONSUMPTION_UNITS = ["m3", "kWh"] as const;
export const ZConsumptionUnit = z.enum(CONSUMPTION_UNITS, { message: "consumptionUnit" });

export { ZDay } from "../lib/input";
import { ZDay } from "../lib/input";

export const toDay = (d: string) => new Date(`${d}T00:00:00.000Z`);

const ZReading = z.number({ message: "number" }).min(0, { message: "nonNegative" }).max(1e9, { message: "tooLarge" });

const ZBillBase = z.object({
  kind: ZBillKind,
  reference: z.string().trim().min(1, { message: "required" }).max(40, { message: "tooLong" }).regex(/^[A-Za-z0-9._/-]+$/, { message: "reference" }),
  periodStart: ZDay,
  periodEnd: ZDay,
  dueDate: ZDay,
  amount: ZCents,
  meterReading: ZReading.nullable().default(null),
  consumption: ZReading.nullable().default(null),
  consumptionUnit: ZConsumptionUnit.nullable().default(null),
});

function billRules(b: z.infer<typeof ZBillBase>, ctx: z.RefinementCtx) {
  if (b.periodEnd < b.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "periodOrder" });
  if ((b.consumption !== null || b.meterReading !== null) && b.consumptionUnit === null) {
    ctx.addIssue({ code: "custom", path: ["consumptionUnit"], message: "consumptionUnitNeeded" });
  }
}

/** One bill, as a CSV row becomes once parsed. */
export const ZBillFields = ZBillBase.superRefine(billRules);

/** One bill typed by a manager for a unit (flat, so form errors map to fields). */
export const ZBillIssueInput = ZBillBase.extend({ unitId: ZId }).superRefine(billRules);

export const ZBillImportInput = z.object({
  buildingId: ZId,
  /** The file's text. 1 MB is far more than a building's month of bills. */
  csv: z.string().max(1_000_000, { message: "fileTooLarge" }),
  /** Check only: report what would be imported, change nothing. */
  dryRun: z.boolean().default(false),
});

export const ZPayInput = z.object({
  billIds: z.array(ZId).min(1, { message: "required" }).max(50, { message: "tooMany" }),
  idempotencyKey: ZIdempotencyKey,
});

/** Pay bills the wallet does not cover: top up exactly the missing amount, then pay. */
export const ZTopUpAndPayInput = ZPayInput.extend({ topUpAmount: ZTopUpAmount });

export const ZRefundInput = z.object({ billId: ZId, idempotencyKey: ZIdempotencyKey });

const ZUnitRef = z.object({ id: z.string(), staircase: z.string(), floor: z.number().int(), door: z.string() });

export const ZBill = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  unit: ZUnitRef,
  kind: ZBillKind,
  reference: z.string(),
  periodStart: z.date(),
  periodEnd: z.date(),
  dueDate: z.date(),
  amount: z.number().int(),
  currency: z.string(),
  meterReading: z.number().nullable(),
  consumption: z.number().nullable(),
  consumptionUnit: ZConsumptionUnit.nullable(),
  status: z.enum(["unpaid", "paid"]),
  isOverdue: z.boolean(),
  paidAt: z.date().nullable(),
  paymentMethod: z.enum(["wallet", "external"]).nullable(),
});

/** What a resident sees: their bill, and a receipt link when they paid it themselves. */
export const ZMyBill = ZBill.extend({ receiptId: z.string().nullable() });

export const ZPayResult = z.object({ transactionId: z.string(), amount: z.number().int(), billIds: z.array(z.string()), isReplay: z.boolean() });

export const ZTopUpAndPayResult = ZTopUpThenResult(ZPayResult);

export const ZImportIssue = z.object({ line: z.number().int(), column: z.string(), reason: z.string() });
export const ZImportResult = z.object({
  isImported: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  /** References already in this building: reported and left alone. */
  duplicates: z.array(z.object({ line: z.number().int(), reference: z.string() })),
  errors: z.array(ZImportIssue),
});

export const ZArrearsRow = z.object({
  unit: ZUnitRef,
  residents: z.array(z.string()),
  unpaidCount: z.number().int(),
  outstanding: z.number().int(),
  overdueCount: z.number().int(),
  overdue: z.number().int(),
  oldestDue: z.date().nullable(),
  /** The last reminder the unit's residents were sent for one of these bills (due soon or overdue). */
  lastRemindedAt: z.date().nullable(),
});

export const ZBuildingBillsSummary = z.object({
  currency: z.string(),
  collected: z.number().int(),
  collectedViaWallet: z.number().int(),
  outstanding: z.number().int(),
  overdue: z.number().int(),
  billCount: z.number().int(),
  arrears: z.array(ZArrearsRow),
});

/** A calendar month, "YYYY-MM". */
export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "month" });

export const ZBillListInput = z.object({
  buildingId: ZId,
  status: z.enum(["unpaid", "overdue", "paid", "all"]).default("all"),
  unitId: ZId.optional(),
  /** A reference, a door ("101") or a staircase and door ("A101", "A-101", "A 101"). */
  q: z.string().trim().max(40, { message: "tooLong" }).optional(),
  /** Bills whose period overlaps this month. */
  period: ZMonth.optional(),
  cursor: ZId.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

/** A unit of a managed building as its manager's Units tab shows it: who lives there (names
 * only), who asked to, and what it owes. */
export const ZUnitBalance = z.object({
  unit: ZUnitRef,
  residents: z.array(z.string()),
  pending: z.array(z.string()),
  unpaidCount: z.number().int(),
  outstanding: z.number().int(),
  overdueCount: z.number().int(),
  overdue: z.number().int(),
});

export const ZUnitBalances = z.object({ currency: z.string(), units: z.array(ZUnitBalance), isTruncated: z.boolean() });
