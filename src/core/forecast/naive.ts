import type { ForecastMethod } from "./method.js";

/** Naive: every future period equals the last observation (Hyndman & Athanasopoulos, FPP §5.2). */
export const naive: ForecastMethod = {
  name: "naive",
  minHistory: () => 1,
  fit: (_y, n) => (n >= 1 ? {} : null),
  forecastAt(y, _p, _m, origins, h, out) {
    for (let i = 0; i < origins.length; i++) out.fill(Math.max(0, y[origins[i]! - 1]!), i * h, (i + 1) * h);
  },
};

/** Seasonal naive: each future period equals the same period one season earlier (FPP §5.2). */
export const seasonalNaive: ForecastMethod = {
  name: "seasonal_naive",
  minHistory: (m) => m,
  fit: (_y, n, m) => (n >= m ? {} : null),
  forecastAt(y, _p, m, origins, h, out) {
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      for (let k = 0; k < h; k++) out[i * h + k] = Math.max(0, y[o - m + (k % m)]!);
    }
  },
};
