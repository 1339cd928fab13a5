// Bill CSV files: header row, one bill per line, comma or semicolon separated (French
// spreadsheets export with ";"). Every row is checked; problems come back as
// { line, column, reason } with reason a translation key (messages: csv.reasons.*).
import { columnName, readCsv } from "../lib/csv";
import { ZBillFields } from "./schema";

export const CSV_COLUMNS = [
  "staircase",
  "door",
  "kind",
  "reference",
  "period_start",
  "period_end",
  "due_date",
  "amount_cents",
  "meter_reading",
  "consumption",
  "consumption_unit",
] as const;
const REQUIRED = ["door", "kind", "reference", "period_start", "period_end", "due_date", "amount_cents"] as const;
export const MAX_ROWS = 5000;

type TColumn = (typeof CSV_COLUMNS)[number];
export type TCsvIssue = { line: number; column: string; reason: string };
export type TCsvRow = { line: number; staircase: string; door: string; bill: ReturnType<typeof ZBillFields.parse> };

const FIELD_TO_COLUMN: Record<string, TColumn> = {
  kind: "kind",
  reference: "reference",
  periodStart: "period_start",
  periodEnd: "period_end",
  dueDate: "due_date",
  amount: "amount_cents",
  meterReading: "meter_reading",
  consumption: "consumption",
  consumptionUnit: "consumption_unit",
};


function decimal(v: string): number | null | "bad" {
  if (v === "") return null;
  const s = v.replace(",", ".");
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : "bad";
}

export function parseBillsCsv(text: string): { rows: TCsvRow[]; issues: TCsvIssue[] } {
  const issues: TCsvIssue[] = [];
  const read = readCsv(text);
  if ("malformedAt" in read) return { rows: [], issues: [{ line: read.malformedAt, column: "", reason: "malformed" }] };
  const records = read.records.map((r) => ({ record: r.cells, info: { lines: r.line } }));
  if (records.length === 0) return { rows: [], issues: [{ line: 1, column: "", reason: "empty" }] };

  const header = records[0]!.record.map(columnName);
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(h)) issues.push({ line: 1, column: h || `#${i + 1}`, reason: "unknownColumn" });
    else if (index.has(h)) issues.push({ line: 1, column: h, reason: "duplicateColumn" });
    else index.set(h, i);
  });
  for (const c of REQUIRED) if (!index.has(c)) issues.push({ line: 1, column: c, reason: "missingColumn" });
  if (issues.length) return { rows: [], issues };
  if (records.length - 1 > MAX_ROWS) return { rows: [], issues: [{ line: MAX_ROWS + 2, column: "", reason: "tooManyRows" }] };
  if (records.length === 1) return { rows: [], issues: [{ line: 2, column: "", reason: "empty" }] };

  const rows: TCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (c: TColumn) => (index.has(c) ? (record[index.get(c)!] ?? "") : "");
    const rowIssues: TCsvIssue[] = [];
    const numbers: Record<string, number | null> = {};
    for (const c of ["meter_reading", "consumption"] as const) {
      const v = decimal(cell(c));
      if (v === "bad") rowIssues.push({ line, column: c, reason: "number" });
      else numbers[c] = v;
    }
    const amountText = cell("amount_cents");
    const amount = /^\d+$/.test(amountText) ? Number(amountText) : amountText === "" ? undefined : Number.NaN;
    if (amount !== undefined && Number.isNaN(amount)) rowIssues.push({ line, column: "amount_cents", reason: "cents" });
    if (!cell("door")) rowIssues.push({ line, column: "door", reason: "required" });

    const parsed = ZBillFields.safeParse({
      kind: cell("kind").toLowerCase(),
      reference: cell("reference"),
      periodStart: cell("period_start"),
      periodEnd: cell("period_end"),
      dueDate: cell("due_date"),
      amount: amount === undefined || Number.isNaN(amount) ? (amount === undefined ? undefined : 1) : amount,
      meterReading: numbers.meter_reading ?? null,
      consumption: numbers.consumption ?? null,
      consumptionUnit: cell("consumption_unit") || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        const column = FIELD_TO_COLUMN[field] ?? field;
        // An empty required cell reads better as "required" than as a format error.
        const isEmpty = column !== "" && cell(column as TColumn) === "" && ["kind", "reference", "period_start", "period_end", "due_date", "amount_cents"].includes(column);
        rowIssues.push({ line, column, reason: isEmpty ? "required" : issue.message });
      }
    }
    const ref = cell("reference");
    if (ref) {
      const first = seen.get(ref);
      if (first !== undefined) rowIssues.push({ line, column: "reference", reason: "duplicateInFile" });
      else seen.set(ref, line);
    }
    if (rowIssues.length || !parsed.success) {
      issues.push(...dedupe(rowIssues));
      continue;
    }
    rows.push({ line, staircase: cell("staircase"), door: cell("door"), bill: parsed.data });
  }
  return { rows, issues };
}

function dedupe(list: TCsvIssue[]): TCsvIssue[] {
  const keys = new Set<string>();
  return list.filter((i) => {
    const k = `${i.line}:${i.column}`;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}
