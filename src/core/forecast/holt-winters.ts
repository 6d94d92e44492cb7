import type { ForecastMethod } from "./method.js";
import { nelderMead } from "./optimize.js";
import { fitStart, SMOOTHING_MAX, SMOOTHING_MIN } from "./ses.js";

/**
 * Holt–Winters seasonal methods in component form, Hyndman & Athanasopoulos, FPP 2nd ed., §7.3
 * (3rd ed. §8.3), with m = seasonal period (7 for daily data, 52 weekly, 12 monthly):
 *
 * additive        ŷ(t+h | t) = ℓ_t + h·b_t + s_{t+h−m(k+1)},   k = ⌊(h − 1)/m⌋
 *                 ℓ_t = α(y_t − s_{t−m}) + (1 − α)(ℓ_{t−1} + b_{t−1})
 *                 b_t = β*(ℓ_t − ℓ_{t−1}) + (1 − β*)·b_{t−1}
 *                 s_t = γ(y_t − ℓ_{t−1} − b_{t−1}) + (1 − γ)·s_{t−m}
 * multiplicative  ŷ(t+h | t) = (ℓ_t + h·b_t)·s_{t+h−m(k+1)}
 *                 ℓ_t = α·y_t ÷ s_{t−m} + (1 − α)(ℓ_{t−1} + b_{t−1})
 *                 b_t = as above
 *                 s_t = γ·y_t ÷ (ℓ_{t−1} + b_{t−1}) + (1 − γ)·s_{t−m}
 *
 * These are the recursions of R's `hw()` (forecast:::zzhw). Seasonal states are kept by phase p = t mod m
 * of the series index. Params: `alpha`, `beta` (β*), `gamma`; the state before y[start]: `l0` (units
 * per period), `b0` (units per period per period), `s0` … `s{m−1}` (the seasonal index of phase p: units
 * for additive, a unitless ratio for multiplicative); and `start`. See docs/forecasting-ets.md.
 */

/** Values of the initial state vector [ℓ0, b0, s_0 … s_{m−1}] (seasonal by phase t mod m). */
export type HwState = Float64Array;

/**
 * Sum of squared one-step errors of Holt–Winters over y[from..to) from `state` = [ℓ0, b0, s by phase],
 * in squared units of y (FPP2 §7.3). `work` (length ≥ m) is scratch for the seasonal states; `state`
 * is not changed. Non-finite results (a multiplicative model dividing by zero) come back as +∞. With a
 * finite `bound` the pass stops as soon as the running sum exceeds it and returns that partial sum
 * (the terms are squares, so the full SSE is at least as large): for callers that only compare the
 * SSE with `bound` (Nelder–Mead's trial points, nelderMead's `bound`).
 */
export function hwSse(
  y: Float64Array,
  from: number,
  to: number,
  m: number,
  multiplicative: boolean,
  alpha: number,
  beta: number,
  gamma: number,
  state: HwState,
  work: Float64Array,
  bound = Number.POSITIVE_INFINITY,
): number {
  for (let p = 0; p < m; p++) work[p] = state[2 + p]!;
  let l = state[0]!;
  let b = state[1]!;
  let p = from % m;
  let sum = 0;
  if (multiplicative) {
    for (let t = from; t < to; t++) {
      const v = y[t]!;
      const s = work[p]!;
      const lb = l + b;
      const e = v - lb * s;
      sum += e * e;
      if (sum > bound) return sum;
      const nl = (alpha * v) / s + (1 - alpha) * lb;
      b = beta * (nl - l) + (1 - beta) * b;
      l = nl;
      work[p] = (gamma * v) / lb + (1 - gamma) * s;
      if (++p === m) p = 0;
    }
  } else {
    const ab = alpha * beta;
    const keep = 1 - alpha;
    for (let t = from; t < to; t++) {
      const v = y[t]!;
      const s = work[p]!;
      const lb = l + b;
      const e = v - lb - s;
      sum += e * e;
      if (sum > bound) return sum;
      // ℓ = (1 − α)(ℓ + b) + α(y − s); error-correction form b = b + αβ*e, s = s + γe
      l = keep * lb + alpha * (v - s);
      b += ab * e;
      work[p] = s + gamma * e;
      if (++p === m) p = 0;
    }
  }
  return Number.isFinite(sum) ? sum : Number.POSITIVE_INFINITY;
}

/**
 * Heuristic initial state from the start of y[from..to) (after Hyndman et al. 2008, "Forecasting with
 * Exponential Smoothing", §2.6.1, as R's `ets` initialises): a classical decomposition of the first
 * K = min(3, ⌊(to − from)/m⌋) ≥ 2 seasons (centred moving average of order m, 2×m for even m) gives
 * the seasonal indices (phase means of y − trend, or y ÷ trend, normalised to sum 0 or mean 1); a
 * least-squares line through the first max(10, 2m) deseasonalised values gives ℓ0 (its value one
 * period before y[from]) and b0 (its slope). Writes [ℓ0, b0, s by phase] into `out`; returns false
 * when there are fewer than 2 seasons (or a non-positive trend for the multiplicative model).
 */
export function hwInitialState(
  y: Float64Array,
  from: number,
  to: number,
  m: number,
  multiplicative: boolean,
  out: HwState,
): boolean {
  const seasons = Math.min(3, Math.floor((to - from) / m));
  if (seasons < 2 || m < 2) return false;
  const len = seasons * m;
  const half = m >> 1;
  const even = m % 2 === 0;
  const sum = new Float64Array(m);
  const count = new Float64Array(m);
  // running sum of the m values y[i − half .. i − half + m − 1]: for odd m the centred window of
  // order m at i; for even m the 2×m average adds half of y[i + half] and removes half of y[i − half]
  let win = 0;
  for (let j = 0; j < m; j++) win += y[from + j]!;
  for (let i = half; i + half < len; i++) {
    const trend = even ? (win + 0.5 * (y[from + i + half]! - y[from + i - half]!)) / m : win / m;
    if (multiplicative && !(trend > 0)) return false;
    const v = y[from + i]!;
    const p = (from + i) % m;
    sum[p] += multiplicative ? v / trend : v - trend;
    count[p]++;
    if (i + 1 + half < len) win += y[from + i - half + m]! - y[from + i - half]!;
  }
  let total = 0;
  for (let p = 0; p < m; p++) {
    sum[p] = count[p]! > 0 ? sum[p]! / count[p]! : multiplicative ? 1 : 0;
    total += sum[p]!;
  }
  for (let p = 0; p < m; p++) out[2 + p] = multiplicative ? (sum[p]! * m) / total : sum[p]! - total / m;
  // least-squares line through the first deseasonalised values, x = 1..k
  const k = Math.min(Math.max(10, 2 * m), to - from);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < k; i++) {
    const s = out[2 + ((from + i) % m)]!;
    const d = multiplicative ? y[from + i]! / s : y[from + i]! - s;
    const x = i + 1;
    sx += x;
    sy += d;
    sxx += x * x;
    sxy += x * d;
  }
  const slope = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  out[1] = slope;
  out[0] = (sy - slope * sx) / k;
  return true;
}

/**
 * One Gauss–Newton step on the initial state for fixed α, β*, γ (exact least squares for the additive
 * model, whose errors are linear in the initial state). The derivatives of the one-step predictions
 * with respect to ℓ0, b0 and the seasonal states are carried through the recursion (forward mode) in
 * m + 1 tangent channels; seasonal changes are constrained to sum to 0 (phase `from mod m` takes
 * minus the sum of the others), which removes the one direction the errors do not depend on (level
 * up and every season down by the same amount, or the multiplicative scaling). The step is halved up
 * to 3 times until the SSE falls. Updates `state` in place and returns its SSE.
 */
export function hwRefineState(
  y: Float64Array,
  from: number,
  to: number,
  m: number,
  multiplicative: boolean,
  alpha: number,
  beta: number,
  gamma: number,
  state: HwState,
  work: Float64Array,
): number {
  const k = m + 1; // unknowns: ℓ0, b0, s_p for the m − 1 phases other than the anchor
  const anchor = from % m;
  const dl = new Float64Array(k);
  const db = new Float64Array(k);
  const ds = new Float64Array(k * m);
  dl[0] = 1;
  db[1] = 1;
  for (let c = 2, p = 0; p < m; p++) {
    if (p === anchor) continue;
    ds[c * m + p] = 1;
    ds[c * m + anchor] = -1;
    c++;
  }
  const jtj = new Float64Array(k * k);
  const jte = new Float64Array(k);
  const dp = new Float64Array(k);
  const season = work;
  for (let p = 0; p < m; p++) season[p] = state[2 + p]!;
  let l = state[0]!;
  let b = state[1]!;
  let p = anchor;
  let sse = 0;
  const ab = alpha * beta;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const s = season[p]!;
    const lb = l + b;
    let e: number;
    if (multiplicative) {
      e = v - lb * s;
      // derivatives of ℓ_t = α·v/s + (1 − α)(ℓ + b), s_t = γ·v/(ℓ + b) + (1 − γ)s, b_t = β*(ℓ_t − ℓ) + (1 − β*)b
      const cs = (alpha * v) / (s * s);
      const cl = (gamma * v) / (lb * lb);
      for (let c = 0, at = p; c < k; c++, at += m) {
        const dlc = dl[c]!;
        const dlb = dlc + db[c]!;
        const dsc = ds[at]!;
        dp[c] = dlb * s + lb * dsc;
        const nl = (1 - alpha) * dlb - cs * dsc;
        ds[at] = (1 - gamma) * dsc - cl * dlb;
        db[c] = beta * (nl - dlc) + (1 - beta) * db[c]!;
        dl[c] = nl;
      }
      const nl = (alpha * v) / s + (1 - alpha) * lb;
      b = beta * (nl - l) + (1 - beta) * b;
      l = nl;
      season[p] = (gamma * v) / lb + (1 - gamma) * s;
    } else {
      e = v - lb - s;
      // the same recursion on zero data: prediction d, error −d
      for (let c = 0, at = p; c < k; c++, at += m) {
        const dlb = dl[c]! + db[c]!;
        const dsc = ds[at]!;
        const d = dlb + dsc;
        dp[c] = d;
        dl[c] = dlb - alpha * d;
        db[c] = db[c]! - ab * d;
        ds[at] = dsc - gamma * d;
      }
      l = lb + alpha * e;
      b += ab * e;
      season[p] = s + gamma * e;
    }
    sse += e * e;
    for (let i = 0; i < k; i++) {
      const di = dp[i]!;
      jte[i] += di * e;
      const row = i * k;
      for (let j = 0; j <= i; j++) jtj[row + j] += di * dp[j]!;
    }
    if (++p === m) p = 0;
  }
  if (!Number.isFinite(sse) || !choleskySolve(jtj, jte, k))
    return Number.isFinite(sse) ? sse : Number.POSITIVE_INFINITY;
  const trial = new Float64Array(state.length);
  let scale = 1;
  for (let attempt = 0; attempt < 4; attempt++, scale *= 0.5) {
    trial.set(state);
    trial[0] = state[0]! + scale * jte[0]!;
    trial[1] = state[1]! + scale * jte[1]!;
    let sumDs = 0;
    for (let c = 2, q = 0; q < m; q++) {
      if (q === anchor) continue;
      const d = scale * jte[c]!;
      trial[2 + q] = state[2 + q]! + d;
      sumDs += d;
      c++;
    }
    trial[2 + anchor] = state[2 + anchor]! - sumDs;
    const s2 = hwSse(y, from, to, m, multiplicative, alpha, beta, gamma, trial, work, sse);
    if (s2 < sse) {
      state.set(trial);
      return s2;
    }
  }
  return sse;
}

/**
 * Solves A·x = r in place (r becomes x) for the symmetric positive semi-definite k×k matrix A given by
 * its lower triangle (row-major), by Cholesky factorisation with a ridge of 1e-10 × the mean diagonal.
 * Returns false when the matrix is not numerically positive definite.
 */
function choleskySolve(a: Float64Array, r: Float64Array, k: number): boolean {
  let trace = 0;
  for (let i = 0; i < k; i++) trace += a[i * k + i]!;
  const ridge = (1e-10 * trace) / k;
  if (!(ridge > 0)) return false;
  for (let i = 0; i < k; i++) a[i * k + i] = a[i * k + i]! + ridge;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j]!;
      for (let q = 0; q < j; q++) s -= a[i * k + q]! * a[j * k + q]!;
      if (i === j) {
        if (!(s > 0)) return false;
        a[i * k + i] = Math.sqrt(s);
      } else a[i * k + j] = s / a[j * k + j]!;
    }
  }
  for (let i = 0; i < k; i++) {
    let s = r[i]!;
    for (let q = 0; q < i; q++) s -= a[i * k + q]! * r[q]!;
    r[i] = s / a[i * k + i]!;
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = r[i]!;
    for (let q = i + 1; q < k; q++) s -= a[q * k + i]! * r[q]!;
    r[i] = s / a[i * k + i]!;
  }
  return true;
}

/**
 * Runs Holt–Winters with fixed params and writes max(0, forecast) for steps 1..horizon at each origin
 * into out[i·horizon + k]. Origins before `params.start` get forecasts from the initial state.
 */
function makeForecastAt(multiplicative: boolean): ForecastMethod["forecastAt"] {
  return (y, params, seasonPeriod, origins, horizon, out) => {
    const m = Math.round(seasonPeriod);
    const alpha = params.alpha!;
    const beta = params.beta!;
    const gamma = params.gamma!;
    const season = new Float64Array(m);
    for (let p = 0; p < m; p++) season[p] = params[`s${p}`]!;
    let l = params.l0!;
    let b = params.b0!;
    let t = params.start ?? 0;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      let p = t % m;
      for (; t < o; t++) {
        const v = y[t]!;
        const s = season[p]!;
        const lb = l + b;
        let nl: number;
        if (multiplicative) {
          nl = (alpha * v) / s + (1 - alpha) * lb;
          season[p] = (gamma * v) / lb + (1 - gamma) * s;
        } else {
          nl = alpha * (v - s) + (1 - alpha) * lb;
          season[p] = gamma * (v - lb) + (1 - gamma) * s;
        }
        b = beta * (nl - l) + (1 - beta) * b;
        l = nl;
        if (++p === m) p = 0;
      }
      const row = i * horizon;
      let q = o % m;
      for (let h = 1; h <= horizon; h++) {
        const s = season[q]!;
        const base = l + h * b;
        out[row + h - 1] = Math.max(0, multiplicative ? base * s : base + s);
        if (++q === m) q = 0;
      }
    }
  };
}

/** γ from α and u ∈ [0, 1]: SMOOTHING_MIN + u·(1 − α − SMOOTHING_MIN), so γ ∈ [SMOOTHING_MIN, 1 − α]. */
const gammaOf = (alpha: number, u: number): number =>
  SMOOTHING_MIN + u * Math.max(0, 1 - alpha - SMOOTHING_MIN);

/**
 * Fitting schedule: refine the heuristic initial state at the starting parameters, Nelder–Mead over
 * (α, β*, γ) with `first` evaluations, then `rounds` times: refine the initial state, Nelder–Mead again
 * from the best point with `each` evaluations. Chosen by measurement (docs/forecasting-ets.md).
 */
const SCHEDULE = { first: 30, rounds: 2, each: 20, tol: 1e-6, step: 0.05 } as const;
function makeHoltWinters(multiplicative: boolean): ForecastMethod {
  const minHistory = (m: number) => 2 * Math.round(m) + 3;
  return {
    name: multiplicative ? "hw_multiplicative" : "hw_additive",
    minHistory,
    fit(y, n, seasonPeriod) {
      const m = Math.round(seasonPeriod);
      if (m < 2 || n < minHistory(m) || n > y.length) return null;
      const start = fitStart(n);
      if (multiplicative) for (let t = start; t < n; t++) if (!(y[t]! > 0)) return null;
      const state = new Float64Array(m + 2);
      if (!hwInitialState(y, start, n, m, multiplicative, state)) return null;
      const work = new Float64Array(m);
      // γ ∈ [SMOOTHING_MIN, 1 − α] (R's "usual" region) through γ = gammaOf(α, u), u ∈ [0, 1]
      const objective = (x: Float64Array, bound: number) =>
        hwSse(y, start, n, m, multiplicative, x[0]!, x[1]!, gammaOf(x[0]!, x[2]!), state, work, bound);
      const lower = [SMOOTHING_MIN, SMOOTHING_MIN, 0];
      const upper = [SMOOTHING_MAX, SMOOTHING_MAX, 1];
      let x = [0.2, 0.1, 0.1];
      hwRefineState(y, start, n, m, multiplicative, x[0]!, x[1]!, gammaOf(x[0]!, x[2]!), state, work);
      let r = nelderMead(objective, x, lower, upper, { maxEvals: SCHEDULE.first, tol: SCHEDULE.tol });
      x = [r.x[0]!, r.x[1]!, r.x[2]!];
      for (let round = 0; round < SCHEDULE.rounds; round++) {
        hwRefineState(y, start, n, m, multiplicative, x[0]!, x[1]!, gammaOf(x[0]!, x[2]!), state, work);
        r = nelderMead(objective, x, lower, upper, {
          maxEvals: SCHEDULE.each,
          tol: SCHEDULE.tol,
          step: SCHEDULE.step,
        });
        x = [r.x[0]!, r.x[1]!, r.x[2]!];
      }
      const p: Record<string, number> = { alpha: x[0]!, beta: x[1]!, gamma: gammaOf(x[0]!, x[2]!) };
      p.l0 = state[0]!;
      p.b0 = state[1]!;
      for (let q = 0; q < m; q++) p[`s${q}`] = state[2 + q]!;
      p.start = start;
      return p;
    },
    forecastAt: makeForecastAt(multiplicative),
  };
}

/** Additive Holt–Winters (`hw_additive`); parameters and initial state fitted by least squares. */
export const hwAdditive: ForecastMethod = makeHoltWinters(false);
/**
 * Multiplicative Holt–Winters (`hw_multiplicative`); null (not applicable) when the fitting window has
 * a value ≤ 0, as zero-demand days make the seasonal ratios undefined.
 */
export const hwMultiplicative: ForecastMethod = makeHoltWinters(true);
