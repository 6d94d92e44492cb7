import { epochDayFromParts, partsFromEpochDay } from "./calendar.js";
import type { EpochDay } from "./units.js";

/** The spacing of a series' periods. Daily data is the norm; weekly and monthly histories are accepted. */
export type Frequency = "day" | "week" | "month";

/** Natural seasonal period for each frequency: a week of days, a year of weeks, a year of months. */
export const SEASON_PERIOD: Readonly<Record<Frequency, number>> = { day: 7, week: 52, month: 12 };
/** Periods per year, for annualising demand. */
export const PERIODS_PER_YEAR: Readonly<Record<Frequency, number>> = { day: 365, week: 52, month: 12 };

export interface SeriesKey {
  readonly sku: string;
  /** Location (store, site, warehouse); "" when the file has no location column. */
  readonly location: string;
}

/**
 * One demand history: consecutive periods starting at `start`, one quantity per period.
 * Periods with no row in the input are zero demand. Leading "not yet on sale" periods are not included.
 */
export interface DemandSeries extends SeriesKey {
  readonly frequency: Frequency;
  /** First period (for weeks and months: the first day of that period). */
  readonly start: EpochDay;
  /** Demand per period, in units. Length = number of periods. */
  readonly quantities: Float64Array;
  /** Mean selling price per unit over the periods that had one, or null when the file has no prices. */
  readonly unitPrice: number | null;
}

export const seriesId = (k: SeriesKey): string => (k.location === "" ? k.sku : `${k.sku}@${k.location}`);

/**
 * The first day of period `index` of a series starting at `start`: days and weeks step by 1 and 7
 * days; months step by calendar month (start is the first of a month).
 */
export function periodStart(start: number, frequency: Frequency, index: number): EpochDay {
  if (frequency === "day") return (start + index) as EpochDay;
  if (frequency === "week") return (start + 7 * index) as EpochDay;
  const { year, month, day } = partsFromEpochDay(start);
  const m0 = month - 1 + index;
  return epochDayFromParts(year + Math.floor(m0 / 12), (((m0 % 12) + 12) % 12) + 1, day);
}
