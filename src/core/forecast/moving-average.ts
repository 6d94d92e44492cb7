import type { ForecastMethod } from "./method.js";

/**
 * Moving average: the forecast for every future period is the mean of the last w periods. The window
 * w is fitted: among the candidates m, 2m, 4m, 8m, 13m (one, two, four, eight and thirteen seasons;
 * for daily data 7 … 91 days) that fit in the history, the one with the lowest in-sample one-step mean
 * squared error over the last FIT_PERIODS periods.
 */
const FIT_PERIODS = 364;

export const movingAverage: ForecastMethod = {
  name: "moving_average",
  minHistory: (m) => m + 1,
  fit(y, n, m) {
    let best = 0;
    let bestMse = Number.POSITIVE_INFINITY;
    for (const mult of [1, 2, 4, 8, 13]) {
      const w = mult * m;
      if (w >= n) break;
      const from = Math.max(w, n - FIT_PERIODS);
      let s = 0;
      for (let t = from - w; t < from; t++) s += y[t]!;
      let sse = 0;
      for (let t = from; t < n; t++) {
        const e = y[t]! - s / w;
        sse += e * e;
        s += y[t]! - y[t - w]!;
      }
      const mse = sse / (n - from);
      if (mse < bestMse) {
        bestMse = mse;
        best = w;
      }
    }
    return best > 0 ? { window: best } : null;
  },
  forecastAt(y, p, _m, origins, h, out) {
    const w = p.window!;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      const from = Math.max(0, o - w);
      let s = 0;
      for (let t = from; t < o; t++) s += y[t]!;
      out.fill(s / (o - from), i * h, (i + 1) * h);
    }
  },
};
