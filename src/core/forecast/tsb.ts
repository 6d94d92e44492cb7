import { type DemandEvents, demandEvents, goldenSection, minimiseOnInterval } from "./demand-events.js";
import type { ForecastMethod, Params } from "./method.js";

/** Search range of the demand-size smoothing constant α. */
export const TSB_ALPHA_RANGE = { lo: 0.05, hi: 0.3 } as const;
/**
 * Search range of the probability smoothing constant β. β is updated every period (not only on
 * demand), so on daily data useful values are smaller than α's: down to 0.01 (a memory of ~100 periods).
 */
export const TSB_BETA_RANGE = { lo: 0.01, hi: 0.3 } as const;

/** Fixed β grid (log-spaced: small β need finer steps) for the first stage of the fit. */
const BETA_GRID = [0.01, 0.02, 0.04, 0.08, 0.15, 0.3];

/** Fills pow[k] = (1 − β)^k for k = 0 … maxGap: the decay of π over k periods without demand. */
export function tsbDecayPowers(beta: number, maxGap: number, pow: Float64Array): void {
  const r = 1 - beta;
  pow[0] = 1;
  for (let k = 1; k <= maxGap; k++) pow[k] = pow[k - 1]! * r;
}

/**
 * In-sample sum of squared one-step errors of TSB with constants (α, β) over every period after the
 * first demand. Between demands z is fixed and π decays by r = 1 − β a period, so a gap of c periods
 * holding no values other than 0 costs F²·(1 − r^{2c}) ÷ (1 − r²), F = π·z after the last demand;
 * gaps holding negative values (returns) are summed period by period. `pow` must hold
 * `tsbDecayPowers(beta, ev.maxGap, pow)`.
 */
export function tsbSse(
  y: Float64Array,
  ev: DemandEvents,
  alpha: number,
  beta: number,
  pow: Float64Array,
): number {
  const { count, position, size, interval, gapCount, gapSumSq } = ev;
  const r = 1 - beta;
  const invOneMinusR2 = 1 / (1 - r * r);
  const keep = 1 - alpha;
  let z = size[0]!;
  let prob = 1 / interval[0]!;
  let sse = 0;
  for (let j = 0; j < count; j++) {
    const f = prob * z;
    const c = gapCount[j]!;
    const rc = pow[c]!;
    if (gapSumSq[j] === 0) {
      sse += f * f * (1 - rc * rc) * invOneMinusR2;
    } else {
      const from = position[j]! + 1;
      for (let k = 0; k < c; k++) {
        const e = y[from + k]! - f * pow[k]!;
        sse += e * e;
      }
    }
    if (j + 1 < count) {
      const next = size[j + 1]!;
      const decayed = prob * rc;
      const e = next - decayed * z;
      sse += e * e;
      prob = r * decayed + beta;
      z = keep * z + alpha * next;
    }
  }
  return sse;
}

let powScratch = new Float64Array(512);

/**
 * TSB (Teunter, Syntetos & Babai 2011, "Intermittent demand: linking forecasting to inventory
 * obsolescence", European Journal of Operational Research 214(3):606–615). The demand probability π is
 * updated every period, π ← π + β(1[y > 0] − π); the demand size only when demand occurs,
 * z ← z + α(y − z). Forecast (every horizon step): π·z, demand per period. Unlike Croston's, the
 * forecast decays during long runs without demand (obsolescence).
 *
 * Initialisation at the first demand, consistent with Croston's: z = its size, π = 1 ÷ (its position
 * counted from 1); before it the forecast is 0. α ∈ [0.05, 0.3] and β ∈ [0.01, 0.3] are fitted by the
 * in-sample one-step MSE over all periods after the first demand, one coordinate at a time: β on a
 * log grid (0.01 … 0.3) at α = 0.175, refined by golden section; then α (grid of 6, golden section)
 * at that β.
 */
export const tsb: ForecastMethod = {
  name: "tsb",
  minHistory: () => 2,
  fit(y, n): Params | null {
    if (n < 2) return null;
    const ev = demandEvents(y, n);
    if (ev.count === 0) return null;
    if (powScratch.length <= ev.maxGap) powScratch = new Float64Array(2 * (ev.maxGap + 1));
    const pow = powScratch;
    const sseAtBeta = (b: number, a: number) => {
      tsbDecayPowers(b, ev.maxGap, pow);
      return tsbSse(y, ev, a, b, pow);
    };
    // β first (it drives the fit), on a log grid at a mid-range α, refined by golden section
    const a0 = (TSB_ALPHA_RANGE.lo + TSB_ALPHA_RANGE.hi) / 2;
    let bi = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < BETA_GRID.length; i++) {
      const v = sseAtBeta(BETA_GRID[i]!, a0);
      if (v < best) {
        best = v;
        bi = i;
      }
    }
    let beta = BETA_GRID[bi]!;
    const lo = BETA_GRID[Math.max(0, bi - 1)]!;
    const hi = BETA_GRID[Math.min(BETA_GRID.length - 1, bi + 1)]!;
    const rb = goldenSection((b) => sseAtBeta(b, a0), lo, hi, 7);
    if (rb.fx < best) beta = rb.x;
    // then α with β fixed (the decay powers are computed once)
    tsbDecayPowers(beta, ev.maxGap, pow);
    const ra = minimiseOnInterval(
      (a) => tsbSse(y, ev, a, beta, pow),
      TSB_ALPHA_RANGE.lo,
      TSB_ALPHA_RANGE.hi,
      5,
      6,
    );
    return { alpha: ra.x, beta };
  },
  forecastAt(y, params, _m, origins, h, out) {
    const alpha = params.alpha!;
    const beta = params.beta!;
    let z = 0;
    let prob = 0;
    let started = false;
    let t = 0;
    for (let i = 0; i < origins.length; i++) {
      const o = origins[i]!;
      for (; t < o; t++) {
        const v = y[t]!;
        if (!started) {
          if (v > 0) {
            z = v;
            prob = 1 / (t + 1);
            started = true;
          }
        } else if (v > 0) {
          prob += beta * (1 - prob);
          z += alpha * (v - z);
        } else {
          prob -= beta * prob;
        }
      }
      out.fill(prob * z, i * h, (i + 1) * h);
    }
  },
};
