import type { DemandDistribution, DistributionKind } from "../distributions/distribution.js";
import { empiricalSorted } from "../distributions/empirical.js";
import { negativeBinomial } from "../distributions/negative-binomial.js";
import { normal } from "../distributions/normal.js";
import { poisson } from "../distributions/poisson.js";
import { createRng } from "../random.js";
import type { DemandPattern } from "../stats/demand-pattern.js";

/** Syntetos–Boylan demand pattern names (as src/core/stats labels them). */

/** What we know about demand and supply for one SKU × location. Units: units, days. */
export interface LeadTimeDemandInput {
  /** Forecast mean demand d, units per day. */
  readonly meanDailyDemand: number;
  /** Standard deviation σd of the one-day forecast error, units per day. */
  readonly dailyErrorSd: number;
  /** When the forecaster gives it: sd of the forecast error summed over the lead time, units. */
  readonly errorSdOverLeadTime?: number;
  /** Mean lead time L, days. */
  readonly leadTimeDays: number;
  /** Lead-time standard deviation σL, days. */
  readonly leadTimeSdDays: number;
  /** Observed supplier lead times, days (bootstrap window lengths). */
  readonly leadTimeSamples?: Float64Array;
  /** Daily demand history, units per day (bootstrap source). */
  readonly history?: Float64Array;
  readonly pattern?: DemandPattern;
}

/** How the distribution is chosen; defaults in DEFAULT_LTD_OPTIONS (docs/policies.md). */
export interface LeadTimeDemandOptions {
  /** Days added to the lead time: the review period R for the protection interval R + L. */
  readonly extraDays: number;
  /** Mean demand over the horizon at or above which the normal is used, units. */
  readonly fastMoverMean: number;
  /** Variance/mean ratio up to which a slow mover is modelled as Poisson. */
  readonly poissonDispersion: number;
  /** Bootstrap replicates for lumpy items. */
  readonly bootstrapReplicates: number;
  /** Minimum history (days) and non-zero days for the bootstrap. */
  readonly minBootstrapHistoryDays: number;
  readonly minBootstrapNonZeroDays: number;
  readonly seed: number;
  /** Override the choice rule. */
  readonly forceKind?: DistributionKind;
}

export const DEFAULT_LTD_OPTIONS: LeadTimeDemandOptions = {
  extraDays: 0,
  fastMoverMean: 20,
  poissonDispersion: 1.1,
  bootstrapReplicates: 2000,
  minBootstrapHistoryDays: 56,
  minBootstrapNonZeroDays: 4,
  seed: 1,
};

export interface BootstrapInfo {
  readonly replicates: number;
  readonly seed: number;
  /** Window lengths drawn from the supplier's observed lead times, or from round(N(L, σL)). */
  readonly leadTimeSource: "observed_lead_times" | "normal_lead_time";
  /** History mean demand per day, units; samples are scaled by d / this so the level is the forecast's. */
  readonly historyMeanDaily: number;
  readonly scale: number;
  /** Mean of the bootstrapped (scaled) horizon demand, units. */
  readonly sampleMean: number;
}

export interface LeadTimeDemand {
  readonly distribution: DemandDistribution;
  readonly kind: DistributionKind;
  /** Why this distribution, in words. */
  readonly reason: string;
  /** Protection horizon L + extra days. */
  readonly horizonDays: number;
  /** Mean demand over the horizon, d·(L + R), units. */
  readonly mean: number;
  /** Variance from the formula: demand part + lead-time part, units². */
  readonly variance: number;
  readonly sd: number;
  /** (L + R)·σd², or s²·(L + R)/L when the forecaster gave the lead-time error sd s. */
  readonly demandVariance: number;
  /** d²·σL². */
  readonly leadTimeVariance: number;
  /** variance / mean (1 for a Poisson), NaN at zero mean. */
  readonly dispersion: number;
  readonly bootstrap?: BootstrapInfo;
}

/**
 * Variance of demand over a lead time L (days) with random lead time (sd σL days) and i.i.d. daily
 * forecast errors σd (units/day) around a mean d: Var = L·σd² + d²·σL² (Silver, Pyke & Thomas 2017,
 * "Inventory and Production Management in Supply Chains", 4th ed., probabilistic lead time;
 * Axsäter, "Inventory Control", stochastic lead times). Units²; returns [demand part, lead-time part].
 */
export function leadTimeDemandVariance(
  meanDailyDemand: number,
  dailyErrorSd: number,
  leadTimeDays: number,
  leadTimeSdDays: number,
): [number, number] {
  return [leadTimeDays * dailyErrorSd * dailyErrorSd, meanDailyDemand ** 2 * leadTimeSdDays ** 2];
}

/**
 * Lead-time (or protection-interval) demand model for one series, with the distribution chosen by
 * the documented rule (docs/policies.md):
 * 1. no expected demand → point mass at 0;
 * 2. lumpy pattern with enough history → empirical bootstrap of the horizon demand;
 * 3. mean over the horizon ≥ fastMoverMean → normal(mean, √variance);
 * 4. slow mover with variance/mean ≤ poissonDispersion → Poisson(mean);
 * 5. otherwise (slow and over-dispersed) → negative binomial(mean, variance).
 * Mean = d·(L + R); variance = (L + R)·σd² + d²·σL². Deterministic for a given seed.
 */
export function leadTimeDemand(
  input: LeadTimeDemandInput,
  options: Partial<LeadTimeDemandOptions> = {},
): LeadTimeDemand {
  const o: LeadTimeDemandOptions = { ...DEFAULT_LTD_OPTIONS, ...options };
  const d = Math.max(0, input.meanDailyDemand);
  const L = input.leadTimeDays;
  const R = o.extraDays;
  const H = L + R;
  if (!(L >= 0) || !(R >= 0)) throw new RangeError(`lead time and extra days must be ≥ 0, got ${L}, ${R}`);
  const sdL = Math.max(0, input.leadTimeSdDays);
  let demandVariance: number;
  if (input.errorSdOverLeadTime !== undefined && L > 0) {
    demandVariance = input.errorSdOverLeadTime ** 2 * (H / L);
  } else {
    demandVariance = H * input.dailyErrorSd ** 2;
  }
  const leadTimeVariance = d * d * sdL * sdL;
  const variance = demandVariance + leadTimeVariance;
  const mean = d * H;
  const sd = Math.sqrt(variance);
  const dispersion = mean > 0 ? variance / mean : Number.NaN;
  const base = { horizonDays: H, mean, variance, sd, demandVariance, leadTimeVariance, dispersion };

  const make = (kind: DistributionKind, reason: string): LeadTimeDemand => {
    switch (kind) {
      case "normal":
        return { ...base, kind, reason, distribution: normal(mean, sd) };
      case "poisson":
        return { ...base, kind, reason, distribution: poisson(mean) };
      case "negative_binomial":
        if (!(variance > mean) || !(mean > 0))
          return {
            ...base,
            kind: "poisson",
            reason: `${reason}; variance ${fmt(variance)} is not above the mean ${fmt(mean)}, so Poisson`,
            distribution: poisson(mean),
          };
        try {
          return { ...base, kind, reason, distribution: negativeBinomial(mean, variance) };
        } catch (e) {
          if (!(e instanceof RangeError)) throw e;
          // a huge variance/mean ratio spreads the pmf over more values than we tabulate
          return {
            ...base,
            kind: "normal",
            reason: `${reason}; variance/mean ${fmt(dispersion)} is too wide to tabulate a negative binomial, so normal with the same mean and variance`,
            distribution: normal(mean, sd),
          };
        }
      case "empirical": {
        const boot = bootstrapHorizonDemand(input, d, R, o);
        if (typeof boot === "string") return make(slowOrFast(), `${reason}, but ${boot}`);
        return {
          ...base,
          kind,
          reason,
          distribution: empiricalSorted(boot.sorted),
          bootstrap: boot.info,
        };
      }
    }
  };
  const slowOrFast = (): DistributionKind =>
    mean >= o.fastMoverMean ? "normal" : dispersion <= o.poissonDispersion ? "poisson" : "negative_binomial";

  if (o.forceKind !== undefined) return make(o.forceKind, `${o.forceKind} requested by option`);
  if (mean === 0)
    return {
      ...base,
      kind: "poisson",
      reason: "no expected demand: point mass at 0",
      distribution: poisson(0),
    };
  if (input.pattern === "lumpy") return make("empirical", "lumpy demand: bootstrap of the history");
  if (mean >= o.fastMoverMean)
    return make("normal", `fast mover: mean demand over ${fmt(H)} days is ${fmt(mean)} ≥ ${o.fastMoverMean}`);
  if (dispersion <= o.poissonDispersion)
    return make(
      "poisson",
      `slow mover (mean ${fmt(mean)} < ${o.fastMoverMean}) with variance/mean ${fmt(dispersion)} ≤ ${o.poissonDispersion}`,
    );
  return make(
    "negative_binomial",
    `slow mover (mean ${fmt(mean)} < ${o.fastMoverMean}), over-dispersed: variance/mean ${fmt(dispersion)} > ${o.poissonDispersion}`,
  );
}

/**
 * Bootstrap of demand over the horizon: each replicate draws a lead time ℓ (uniformly from the
 * observed lead times when given, else round(L + σL·Z), at least 1 day), adds the extra days R,
 * and sums the history over a uniformly drawn window of that length; sums are scaled by
 * d / (history mean) so the level follows the forecast and the shape follows the history.
 * Returns the scaled sums sorted ascending (the replicates' order carries no information once the
 * sample mean is taken in draw order), or a reason string when the history cannot support it.
 */
function bootstrapHorizonDemand(
  input: LeadTimeDemandInput,
  d: number,
  R: number,
  o: LeadTimeDemandOptions,
): { sorted: Float64Array; info: BootstrapInfo } | string {
  const h = input.history;
  if (h === undefined) return "no history was given";
  const n = h.length;
  let nonZero = 0;
  if (prefixScratch.length < n + 1) prefixScratch = new Float64Array(n + 1);
  const prefix = prefixScratch;
  prefix[0] = 0;
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i]! + h[i]!;
    if (h[i]! > 0) nonZero++;
  }
  if (n < o.minBootstrapHistoryDays) return `the history has ${n} days (< ${o.minBootstrapHistoryDays})`;
  if (nonZero < o.minBootstrapNonZeroDays)
    return `the history has ${nonZero} days with demand (< ${o.minBootstrapNonZeroDays})`;
  const histMean = prefix[n]! / n;
  const samples = input.leadTimeSamples;
  const useObserved = samples !== undefined && samples.length > 0;
  const rExtra = Math.round(R);
  const L = input.leadTimeDays;
  const sdL = Math.max(0, input.leadTimeSdDays);
  let maxWindow: number;
  if (useObserved) {
    let m = 0;
    for (let i = 0; i < samples.length; i++) m = Math.max(m, Math.round(samples[i]!));
    maxWindow = Math.max(1, m) + rExtra;
  } else maxWindow = Math.max(1, Math.round(L + 4 * sdL)) + rExtra;
  if (2 * maxWindow > n)
    return `the history (${n} days) is shorter than twice the longest window (${maxWindow} days)`;
  const scale = d / histMean;
  const B = o.bootstrapReplicates;
  const draws = bootstrapDraws(o.seed, B, useObserved ? samples : null, L, sdL, maxWindow - rExtra);
  if (sumsScratch.length < B) sumsScratch = new Float64Array(B);
  const sums = sumsScratch.subarray(0, B);
  let total = 0;
  for (let b = 0; b < B; b++) {
    const w = draws.ell[b]! + rExtra;
    const start = Math.floor(draws.u[b]! * (n - w + 1)); // rng.int(n − w + 1) with the replicate's draw
    const sum = prefix[start + w]! - prefix[start]!;
    sums[b] = sum;
    total += sum * scale;
  }
  // for scale > 0, sorting the window sums and then scaling gives the same array as scaling and then
  // sorting: x ↦ x·scale is non-decreasing in floating point too
  let sorted: Float64Array;
  if (scale > 0) {
    sorted = sortedSums(sums);
    for (let b = 0; b < B; b++) sorted[b] = sorted[b]! * scale;
  } else sorted = sums.map((x) => x * scale).sort();
  return {
    sorted,
    info: {
      replicates: B,
      seed: o.seed,
      leadTimeSource: useObserved ? "observed_lead_times" : "normal_lead_time",
      historyMeanDaily: histMean,
      scale,
      sampleMean: total / B,
    },
  };
}

/** The random part of a bootstrap: per replicate, the lead time ℓ and the uniform that places its window. */
interface BootstrapDraws {
  readonly seed: number;
  readonly samples: Float64Array | null;
  readonly L: number;
  readonly sdL: number;
  readonly maxLead: number;
  readonly ell: Int32Array;
  readonly u: Float64Array;
}
let lastDraws: BootstrapDraws | null = null;

/**
 * The replicates' lead times ℓ (from the observed `samples`, else round(L + σL·Z) within [1, maxLead])
 * and window uniforms, drawn from createRng(seed) in the order the bootstrap always drew them (ℓ, then
 * the window start as ⌊u·(n − w + 1)⌋). They do not depend on the history or the extra days, so the
 * lead-time and protection-interval bootstraps of one series (same seed) share one set: the last one
 * is kept (one per thread) and reused when seed, count, samples, L, σL and the cap are the same.
 */
function bootstrapDraws(
  seed: number,
  B: number,
  samples: Float64Array | null,
  L: number,
  sdL: number,
  maxLead: number,
): BootstrapDraws {
  const c = lastDraws;
  if (
    c !== null &&
    c.seed === seed &&
    c.ell.length === B &&
    c.L === L &&
    c.sdL === sdL &&
    c.maxLead === maxLead &&
    sameSamples(c.samples, samples)
  )
    return c;
  const rng = createRng(seed);
  const ell = new Int32Array(B);
  const u = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    ell[b] =
      samples !== null
        ? Math.max(1, Math.round(samples[rng.int(samples.length)]!))
        : Math.min(maxLead, Math.max(1, Math.round(L + sdL * rng.normal())));
    u[b] = rng.next();
  }
  lastDraws = { seed, samples: samples === null ? null : samples.slice(), L, sdL, maxLead, ell, u };
  return lastDraws;
}

function sameSamples(a: Float64Array | null, b: Float64Array | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

// Scratch for the bootstrap's prefix sums, window sums and counts, reused across calls (one per thread).
let prefixScratch = new Float64Array(0);
let sumsScratch = new Float64Array(0);
let countScratch = new Int32Array(0);

/**
 * The values of `sums` in ascending order, in a new array. Window sums of whole-unit demand are whole
 * numbers in a narrow range, so they are sorted by counting (O(n + range)); other values by the typed
 * array sort. Both give the same array.
 */
export function sortedSums(sums: Float64Array): Float64Array {
  const n = sums.length;
  const out = new Float64Array(n);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = sums[i]!;
    if (!Number.isInteger(v) || Object.is(v, -0)) whole = false;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo + 1;
  if (!whole || n === 0 || !(span <= Math.max(1024, 4 * n))) {
    out.set(sums);
    return out.sort();
  }
  if (countScratch.length < span) countScratch = new Int32Array(span);
  const count = countScratch;
  count.fill(0, 0, span);
  for (let i = 0; i < n; i++) count[sums[i]! - lo]++;
  for (let v = 0, at = 0; v < span; v++) for (let c = count[v]!; c > 0; c--) out[at++] = lo + v;
  return out;
}

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(4));
