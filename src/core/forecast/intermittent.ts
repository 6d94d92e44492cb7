import type { ForecastMethod, MethodName, Params } from "./method.js";
import { goldenSection, nelderMead } from "./optimize.js";

/**
 * Forecasts for intermittent demand, all giving a flat demand rate per period:
 * - Croston (1972): demand sizes z and inter-demand intervals p are smoothed separately, with the same
 *   α, only in periods with demand; forecast z ÷ p. Initial z and p are the first demand and its
 *   interval from the start (as R's forecast::croston).
 * - SBA (Syntetos & Boylan 2005): Croston × (1 − α/2), removing Croston's positive bias.
 * - TSB (Teunter, Syntetos & Babai 2011): the demand probability π is updated every period,
 *   π ← π + β(1[y>0] − π), sizes z ← z + α(y − z) only when demand occurs; forecast π·z. Initial π is
 *   1 ÷ (periods up to and including the first demand), z the first demand.
 * Smoothing constants are fitted by minimising the in-sample one-step mean squared error of the
 * recursion run over the last FIT_PERIODS periods of the fitting prefix (α in [0.02, 0.5]; TSB β in
 * [0.01, 0.5]); forecasts run the recursion over the whole history.
 */
const FIT_PERIODS = 364;

type Kind = "croston" | "sba" | "tsb";

/** Runs the recursion over y[0..to) calling `visit(t, forecastBeforeT)` from `from` on; returns the final state. */
function run(
  kind: Kind,
  y: Float64Array,
  a: number,
  b: number,
  to: number,
  visit?: (t: number, f: number) => void,
  from = 0,
): { z: number; p: number; started: boolean } {
  let z = 0;
  let p = 0;
  let started = false;
  let last = from - 1;
  const factor = kind === "sba" ? 1 - a / 2 : 1;
  for (let t = from; t < to; t++) {
    const v = y[t]!;
    if (visit) visit(t, started ? (kind === "tsb" ? p * z : (factor * z) / p) : 0);
    if (kind === "tsb") {
      if (!started) {
        if (v > 0) {
          z = v;
          p = 1 / (t - from + 1);
          started = true;
        }
      } else {
        p += b * ((v > 0 ? 1 : 0) - p);
        if (v > 0) z += a * (v - z);
      }
    } else if (v > 0) {
      const interval = t - last;
      if (!started) {
        z = v;
        p = interval;
        started = true;
      } else {
        z += a * (v - z);
        p += a * (interval - p);
      }
      last = t;
    }
  }
  return { z, p, started };
}

function rate(kind: Kind, s: { z: number; p: number; started: boolean }, a: number): number {
  if (!s.started) return 0;
  return kind === "tsb" ? s.p * s.z : ((kind === "sba" ? 1 - a / 2 : 1) * s.z) / s.p;
}

/** In-sample one-step squared error over the last FIT_PERIODS periods, the recursion started there. */
function mse(kind: Kind, y: Float64Array, n: number, a: number, b: number): number {
  let sse = 0;
  run(
    kind,
    y,
    a,
    b,
    n,
    (t, f) => {
      sse += (y[t]! - f) * (y[t]! - f);
    },
    Math.max(0, n - FIT_PERIODS),
  );
  return sse;
}

function makeMethod(kind: Kind): ForecastMethod {
  return {
    name: kind as MethodName,
    minHistory: () => 2,
    fit(y, n): Params | null {
      let any = false;
      for (let i = 0; i < n && !any; i++) any = y[i]! > 0;
      if (!any || n < 2) return null;
      if (kind !== "tsb") return { alpha: goldenSection((a) => mse(kind, y, n, a, 0), 0.02, 0.5, 16).x };
      const r = nelderMead((x) => mse(kind, y, n, x[0]!, x[1]!), [0.1, 0.1], [0.02, 0.01], [0.5, 0.5], {
        maxEvals: 50,
      });
      return { alpha: r.x[0]!, beta: r.x[1]! };
    },
    forecastAt(y, params, _m, origins, h, out) {
      const a = params.alpha!;
      const b = params.beta ?? 0;
      // one pass: record the forecast made before each origin period, then the final state
      let i = 0;
      run(kind, y, a, b, Math.min(y.length, origins[origins.length - 1]!), (t, f) => {
        while (i < origins.length && origins[i] === t) {
          out.fill(f, i * h, (i + 1) * h);
          i++;
        }
      });
      if (i < origins.length) {
        const f = rate(kind, run(kind, y, a, b, origins[i]!), a);
        for (; i < origins.length; i++) out.fill(f, i * h, (i + 1) * h);
      }
    },
  };
}

export const croston = makeMethod("croston");
export const sba = makeMethod("sba");
export const tsb = makeMethod("tsb");
