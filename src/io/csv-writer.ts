import { once } from "node:events";
import { createWriteStream } from "node:fs";

/** A value a CSV cell can hold. null/undefined and NaN become empty cells. */
export type Cell = string | number | boolean | null | undefined;

/**
 * Quotes a cell per RFC 4180 and neutralises spreadsheet formula injection: a text cell starting
 * with =, +, -, @, tab or carriage return is prefixed with a single quote (OWASP "CSV injection").
 * Numbers are written as numbers (a negative number is not a formula).
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? formatNumber(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** Numbers with at most 6 significant decimals, no exponent for ordinary magnitudes. */
export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : 6;
  return String(Number(v.toFixed(digits)));
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(",")}\n`;

/** Writes rows to a CSV file, streaming, honouring back-pressure. */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
): Promise<void> {
  const out = createWriteStream(path, { encoding: "utf8" });
  const done = once(out, "finish");
  const failed = once(out, "error").then(([e]) => {
    throw e;
  });
  const write = async (line: string) => {
    if (!out.write(line)) await Promise.race([once(out, "drain"), failed]);
  };
  await write(csvLine(header));
  for (const r of rows) await write(csvLine(r));
  out.end();
  await Promise.race([done, failed]);
}
