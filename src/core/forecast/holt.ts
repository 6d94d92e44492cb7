import type { ForecastMethod, Params } from "./method.js";
import { nelderMead } from "./optimize.js";
import { fitStart, SMOOTHING_MAX, SMOOTHING_MIN } from "./ses.js";

/**
 * Holt's linear trend method and its damped version (Gardner & McKenzie 1985) in component form,
 * Hyndman & Athanasopoulos, FPP 2nd ed., §7.2 and §7.4 (3rd ed. §8.2):
 *
 *   forecast  ŷ(t+h | t) = ℓ_t + (φ + φ² + … + φ^h)·b_t      (φ = 1: ℓ_t + h·b_t)
 *   level     ℓ_t = α·y_t + (1 − α)(ℓ_{t−1} + φ·b_{t−1})
 *   trend     b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*)·φ·b_{t−1}
 *
 * β is FPP's β* (R's `holt(beta=)`); R's `ets` reports α·β* as its beta. Params: `alpha`, `beta`,
 * `phi` (damped only), `l0` and `b0` (state before y[start]; units per period and units per period
 * per period) and `start`. Fitting minimises the one-step SSE over the fitting window jointly in all
 * of them, with ℓ0 and b0 concentrated out by least squares (`holtProfile`); see docs/forecasting-ets.md.
 */

/** Lower bound of the damping parameter φ, as R's forecast package (`ets`, `holt(damped = TRUE)`) uses it. */
export const PHI_MIN = 0.8;
/** Upper bound of φ (R's forecast package). */
export const PHI_MAX = 0.98;

/**
 * Sum of squared one-step errors of (damped) Holt over y[from..to) from state (l0, b0), in squared
 * units of y (FPP2 §7.2, §7.4; φ = 1 for the undamped method).
 */
export function holtSse(
  y: Float64Array,
  from: number,
  to: number,
  alpha: number,
  beta: number,
  phi: number,
  l0: number,
  b0: number,
): number {
  let l = l0;
  let b = b0;
  let sum = 0;
  const ab = alpha * beta;
  const keep = 1 - alpha;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const pred = l + phi * b;
    const e = v - pred;
    sum += e * e;
    // ℓ = (1 − α)(ℓ + φb) + αy and, in error-correction form, b = φb + αβ*e
    l = keep * pred + alpha * v;
    b = phi * b + ab * e;
  }
  return sum;
}

/**
 * The SSE of (damped) Holt over y[from..to) minimised over the initial state (ℓ0, b0) for given α, β*,
 * φ, with that state written to out[0], out[1]. The recursion is linear in its state, so the errors
 * from (c_ℓ + δ_ℓ, c_b + δ_b) are e⁰_t − u_t·δ_ℓ − v_t·δ_b, where e⁰ are the errors from (c_ℓ, c_b) =
 * (y[from], 0) and u, v the one-step predictions of the same recursion run on zero data from the unit
 * states (1, 0) and (0, 1); (δ_ℓ, δ_b) solves the 2×2 normal equations. One pass, no allocation.
 */
export function holtProfile(
  y: Float64Array,
  from: number,
  to: number,
  alpha: number,
  beta: number,
  phi: number,
  out: Float64Array,
): number {
  const ab = alpha * beta;
  const c = y[from]!;
  let l = c;
  let b = 0;
  let l1 = 1;
  let b1 = 0;
  let l2 = 0;
  let b2 = 1;
  let see = 0;
  let sue = 0;
  let sve = 0;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  const keep = 1 - alpha;
  for (let t = from; t < to; t++) {
    const yt = y[t]!;
    const pred = l + phi * b;
    const e = yt - pred;
    l = keep * pred + alpha * yt;
    b = phi * b + ab * e;
    // zero-data channels: prediction u (v), error −u (−v)
    const u = l1 + phi * b1;
    l1 = u - alpha * u;
    b1 = phi * b1 - ab * u;
    const v = l2 + phi * b2;
    l2 = v - alpha * v;
    b2 = phi * b2 - ab * v;
    see += e * e;
    sue += u * e;
    sve += v * e;
    suu += u * u;
    suv += u * v;
    svv += v * v;
  }
  const det = suu * svv - suv * suv;
  let dl = 0;
  let db = 0;
  if (det > 1e-12 * suu * svv) {
    dl = (svv * sue - suv * sve) / det;
    db = (suu * sve - suv * sue) / det;
  } else if (suu > 0) {
    dl = sue / suu;
  }
  out[0] = c + dl;
  out[1] = db;
  return Math.max(0, see - dl * sue - db * sve);
}

/**
 * Runs (damped) Holt with fixed params and writes max(0, ℓ_o + (φ + … + φ^{k+1})·b_o) into
 * out[i·horizon + k] for each origin o. Origins before `params.start` get forecasts from the initial state.
 */
function holtForecastAt(
  y: Float64Array,
  params: Params,
  _seasonPeriod: number,
  origins: Int32Array,
  horizon: number,
  out: Float64Array,
): void {
  const alpha = params.alpha!;
  const ab = alpha * params.beta!;
  const phi = params.phi ?? 1;
  let l = params.l0!;
  let b = params.b0!;
  let t = params.start ?? 0;
  for (let i = 0; i < origins.length; i++) {
    const o = origins[i]!;
    for (; t < o; t++) {
      const v = y[t]!;
      const pred = l + phi * b;
      l = (1 - alpha) * pred + alpha * v;
      b = phi * b + ab * (v - pred);
    }
    let damp = 0;
    let pw = 1;
    const row = i * horizon;
    for (let k = 0; k < horizon; k++) {
      pw *= phi;
      damp += pw;
      out[row + k] = Math.max(0, l + damp * b);
    }
  }
}

/**
 * Nelder–Mead budgets (objective evaluations) for Holt and damped Holt, and the relative SSE tolerance:
 * measured on simulated daily series, larger budgets did not lower the fitted SSE (docs/forecasting-ets.md).
 */
const BUDGET = { holt: 30, damped: 45, tol: 1e-6 } as const;
function makeHolt(damped: boolean): ForecastMethod {
  const min = damped ? 6 : 5;
  return {
    name: damped ? "holt_damped" : "holt",
    minHistory: () => min,
    fit(y, n) {
      if (n < min || n > y.length) return null;
      const start = fitStart(n);
      const state = new Float64Array(2);
      const r = damped
        ? nelderMead(
            (x) => holtProfile(y, start, n, x[0]!, x[1]!, x[2]!, state),
            [0.2, 0.1, 0.95],
            [SMOOTHING_MIN, SMOOTHING_MIN, PHI_MIN],
            [SMOOTHING_MAX, SMOOTHING_MAX, PHI_MAX],
            { maxEvals: BUDGET.damped, tol: BUDGET.tol },
          )
        : nelderMead(
            (x) => holtProfile(y, start, n, x[0]!, x[1]!, 1, state),
            [0.2, 0.1],
            [SMOOTHING_MIN, SMOOTHING_MIN],
            [SMOOTHING_MAX, SMOOTHING_MAX],
            { maxEvals: BUDGET.holt, tol: BUDGET.tol },
          );
      const alpha = r.x[0]!;
      const beta = r.x[1]!;
      const phi = damped ? r.x[2]! : 1;
      holtProfile(y, start, n, alpha, beta, phi, state);
      const p: Record<string, number> = { alpha, beta };
      if (damped) p.phi = phi;
      p.l0 = state[0]!;
      p.b0 = state[1]!;
      p.start = start;
      return p;
    },
    forecastAt: holtForecastAt,
  };
}

/** Holt's linear trend (`holt`): α, β*, ℓ0, b0 fitted by least squares on the last FIT_WINDOW periods. */
export const holt: ForecastMethod = makeHolt(false);
/** Damped trend (`holt_damped`): α, β*, φ ∈ [0.8, 0.98], ℓ0, b0 fitted likewise. */
export const holtDamped: ForecastMethod = makeHolt(true);
