import type { ForecastMethod, Params } from "./method.js";
import { brent } from "./optimize.js";

/**
 * Simple exponential smoothing (SES) in component form, Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", 2nd ed. (FPP2), §7.1 (same equations in 3rd ed. §8.1):
 *
 *   forecast  ŷ(t+h | t) = ℓ_t                         (flat, every h)
 *   level     ℓ_t = α·y_t + (1 − α)·ℓ_{t−1}
 *
 * Params: `alpha` (α, unitless in [ALPHA_MIN, ALPHA_MAX]), `l0` (ℓ at the start of the recursion,
 * units per period) and `start` (index of the first period the recursion reads; the state before
 * y[start] is ℓ0). Fitting minimises the one-step in-sample sum of squared errors over the fitting
 * window y[start..n) jointly in α and ℓ0 (ℓ0 is concentrated out by least squares, see `sesProfile`).
 * See docs/forecasting-ets.md.
 */

/** Most recent periods a smoothing model is fitted on (52 weeks of daily data; a longer prefix is cut). */
export const FIT_WINDOW = 728;
/** Lower bound of the smoothing parameters α, β*, γ, as R's `ets` (forecast package) uses it. */
export const SMOOTHING_MIN = 1e-4;
/** Upper bound of the smoothing parameters α, β* (γ ≤ 1 − α), as R's `ets` uses it. */
export const SMOOTHING_MAX = 0.9999;

/** First index of the fitting window of a prefix of `n` periods: the last FIT_WINDOW periods. */
export function fitStart(n: number): number {
  return Math.max(0, n - FIT_WINDOW);
}

/**
 * Sum of squared one-step errors Σ (y_t − ℓ_{t−1})² of SES over y[from..to) from level `l0`
 * (FPP2 §7.1), in squared units of y.
 */
export function sesSse(y: Float64Array, from: number, to: number, alpha: number, l0: number): number {
  let l = l0;
  let sum = 0;
  const keep = 1 - alpha;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const e = v - l;
    sum += e * e;
    // ℓ = (1 − α)ℓ + αy: one multiply-add on the loop-carried chain
    l = keep * l + alpha * v;
  }
  return sum;
}

/**
 * The SSE of SES over y[from..to) minimised over the initial level for a given α (the "concentrated"
 * or profile SSE), and that level written to `out[0]`. SES is linear in its state: started from
 * ℓ = c the errors are e⁰_t, and started from c + δ they are e⁰_t − (1 − α)^{t−from}·δ, so the best
 * δ = Σ d·e⁰ ÷ Σ d² and the minimum is Σ e⁰² − (Σ d·e⁰)² ÷ Σ d² (ordinary least squares in δ).
 * c = y[from] keeps the subtraction well conditioned. One pass, no allocation.
 */
export function sesProfile(
  y: Float64Array,
  from: number,
  to: number,
  alpha: number,
  out: Float64Array,
): number {
  const c = y[from]!;
  let l = c;
  let d = 1;
  const decay = 1 - alpha;
  let see = 0;
  let sde = 0;
  let sdd = 0;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const e = v - l;
    see += e * e;
    sde += d * e;
    sdd += d * d;
    l = decay * l + alpha * v;
    d *= decay;
  }
  const delta = sdd > 0 ? sde / sdd : 0;
  out[0] = c + delta;
  return Math.max(0, see - delta * sde);
}

/**
 * Runs SES with fixed `params` and writes the flat forecast max(0, ℓ_o) for steps 1..horizon at each
 * origin o into out[i·horizon + k]. Origins before `params.start` get the initial level ℓ0.
 */
function sesForecastAt(
  y: Float64Array,
  params: Params,
  _seasonPeriod: number,
  origins: Int32Array,
  horizon: number,
  out: Float64Array,
): void {
  const alpha = params.alpha!;
  let l = params.l0!;
  let t = params.start ?? 0;
  for (let i = 0; i < origins.length; i++) {
    const o = origins[i]!;
    for (; t < o; t++) l = (1 - alpha) * l + alpha * y[t]!;
    out.fill(Math.max(0, l), i * horizon, (i + 1) * horizon);
  }
}

/** SES (`ses`): α and ℓ0 fitted by least squares on the last FIT_WINDOW periods of the prefix. */
export const ses: ForecastMethod = {
  name: "ses",
  minHistory: () => 3,
  fit(y, n) {
    if (n < 3 || n > y.length) return null;
    const start = fitStart(n);
    const l0 = new Float64Array(1);
    const r = brent((a) => sesProfile(y, start, n, a, l0), SMOOTHING_MIN, SMOOTHING_MAX, {
      tol: 1e-4,
      maxEvals: 30,
      start: 0.1,
    });
    sesProfile(y, start, n, r.x, l0);
    return { alpha: r.x, l0: l0[0]!, start };
  },
  forecastAt: sesForecastAt,
};
