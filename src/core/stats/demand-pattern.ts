/**
 * Syntetos–Boylan demand classification (Syntetos, Boylan & Croston 2005, "On the categorization of
 * demand patterns", Journal of the Operational Research Society 56(5):495–503).
 *
 * Conventions (see docs/demand-analytics.md):
 * - a period is a demand occurrence when its quantity is > 0 (zero and negative quantities, e.g. net
 *   returns, are not);
 * - ADI (average inter-demand interval, in periods) = number of periods ÷ number of periods with demand,
 *   so ADI = 1 when every period has demand;
 * - CV² = (s ÷ z̄)² of the non-zero demand sizes z, with the *sample* standard deviation s (divisor
 *   k − 1, as everywhere in takt); with a single demand occurrence (k = 1) CV² is 0;
 * - classes: smooth (ADI < 1.32, CV² < 0.49), erratic (ADI < 1.32, CV² ≥ 0.49), intermittent
 *   (ADI ≥ 1.32, CV² < 0.49), lumpy (ADI ≥ 1.32, CV² ≥ 0.49): a value exactly on a cut-off belongs to
 *   the more irregular side. A history with no demand at all is "no_demand".
 */
export type DemandPattern = "smooth" | "erratic" | "intermittent" | "lumpy" | "no_demand";

export const DEMAND_PATTERNS: readonly DemandPattern[] = [
  "smooth",
  "erratic",
  "intermittent",
  "lumpy",
  "no_demand",
];

/** Cut-offs of the classification: ADI in periods, CV² dimensionless. */
export interface PatternCutoffs {
  readonly adi: number;
  readonly cv2: number;
}

/** Syntetos, Boylan & Croston (2005): ADI 1.32, CV² 0.49. */
export const DEFAULT_PATTERN_CUTOFFS: PatternCutoffs = { adi: 1.32, cv2: 0.49 };

export interface PatternStats {
  /** Average inter-demand interval, periods; +Infinity when there is no demand. */
  readonly adi: number;
  /** Squared CV of the non-zero demand sizes (sample sd); NaN when there is no demand. */
  readonly cv2: number;
  /** Periods with demand > 0. */
  readonly nonZeroPeriods: number;
  readonly pattern: DemandPattern;
}

/**
 * The Syntetos–Boylan class of an (ADI, CV²) pair (SBC 2005, fig. 4 cut-offs by default).
 * `x < cut` is the regular side; `x ≥ cut` the irregular side. A non-finite ADI means no demand.
 */
export function classifyPattern(
  adi: number,
  cv2: number,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): DemandPattern {
  if (!Number.isFinite(adi)) return "no_demand";
  const frequent = adi < cut.adi;
  const steadySize = cv2 < cut.cv2;
  if (frequent) return steadySize ? "smooth" : "erratic";
  return steadySize ? "intermittent" : "lumpy";
}

/**
 * ADI, CV² and class from the moments of the non-zero sizes, so that every caller applies the same
 * conventions: `periods` in the history, `k` periods with demand, their mean size `sizeMean` (units) and
 * `sizeSumSqDev` = Σ(z − z̄)² over those k sizes (units²).
 */
export function patternFromMoments(
  periods: number,
  k: number,
  sizeMean: number,
  sizeSumSqDev: number,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): PatternStats {
  if (k === 0)
    return { adi: Number.POSITIVE_INFINITY, cv2: Number.NaN, nonZeroPeriods: 0, pattern: "no_demand" };
  const adi = periods / k;
  const cv2 = k > 1 ? sizeSumSqDev / (k - 1) / (sizeMean * sizeMean) : 0;
  return { adi, cv2, nonZeroPeriods: k, pattern: classifyPattern(adi, cv2, cut) };
}

/**
 * ADI (periods), CV² of the non-zero sizes and the Syntetos–Boylan class of a demand history
 * (Syntetos, Boylan & Croston 2005). Two passes over `q` (count and mean of the sizes, then their
 * squared deviations), no allocation.
 */
export function demandPattern(
  q: ArrayLike<number>,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): PatternStats {
  const n = q.length;
  let k = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    if (v > 0) {
      k++;
      s += v;
    }
  }
  if (k === 0) return patternFromMoments(n, 0, Number.NaN, Number.NaN, cut);
  const m = s / k;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = q[i]!;
    if (v > 0) ss += (v - m) * (v - m);
  }
  return patternFromMoments(n, k, m, ss, cut);
}
