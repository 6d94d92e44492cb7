/** A CSV cell value: undefined and null are empty cells; booleans are written true/false. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * One cell per RFC 4180 §2: a field containing a comma, a double quote, CR or LF is enclosed in double
 * quotes and its quotes doubled. Numbers are written as JavaScript prints them (integers plainly,
 * decimals without exponent for the magnitudes the demo produces); non-finite numbers are empty.
 */
export function csvField(v: CsvValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A whole CSV document: header line, then one line per row, each ended by LF. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const parts: string[] = [`${header.map(csvField).join(",")}\n`];
  for (const r of rows) parts.push(`${r.map(csvField).join(",")}\n`);
  return parts.join("");
}
