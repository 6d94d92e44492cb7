import { type DemandEvents, demandEvents, minimiseOnInterval } from "./demand-events.js";
import type { ForecastMethod, MethodName, Params } from "./method.js";

/** Search range of Croston's smoothing constant (Croston 1972 and Syntetos & Boylan 2005 use 0.05–0.3). */
export const CROSTON_ALPHA_RANGE = { lo: 0.05, hi: 0.3 } as const;
/** α used when it cannot be estimated (fewer than two demands): R forecast::croston's default. */
export const CROSTON_DEFAULT_ALPHA = 0.1;

/**
 * In-sample sum of squared one-step errors of the Croston rate forecast with constant α, over every
 * period after the first demand of the prefix the events were taken from (before it the forecast is 0
 * whatever α, so those periods do not rank α). `factor` is 1 for Croston, 1 − α/2 for SBA.
 * Between demands the forecast is flat, so each gap costs O(1): Σ(y − f)² = Σy² − 2fΣy + c·f².
 */
export function crostonSse(ev: DemandEvents, alpha: number, sba: boolean): number {
  const { count, size, interval, gapCount, gapSum, gapSumSq } = ev;
  const factor = sba ? 1 - alpha / 2 : 1;
  const keep = 1 - alpha;
  let z = size[0]!;
  let p = interval[0]!;
  let sse = 0;
  // written as z ← (1 − α)z + α·y so the loop-carried dependency is one multiply-add
  if (ev.negatives) {
    for (let j = 0; j + 1 < count; j++) {
      const f = (factor * z) / p;
      const next = size[j + 1]!;
      const e = next - f;
      sse += gapSumSq[j]! - 2 * f * gapSum[j]! + gapCount[j]! * f * f + e * e;
      z = keep * z + alpha * next;
      p = keep * p + alpha * interval[j + 1]!;
    }
  } else {
    for (let j = 0; j + 1 < count; j++) {
      const f = (factor * z) / p;
      const next = size[j + 1]!;
      const e = next - f;
      sse += gapCount[j]! * f * f + e * e;
      z = keep * z + alpha * next;
      p = keep * p + alpha * interval[j + 1]!;
    }
  }
  const f = (factor * z) / p;
  const j = count - 1;
  return sse + gapSumSq[j]! - 2 * f * gapSum[j]! + gapCount[j]! * f * f;
}

function makeCroston(name: MethodName, sba: boolean): ForecastMethod {
  return {
    name,
    minHistory: () => 2,
    fit(y, n): Params | null {
      if (n < 2) return null;
      const ev = demandEvents(y, n);
      if (ev.count === 0) return null;
      if (ev.count === 1) return { alpha: CROSTON_DEFAULT_ALPHA };
      const best = minimiseOnInterval(
        (a) => crostonSse(ev, a, sba),
        CROSTON_ALPHA_RANGE.lo,
        CROSTON_ALPHA_RANGE.hi,
      );
      return { alpha: best.x };
    },
    forecastAt(y, params, _m, origins, h, out) {
      const alpha = params.alpha!;
      const factor = sba ? 1 - alpha / 2 : 1;
      let z = 0;
      let p = 0;
      let last = -1;
      let t = 0;
      for (let i = 0; i < origins.length; i++) {
        const o = origins[i]!;
        for (; t < o; t++) {
          const v = y[t]!;
          if (v > 0) {
            if (last < 0) {
              z = v;
              p = t + 1;
            } else {
              z += alpha * (v - z);
              p += alpha * (t - last - p);
            }
            last = t;
          }
        }
        out.fill(p > 0 ? (factor * z) / p : 0, i * h, (i + 1) * h);
      }
    },
  };
}

/**
 * Croston (1972), "Forecasting and stock control for intermittent demands", Operational Research
 * Quarterly 23(3):289–303. Demand sizes z and inter-demand intervals p (periods) are smoothed with the
 * same α, updated only in periods with demand (y > 0): z ← z + α(y − z), p ← p + α(q − p), q = periods
 * since the previous demand. Forecast (every horizon step): z ÷ p, demand per period.
 *
 * Initialisation as R's forecast::croston (Hyndman et al.): z = the first demand, p = its position
 * counted from 1 (periods up to and including it). Before the first demand the forecast is 0.
 * α is fitted on [0.05, 0.3] (grid of 6, then golden section) by the in-sample one-step MSE of the
 * per-period rate over all periods after the first demand; with a single demand α = 0.1.
 */
export const croston: ForecastMethod = makeCroston("croston", false);

/**
 * SBA, the Syntetos–Boylan approximation (Syntetos & Boylan 2005, "The accuracy of intermittent demand
 * estimates", International Journal of Forecasting 21(2):303–314): Croston × (1 − α/2), correcting
 * Croston's positive bias. Same recursion and initialisation as `croston`; α is fitted separately, by
 * the in-sample MSE of the corrected forecast.
 */
export const sba: ForecastMethod = makeCroston("sba", true);
