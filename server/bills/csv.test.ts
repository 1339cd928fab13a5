import { describe, expect, it } from "vitest";
import { CSV_COLUMNS, MAX_ROWS, parseBillsCsv } from "./csv";

const HEADER = CSV_COLUMNS.join(",");
type TRow = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const base: Required<TRow> = {
  staircase: "A",
  door: "101",
  kind: "water",
  reference: "W-2026-01",
  period_start: "2026-01-01",
  period_end: "2026-01-31",
  due_date: "2026-02-15",
  amount_cents: "4250",
  meter_reading: "",
  consumption: "",
  consumption_unit: "",
};
const line = (r: TRow = {}, sep = ",") => CSV_COLUMNS.map((c) => ({ ...base, ...r })[c]).join(sep);
const file = (rows: TRow[], sep = ",") => [CSV_COLUMNS.join(sep), ...rows.map((r) => line(r, sep))].join("\n") + "\n";

describe("parseBillsCsv: good files", () => {
  it("reads a comma-separated file", () => {
    const text = file([
      { reference: "W-1", meter_reading: "1234.5", consumption: "12.25", consumption_unit: "m3" },
      { staircase: "", door: "102", kind: "Electricity", reference: "E-1", amount_cents: "9999", consumption: "310", consumption_unit: "kWh" },
    ]);
    const { rows, issues } = parseBillsCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        staircase: "A",
        door: "101",
        bill: {
          kind: "water",
          reference: "W-1",
          periodStart: "2026-01-01",
          periodEnd: "2026-01-31",
          dueDate: "2026-02-15",
          amount: 4250,
          meterReading: 1234.5,
          consumption: 12.25,
          consumptionUnit: "m3",
        },
      },
      {
        line: 3,
        staircase: "",
        door: "102",
        bill: {
          kind: "electricity",
          reference: "E-1",
          periodStart: "2026-01-01",
          periodEnd: "2026-01-31",
          dueDate: "2026-02-15",
          amount: 9999,
          meterReading: null,
          consumption: 310,
          consumptionUnit: "kWh",
        },
      },
    ]);
  });

  it("reads a semicolon-separated file with decimal commas and CRLF line ends", () => {
    const text = [CSV_COLUMNS.join(";"), line({ reference: "G-1", kind: "gas", meter_reading: "123,5", consumption: "0,75", consumption_unit: "m3" }, ";")].join("\r\n") + "\r\n";
    const { rows, issues } = parseBillsCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 2, door: "101", bill: { kind: "gas", reference: "G-1", meterReading: 123.5, consumption: 0.75, consumptionUnit: "m3", amount: 4250 } });
  });

  it("reads a quoted decimal comma in a comma-separated file", () => {
    const text = `${HEADER}\nA,101,water,W-1,2026-01-01,2026-01-31,2026-02-15,100,"12,5",,m3\n`;
    const { rows, issues } = parseBillsCsv(text);
    expect(issues).toEqual([]);
    expect(rows[0]!.bill.meterReading).toBe(12.5);
  });

  it("ignores a byte-order mark, header case and spacing, and column order", () => {
    const cols = ["Door", " KIND ", "Reference", "period start", "Period-End", "due_date", "Amount Cents"];
    const text = "\uFEFF" + cols.join(";") + "\n" + ["7", "rent", "R-7", "2026-03-01", "2026-03-31", "2026-03-05", "65000"].join(";") + "\n";
    const { rows, issues } = parseBillsCsv(text);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        staircase: "",
        door: "7",
        bill: {
          kind: "rent",
          reference: "R-7",
          periodStart: "2026-03-01",
          periodEnd: "2026-03-31",
          dueDate: "2026-03-05",
          amount: 65000,
          meterReading: null,
          consumption: null,
          consumptionUnit: null,
        },
      },
    ]);
  });

  it("accepts a file of exactly MAX_ROWS rows", () => {
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => ({ reference: `W-${i}` }));
    const res = parseBillsCsv(file(rows));
    expect(res.issues).toEqual([]);
    expect(res.rows).toHaveLength(MAX_ROWS);
    expect(res.rows.at(-1)!.line).toBe(MAX_ROWS + 1);
  });
});

describe("parseBillsCsv: header problems", () => {
  it("reports an unknown column and reads no rows", () => {
    const text = `${HEADER},colour\n${line()},blue\n`;
    expect(parseBillsCsv(text)).toEqual({ rows: [], issues: [{ line: 1, column: "colour", reason: "unknownColumn" }] });
  });

  it("reports every missing required column", () => {
    const cols = CSV_COLUMNS.filter((c) => c !== "door" && c !== "amount_cents");
    const text = cols.join(",") + "\n" + cols.map((c) => base[c]).join(",") + "\n";
    const res = parseBillsCsv(text);
    expect(res.rows).toEqual([]);
    expect(res.issues).toEqual([
      { line: 1, column: "door", reason: "missingColumn" },
      { line: 1, column: "amount_cents", reason: "missingColumn" },
    ]);
  });

  it("does not require the optional columns", () => {
    const cols = ["door", "kind", "reference", "period_start", "period_end", "due_date", "amount_cents"] as const;
    const text = cols.join(",") + "\n" + cols.map((c) => base[c]).join(",") + "\n";
    const res = parseBillsCsv(text);
    expect(res.issues).toEqual([]);
    expect(res.rows).toHaveLength(1);
  });

  it("reports a duplicate column", () => {
    const text = `${HEADER},Door\n${line()},102\n`;
    expect(parseBillsCsv(text)).toEqual({ rows: [], issues: [{ line: 1, column: "door", reason: "duplicateColumn" }] });
  });

  it("names an empty header cell by its position", () => {
    const text = `${HEADER},\n${line()},\n`;
    expect(parseBillsCsv(text).issues).toEqual([{ line: 1, column: "#12", reason: "unknownColumn" }]);
  });
});

describe("parseBillsCsv: row problems", () => {
  const one = (r: TRow) => parseBillsCsv(file([r]));

  it("reports a bad kind", () => {
    expect(one({ kind: "beer" })).toEqual({ rows: [], issues: [{ line: 2, column: "kind", reason: "billKind" }] });
  });

  it("reports impossible and malformed dates", () => {
    expect(one({ period_end: "2026-02-30" }).issues).toEqual([{ line: 2, column: "period_end", reason: "date" }]);
    expect(one({ period_start: "2025-02-29", period_end: "2025-03-31" }).issues).toEqual([{ line: 2, column: "period_start", reason: "date" }]);
    expect(one({ due_date: "15/02/2026" }).issues).toEqual([{ line: 2, column: "due_date", reason: "date" }]);
    expect(one({ period_end: "2026-13-01" }).issues).toEqual([{ line: 2, column: "period_end", reason: "date" }]);
  });

  it("reports bad amounts", () => {
    expect(one({ amount_cents: "42.50" }).issues).toEqual([{ line: 2, column: "amount_cents", reason: "cents" }]);
    expect(parseBillsCsv(file([{ amount_cents: "42,50" }], ";")).issues).toEqual([{ line: 2, column: "amount_cents", reason: "cents" }]);
    expect(one({ amount_cents: "-100" }).issues).toEqual([{ line: 2, column: "amount_cents", reason: "cents" }]);
    expect(one({ amount_cents: "abc" }).issues).toEqual([{ line: 2, column: "amount_cents", reason: "cents" }]);
    expect(one({ amount_cents: "0" }).issues).toEqual([{ line: 2, column: "amount_cents", reason: "amountMin" }]);
    expect(one({ amount_cents: "10000001" }).issues).toEqual([{ line: 2, column: "amount_cents", reason: "amountMax" }]);
  });

  it("reports a period that ends before it starts", () => {
    expect(one({ period_start: "2026-02-01", period_end: "2026-01-31" }).issues).toEqual([{ line: 2, column: "period_end", reason: "periodOrder" }]);
  });

  it("reports a consumption or meter reading without a unit, and a bad unit", () => {
    expect(one({ consumption: "12" }).issues).toEqual([{ line: 2, column: "consumption_unit", reason: "consumptionUnitNeeded" }]);
    expect(one({ meter_reading: "12" }).issues).toEqual([{ line: 2, column: "consumption_unit", reason: "consumptionUnitNeeded" }]);
    expect(one({ consumption: "12", consumption_unit: "litres" }).issues).toEqual([{ line: 2, column: "consumption_unit", reason: "consumptionUnit" }]);
    expect(one({ consumption: "twelve", consumption_unit: "m3" }).issues).toEqual([{ line: 2, column: "consumption", reason: "number" }]);
    expect(one({ meter_reading: "-3", consumption_unit: "m3" }).issues).toEqual([{ line: 2, column: "meter_reading", reason: "number" }]);
  });

  it("reports empty required cells as required", () => {
    const res = one({ door: "", kind: "", reference: "", period_start: "", period_end: "", due_date: "", amount_cents: "" });
    expect(res.rows).toEqual([]);
    expect(res.issues).toEqual(
      ["door", "kind", "reference", "period_start", "period_end", "due_date", "amount_cents"].map((column) => ({ line: 2, column, reason: "required" })),
    );
  });

  it("reports a bad reference", () => {
    expect(one({ reference: "W 1" }).issues).toEqual([{ line: 2, column: "reference", reason: "reference" }]);
    expect(one({ reference: "x".repeat(41) }).issues).toEqual([{ line: 2, column: "reference", reason: "tooLong" }]);
  });

  it("reports a reference repeated inside the file at the repeating line", () => {
    const res = parseBillsCsv(file([{ reference: "W-1" }, { reference: "W-2" }, { reference: "W-1", door: "102" }]));
    expect(res.issues).toEqual([{ line: 4, column: "reference", reason: "duplicateInFile" }]);
    expect(res.rows.map((r) => [r.line, r.bill.reference])).toEqual([
      [2, "W-1"],
      [3, "W-2"],
    ]);
  });

  it("reports several problems of one row once per column", () => {
    const res = one({ kind: "beer", amount_cents: "1.5", due_date: "soon", door: "" });
    expect(res.rows).toEqual([]);
    expect(res.issues).toEqual([
      { line: 2, column: "amount_cents", reason: "cents" },
      { line: 2, column: "door", reason: "required" },
      { line: 2, column: "kind", reason: "billKind" },
      { line: 2, column: "due_date", reason: "date" },
    ]);
  });
});

describe("parseBillsCsv: files and line numbers", () => {
  it("reports an empty file and a header without rows", () => {
    expect(parseBillsCsv("")).toEqual({ rows: [], issues: [{ line: 1, column: "", reason: "empty" }] });
    expect(parseBillsCsv("\uFEFF\n\n")).toEqual({ rows: [], issues: [{ line: 1, column: "", reason: "empty" }] });
    expect(parseBillsCsv(`${HEADER}\n`)).toEqual({ rows: [], issues: [{ line: 2, column: "", reason: "empty" }] });
  });

  it("refuses more than MAX_ROWS rows", () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => ({ reference: `W-${i}` }));
    expect(parseBillsCsv(file(rows))).toEqual({ rows: [], issues: [{ line: MAX_ROWS + 2, column: "", reason: "tooManyRows" }] });
  });

  it("reports an unterminated quote as malformed", () => {
    const res = parseBillsCsv(`${HEADER}\nA,"101,water\n`);
    expect(res.rows).toEqual([]);
    expect(res.issues).toHaveLength(1);
    expect(res.issues[0]).toMatchObject({ column: "", reason: "malformed" });
  });

  it("counts lines of the file, including blank lines", () => {
    const text = [HEADER, line({ reference: "W-1" }), "", line({ reference: "W-2", kind: "beer" }), "", "", line({ reference: "W-3", amount_cents: "x" }), line({ reference: "W-4" })].join("\n");
    const res = parseBillsCsv(text);
    expect(res.issues).toEqual([
      { line: 4, column: "kind", reason: "billKind" },
      { line: 7, column: "amount_cents", reason: "cents" },
    ]);
    expect(res.rows.map((r) => r.line)).toEqual([2, 8]);
  });

  it("counts lines right with CRLF and with mixed line ends", () => {
    const rows = [line({ reference: "W-1" }), line({ reference: "W-2" }), line({ reference: "W-3", kind: "beer" })];
    expect(parseBillsCsv([HEADER, ...rows].join("\r\n") + "\r\n").issues).toEqual([{ line: 4, column: "kind", reason: "billKind" }]);
    // A file edited with two tools: LF after the header, CRLF after the rows.
    const mixed = `${HEADER}\n${rows[0]}\r\n${rows[1]}\r\n${rows[2]}\r\n`;
    expect(parseBillsCsv(mixed).issues).toEqual([{ line: 4, column: "kind", reason: "billKind" }]);
    expect(parseBillsCsv(mixed).rows.map((r) => r.line)).toEqual([2, 3]);
  });
});
