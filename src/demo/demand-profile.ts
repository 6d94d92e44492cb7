import { epochDayFromParts, partsFromEpochDay } from "../core/calendar.js";
import type { Rng } from "../core/random.js";
import { chance, logUniform, negativeBinomial, poisson, uniform } from "./sampling.js";

/**
 * The demand model behind the demo data: a compound Poisson process. On day t, N_t customer orders
 * arrive, N_t ~ Poisson(λ·m_t), each of a size S drawn independently; demand is their sum. The
 * multiplier m_t = weekday · season · trend · launch ramp · decay · promotion lift carries the
 * calendar effects. Compound Poisson demand is the textbook model of intermittent demand
 * (Croston 1972; Syntetos & Boylan 2005 §2); choosing λ and the size law places a series in a
 * Syntetos–Boylan class:
 * - smooth: many orders a day (λ ≥ 8), sizes 1 + Poisson(a) (CV² of S below 0.25);
 * - erratic: a few orders a day (λ 2.5–6), sizes 1 + NegBin(mean μ, shape r) with r ≤ 0.5 (CV² of S
 *   above 1.3);
 * - intermittent: λ below 0.5, sizes 1 + Poisson(a);
 * - lumpy: λ below 0.45, sizes 1 + NegBin(μ, r).
 * A day has demand with probability 1 − e^(−λ m_t), so ADI ≈ 1 / (1 − e^(−λ)); ADI < 1.32 needs
 * λ above about 1.4 orders a day.
 */
export type DemandArchetype = "smooth" | "erratic" | "intermittent" | "lumpy";

export const DEMAND_ARCHETYPES: readonly DemandArchetype[] = ["smooth", "erratic", "intermittent", "lumpy"];

/** Default shares of the archetypes in a catalogue (retail with a spare-parts range). */
export const ARCHETYPE_SHARES: Readonly<Record<DemandArchetype, number>> = {
  smooth: 0.3,
  erratic: 0.2,
  intermittent: 0.3,
  lumpy: 0.2,
};

/** Size of one customer order, in units (always ≥ 1). */
export type OrderSize =
  /** 1 + Poisson(extra): mean 1 + extra, variance extra. */
  | { readonly kind: "unit-plus-poisson"; readonly extra: number }
  /** 1 + NegBin(mean extra, shape): mean 1 + extra, variance extra + extra²/shape. */
  | { readonly kind: "unit-plus-negbin"; readonly extra: number; readonly shape: number };

/** A price cut for a run of days, with the demand lift it causes. */
export interface Promotion {
  /** First day (epoch day). */
  readonly start: number;
  readonly days: number;
  /** Price cut as a fraction of the list price (0.1 = 10 % off). */
  readonly priceCut: number;
  /** Demand multiplier while it runs: (1 − cut)^(−elasticity). */
  readonly lift: number;
}

export interface Category {
  readonly name: string;
  /** SKU code prefix. */
  readonly code: string;
  /** Weekday multipliers Monday…Sunday (mean 1). */
  readonly weekday: readonly number[];
  /** Day of the year (0 = 1 January) of the seasonal peak. */
  readonly peakDayOfYear: number;
  /** Range of the yearly seasonal amplitude A in 1 + A·cos(…). */
  readonly seasonAmplitude: readonly [number, number];
  /** Range of list prices, currency units. */
  readonly price: readonly [number, number];
  /** Archetypes this category's items take, most likely first (weights follow the list). */
  readonly archetypes: readonly DemandArchetype[];
}

const RETAIL = [0.85, 0.85, 0.9, 1.0, 1.2, 1.45, 0.75];
const OFFICE = [1.25, 1.2, 1.2, 1.15, 1.1, 0.6, 0.5];
const FLAT = [1, 1, 1, 1, 1, 1, 1];

/** The demo company's product categories. */
export const CATEGORIES: readonly Category[] = [
  {
    name: "Beverages",
    code: "BEV",
    weekday: RETAIL,
    peakDayOfYear: 190,
    seasonAmplitude: [0.15, 0.4],
    price: [0.8, 6],
    archetypes: ["smooth", "smooth", "erratic"],
  },
  {
    name: "Snacks",
    code: "SNK",
    weekday: RETAIL,
    peakDayOfYear: 350,
    seasonAmplitude: [0.05, 0.25],
    price: [1, 8],
    archetypes: ["smooth", "erratic", "intermittent"],
  },
  {
    name: "Household",
    code: "HHD",
    weekday: FLAT,
    peakDayOfYear: 80,
    seasonAmplitude: [0, 0.15],
    price: [2, 30],
    archetypes: ["smooth", "intermittent", "erratic"],
  },
  {
    name: "Garden",
    code: "GDN",
    weekday: RETAIL,
    peakDayOfYear: 135,
    seasonAmplitude: [0.4, 0.75],
    price: [5, 120],
    archetypes: ["erratic", "lumpy", "smooth"],
  },
  {
    name: "Electronics",
    code: "ELC",
    weekday: RETAIL,
    peakDayOfYear: 345,
    seasonAmplitude: [0.2, 0.5],
    price: [15, 600],
    archetypes: ["erratic", "intermittent", "lumpy"],
  },
  {
    name: "Spare parts",
    code: "SPR",
    weekday: OFFICE,
    peakDayOfYear: 60,
    seasonAmplitude: [0, 0.1],
    price: [3, 250],
    archetypes: ["intermittent", "lumpy", "lumpy"],
  },
];

/** Everything that shapes one series' demand. Days are epoch days; rates are per day. */
export interface DemandProfile {
  readonly archetype: DemandArchetype;
  readonly category: string;
  /** λ: mean customer orders per day at multiplier 1. */
  readonly orderRate: number;
  readonly size: OrderSize;
  /** Weekday multipliers Monday…Sunday. */
  readonly weekday: readonly number[];
  readonly seasonAmplitude: number;
  readonly peakDayOfYear: number;
  /** Log growth per year: demand scales by e^(trend·years) around `trendOrigin`. */
  readonly trendPerYear: number;
  /** Day at which the trend factor is 1 (the middle of the history). */
  readonly trendOrigin: number;
  /** First day on sale, or null when on sale throughout. */
  readonly launchDay: number | null;
  /** Days for demand to reach 1 − 1/e of its level after launch. */
  readonly rampDays: number;
  /** Day from which demand decays (a dying item), or null. */
  readonly decayStart: number | null;
  /** e-folding time of the decay, days. */
  readonly decayDays: number;
  readonly promotions: readonly Promotion[];
  /** List price at the start of the history, currency units. */
  readonly listPrice: number;
  /** Yearly list-price increase applied each 1 January (fraction). */
  readonly priceIncrease: number;
}

export interface ProfileWindow {
  /** First day of the history (epoch day). */
  readonly start: number;
  /** Days of history. */
  readonly days: number;
}

export interface ProfileChoices {
  /** Multiplies the order rate (store size). Default 1. */
  readonly rateFactor?: number;
  /** Force a launch at this day (epoch day); null forbids one; undefined lets the draw decide. */
  readonly launchDay?: number | null;
  /** Force decay from this day; null forbids it; undefined lets the draw decide. */
  readonly decayStart?: number | null;
  /** Force the list price. */
  readonly listPrice?: number;
  /** Force the promotions. */
  readonly promotions?: readonly Promotion[];
}

/** Chance that a drawn profile is a product launch, resp. a dying item, when not forced. */
export const LAUNCH_SHARE = 0.1;
export const DYING_SHARE = 0.06;
/** Share of intermittent items drawn as slow movers (a unit every one to four weeks). */
export const SLOW_SHARE = 0.3;

/** Picks a category whose list holds the archetype (weighted by how often it appears). */
export function categoryFor(rng: Rng, archetype: DemandArchetype): Category {
  const weights = CATEGORIES.map((c) => c.archetypes.filter((a) => a === archetype).length);
  const total = weights.reduce((s, w) => s + w, 0);
  let u = rng.next() * total;
  for (let i = 0; i < CATEGORIES.length; i++) {
    u -= weights[i]!;
    if (u < 0) return CATEGORIES[i]!;
  }
  return CATEGORIES[CATEGORIES.length - 1]!;
}

/** Draws promotions over a window: about `perYear` a year, 3–14 days each, 10–40 % off. */
export function drawPromotions(rng: Rng, w: ProfileWindow, perYear: number): Promotion[] {
  const n = poisson(rng, (perYear * w.days) / 365);
  const out: Promotion[] = [];
  for (let i = 0; i < n; i++) {
    const days = 3 + rng.int(12);
    const start = w.start + rng.int(Math.max(1, w.days - days));
    const priceCut = Math.round(uniform(rng, 0.1, 0.4) * 20) / 20;
    const elasticity = uniform(rng, 1.5, 3.5);
    out.push({ start, days, priceCut, lift: (1 - priceCut) ** -elasticity });
  }
  out.sort((a, b) => a.start - b.start);
  // Drop overlaps: a later promotion starting inside an earlier one is discarded.
  const kept: Promotion[] = [];
  for (const p of out) {
    const last = kept[kept.length - 1];
    if (last === undefined || p.start >= last.start + last.days) kept.push(p);
  }
  return kept;
}

/** Draws a profile of the given archetype and category for a history window. */
export function drawProfile(
  rng: Rng,
  archetype: DemandArchetype,
  category: Category,
  w: ProfileWindow,
  choices: ProfileChoices = {},
): DemandProfile {
  const rateFactor = choices.rateFactor ?? 1;
  let orderRate: number;
  let size: OrderSize;
  let promosPerYear = 0;
  switch (archetype) {
    case "smooth":
      orderRate = logUniform(rng, 8, 45);
      size = { kind: "unit-plus-poisson", extra: uniform(rng, 0, 1.5) };
      promosPerYear = uniform(rng, 2, 6);
      break;
    case "erratic":
      orderRate = uniform(rng, 2.5, 6);
      size = { kind: "unit-plus-negbin", extra: logUniform(rng, 3, 15), shape: uniform(rng, 0.2, 0.5) };
      promosPerYear = uniform(rng, 0, 4);
      break;
    case "intermittent":
      if (chance(rng, SLOW_SHARE)) {
        orderRate = uniform(rng, 0.035, 0.15);
        size = { kind: "unit-plus-poisson", extra: 0 };
      } else {
        orderRate = uniform(rng, 0.12, 0.5);
        size = { kind: "unit-plus-poisson", extra: uniform(rng, 0, 1.2) };
      }
      break;
    case "lumpy":
      orderRate = uniform(rng, 0.04, 0.45);
      size = { kind: "unit-plus-negbin", extra: logUniform(rng, 4, 30), shape: uniform(rng, 0.15, 0.45) };
      promosPerYear = chance(rng, 0.3) ? uniform(rng, 0, 2) : 0;
      break;
  }
  const [alo, ahi] = category.seasonAmplitude;
  const launchDay =
    choices.launchDay !== undefined
      ? choices.launchDay
      : chance(rng, LAUNCH_SHARE)
        ? w.start + Math.floor(uniform(rng, 0.2, 0.8) * w.days)
        : null;
  const decayStart =
    choices.decayStart !== undefined
      ? choices.decayStart
      : launchDay === null && chance(rng, DYING_SHARE)
        ? w.start + Math.floor(uniform(rng, 0.35, 0.7) * w.days)
        : null;
  const [plo, phi] = category.price;
  return {
    archetype,
    category: category.name,
    orderRate: orderRate * rateFactor,
    size,
    weekday: category.weekday.map((x) => x * uniform(rng, 0.92, 1.08)),
    seasonAmplitude: uniform(rng, alo, ahi),
    peakDayOfYear: category.peakDayOfYear + rng.int(31) - 15,
    trendPerYear: uniform(rng, -0.2, 0.3),
    trendOrigin: w.start + Math.floor(w.days / 2),
    launchDay,
    rampDays: uniform(rng, 10, 45),
    decayStart,
    decayDays: uniform(rng, 40, 120),
    promotions: choices.promotions ?? drawPromotions(rng, w, promosPerYear),
    listPrice: choices.listPrice ?? Math.round(Math.ceil(logUniform(rng, plo, phi) * 10) * 10 - 1) / 100,
    priceIncrease: Math.round(uniform(rng, 0, 0.05) * 1000) / 1000,
  };
}

const TWO_PI_OVER_YEAR = (2 * Math.PI) / 365.2425;

/**
 * Fills `out[i]` with the demand multiplier m_t of day t = start + i (dimensionless, ≥ 0):
 * weekday[isoWeekday(t)] × (1 + A·cos(2π(t − peak)/365.2425)) × e^(g·(t − origin)/365.2425)
 * × ramp × decay × lift, where ramp = 1 − e^(−(t − launch)/rampDays) after launch (0 before),
 * decay = e^(−(t − decayStart)/decayDays) after the decay start, lift = the promotion's lift on
 * promotion days. Epoch day 0 is 1 January 1970, so t mod 365.2425 is the day of the year to within
 * a day.
 */
export function fillMultiplier(p: DemandProfile, start: number, out: Float64Array): void {
  const n = out.length;
  // 1970-01-01 was a Thursday: ISO weekday index (0 = Monday) of epoch day t is (t + 3) mod 7.
  let w = (((start + 3) % 7) + 7) % 7;
  const a = p.seasonAmplitude;
  // cos(φ0 + iω) by the Chebyshev recurrence c(i+1) = 2·cos ω·c(i) − c(i−1): no cos per day.
  const phase0 = (start - p.peakDayOfYear) * TWO_PI_OVER_YEAR;
  const twoCosW = 2 * Math.cos(TWO_PI_OVER_YEAR);
  let c = Math.cos(phase0);
  let cPrev = Math.cos(phase0 - TWO_PI_OVER_YEAR);
  const growth = Math.exp(p.trendPerYear / 365.2425);
  let trend = Math.exp((p.trendPerYear * (start - p.trendOrigin)) / 365.2425);
  let promo = 0;
  const promos = p.promotions;
  for (let i = 0; i < n; i++) {
    const t = start + i;
    let m = p.weekday[w]! * (1 + a * c) * trend;
    const cNext = twoCosW * c - cPrev;
    cPrev = c;
    c = cNext;
    if (p.launchDay !== null) m *= t < p.launchDay ? 0 : 1 - Math.exp(-(t - p.launchDay + 1) / p.rampDays);
    if (p.decayStart !== null && t > p.decayStart) m *= Math.exp(-(t - p.decayStart) / p.decayDays);
    while (promo < promos.length && t >= promos[promo]!.start + promos[promo]!.days) promo++;
    if (promo < promos.length && t >= promos[promo]!.start) m *= promos[promo]!.lift;
    out[i] = m;
    trend *= growth;
    w = w === 6 ? 0 : w + 1;
  }
}

/**
 * Fills `out[i]` with the selling price of day start + i, currency units: the list price, raised by
 * `priceIncrease` each 1 January after the first day, times (1 − cut) on promotion days; rounded to
 * cents.
 */
export function fillPrice(
  p: DemandProfile,
  start: number,
  out: Float64Array,
  newYearDays: readonly number[],
): void {
  let promo = 0;
  let list = p.listPrice;
  let ny = 0;
  while (ny < newYearDays.length && newYearDays[ny]! <= start) ny++;
  for (let i = 0; i < out.length; i++) {
    const t = start + i;
    if (ny < newYearDays.length && t >= newYearDays[ny]!) {
      list *= 1 + p.priceIncrease;
      ny++;
    }
    while (promo < p.promotions.length && t >= p.promotions[promo]!.start + p.promotions[promo]!.days)
      promo++;
    const cut =
      promo < p.promotions.length && t >= p.promotions[promo]!.start ? p.promotions[promo]!.priceCut : 0;
    out[i] = Math.round(list * (1 - cut) * 100) / 100;
  }
}

/** Expected size of one order, units. */
export const meanOrderSize = (s: OrderSize): number => 1 + s.extra;

/** Variance of the size of one order, units². */
export const orderSizeVariance = (s: OrderSize): number =>
  s.kind === "unit-plus-poisson" ? s.extra : s.extra + (s.extra * s.extra) / s.shape;

/** Order rates (orders a day) below this use the time-change sampler in `orderCounts`. */
export const TIME_CHANGE_BELOW = 1;

/**
 * Number of orders on each day: out[i] ~ Poisson(λ·m_i), independent across days. A slow series
 * (λ < TIME_CHANGE_BELOW) is drawn as an inhomogeneous Poisson process by time change (Çinlar 1975,
 * "Introduction to Stochastic Processes", §4.7): unit-rate exponential gaps laid on the cumulative
 * intensity Λ(i) = Σ λ·m_j, so a day costs one addition and an order one logarithm. Fast series draw
 * each day's count directly (`poisson`).
 */
export function orderCounts(rng: Rng, orderRate: number, multiplier: Float64Array, out: Int32Array): void {
  const n = out.length;
  if (orderRate < TIME_CHANGE_BELOW) {
    let cum = 0;
    let next = -Math.log(1 - rng.next());
    for (let i = 0; i < n; i++) {
      cum += orderRate * multiplier[i]!;
      let k = 0;
      while (next < cum) {
        k++;
        next -= Math.log(1 - rng.next());
      }
      out[i] = k;
    }
    return;
  }
  for (let i = 0; i < n; i++) out[i] = poisson(rng, orderRate * multiplier[i]!);
}

/**
 * Daily demand totals: out[i] = the sum of N_i order sizes (N_i from `orderCounts`, written into
 * `counts`). The sum of N sizes is N + Poisson(a·N) for 1 + Poisson(a) sizes (a sum of independent
 * Poissons) and N + NegBin(N·μ, N·r) for 1 + NegBin(μ, r) sizes: one draw a day, whatever N.
 */
export function sampleDailyDemand(
  rng: Rng,
  p: DemandProfile,
  multiplier: Float64Array,
  out: Float64Array | Int32Array,
  counts: Int32Array = new Int32Array(out.length),
): void {
  const s = p.size;
  const c = counts.subarray(0, out.length);
  orderCounts(rng, p.orderRate, multiplier, c);
  for (let i = 0; i < out.length; i++) {
    const n = c[i]!;
    if (n === 0) {
      out[i] = 0;
      continue;
    }
    if (s.kind === "unit-plus-poisson") out[i] = n + (s.extra > 0 ? poisson(rng, s.extra * n) : 0);
    else out[i] = n + negativeBinomial(rng, s.extra * n, s.shape * n);
  }
}

/** Individual customer orders: `sizes` in order of arrival, day i's orders at offsets[i] … offsets[i+1]. */
export interface SampledOrders {
  readonly daily: Int32Array;
  readonly offsets: Int32Array;
  readonly sizes: Int32Array;
}

/** Like sampleDailyDemand, but keeps every order's size (same distribution, order by order). */
export function sampleOrders(rng: Rng, p: DemandProfile, multiplier: Float64Array): SampledOrders {
  const n = multiplier.length;
  const daily = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  let sizes = new Int32Array(Math.max(16, Math.ceil(p.orderRate * n * 1.5)));
  let used = 0;
  const s = p.size;
  const counts = new Int32Array(n);
  orderCounts(rng, p.orderRate, multiplier, counts);
  for (let i = 0; i < n; i++) {
    offsets[i] = used;
    const k = counts[i]!;
    if (used + k > sizes.length) {
      const grown = new Int32Array(Math.max(sizes.length * 2, used + k));
      grown.set(sizes);
      sizes = grown;
    }
    let total = 0;
    for (let j = 0; j < k; j++) {
      const q =
        1 +
        (s.kind === "unit-plus-poisson"
          ? s.extra > 0
            ? poisson(rng, s.extra)
            : 0
          : negativeBinomial(rng, s.extra, s.shape));
      sizes[used++] = q;
      total += q;
    }
    daily[i] = total;
  }
  offsets[n] = used;
  return { daily, offsets, sizes: sizes.subarray(0, used) };
}

/** Epoch days of every 1 January in (start, start + days), ascending. */
export function newYearDays(start: number, days: number): number[] {
  const out: number[] = [];
  const { year } = partsFromEpochDay(start);
  for (let y = year + 1; ; y++) {
    const d = epochDayFromParts(y, 1, 1);
    if (d >= start + days) return out;
    out.push(d);
  }
}

/**
 * Mean daily selling price over days start … start + n − 1, currency units (before rounding each day
 * to cents): Σ list·(1 + increase)^(new years passed)·(1 − cut) ÷ n, by segments, not day by day.
 */
export function meanPrice(p: DemandProfile, start: number, n: number, newYears: readonly number[]): number {
  const end = start + n; // exclusive
  const factorAt = (t: number): number => {
    let k = 0;
    while (k < newYears.length && newYears[k]! <= t) k++;
    const before = newYears.filter((d) => d <= start).length;
    return (1 + p.priceIncrease) ** (k - before);
  };
  let sum = 0;
  let segStart = start;
  for (const ny of newYears) {
    if (ny <= start) continue;
    if (ny >= end) break;
    sum += (ny - segStart) * factorAt(segStart);
    segStart = ny;
  }
  sum += (end - segStart) * factorAt(segStart);
  for (const pr of p.promotions) {
    const a = Math.max(pr.start, start);
    const b = Math.min(pr.start + pr.days, end);
    for (let t = a; t < b; t++) sum -= factorAt(t) * pr.priceCut;
  }
  return (p.listPrice * sum) / n;
}
