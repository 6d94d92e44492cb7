import type { ForecastMethod } from "./method.js";

/**
 * Seasonal naive: each future period equals the same period one season earlier,
 * ŷ_{o+k} = y_{o−m+(k mod m)} (Hyndman & Athanasopoulos, FPP 3rd ed., §5.2), with m the seasonal
 * period in periods (7 for daily data). Units: demand per period. Needs one full season of history;
 * negative values (net returns) forecast 0.
 */
export const seasonalNaive: ForecastMethod = {
  name: "seasonal_naive",
  minHistory: (m) => Math.max(1, m),
  fit: (_y, n, m) => (n >= Math.max(1, m) ? {} : null),
  forecastAt(y, _params, seasonPeriod, origins, h, out) {
    const m = Math.max(1, seasonPeriod);
    for (let i = 0; i < origins.length; i++) {
      const base = origins[i]! - m;
      const row = i * h;
      for (let k = 0; k < h; k++) out[row + k] = Math.max(0, y[base + (k % m)]!);
    }
  },
};
