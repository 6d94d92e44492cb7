import { mean, quantileSorted, sd } from "../stats/summary.js";

/** Summary of lead-time samples in days. */
export interface LeadTimeStats {
  readonly n: number;
  /** Arithmetic mean, days. */
  readonly mean: number;
  /** Sample standard deviation (divisor n − 1), days; 0 for one sample. */
  readonly sd: number;
  /** Coefficient of variation sd ÷ mean; NaN with fewer than 2 samples or a zero mean. */
  readonly cv: number;
  /** Percentiles by linear interpolation between order statistics (Hyndman & Fan 1996, type 7; R's default). */
  readonly p50: number;
  readonly p90: number;
  readonly p95: number;
}

/**
 * Mean, sample sd, CV and type-7 percentiles of lead times in days (Hyndman & Fan 1996, "Sample
 * quantiles in statistical packages", definition 7). NaN everywhere when there are no samples.
 */
export function leadTimeStats(samples: ArrayLike<number>): LeadTimeStats {
  const n = samples.length;
  const sorted = Float64Array.from(samples).sort();
  const m = mean(sorted);
  const s = n >= 1 ? sd(sorted) : Number.NaN;
  return {
    n,
    mean: m,
    sd: s,
    cv: n >= 2 && m !== 0 ? s / m : Number.NaN,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p95: quantileSorted(sorted, 0.95),
  };
}

/** One bin of a lateness histogram: days late from `lo` to `hi` inclusive (±Infinity at the ends). */
export interface LatenessBin {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  count: number;
}

/**
 * Upper bounds of the default lateness bins (days late = receipt − promised day): ≤ −1 (early), 0,
 * 1–2, 3–7, 8–14, 15–30 and ≥ 31.
 */
export const DEFAULT_LATENESS_UPPER_BOUNDS: readonly number[] = [-1, 0, 2, 7, 14, 30];

/**
 * Histogram of integer days late over bins closed on both sides; `upperBounds` ascending, the last
 * bin runs to +Infinity.
 */
export function latenessHistogram(
  daysLate: Iterable<number>,
  upperBounds: readonly number[] = DEFAULT_LATENESS_UPPER_BOUNDS,
): LatenessBin[] {
  const bins: LatenessBin[] = [];
  let lo = Number.NEGATIVE_INFINITY;
  for (const hi of upperBounds) {
    bins.push({ label: binLabel(lo, hi), lo, hi, count: 0 });
    lo = hi + 1;
  }
  bins.push({ label: binLabel(lo, Number.POSITIVE_INFINITY), lo, hi: Number.POSITIVE_INFINITY, count: 0 });
  for (const d of daysLate) {
    for (const b of bins) {
      if (d <= b.hi) {
        b.count++;
        break;
      }
    }
  }
  return bins;
}

function binLabel(lo: number, hi: number): string {
  if (lo === Number.NEGATIVE_INFINITY) return `≤ ${hi}`;
  if (hi === Number.POSITIVE_INFINITY) return `≥ ${lo}`;
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}
