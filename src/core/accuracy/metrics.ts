/**
 * Forecast accuracy of one series, from arrays of actuals A and forecasts F (conventions in
 * docs/forecasting.md). Errors are e = F − A. All scores are fractions or ratios (0.12 = 12 %), not
 * percentages:
 * - MAPE = mean(|A − F| ÷ A) over the periods with non-zero actuals only; NaN when there are none;
 * - WAPE = Σ|A − F| ÷ ΣA; NaN when ΣA ≤ 0;
 * - MASE = MAE ÷ in-sample MAE of the one-step naive forecast on the training data (Hyndman & Koehler
 *   2006, "Another look at measures of forecast accuracy", IJF 22(4):679–688, eq. for q_t);
 * - RMSSE = √(MSE ÷ in-sample MSE of the one-step naive forecast on the training data) (the M5
 *   competition's metric: Makridakis, Spiliotis & Assimakopoulos 2022, IJF 38(4):1346–1364, eq. 1);
 * - bias = Σ(F − A) ÷ ΣA, positive = over-forecast; NaN when ΣA ≤ 0.
 * MASE and RMSSE are NaN when the training data is constant (zero naive error).
 */
export interface AccuracyScores {
  /** Number of (actual, forecast) pairs scored. */
  readonly n: number;
  /** Mean absolute error, units per period. */
  readonly mae: number;
  /** Root mean squared error, units per period. */
  readonly rmse: number;
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
  /** ΣA, Σ|F − A| and Σ(F − A), units: kept so scores can be pooled across series (aggregate.ts). */
  readonly sumActual: number;
  readonly sumAbsError: number;
  readonly sumError: number;
}

/** The scale of MASE and RMSSE: mean absolute and mean squared one-step naive error of training data. */
export interface NaiveScale {
  /** mean |y_t − y_{t−1}|, units per period. */
  readonly mae: number;
  /** mean (y_t − y_{t−1})², squared units per period. */
  readonly mse: number;
}

/**
 * One-step naive errors of y[from..to): the differences y_t − y_{t−1}, t = from+1 … to−1 (Hyndman &
 * Koehler 2006; M5 uses the same differences, squared). NaN for fewer than two periods.
 */
export function naiveScale(y: ArrayLike<number>, from = 0, to: number = y.length): NaiveScale {
  let sa = 0;
  let ss = 0;
  let prev = y[from]!;
  for (let t = from + 1; t < to; t++) {
    const v = y[t]!;
    const d = v - prev;
    sa += Math.abs(d);
    ss += d * d;
    prev = v;
  }
  const k = to - from - 1;
  return k > 0 ? { mae: sa / k, mse: ss / k } : { mae: Number.NaN, mse: Number.NaN };
}

/** Accumulates (actual, forecast) pairs, e.g. across many backtest origins, and turns them into scores. */
export class ErrorAccumulator {
  n = 0;
  sumAbs = 0;
  sumSq = 0;
  sumError = 0;
  sumActual = 0;
  sumApe = 0;
  apeCount = 0;

  add(actual: number, forecast: number): void {
    const e = forecast - actual;
    const ae = Math.abs(e);
    this.n++;
    this.sumAbs += ae;
    this.sumSq += e * e;
    this.sumError += e;
    this.sumActual += actual;
    if (actual !== 0) {
      this.sumApe += ae / Math.abs(actual);
      this.apeCount++;
    }
  }

  reset(): void {
    this.n = 0;
    this.sumAbs = 0;
    this.sumSq = 0;
    this.sumError = 0;
    this.sumActual = 0;
    this.sumApe = 0;
    this.apeCount = 0;
  }

  scores(scale: NaiveScale): AccuracyScores {
    const n = this.n;
    const mae = n ? this.sumAbs / n : Number.NaN;
    const mse = n ? this.sumSq / n : Number.NaN;
    const volume = this.sumActual;
    return {
      n,
      mae,
      rmse: Math.sqrt(mse),
      mape: this.apeCount ? this.sumApe / this.apeCount : Number.NaN,
      wape: volume > 0 ? this.sumAbs / volume : Number.NaN,
      mase: scale.mae > 0 ? mae / scale.mae : Number.NaN,
      rmsse: scale.mse > 0 ? Math.sqrt(mse / scale.mse) : Number.NaN,
      bias: volume > 0 ? this.sumError / volume : Number.NaN,
      sumActual: volume,
      sumAbsError: this.sumAbs,
      sumError: this.sumError,
    };
  }
}

/** Scores forecasts against actuals (same length) with the naive scale of the training data. */
export function accuracy(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  scale: NaiveScale,
): AccuracyScores {
  if (actual.length !== forecast.length) {
    throw new RangeError(`accuracy: ${actual.length} actuals but ${forecast.length} forecasts`);
  }
  const acc = new ErrorAccumulator();
  for (let i = 0; i < actual.length; i++) acc.add(actual[i]!, forecast[i]!);
  return acc.scores(scale);
}
