import { epochDayFromParts, partsFromEpochDay } from "../core/calendar.js";
import { createRng } from "../core/random.js";
import type { DemandSeries, Frequency } from "../core/series.js";
import type { EpochDay } from "../core/units.js";
import {
  ARCHETYPE_SHARES,
  categoryFor,
  DEMAND_ARCHETYPES,
  type DemandArchetype,
  type DemandProfile,
  drawProfile,
  fillMultiplier,
  meanPrice,
  newYearDays,
  sampleDailyDemand,
} from "./demand-profile.js";
import { streamSeed } from "./sampling.js";

/** The default last day of generated history: 2026-10-31 (a Saturday). */
export const DEFAULT_END_DATE: EpochDay = epochDayFromParts(2026, 10, 31);

export interface DemandSeriesOptions {
  readonly seed: number;
  /** Number of series. */
  readonly count: number;
  /** Length of the history in days (for weeks and months: the window the periods are cut from). */
  readonly days: number;
  /** Default "day". Weeks run Monday–Sunday; months are calendar months; only whole periods are kept. */
  readonly frequency?: Frequency;
  /** Last day of the history (epoch day). Default DEFAULT_END_DATE. */
  readonly endDate?: number;
  /** Shares of the archetypes (normalised). Default ARCHETYPE_SHARES. */
  readonly shares?: Readonly<Record<DemandArchetype, number>>;
}

/** A generated series with the profile that produced it (for tests and benchmarks that need the truth). */
export interface GeneratedSeries extends DemandSeries {
  readonly profile: DemandProfile;
}

/** Draws an archetype with probabilities proportional to `shares`. */
export function drawArchetype(u: number, shares: Readonly<Record<DemandArchetype, number>>): DemandArchetype {
  let total = 0;
  for (const a of DEMAND_ARCHETYPES) total += shares[a];
  let x = u * total;
  for (const a of DEMAND_ARCHETYPES) {
    x -= shares[a];
    if (x < 0) return a;
  }
  return DEMAND_ARCHETYPES[DEMAND_ARCHETYPES.length - 1]!;
}

/**
 * `count` demand histories of the kinds the demo company has (smooth, erratic, intermittent, lumpy;
 * weekday and yearly seasonality, trends, promotions, launches, dying items), in memory, fast: one
 * scratch buffer per call, one Float64Array per series. Series i depends only on (seed, i), so a
 * shorter run is a prefix of a longer one. A launched series starts at its launch (its first period
 * for weeks and months). `unitPrice` is the mean daily selling price over its days on sale
 * (meanPrice).
 * Quantities in units per period. Pure.
 */
export function generateDemandSeries(options: DemandSeriesOptions): GeneratedSeries[] {
  const { seed, count, days } = options;
  const frequency = options.frequency ?? "day";
  const end = options.endDate ?? DEFAULT_END_DATE;
  const shares = options.shares ?? ARCHETYPE_SHARES;
  if (!(Number.isInteger(days) && days > 0))
    throw new RangeError(`days must be a positive integer, got ${days}`);
  const start = end - days + 1;
  const window = { start, days };
  const years = newYearDays(start, days);
  const mult = new Float64Array(days);
  const counts = new Int32Array(days);
  const daily = frequency === "day" ? null : new Float64Array(days);
  const out: GeneratedSeries[] = [];
  const width = String(count).length;
  for (let i = 0; i < count; i++) {
    const rng = createRng(streamSeed(seed, i));
    const archetype = drawArchetype(rng.next(), shares);
    const category = categoryFor(rng, archetype);
    const profile = drawProfile(rng, archetype, category, window);
    const first = profile.launchDay === null ? 0 : profile.launchDay - start;
    const n = days - first;
    const m = mult.subarray(0, n);
    fillMultiplier(profile, start + first, m);
    const sku = `${category.code}-${String(i + 1).padStart(width, "0")}`;
    const common = {
      sku,
      location: "",
      frequency,
      unitPrice: Math.round(meanPrice(profile, start + first, n, years) * 100) / 100,
      profile,
    };
    if (daily === null) {
      const quantities = new Float64Array(n);
      sampleDailyDemand(rng, profile, m, quantities, counts);
      out.push({ ...common, start: (start + first) as EpochDay, quantities });
    } else {
      const d = daily.subarray(0, n);
      sampleDailyDemand(rng, profile, m, d, counts);
      const agg =
        frequency === "week" ? toWeeks(d, start + first, start, end) : toMonths(d, start + first, start, end);
      out.push({ ...common, ...agg });
    }
  }
  return out;
}

/**
 * Sums daily quantities (first day `first`) into Monday–Sunday weeks lying inside [windowStart, end].
 * The first week is the one holding `first` (a launch) but never one starting before windowStart.
 */
export function toWeeks(
  d: Float64Array,
  first: number,
  windowStart: number,
  end: number,
): { start: EpochDay; quantities: Float64Array } {
  const monday = (t: number) => t - ((((t + 3) % 7) + 7) % 7);
  let s = monday(first);
  if (s < windowStart) s += 7;
  const weeks = Math.max(0, Math.floor((end - s + 1) / 7));
  const q = new Float64Array(weeks);
  for (let i = Math.max(0, s - first); i < d.length; i++) {
    const w = Math.floor((first + i - s) / 7);
    if (w >= weeks) break;
    q[w]! += d[i]!;
  }
  return { start: s as EpochDay, quantities: q };
}

/** Sums daily quantities into calendar months inside [windowStart, end], as toWeeks does for weeks. */
export function toMonths(
  d: Float64Array,
  first: number,
  windowStart: number,
  end: number,
): { start: EpochDay; quantities: Float64Array } {
  const f = partsFromEpochDay(first);
  let y = f.year;
  let mo = f.month;
  if (epochDayFromParts(y, mo, 1) < windowStart) [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
  const s = epochDayFromParts(y, mo, 1);
  const bounds: number[] = [s];
  for (;;) {
    [y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
    const b = epochDayFromParts(y, mo, 1);
    if (b - 1 > end) break;
    bounds.push(b);
  }
  const q = new Float64Array(bounds.length - 1);
  let k = 0;
  for (let i = Math.max(0, s - first); i < d.length && k < q.length; i++) {
    const t = first + i;
    while (k < q.length && t >= bounds[k + 1]!) k++;
    if (k < q.length) q[k]! += d[i]!;
  }
  return { start: s as EpochDay, quantities: q };
}
