import { partsFromEpochDay } from "../core/calendar.js";
import type { Frequency } from "../core/series.js";

const gcd = (a: number, b: number): number => {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
};

const monthKey = (d: number): number => {
  const p = partsFromEpochDay(d);
  return p.year * 12 + p.month - 1;
};

/** True when no two of the (sorted, distinct) days fall in the same calendar month. */
export function oneDatePerMonth(days: ArrayLike<number>): boolean {
  for (let i = 1; i < days.length; i++) if (monthKey(days[i]!) === monthKey(days[i - 1]!)) return false;
  return true;
}

/** Greatest common divisor of the spacings between sorted distinct days (0 for fewer than 2 days). */
export function commonSpacing(days: ArrayLike<number>): number {
  let g = 0;
  for (let i = 1; i < days.length; i++) g = gcd(g, days[i]! - days[0]!);
  return g;
}

/**
 * The frequency of a demand file from the distinct dates of all its rows (sorted ascending):
 * - month: every date in its own calendar month and consecutive dates ≥ 28 days apart (any day of the
 *   month, e.g. always the 1st or always the month end);
 * - week: all spacings are multiples of 7 days (all dates share a weekday; missing weeks are zero);
 * - day: anything else. Sparse daily files (rows only on days with sales) often have spacings with a
 *   common divisor above 1 (e.g. every 2 days); they are daily with zeros in between.
 * A single date counts as daily. Ambiguous tiny files (sales only on Mondays) can be forced with the
 * reader's `frequency` option.
 */
export function detectFrequency(days: ArrayLike<number>): Frequency {
  if (days.length < 2) return "day";
  let minGap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < days.length; i++) minGap = Math.min(minGap, days[i]! - days[i - 1]!);
  if (minGap >= 28 && oneDatePerMonth(days)) return "month";
  return commonSpacing(days) % 7 === 0 ? "week" : "day";
}

/** Whether the dates can be read at a frequency the caller insists on. */
export function fitsFrequency(days: ArrayLike<number>, frequency: Frequency): boolean {
  if (frequency === "day") return true;
  if (frequency === "week") return commonSpacing(days) % 7 === 0;
  return oneDatePerMonth(days);
}
