/**
 * Forecast accuracy metrics for one series (conventions in docs/forecasting.md):
 * - MAPE = mean(|A − F| ÷ A) over periods with non-zero actuals only (undefined → NaN when none);
 * - WAPE = Σ|A − F| ÷ ΣA;
 * - MASE = MAE ÷ in-sample MAE of the one-step naive forecast on the training data (Hyndman & Koehler 2006);
 * - RMSSE = √(MSE ÷ in-sample MSE of the one-step naive forecast) (the M5 competition metric,
 *   Makridakis, Spiliotis & Assimakopoulos 2022);
 * - bias = Σ(F − A) ÷ ΣA (positive = over-forecast).
 * All are fractions (0.12 = 12 %), not percentages.
 */
export interface AccuracyScores {
  readonly n: number;
  readonly mae: number;
  readonly rmse: number;
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
}

/** The scale of MASE and RMSSE: one-step naive errors of y[from..to) (differences of consecutive values). */
export interface NaiveScale {
  readonly mae: number;
  readonly mse: number;
}

export function naiveScale(y: ArrayLike<number>, from = 0, to = y.length): NaiveScale {
  let sa = 0;
  let ss = 0;
  let k = 0;
  for (let t = from + 1; t < to; t++) {
    const d = y[t]! - y[t - 1]!;
    sa += Math.abs(d);
    ss += d * d;
    k++;
  }
  return k ? { mae: sa / k, mse: ss / k } : { mae: Number.NaN, mse: Number.NaN };
}

/** Accumulates errors (possibly across many origins) and turns them into scores. */
export class ErrorAccumulator {
  n = 0;
  private absSum = 0;
  private sqSum = 0;
  private signedSum = 0;
  private actualSum = 0;
  private apeSum = 0;
  private apeCount = 0;

  add(actual: number, forecast: number): void {
    const e = forecast - actual;
    this.n++;
    this.absSum += Math.abs(e);
    this.sqSum += e * e;
    this.signedSum += e;
    this.actualSum += actual;
    if (actual !== 0) {
      this.apeSum += Math.abs(e) / Math.abs(actual);
      this.apeCount++;
    }
  }

  scores(scale: NaiveScale): AccuracyScores {
    const n = this.n;
    const mae = n ? this.absSum / n : Number.NaN;
    const mse = n ? this.sqSum / n : Number.NaN;
    return {
      n,
      mae,
      rmse: Math.sqrt(mse),
      mape: this.apeCount ? this.apeSum / this.apeCount : Number.NaN,
      wape: this.actualSum > 0 ? this.absSum / this.actualSum : Number.NaN,
      mase: scale.mae > 0 ? mae / scale.mae : Number.NaN,
      rmsse: scale.mse > 0 ? Math.sqrt(mse / scale.mse) : Number.NaN,
      bias: this.actualSum > 0 ? this.signedSum / this.actualSum : Number.NaN,
    };
  }
}

/** Scores a forecast against actuals with the given naive scale. */
export function accuracy(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  scale: NaiveScale,
): AccuracyScores {
  const acc = new ErrorAccumulator();
  for (let i = 0; i < actual.length; i++) acc.add(actual[i]!, forecast[i]!);
  return acc.scores(scale);
}

/** Mean of each metric across series, skipping undefined (NaN) values per metric. */
export function meanScores(all: readonly AccuracyScores[]): AccuracyScores {
  const keys = ["mae", "rmse", "mape", "wape", "mase", "rmsse", "bias"] as const;
  const out: Record<string, number> = { n: all.length };
  for (const k of keys) {
    let s = 0;
    let c = 0;
    for (const a of all) {
      if (Number.isFinite(a[k])) {
        s += a[k];
        c++;
      }
    }
    out[k] = c ? s / c : Number.NaN;
  }
  return out as unknown as AccuracyScores;
}
