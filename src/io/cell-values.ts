import { daysInMonth, epochDayFromParts, parseIsoDate } from "../core/calendar.js";
import type { EpochDay } from "../core/units.js";

/**
 * Parsers for single CSV cells. They return null (or NaN for numbers) instead of throwing; the
 * readers turn that into an Issue naming file, line, column, the value and the expected form.
 */

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A decimal number, surrounding spaces allowed. With `decimalComma` (semicolon-delimited files) a
 * single comma is read as the decimal separator ("1,5" = 1.5). No thousands separators, no hex, no
 * "Infinity". Returns NaN when the text is not such a number (including the empty string).
 */
export function parseDecimal(text: string, decimalComma = false): number {
  let s = text;
  const n = s.length;
  if (n === 0) return Number.NaN;
  // Fast path: plain digits with at most one dot (the bulk of demand files).
  let intValue = 0;
  let dots = 0;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) intValue = intValue * 10 + (c - 48);
    else if (c === 46 && dots === 0) dots = 1;
    else break;
  }
  if (i === n && n - dots > 0) return dots === 0 && n <= 15 ? intValue : Number(s);
  const first = s.charCodeAt(0);
  const last = s.charCodeAt(n - 1);
  if (first === 32 || last === 32 || first === 9 || last === 9) s = s.trim();
  if (decimalComma && s.includes(",")) s = s.replace(",", ".");
  if (!NUMBER.test(s)) return Number.NaN;
  return Number(s);
}

const SLASH_DATE = /^(\d{4})\/(\d{2})\/(\d{2})$/;

/**
 * A calendar date written `YYYY-MM-DD` (ISO 8601, via core `parseIsoDate`) or `YYYY/MM/DD`; surrounding
 * spaces allowed. Returns null when the text is not a real calendar date.
 */
export function parseDateCell(text: string): EpochDay | null {
  const s = text.trim();
  const iso = parseIsoDate(s);
  if (iso !== null) return iso;
  const m = SLASH_DATE.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayFromParts(year, month, day);
}

/** The accepted date forms, for issue messages. */
export const DATE_FORMS = "a date YYYY-MM-DD or YYYY/MM/DD";

/**
 * A memo of parsed dates: demand files repeat the same few thousand date strings millions of times.
 * Bounded: once `capacity` distinct strings are held it stops adding (parsing still works).
 */
export class DateCache {
  private readonly memo = new Map<string, number>();
  constructor(private readonly capacity = 100_000) {}

  /** Epoch day of the cell, or NaN when it is not a date. */
  parse(text: string): number {
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const d = parseDateCell(text);
    const v = d === null ? Number.NaN : d;
    if (this.memo.size < this.capacity) this.memo.set(text, v);
    return v;
  }
}

/**
 * A fraction written as a decimal ("0.25") or a percentage ("25%", "25 %"); percentages are divided
 * by 100. `bareIsPercent(v)` decides whether a bare number is already a percentage (e.g. a service
 * target of 95). Returns NaN when unparseable.
 */
export function parseFraction(
  text: string,
  decimalComma = false,
  bareIsPercent?: (v: number) => boolean,
): number {
  const s = text.trim();
  if (s.endsWith("%")) {
    const v = parseDecimal(s.slice(0, -1), decimalComma);
    return v / 100;
  }
  const v = parseDecimal(s, decimalComma);
  return bareIsPercent?.(v) ? v / 100 : v;
}
