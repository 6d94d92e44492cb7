import type { DistributionKind } from "../distributions/distribution.js";
import { logGamma } from "../distributions/log-gamma.js";
import { normalCdf, normalLoss, normalLossInverse, normalPdf } from "../distributions/normal.js";
import { createRng, type Rng } from "../random.js";

/**
 * Daily demand paths drawn from a series' fitted model, for a replay on demand that did not happen
 * (docs/simulation.md, "Demand paths from the fitted model"). The mean of day t is the plan's forecast
 * for that day, μ_t; the noise around it follows the family the policy engine chose for the lead-time
 * demand, with the variance the plan sized the buffer on:
 *
 * - `normal`: D_t = max(0, m_t + σ·Z), the normal censored at 0, with the location m_t chosen so that
 *   E[D_t] = μ_t (σ·G(−m_t/σ) = μ_t, G the standard normal loss function); m_t = μ_t when μ_t ≥ 6σ.
 * - `poisson`: D_t ~ Poisson(μ_t); inversion for μ_t < 10, else Hörmann's PTRS.
 * - `negative_binomial`: D_t ~ NB(mean μ_t, size k), Var = μ_t + μ_t²/k, drawn as a gamma–Poisson
 *   mixture (λ ~ Gamma(k, μ_t/k), D ~ Poisson(λ)); k is fitted so that the daily variance at the
 *   plan's mean d is the plan's: k = d² ÷ (v − d). L independent days then sum to NB(L·k), whose
 *   variance L·v is the plan's lead-time demand variance.
 * - `bootstrap` (the plan's `empirical` family, lumpy demand): a renewal bootstrap of the history in
 *   the decomposition of Croston (1972): demand occurs after inter-demand intervals drawn with
 *   replacement from the history's intervals, with sizes drawn independently from the history's
 *   non-zero demands (Willemain, Smart & Schwarz 2004 bootstrap the same two components). Sizes are
 *   scaled by μ_t ÷ r̄, r̄ = mean size ÷ mean interval (the history's demand rate), so the level
 *   follows the forecast and the shape follows the history, as the plan's lead-time bootstrap does.
 *   The first demand is at a draw from the stationary forward-recurrence time (a length-biased
 *   interval, a uniform point in it), so day 0 is not special.
 *
 * Pure and seeded: the same model, means and seed give the same paths. Typed arrays only, no
 * allocation per day.
 */

/** A daily noise model around the forecast mean. Units: units per day. */
export type DemandModel =
  | { readonly kind: "normal"; readonly sd: number }
  | { readonly kind: "poisson" }
  | { readonly kind: "negative_binomial"; readonly size: number }
  | {
      readonly kind: "bootstrap";
      /** Non-zero daily demands of the history, units. */
      readonly sizes: Float64Array;
      /** Days between consecutive demands of the history (≥ 1). */
      readonly intervals: Int32Array;
      /** Running sums of `intervals` (for the length-biased draw of the first gap). */
      readonly intervalCumSum: Float64Array;
      /** Demand rate of the history, mean size ÷ mean interval, units/day. */
      readonly rate: number;
    };

export type DemandModelKind = DemandModel["kind"];

/** What a demand model is fitted from: the plan's choice and figures. */
export interface DemandModelInput {
  /** The family the policy engine chose for the lead-time demand. */
  readonly distribution: DistributionKind;
  /** The plan's mean demand d, units/day (the level the variance was measured at). */
  readonly meanDailyDemand: number;
  /**
   * Demand variance per day, units²/day: the demand part of the plan's lead-time demand variance ÷
   * the lead time (the lead-time part is supply variability, replayed by the lead times, not here).
   */
  readonly dailyVariance: number;
  /** The history the plan saw (bootstrap source). */
  readonly history: Float64Array;
}

export interface FittedDemandModel {
  readonly model: DemandModel;
  /** Why this model, in words (with the fallback taken, if any). */
  readonly reason: string;
}

/** Fewest inter-demand intervals (demands − 1) a renewal bootstrap is built on. */
export const MIN_BOOTSTRAP_INTERVALS = 3;

/**
 * The daily model matching the plan's lead-time-demand family (see the module comment). Fallbacks:
 * a negative binomial whose daily variance is not above its mean is a Poisson (over-dispersion in the
 * plan then came from the lead time, not from demand); a bootstrap with fewer than
 * MIN_BOOTSTRAP_INTERVALS intervals in the history is a negative binomial / Poisson by the same rule.
 */
export function fitDemandModel(input: DemandModelInput): FittedDemandModel {
  const d = Math.max(0, input.meanDailyDemand);
  const v = Math.max(0, input.dailyVariance);
  if (!Number.isFinite(d) || !Number.isFinite(v))
    throw new RangeError(
      `mean and variance must be finite, got ${input.meanDailyDemand}, ${input.dailyVariance}`,
    );
  const countModel = (why: string): FittedDemandModel =>
    d > 0 && v > d
      ? {
          model: { kind: "negative_binomial", size: (d * d) / (v - d) },
          reason: `${why}negative binomial, size k = d²/(v − d) = ${fmt((d * d) / (v - d))} (d = ${fmt(d)}, v = ${fmt(v)} a day)`,
        }
      : {
          model: { kind: "poisson" },
          reason: `${why}Poisson${d > 0 ? ` (daily variance ${fmt(v)} not above the mean ${fmt(d)})` : ""}`,
        };
  switch (input.distribution) {
    case "normal":
      return {
        model: { kind: "normal", sd: Math.sqrt(v) },
        reason: `normal censored at 0, sd ${fmt(Math.sqrt(v))} a day, mean kept at the forecast`,
      };
    case "poisson":
      return { model: { kind: "poisson" }, reason: "Poisson" };
    case "negative_binomial":
      return countModel("");
    case "empirical": {
      const boot = renewalBootstrap(input.history);
      if (typeof boot === "string") return countModel(`bootstrap impossible (${boot}): `);
      return {
        model: boot,
        reason: `renewal bootstrap of ${boot.sizes.length} demands and ${boot.intervals.length} intervals of the history, sizes scaled to the forecast`,
      };
    }
  }
}

function renewalBootstrap(h: Float64Array): Extract<DemandModel, { kind: "bootstrap" }> | string {
  let events = 0;
  for (let i = 0; i < h.length; i++) if (h[i]! > 0) events++;
  if (events - 1 < MIN_BOOTSTRAP_INTERVALS)
    return `${events} days with demand, fewer than ${MIN_BOOTSTRAP_INTERVALS + 1}`;
  const sizes = new Float64Array(events);
  const intervals = new Int32Array(events - 1);
  const cum = new Float64Array(events - 1);
  let j = 0;
  let last = -1;
  let sizeSum = 0;
  let gapSum = 0;
  for (let i = 0; i < h.length; i++) {
    if (!(h[i]! > 0)) continue;
    sizes[j] = h[i]!;
    sizeSum += h[i]!;
    if (last >= 0) {
      intervals[j - 1] = i - last;
      gapSum += i - last;
      cum[j - 1] = gapSum;
    }
    last = i;
    j++;
  }
  return {
    kind: "bootstrap",
    sizes,
    intervals,
    intervalCumSum: cum,
    rate: sizeSum / events / (gapSum / intervals.length),
  };
}

/**
 * Draws one path: `out[t]` = demand of day t with mean `mean[t]` (units/day, ≥ 0), under `model`.
 * `location` is scratch space of the same length (normal only: the censoring-corrected locations,
 * computed once per call). Advances `rng`.
 */
export function drawDemandPath(
  model: DemandModel,
  mean: Float64Array,
  rng: Rng,
  out: Float64Array,
  location?: Float64Array,
): void {
  const n = mean.length;
  if (out.length < n) throw new RangeError(`out has ${out.length} days, the means ${n}`);
  switch (model.kind) {
    case "normal": {
      const loc = location ?? new Float64Array(n);
      censoredNormalLocations(mean, model.sd, loc);
      for (let t = 0; t < n; t++) {
        const x = loc[t]! + model.sd * rng.normal();
        out[t] = mean[t]! > 0 && x > 0 ? x : 0;
      }
      return;
    }
    case "poisson":
      for (let t = 0; t < n; t++) out[t] = poissonVariate(rng, mean[t]!);
      return;
    case "negative_binomial": {
      const k = model.size;
      for (let t = 0; t < n; t++) {
        const mu = mean[t]!;
        out[t] = mu > 0 ? poissonVariate(rng, gammaVariate(rng, k) * (mu / k)) : 0;
      }
      return;
    }
    case "bootstrap": {
      const { sizes, intervals, intervalCumSum: cum, rate } = model;
      const total = cum[cum.length - 1]!;
      // Forward recurrence time: a length-biased interval I, then the next demand at U{0, …, I − 1}.
      const u = rng.next() * total;
      let a = 0;
      let b = cum.length - 1;
      while (a < b) {
        const m = (a + b) >> 1;
        if (cum[m]! > u) b = m;
        else a = m + 1;
      }
      let next = rng.int(intervals[a]!);
      for (let t = 0; t < n; t++) {
        if (t === next) {
          out[t] = (sizes[rng.int(sizes.length)]! * mean[t]!) / rate;
          next += intervals[rng.int(intervals.length)]!;
        } else out[t] = 0;
      }
      return;
    }
  }
}

/**
 * `paths` paths of `mean.length` days, path p in `[p·days, (p + 1)·days)`, from one stream seeded by
 * `seed` (path p is the p-th drawn, so the first path of a seed is the same whatever `paths` is).
 */
export function drawDemandPaths(
  model: DemandModel,
  mean: Float64Array,
  paths: number,
  seed: number,
): Float64Array {
  if (!(Number.isInteger(paths) && paths >= 1))
    throw new RangeError(`paths must be an integer ≥ 1, got ${paths}`);
  for (let t = 0; t < mean.length; t++)
    if (!(mean[t]! >= 0 && Number.isFinite(mean[t]!)))
      throw new RangeError(`mean[${t}] must be finite and ≥ 0, got ${mean[t]}`);
  const days = mean.length;
  const out = new Float64Array(paths * days);
  const rng = createRng(seed);
  const loc = model.kind === "normal" ? new Float64Array(days) : undefined;
  for (let p = 0; p < paths; p++)
    drawDemandPath(model, mean, rng, out.subarray(p * days, (p + 1) * days), loc);
  return out;
}

/**
 * Locations m_t with E[max(0, m_t + σZ)] = μ_t: σ·G(−m/σ) = μ, so m = −σ·G⁻¹(μ/σ) (G the standard
 * normal loss function, strictly decreasing). m = μ when σ = 0 or μ ≥ 6σ (the correction is then below
 * 1e-9·σ); −∞ at μ = 0.
 */
export function censoredNormalLocations(mean: Float64Array, sd: number, out: Float64Array): void {
  let prevMu = Number.NaN;
  let prevM = 0;
  for (let t = 0; t < mean.length; t++) {
    const mu = mean[t]!;
    if (mu === prevMu) {
      out[t] = prevM;
      continue;
    }
    let m: number;
    if (!(mu > 0)) m = Number.NEGATIVE_INFINITY;
    else if (sd === 0 || mu >= 6 * sd) m = mu;
    else m = -sd * normalLossInverse(mu / sd);
    out[t] = m;
    prevMu = mu;
    prevM = m;
  }
}

/** Mean and variance of max(0, m + σZ), units and units² (for tests and docs). */
export function censoredNormalMoments(m: number, sd: number): { mean: number; variance: number } {
  if (sd === 0) return { mean: Math.max(0, m), variance: 0 };
  const z = m / sd;
  const mean = sd * normalLoss(-z);
  // E[max(0, X)²] = (m² + σ²)·Φ(z) + m·σ·φ(z)
  const second = (m * m + sd * sd) * normalCdf(z) + m * sd * normalPdf(z);
  return { mean, variance: second - mean * mean };
}

/**
 * A Poisson(λ) variate: sequential-search inversion for λ < 10 (expected λ + 1 steps), else the
 * transformed rejection method PTRS of Hörmann (1993), "The transformed rejection method for
 * generating Poisson random variables", Insurance: Mathematics and Economics 12, 39–45 (exact; the
 * algorithm NumPy uses). λ = 0 gives 0.
 */
export function poissonVariate(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    const u = rng.next();
    let k = 0;
    let p = Math.exp(-lambda);
    let f = p;
    while (u > f && k < 1000) {
      k++;
      p *= lambda / k;
      f += p;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.next() - 0.5;
    const V = rng.next();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (
      Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - logGamma(k + 1)
    )
      return k;
  }
}

/**
 * A Gamma(shape, 1) variate: Marsaglia & Tsang (2000), "A simple method for generating gamma
 * variables", ACM TOMS 26(3), 363–372; shape < 1 by their boost G(a) = G(a + 1)·U^{1/a}.
 */
export function gammaVariate(rng: Rng, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) {
    const u = rng.next();
    return gammaVariate(rng, shape + 1) * (u > 0 ? u ** (1 / shape) : 0);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    let v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rng.next();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (u > 0 && Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One line describing a model, for outputs: "poisson", "negative_binomial k=0.83", … */
export function describeDemandModel(model: DemandModel): string {
  switch (model.kind) {
    case "normal":
      return `normal sd=${fmt(model.sd)}`;
    case "poisson":
      return "poisson";
    case "negative_binomial":
      return `negative_binomial k=${fmt(model.size)}`;
    case "bootstrap":
      return `bootstrap ${model.sizes.length} demands`;
  }
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(3));
