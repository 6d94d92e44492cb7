import type { AccuracyScores } from "../core/accuracy/metrics.js";
import { holdoutForecast } from "../core/forecast/holdout.js";
import type { MethodName } from "../core/forecast/method.js";
import { candidatesFor } from "../core/forecast/methods.js";
import { selectForecast } from "../core/forecast/select.js";
import { type DemandSeries, SEASON_PERIOD } from "../core/series.js";
import { type DemandPattern, demandPattern } from "../core/stats/demand-pattern.js";
import { decompositionStrength } from "../core/stats/seasonality.js";

export interface ForecastShared {
  readonly job: "forecast";
  readonly horizon: number;
  /** Hold out this many final periods and score the forecast of them (0 = forecast the future). */
  readonly holdout: number;
}

export interface SeriesForecast {
  readonly pattern: DemandPattern;
  readonly method: MethodName;
  readonly runnerUp: MethodName | null;
  /** Epoch day (first day of the period) of forecast[0]. */
  readonly forecast: Float64Array;
  /** Scores on the held-out periods, with --holdout. */
  readonly holdout: AccuracyScores | null;
}

/**
 * Forecasts a chunk of series. With a holdout, the pattern is classified on the training part only,
 * so nothing from the held-out periods leaks into any decision.
 */
export function forecastChunk(chunk: readonly DemandSeries[], shared: ForecastShared): SeriesForecast[] {
  return chunk.map((s) => {
    const m = SEASON_PERIOD[s.frequency];
    const q = s.quantities;
    if (shared.holdout > 0) {
      const train = q.subarray(0, Math.max(0, q.length - shared.holdout));
      const pattern = demandPattern(train).pattern;
      const strength = decompositionStrength(train, m);
      const r = holdoutForecast(q, shared.holdout, {
        seasonPeriod: m,
        leadTimePeriods: shared.holdout,
        pattern,
        candidates: candidatesFor(pattern, m, strength?.seasonal ?? null, strength?.trend ?? null),
      });
      if (r !== null) {
        const { method, runnerUp } = r.selection;
        return { pattern, method, runnerUp, forecast: r.forecast, holdout: r.scores };
      }
      return { pattern, method: "naive", runnerUp: null, forecast: new Float64Array(0), holdout: null };
    }
    const pattern = demandPattern(q).pattern;
    const strength = decompositionStrength(q, m);
    const sel = selectForecast(q, {
      seasonPeriod: m,
      horizon: shared.horizon,
      leadTimePeriods: shared.horizon,
      candidates: candidatesFor(pattern, m, strength?.seasonal ?? null, strength?.trend ?? null),
      pattern,
    });
    return { pattern, method: sel.method, runnerUp: sel.runnerUp, forecast: sel.forecast, holdout: null };
  });
}
