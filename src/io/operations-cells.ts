import { daysInMonth, epochDayFromParts } from "../core/calendar.js";
import type { EpochDay } from "../core/units.js";
import { parseDateCell } from "./cell-values.js";

/**
 * Cell parsers for operational records (purchase orders, inventory snapshots, customer orders), whose
 * exports from ERP and logistics systems mix date forms and put explanations where values belong
 * ("Date Not Captured", "Freight Included in Commodity Cost"). Rules: docs/operations-inputs.md.
 */

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const DAY_MON_YEAR = /^(\d{1,2})[- ]([A-Za-z]{3})[- ](\d{2}|\d{4})$/;
const MONTH_DAY_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;

/**
 * A two-digit year under the POSIX `strptime %y` rule: 69–99 → 1969–1999, 00–68 → 2000–2068
 * (IEEE Std 1003.1-2017, strptime).
 */
export const fullYear = (yy: number): number => (yy >= 69 ? 1900 + yy : 2000 + yy);

function fromParts(year: number, month: number, day: number): EpochDay | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayFromParts(year, month, day);
}

/**
 * A date in any of the forms found in operational exports: ISO `YYYY-MM-DD` and `YYYY/MM/DD`
 * (cell-values.ts), `D-Mon-YY` / `D-Mon-YYYY` (`2-Jun-06`, English month abbreviations, any case) and
 * US `M/D/YYYY` / `M/D/YY` (`6/2/2006`, `8/27/14`). Two-digit years follow `fullYear`. Null when the
 * text is none of these or not a real calendar date.
 */
export function parseFlexibleDate(text: string): EpochDay | null {
  const s = text.trim();
  const iso = parseDateCell(s);
  if (iso !== null) return iso;
  let m = DAY_MON_YEAR.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    const y = Number(m[3]);
    return fromParts(m[3]!.length === 2 ? fullYear(y) : y, month, Number(m[1]));
  }
  m = MONTH_DAY_YEAR.exec(s);
  if (m) {
    const y = Number(m[3]);
    return fromParts(m[3]!.length === 2 ? fullYear(y) : y, Number(m[1]), Number(m[2]));
  }
  return null;
}

/** The accepted date forms, for issue messages. */
export const FLEXIBLE_DATE_FORMS =
  "a date YYYY-MM-DD, YYYY/MM/DD, D-Mon-YY (2-Jun-06) or M/D/YYYY (6/2/2006)";

/** A memo of parsed dates (exports repeat the same dates many times); NaN = not a date. */
export class FlexibleDateCache {
  private readonly memo = new Map<string, number>();
  parse(text: string): number {
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const d = parseFlexibleDate(text);
    const v = d === null ? Number.NaN : d;
    if (this.memo.size < 100_000) this.memo.set(text, v);
    return v;
  }
}

/**
 * A recognised placeholder: text standing where a value belongs that says why there is none. `reason`
 * is a stable label used to count them.
 */
export interface Placeholder {
  readonly reason: string;
}

const PLACEHOLDERS: readonly { readonly test: RegExp; readonly reason: string }[] = [
  { test: /^n\/?a\b.*rdc/i, reason: "not applicable: from regional distribution centre" },
  { test: /^(n\/?a|none|null|nil|-+|–|—)$/i, reason: "not applicable" },
  { test: /not\s+captured|not\s+recorded|unknown|^tbd$|^tba$/i, reason: "not captured" },
  { test: /^pre-?pq\b/i, reason: "pre-PQ process (no date yet)" },
  { test: /^see\s+\S+/i, reason: "recorded on another line" },
  { test: /included\s+in/i, reason: "included in commodity cost" },
  { test: /invoiced\s+separately/i, reason: "invoiced separately" },
  { test: /^n\/?a\b/i, reason: "not applicable" },
];

/**
 * The reason behind a placeholder cell (`Date Not Captured`, `N/A - From RDC`, `Pre-PQ Process`,
 * `See ASN-93 (ID#:1281)`, `Freight Included in Commodity Cost`, `Invoiced Separately`, `N/A`, `-`),
 * or null when the text is not a known placeholder (then it is a bad value).
 */
export function placeholderReason(text: string): string | null {
  const s = text.trim();
  if (s === "") return null;
  for (const p of PLACEHOLDERS) if (p.test.test(s)) return p.reason;
  return null;
}

const TRUE = new Set(["true", "yes", "y", "1", "x", "t", "expedited"]);
const FALSE = new Set(["false", "no", "n", "0", "f", ""]);

/** A yes/no cell: true/false, yes/no, y/n, 1/0, x/empty (any case). Null when it is none of these. */
export function parseFlag(text: string): boolean | null {
  const s = text.trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

/** Counts of cells read as "no value" because they held a placeholder, per column and reason. */
export class BlankedCells {
  private readonly counts = new Map<
    string,
    { column: string; reason: string; example: string; count: number }
  >();

  add(column: string, reason: string, text: string): void {
    const k = `${column}\u0000${reason}`;
    const c = this.counts.get(k);
    if (c) c.count++;
    else this.counts.set(k, { column, reason, example: text.trim(), count: 1 });
  }

  /** Per column and reason, most frequent first. */
  list(): BlankedCell[] {
    return [...this.counts.values()].sort((a, b) => b.count - a.count || a.column.localeCompare(b.column));
  }
}

/** One kind of cell read as "no value": the column, why, one example of the text, how many cells. */
export interface BlankedCell {
  readonly column: string;
  readonly reason: string;
  readonly example: string;
  readonly count: number;
}
