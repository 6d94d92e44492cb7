import { type Frequency, PERIODS_PER_YEAR } from "../series.js";
import {
  DEFAULT_PATTERN_CUTOFFS,
  type DemandPattern,
  type PatternCutoffs,
  patternFromMoments,
} from "./demand-pattern.js";
import { seasonalityStrengths } from "./seasonality.js";
import { trendFractionPerYear } from "./trend.js";

/**
 * The demand profile of one history. "Per period" means per period of the series' frequency
 * (day, week or month). Conventions and sources: docs/demand-analytics.md.
 */
export interface DemandProfile {
  /** Number of periods in the history. */
  readonly periods: number;
  /** Σ demand, units. */
  readonly totalUnits: number;
  /** Periods with demand > 0. */
  readonly nonZeroPeriods: number;
  /** Mean demand, units per period; NaN for an empty history. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1) of demand per period, units; 0 for one period. */
  readonly sd: number;
  /** sd ÷ mean, dimensionless; NaN when the mean is 0. */
  readonly cv: number;
  /** Share of periods without demand (1 − nonZeroPeriods ÷ periods), in [0, 1]; NaN when empty. */
  readonly zeroShare: number;
  /** Syntetos–Boylan ADI, periods (periods ÷ nonZeroPeriods); +Infinity with no demand. */
  readonly adi: number;
  /** Squared CV of the non-zero sizes (sample sd); NaN with no demand, 0 with one demand. */
  readonly cv2: number;
  readonly pattern: DemandPattern;
  /** Strength of the weekly cycle F_S (daily data only), 0–1; null for other data or under 14 days. */
  readonly weeklySeasonality: number | null;
  /** Strength of the yearly cycle F_S, 0–1; null with under two full years of history. */
  readonly yearlySeasonality: number | null;
  /** Strength of trend F_T on the natural season (7 days, 52 weeks, 12 months), 0–1, or null if too short. */
  readonly trendStrength: number | null;
  /** OLS slope of demand against the period index, units per period per period. */
  readonly trendSlopePerPeriod: number;
  /** Slope over a year as a fraction of mean demand (0.1 = +10 % of the mean a year); 0 with no demand. */
  readonly trendPerYear: number;
}

export interface DescribeDemandOptions {
  /** Syntetos–Boylan cut-offs; default ADI 1.32, CV² 0.49. */
  readonly patternCutoffs?: PatternCutoffs;
}

/**
 * Profiles a demand history: mean, sample sd and CV, zero share, Syntetos–Boylan ADI / CV² / pattern
 * (Syntetos, Boylan & Croston 2005), strengths of the weekly and yearly cycles and of trend (Wang, Smith
 * & Hyndman 2006; FPP3 §4.3) and the OLS trend. Two fused passes over `q` for the moments, the pattern
 * and the slope, then the decompositions; allocations are per series (the moving-average trend and the
 * weekly totals), never per element. Quantities in units per period of `frequency`.
 */
export function describeDemand(
  q: Float64Array,
  frequency: Frequency,
  options: DescribeDemandOptions = {},
): DemandProfile {
  const n = q.length;
  // Pass 1: total, and count and total of the positive sizes.
  let total = 0;
  let k = 0;
  let sizeTotal = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    total += v;
    if (v > 0) {
      k++;
      sizeTotal += v;
    }
  }
  const mean = n > 0 ? total / n : Number.NaN;
  const sizeMean = k > 0 ? sizeTotal / k : Number.NaN;
  // Pass 2: squared deviations about the mean and about the mean size, and the OLS cross-product.
  const tMean = (n - 1) / 2;
  let ss = 0;
  let sizeSs = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    const d = v - mean;
    ss += d * d;
    sxy += (i - tMean) * d;
    if (v > 0) sizeSs += (v - sizeMean) * (v - sizeMean);
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : n === 1 ? 0 : Number.NaN;
  const slope = n > 1 ? sxy / ((n * (n * n - 1)) / 12) : 0;
  const pat = patternFromMoments(n, k, sizeMean, sizeSs, options.patternCutoffs ?? DEFAULT_PATTERN_CUTOFFS);
  const strengths = seasonalityStrengths(q, frequency);
  return {
    periods: n,
    totalUnits: total,
    nonZeroPeriods: k,
    mean,
    sd,
    cv: mean !== 0 && n > 0 ? sd / mean : Number.NaN,
    zeroShare: n > 0 ? 1 - k / n : Number.NaN,
    adi: pat.adi,
    cv2: pat.cv2,
    pattern: pat.pattern,
    weeklySeasonality: strengths.weekly,
    yearlySeasonality: strengths.yearly,
    trendStrength: strengths.trend,
    trendSlopePerPeriod: slope,
    trendPerYear: trendFractionPerYear(slope, mean, PERIODS_PER_YEAR[frequency]),
  };
}
