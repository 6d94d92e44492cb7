import type { ForecastMethod, MethodName, Params } from "./method.js";
import { goldenSection, nelderMead } from "./optimize.js";

/**
 * The exponential smoothing family in component form (Hyndman & Athanasopoulos, "Forecasting:
 * Principles and Practice", 2nd ed., §7.1–7.3): simple (SES), Holt's linear trend, damped trend
 * (Gardner & McKenzie 1985) and Holt–Winters with additive or multiplicative seasonality.
 *
 *   forecast  ŷ(t+h|t) = l_t + φ_h b_t (+ s or × s for the period's season), φ_h = φ + … + φ^h
 *   level     l_t = α·(deseasonalised y_t) + (1 − α)(l_{t−1} + φ b_{t−1})
 *   trend     b_t = β*(l_t − l_{t−1}) + (1 − β*) φ b_{t−1}
 *   season    s_t = γ·(y_t − l_{t−1} − φ b_{t−1}) + (1 − γ) s_{t−m}     (additive)
 *             s_t = γ·y_t ÷ (l_{t−1} + φ b_{t−1}) + (1 − γ) s_{t−m}      (multiplicative)
 * φ = 1 for an undamped trend; no trend and no season reduce this to SES.
 *
 * Initial states are heuristic and computed from the start of the data (see `initialState`), so
 * `Params` hold only the smoothing parameters. Parameters are fitted by minimising the in-sample
 * one-step sum of squared errors over the last FIT_WINDOW periods of the fitting prefix (for
 * additive-error models this is the Gaussian maximum-likelihood estimate).
 */
export type TrendKind = "none" | "additive" | "damped";
export type SeasonKind = "none" | "additive" | "multiplicative";

export interface SmoothingSpec {
  readonly trend: TrendKind;
  readonly season: SeasonKind;
}

export interface SmoothingState {
  level: number;
  trend: number;
  /** Seasonal indices by position (t mod m); empty without a season. */
  readonly season: Float64Array;
}

/** At most this many most-recent periods are used to fit parameters (a year of days; 52 weekly seasons). */
export const FIT_WINDOW = 364;

/**
 * Heuristic initial states (after Hyndman et al. 2008 §2.6.1, simplified): level = mean of the first
 * season (or first 10 values without a season); trend = difference of the first two such means ÷ their
 * distance; seasonal indices = mean deviation (or ratio) from each season's mean over up to the first
 * four seasons, normalised to sum 0 (or average 1).
 */
export function initialState(
  y: Float64Array,
  from: number,
  to: number,
  spec: SmoothingSpec,
  m: number,
): SmoothingState {
  const k = spec.season === "none" ? Math.min(10, to - from) : m;
  const mean = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i < b; i++) s += y[i]!;
    return s / (b - a);
  };
  const level = mean(from, from + k);
  const trend = spec.trend !== "none" && to - from >= 2 * k ? (mean(from + k, from + 2 * k) - level) / k : 0;
  const season = new Float64Array(spec.season === "none" ? 0 : m);
  if (spec.season !== "none") {
    const seasons = Math.max(1, Math.min(4, Math.floor((to - from) / m)));
    for (let c = 0; c < seasons; c++) {
      const cm = mean(from + c * m, from + (c + 1) * m);
      for (let j = 0; j < m; j++) {
        const v = y[from + c * m + j]!;
        season[(from + c * m + j) % m] += spec.season === "additive" ? v - cm : cm > 0 ? v / cm : 1;
      }
    }
    let s = 0;
    for (let j = 0; j < m; j++) {
      season[j] = season[j]! / seasons;
      s += season[j]!;
    }
    for (let j = 0; j < m; j++)
      season[j] = spec.season === "additive" ? season[j]! - s / m : (season[j]! * m) / s;
  }
  return { level, trend, season };
}

/**
 * Runs the recursion over y[from..to) from `st` (mutated to the final state), returning the sum of
 * squared one-step errors. One tight loop with the state in locals: this is the hot path of fitting.
 */
export function sse(
  y: Float64Array,
  from: number,
  to: number,
  spec: SmoothingSpec,
  p: Params,
  m: number,
  st: SmoothingState,
): number {
  const a = p.alpha!;
  const b = spec.trend === "none" ? 0 : p.beta!;
  const g = spec.season === "none" ? 0 : p.gamma!;
  const phi = spec.trend === "damped" ? p.phi! : spec.trend === "none" ? 0 : 1;
  const season = st.season;
  const kind = spec.season === "additive" ? 1 : spec.season === "multiplicative" ? 2 : 0;
  let level = st.level;
  let trend = st.trend;
  let j = m > 0 ? from % m : 0;
  let sum = 0;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    const lb = level + phi * trend;
    let e: number;
    let next: number;
    if (kind === 0) {
      e = v - lb;
      next = lb + a * e;
    } else if (kind === 1) {
      const s = season[j]!;
      e = v - lb - s;
      next = a * (v - s) + (1 - a) * lb;
      season[j] = g * (v - lb) + (1 - g) * s;
    } else {
      const s = season[j]!;
      e = v - lb * s;
      next = a * (v / s) + (1 - a) * lb;
      if (lb > 0) season[j] = g * (v / lb) + (1 - g) * s;
    }
    trend = b * (next - level) + (1 - b) * phi * trend;
    level = next;
    sum += e * e;
    if (++j === m) j = 0;
  }
  st.level = level;
  st.trend = trend;
  return sum;
}

/** h-step forecasts from a state at time `t` (the next observation would be y_t), clamped at 0. */
export function forecastFromState(
  st: SmoothingState,
  spec: SmoothingSpec,
  p: Params,
  t: number,
  m: number,
  h: number,
): Float64Array {
  const out = new Float64Array(h);
  emit(st, spec, spec.trend === "damped" ? p.phi! : 1, t, m, out, 0, h);
  return out;
}

function emit(
  st: SmoothingState,
  spec: SmoothingSpec,
  phi: number,
  t: number,
  m: number,
  out: Float64Array,
  at: number,
  h: number,
): void {
  let damp = 0;
  let pw = 1;
  for (let k = 0; k < h; k++) {
    if (spec.trend === "damped") {
      pw *= phi;
      damp += pw;
    } else damp = k + 1;
    const base = st.level + (spec.trend === "none" ? 0 : damp * st.trend);
    const s = m > 0 ? st.season[(t + k) % m]! : 0;
    const f = spec.season === "additive" ? base + s : spec.season === "multiplicative" ? base * s : base;
    out[at + k] = Math.max(0, f);
  }
}

function makeMethod(name: MethodName, spec: SmoothingSpec): ForecastMethod {
  const seasonal = spec.season !== "none";
  const minHistory = (m: number) => (seasonal ? 2 * m + 2 : spec.trend === "none" ? 2 : 4);
  const names = [
    "alpha",
    ...(spec.trend !== "none" ? ["beta"] : []),
    ...(seasonal ? ["gamma"] : []),
    ...(spec.trend === "damped" ? ["phi"] : []),
  ];
  return {
    name,
    minHistory,
    fit(y, n, m) {
      if (n < minHistory(m)) return null;
      if (spec.season === "multiplicative") for (let i = 0; i < n; i++) if (!(y[i]! > 0)) return null;
      // Fit on the most recent FIT_WINDOW periods, aligned to whole seasons.
      let from = Math.max(0, n - FIT_WINDOW);
      if (seasonal) from -= from % m;
      const init = initialState(y, from, n, spec, m);
      const st: SmoothingState = { level: 0, trend: 0, season: new Float64Array(init.season.length) };
      const objective = (p: Params): number => {
        st.level = init.level;
        st.trend = init.trend;
        st.season.set(init.season);
        return sse(y, from, n, spec, p, m, st);
      };
      if (names.length === 1) {
        const r = goldenSection((a) => objective({ alpha: a }), 1e-4, 0.9999, 20);
        return { alpha: r.x };
      }
      const lower = names.map((k) => (k === "phi" ? 0.8 : 1e-4));
      const upper = names.map((k) => (k === "phi" ? 0.98 : 0.9999));
      const start = names.map((k) => ({ alpha: 0.2, beta: 0.05, gamma: 0.05, phi: 0.9 })[k]!);
      const gi = names.indexOf("gamma");
      const r = nelderMead(
        (x) => {
          // γ ≤ 1 − α (Hyndman et al. 2008, usual region): penalise outside
          if (gi >= 0 && x[gi]! > 1 - x[0]!) return Number.POSITIVE_INFINITY;
          const p: Record<string, number> = {};
          for (let i = 0; i < names.length; i++) p[names[i]!] = x[i]!;
          return objective(p);
        },
        start,
        lower,
        upper,
        { maxEvals: 20 * names.length, tol: 1e-6 },
      );
      const p: Record<string, number> = {};
      for (let i = 0; i < names.length; i++) p[names[i]!] = r.x[i]!;
      return p;
    },
    forecastAt(y, params, m, origins, horizon, out) {
      const st = initialState(y, 0, y.length, spec, m);
      const phi = spec.trend === "damped" ? params.phi! : 1;
      let t = 0;
      for (let i = 0; i < origins.length; i++) {
        const o = origins[i]!;
        sse(y, t, o, spec, params, m, st);
        t = o;
        emit(st, spec, phi, o, m, out, i * horizon, horizon);
      }
    },
  };
}

export const ses = makeMethod("ses", { trend: "none", season: "none" });
export const holt = makeMethod("holt", { trend: "additive", season: "none" });
export const holtDamped = makeMethod("holt_damped", { trend: "damped", season: "none" });
export const hwAdditive = makeMethod("hw_additive", { trend: "additive", season: "additive" });
export const hwMultiplicative = makeMethod("hw_multiplicative", {
  trend: "additive",
  season: "multiplicative",
});
