import type { ForecastMethod } from "./method.js";

/**
 * Naive: every future period equals the last observation, ŷ_{o+k} = y_{o−1} for k = 0, 1, …
 * (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2). Units: demand per
 * period. No parameters; a negative last value (net returns) forecasts 0.
 */
export const naive: ForecastMethod = {
  name: "naive",
  minHistory: () => 1,
  fit: (_y, n) => (n >= 1 ? {} : null),
  forecastAt(y, _params, _m, origins, h, out) {
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      out.fill(o >= 1 ? Math.max(0, y[o - 1]!) : 0, i * h, (i + 1) * h);
    }
  },
};
