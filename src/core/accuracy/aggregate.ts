import type { AccuracyScores } from "./metrics.js";

const RATIO_KEYS = ["mae", "rmse", "mape", "wape", "mase", "rmsse", "bias"] as const;

/**
 * Mean of each metric across series, each metric skipping the series where it is undefined (NaN),
 * e.g. MAPE of an all-zero holdout. Every series counts equally (as the M4 competition's MASE mean).
 * `n` is the number of series; the sums are pooled.
 */
export function meanScores(all: readonly AccuracyScores[]): AccuracyScores {
  return weightedMeanScores(all, null);
}

/**
 * Weighted mean of each metric across series: Σ w_i·s_i ÷ Σ w_i over the series where the metric is
 * defined and w_i > 0. With w_i = each series' share of sales value over the last 28 days and the
 * RMSSE column, this is the M5 competition's WRMSSE (Makridakis et al. 2022, eq. 2). `weights` null
 * means equal weights. `n` is the number of series; sumActual, sumAbsError and sumError are pooled.
 */
export function weightedMeanScores(
  all: readonly AccuracyScores[],
  weights: ArrayLike<number> | null,
): AccuracyScores {
  if (weights !== null && weights.length !== all.length) {
    throw new RangeError(`weightedMeanScores: ${all.length} series but ${weights.length} weights`);
  }
  const out: Record<string, number> = { n: all.length };
  for (const k of RATIO_KEYS) {
    let s = 0;
    let w = 0;
    for (let i = 0; i < all.length; i++) {
      const v = all[i]![k];
      const wi = weights === null ? 1 : weights[i]!;
      if (Number.isFinite(v) && wi > 0) {
        s += wi * v;
        w += wi;
      }
    }
    out[k] = w > 0 ? s / w : Number.NaN;
  }
  let sumActual = 0;
  let sumAbsError = 0;
  let sumError = 0;
  for (const a of all) {
    sumActual += a.sumActual;
    sumAbsError += a.sumAbsError;
    sumError += a.sumError;
  }
  out.sumActual = sumActual;
  out.sumAbsError = sumAbsError;
  out.sumError = sumError;
  return out as unknown as AccuracyScores;
}

/** Volume-pooled WAPE and bias across series (units cancel only when all series count the same unit). */
export interface PooledScores {
  readonly series: number;
  /** Σ_i Σ_t |F − A| ÷ Σ_i Σ_t A: the per-series WAPEs weighted by each series' volume ΣA. */
  readonly wape: number;
  /** Σ_i Σ_t (F − A) ÷ Σ_i Σ_t A: positive = the catalogue is over-forecast in total. */
  readonly bias: number;
}

/**
 * Pools WAPE and bias over series: total absolute (signed) error over total actual volume. This is the
 * volume-weighted mean of per-series WAPE (bias), so large sellers weigh most (Kolassa & Schütz 2007,
 * "Advantages of the MAD/MEAN ratio over the MAPE", Foresight 6:40–43).
 */
export function pooledScores(all: readonly AccuracyScores[]): PooledScores {
  let volume = 0;
  let abs = 0;
  let signed = 0;
  for (const a of all) {
    volume += a.sumActual;
    abs += a.sumAbsError;
    signed += a.sumError;
  }
  return {
    series: all.length,
    wape: volume > 0 ? abs / volume : Number.NaN,
    bias: volume > 0 ? signed / volume : Number.NaN,
  };
}
