/**
 * Syntetos–Boylan demand classification (Syntetos, Boylan & Croston 2005, "On the categorization of
 * demand patterns", JORS 56:495–503).
 *
 * - ADI (average inter-demand interval) = number of periods ÷ number of periods with non-zero demand
 *   (so ADI = 1 when every period has demand).
 * - CV² = squared coefficient of variation of the non-zero demand sizes, with the population
 *   variance (divisor n), as in the original paper's definition of the size distribution.
 * - smooth: ADI < 1.32 and CV² < 0.49; erratic: ADI < 1.32, CV² ≥ 0.49; intermittent: ADI ≥ 1.32,
 *   CV² < 0.49; lumpy: ADI ≥ 1.32, CV² ≥ 0.49. No non-zero demand at all: "no_demand".
 */
export type DemandPattern = "smooth" | "erratic" | "intermittent" | "lumpy" | "no_demand";

export const DEMAND_PATTERNS: readonly DemandPattern[] = [
  "smooth",
  "erratic",
  "intermittent",
  "lumpy",
  "no_demand",
];

export interface PatternCutoffs {
  readonly adi: number;
  readonly cv2: number;
}

export const DEFAULT_PATTERN_CUTOFFS: PatternCutoffs = { adi: 1.32, cv2: 0.49 };

export interface PatternStats {
  readonly adi: number;
  readonly cv2: number;
  readonly nonZeroPeriods: number;
  readonly pattern: DemandPattern;
}

export function classifyPattern(
  adi: number,
  cv2: number,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): DemandPattern {
  if (!Number.isFinite(adi)) return "no_demand";
  const frequent = adi < cut.adi;
  const steady = cv2 < cut.cv2;
  if (frequent) return steady ? "smooth" : "erratic";
  return steady ? "intermittent" : "lumpy";
}

/** ADI, CV² of non-zero sizes and the class of a demand history. */
export function demandPattern(
  q: ArrayLike<number>,
  cut: PatternCutoffs = DEFAULT_PATTERN_CUTOFFS,
): PatternStats {
  let k = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < q.length; i++) {
    const v = q[i]!;
    if (v > 0) {
      k++;
      s += v;
      s2 += v * v;
    }
  }
  if (k === 0)
    return { adi: Number.POSITIVE_INFINITY, cv2: Number.NaN, nonZeroPeriods: 0, pattern: "no_demand" };
  const m = s / k;
  const cv2 = Math.max(0, s2 / k - m * m) / (m * m);
  const adi = q.length / k;
  return { adi, cv2, nonZeroPeriods: k, pattern: classifyPattern(adi, cv2, cut) };
}
