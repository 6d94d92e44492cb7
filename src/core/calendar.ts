import type { EpochDay } from "./units.js";

/**
 * Calendar arithmetic on epoch days (integer days since 1970-01-01, UTC). Pure: no clock.
 * Days are civil dates; time zones never enter because demand is bucketed by date.
 */

/** Days from civil date (proleptic Gregorian), after H. Hinnant's `days_from_civil`. */
export function epochDayFromParts(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as EpochDay;
}

/** Civil date from epoch day, after H. Hinnant's `civil_from_days`. */
export function partsFromEpochDay(d: number): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return (
    epochDayFromParts(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    epochDayFromParts(year, month, 1)
  );
}

/** Parses `YYYY-MM-DD` strictly; returns null if it is not a real calendar date. */
export function parseIsoDate(s: string): EpochDay | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return epochDayFromParts(year, month, day);
}

/** Formats an epoch day as `YYYY-MM-DD`. */
export function formatIsoDate(d: number): string {
  const { year, month, day } = partsFromEpochDay(d);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(d: number): number {
  return ((((d + 3) % 7) + 7) % 7) + 1;
}
