import { type Frequency, PERIODS_PER_YEAR } from "../series.js";
import { decompositionStrength } from "./decomposition.js";
import {
  DEFAULT_PATTERN_CUTOFFS,
  type DemandPattern,
  demandPattern,
  type PatternCutoffs,
} from "./demand-pattern.js";
import { olsSlope } from "./trend.js";

/** The demand profile of one series. Quantities per period of the series' frequency. */
export interface DemandProfile {
  readonly periods: number;
  readonly totalUnits: number;
  readonly nonZeroPeriods: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1) of demand per period. */
  readonly sd: number;
  /** sd ÷ mean; NaN when mean is 0. */
  readonly cv: number;
  readonly zeroShare: number;
  readonly adi: number;
  readonly cv2: number;
  readonly pattern: DemandPattern;
  /** Strength of the weekly cycle (daily data only), 0–1, or null when under two weeks. */
  readonly weeklySeasonality: number | null;
  /** Strength of the yearly cycle, 0–1, or null with under two years of history. */
  readonly yearlySeasonality: number | null;
  /** Strength of trend from the decomposition on the natural season, 0–1, or null. */
  readonly trendStrength: number | null;
  /** OLS slope, units per period per period. */
  readonly trendSlopePerPeriod: number;
  /** The slope over a year as a fraction of mean demand (0.1 = +10 % a year). */
  readonly trendPerYear: number;
}

/** Profiles a demand history in a few linear passes. */
export function describeDemand(
  q: Float64Array,
  frequency: Frequency,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): DemandProfile {
  const n = q.length;
  let s = 0;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    s += q[i]!;
    if (q[i] === 0) zeros++;
  }
  const m = n ? s / n : Number.NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (q[i]! - m) * (q[i]! - m);
  const sdv = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const pat = demandPattern(q, cut);
  const slope = olsSlope(q);
  let weekly: number | null = null;
  let yearly: number | null = null;
  let trendStrength: number | null = null;
  if (frequency === "day") {
    const w = decompositionStrength(q, 7);
    weekly = w?.seasonal ?? null;
    trendStrength = w?.trend ?? null;
    const weeks = Math.floor(n / 7);
    if (weeks >= 104) {
      const totals = new Float64Array(weeks);
      const offset = n - weeks * 7; // align on the most recent full weeks
      for (let k = 0; k < weeks; k++) {
        let t = 0;
        for (let d = 0; d < 7; d++) t += q[offset + k * 7 + d]!;
        totals[k] = t;
      }
      yearly = decompositionStrength(totals, 52)?.seasonal ?? null;
    }
  } else {
    const period = frequency === "week" ? 52 : 12;
    const d = decompositionStrength(q, period);
    yearly = d?.seasonal ?? null;
    trendStrength = d?.trend ?? null;
  }
  return {
    periods: n,
    totalUnits: s,
    nonZeroPeriods: pat.nonZeroPeriods,
    mean: m,
    sd: sdv,
    cv: m > 0 ? sdv / m : Number.NaN,
    zeroShare: n ? zeros / n : Number.NaN,
    adi: pat.adi,
    cv2: pat.cv2,
    pattern: pat.pattern,
    weeklySeasonality: weekly,
    yearlySeasonality: yearly,
    trendStrength,
    trendSlopePerPeriod: slope,
    trendPerYear: m > 0 ? (slope * PERIODS_PER_YEAR[frequency]) / m : 0,
  };
}
