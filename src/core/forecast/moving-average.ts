import type { ForecastMethod } from "./method.js";

/**
 * Periods of the fitting prefix over which candidate windows are compared (the most recent year of
 * daily data): recent enough to follow changes, long enough to rank windows.
 */
export const MA_FIT_PERIODS = 364;

/**
 * Candidate windows for a seasonal period m (in periods). Short seasons (m ≤ 7, e.g. days in a week):
 * whole seasons m·{1, 2, 4, 8, 13} (7, 14, 28, 56, 91 days), so a flat average is not tilted by the
 * weekday mix. Long seasons (weekly m = 52, monthly m = 12): a quarter, half, one and two seasons
 * (13, 26, 52, 104 weeks; 3, 6, 12, 24 months).
 */
export function movingAverageWindows(seasonPeriod: number): readonly number[] {
  const m = Math.max(1, Math.round(seasonPeriod));
  if (m <= 7) return [m, 2 * m, 4 * m, 8 * m, 13 * m];
  return [...new Set([Math.max(1, Math.round(m / 4)), Math.max(1, Math.round(m / 2)), m, 2 * m])];
}

/**
 * Moving average: every future period is forecast by the mean of the last w periods,
 * ŷ_{o+k} = (1/w)·Σ_{t=o−w}^{o−1} y_t (Hyndman & Athanasopoulos, FPP 3rd ed., §3.3; Silver, Pyke &
 * Thomas 2017, ch. 4). Units: demand per period; negative means (net returns) forecast 0.
 *
 * The window is fitted, not fixed: among `movingAverageWindows(m)` the windows with w ≤ n/2 are run
 * as one-step forecasters over the same evaluation periods t ∈ [max(w_max, n − MA_FIT_PERIODS), n)
 * and the one with the lowest mean squared one-step error wins (ties → the shorter window). At an
 * origin o < w the forecast is the mean of all o periods seen.
 */
export const movingAverage: ForecastMethod = {
  name: "moving_average",
  minHistory: (m) => 2 * movingAverageWindows(m)[0]!,
  fit(y, n, m) {
    const windows = movingAverageWindows(m);
    let wMax = 0;
    for (const w of windows) if (2 * w <= n && w > wMax) wMax = w;
    if (wMax === 0) return null;
    const from = Math.max(wMax, n - MA_FIT_PERIODS);
    let best = 0;
    let bestSse = Number.POSITIVE_INFINITY;
    for (const w of windows) {
      if (w > wMax) continue;
      let s = 0;
      for (let t = from - w; t < from; t++) s += y[t]!;
      let sse = 0;
      for (let t = from; t < n; t++) {
        const e = y[t]! - s / w;
        sse += e * e;
        s += y[t]! - y[t - w]!;
      }
      if (sse < bestSse * (1 - 1e-12)) {
        bestSse = sse;
        best = w;
      }
    }
    return { window: best };
  },
  forecastAt(y, params, _m, origins, h, out) {
    const w = params.window!;
    // running sum over y[lo..hi), slid forward from origin to origin (origins are ascending)
    let lo = 0;
    let hi = 0;
    let s = 0;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      const newLo = Math.max(0, o - w);
      if (newLo >= hi) {
        s = 0;
        lo = hi = newLo;
      }
      for (; hi < o; hi++) s += y[hi]!;
      for (; lo < newLo; lo++) s -= y[lo]!;
      const count = o - lo;
      out.fill(count > 0 ? Math.max(0, s / count) : 0, i * h, (i + 1) * h);
    }
  },
};
