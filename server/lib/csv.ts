// Reading an uploaded CSV: comma or semicolon (French spreadsheets export ";"), BOM, any line
// ends, trimmed cells, blank lines skipped, and the line number of every record for errors.
import { parse } from "csv-parse/sync";

export type TCsvRecord = { cells: string[]; line: number };

/** The records (header first), or the line at which the file stops being CSV. */
export function readCsv(text: string): { records: TCsvRecord[] } | { malformedAt: number } {
  // Once csv-parse has settled on LF it counts every CR as a line of its own, so a file with
  // mixed line ends (LF header, CRLF rows) would report lines too far down: normalise first.
  const normalised = text.replace(/\r\n?/g, "\n");
  const firstLine = normalised.replace(/^\uFEFF/, "").split("\n", 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  try {
    const rows = parse(normalised, { bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return { records: rows.map((r) => ({ cells: r.record, line: r.info.lines })) };
  } catch (e) {
    return { malformedAt: (e as { lines?: number }).lines ?? 1 };
  }
}

/** A header cell as a column name: "Period start" → "period_start". */
export const columnName = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, "_");
