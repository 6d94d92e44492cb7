import { epochDayFromParts, formatIsoDate, isoWeekday, partsFromEpochDay } from "../calendar.js";
import type { EpochDay } from "../units.js";

/**
 * Reporting periods on epoch days: ISO 8601 weeks (Monday to Sunday, week 1 holds the year's first
 * Thursday), calendar months and quarters, and trailing windows ending on an "as of" day the caller
 * passes. Both ends are inclusive: a period covers the days start … end.
 */
export type PeriodKind = "week" | "month" | "quarter";

export interface Period {
  /** `2024-W05`, `2024-03`, `2024-Q1`, or `T12M@2024-03-31` / `T28D@2024-03-31` for trailing windows. */
  readonly key: string;
  /** First day (inclusive). */
  readonly start: EpochDay;
  /** Last day (inclusive). */
  readonly end: EpochDay;
}

/** Number of days a period covers (end − start + 1). */
export const periodDays = (p: Period): number => p.end - p.start + 1;

/** Whether `day` falls inside the period (inclusive bounds). */
export const inPeriod = (day: number, p: Period): boolean => day >= p.start && day <= p.end;

/** Monday of the ISO week holding `day` (ISO 8601 §3.2.2: weeks start on Monday). */
export function isoWeekStart(day: number): EpochDay {
  return (day - (isoWeekday(day) - 1)) as EpochDay;
}

/**
 * ISO 8601 week-numbering year and week of `day`: the week belongs to the year of its Thursday, and
 * week 1 is the week holding that year's first Thursday.
 */
export function isoWeek(day: number): { year: number; week: number } {
  const thursday = isoWeekStart(day) + 3;
  const year = partsFromEpochDay(thursday).year;
  const week = Math.floor((thursday - epochDayFromParts(year, 1, 1)) / 7) + 1;
  return { year, week };
}

/** The week, month or quarter holding `day`. */
export function periodOf(day: number, kind: PeriodKind): Period {
  if (kind === "week") {
    const start = isoWeekStart(day);
    const { year, week } = isoWeek(day);
    return { key: `${year}-W${String(week).padStart(2, "0")}`, start, end: (start + 6) as EpochDay };
  }
  const { year, month } = partsFromEpochDay(day);
  if (kind === "month") {
    const start = epochDayFromParts(year, month, 1);
    const end = (epochDayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
      1) as EpochDay;
    return { key: `${year}-${String(month).padStart(2, "0")}`, start, end };
  }
  const q = Math.floor((month - 1) / 3);
  const start = epochDayFromParts(year, q * 3 + 1, 1);
  const end = (epochDayFromParts(q === 3 ? year + 1 : year, q === 3 ? 1 : q * 3 + 4, 1) - 1) as EpochDay;
  return { key: `${year}-Q${q + 1}`, start, end };
}

/** Consecutive periods of one kind from the one holding `from` through the one holding `to`. */
export function periodsBetween(from: number, to: number, kind: PeriodKind): Period[] {
  const out: Period[] = [];
  if (to < from) return out;
  let p = periodOf(from, kind);
  for (;;) {
    out.push(p);
    if (p.end >= to) break;
    p = periodOf(p.end + 1, kind);
  }
  return out;
}

/** Adds calendar months, clamping the day of month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(day: number, months: number): EpochDay {
  const { year, month, day: dom } = partsFromEpochDay(day);
  const idx = year * 12 + (month - 1) + months;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  const last = epochDayFromParts(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - epochDayFromParts(y, m, 1);
  return epochDayFromParts(y, m, Math.min(dom, last));
}

/**
 * Trailing window of `months` calendar months ending on `asOf` (inclusive): it starts the day after the
 * same date `months` months earlier, so T12M as of 2024-03-31 covers 2023-04-01 … 2024-03-31.
 */
export function trailingMonths(asOf: number, months = 12): Period {
  return {
    key: `T${months}M@${formatIsoDate(asOf)}`,
    start: (addMonths(asOf, -months) + 1) as EpochDay,
    end: asOf as EpochDay,
  };
}

/** Trailing window of `days` days ending on `asOf` (inclusive), e.g. the last 28 days. */
export function trailingDays(asOf: number, days: number): Period {
  return {
    key: `T${days}D@${formatIsoDate(asOf)}`,
    start: (asOf - days + 1) as EpochDay,
    end: asOf as EpochDay,
  };
}
