import { describe, expect, it } from "vitest";
import { epochDayFromParts, isoWeekday } from "../core/calendar.js";
import { createRng } from "../core/random.js";
import {
  CATEGORIES,
  type DemandProfile,
  drawProfile,
  fillMultiplier,
  fillPrice,
  meanOrderSize,
  meanPrice,
  newYearDays,
  orderCounts,
  orderSizeVariance,
  sampleDailyDemand,
  sampleOrders,
  TIME_CHANGE_BELOW,
} from "./demand-profile.js";

const start = epochDayFromParts(2024, 11, 1);
const window = { start, days: 730 };

const flat = (over: Partial<DemandProfile> = {}): DemandProfile => ({
  archetype: "smooth",
  category: "Test",
  orderRate: 5,
  size: { kind: "unit-plus-poisson", extra: 1 },
  weekday: [1, 1, 1, 1, 1, 1, 1],
  seasonAmplitude: 0,
  peakDayOfYear: 0,
  trendPerYear: 0,
  trendOrigin: start,
  launchDay: null,
  rampDays: 20,
  decayStart: null,
  decayDays: 50,
  promotions: [],
  listPrice: 10,
  priceIncrease: 0,
  ...over,
});

describe("fillMultiplier", () => {
  it("equals the formula evaluated directly, day by day", () => {
    const p = drawProfile(createRng(3), "smooth", CATEGORIES[0]!, window, {
      launchDay: start + 100,
      decayStart: null,
      promotions: [{ start: start + 300, days: 7, priceCut: 0.2, lift: 0.8 ** -2 }],
    });
    const m = new Float64Array(730);
    fillMultiplier(p, start, m);
    for (let i = 0; i < 730; i++) {
      const t = start + i;
      let want =
        p.weekday[isoWeekday(t) - 1]! *
        (1 + p.seasonAmplitude * Math.cos((2 * Math.PI * (t - p.peakDayOfYear)) / 365.2425)) *
        Math.exp((p.trendPerYear * (t - p.trendOrigin)) / 365.2425);
      want *= t < start + 100 ? 0 : 1 - Math.exp(-(t - (start + 100) + 1) / p.rampDays);
      if (t >= start + 300 && t < start + 307) want *= 0.8 ** -2;
      expect(m[i]).toBeCloseTo(want, 10);
    }
  });
  it("decays a dying item by e^(−days/decayDays)", () => {
    const p = flat({ decayStart: start + 10, decayDays: 50 });
    const m = new Float64Array(200);
    fillMultiplier(p, start, m);
    expect(m[10]).toBe(1);
    expect(m[60]).toBeCloseTo(Math.exp(-1), 12);
    expect(m[160]).toBeCloseTo(Math.exp(-3), 12);
  });
});

describe("prices", () => {
  it("rises each 1 January and drops by the cut on promotion days", () => {
    const p = flat({
      listPrice: 10,
      priceIncrease: 0.05,
      promotions: [{ start: start + 5, days: 3, priceCut: 0.25, lift: 2 }],
    });
    const years = newYearDays(start, 730);
    expect(years).toEqual([epochDayFromParts(2025, 1, 1), epochDayFromParts(2026, 1, 1)]);
    const out = new Float64Array(730);
    fillPrice(p, start, out, years);
    expect(out[0]).toBe(10);
    expect(out[5]).toBe(7.5);
    expect(out[8]).toBe(10);
    expect(out[years[0]! - start]).toBe(10.5);
    expect(out[years[1]! - start]).toBe(11.03); // 10·1.05² = 11.025 → cents
    let sum = 0;
    for (const x of out) sum += x;
    // meanPrice works by segments, unrounded; the day-by-day mean is of prices rounded to cents.
    expect(Math.abs(meanPrice(p, start, 730, years) - sum / 730)).toBeLessThan(0.005);
  });
});

describe("order counts and demand", () => {
  for (const rate of [0.2, TIME_CHANGE_BELOW, 12]) {
    it(`draws Poisson(λ·m) orders per day (λ = ${rate})`, () => {
      const n = 100_000;
      const m = new Float64Array(n);
      for (let i = 0; i < n; i++) m[i] = i % 2 === 0 ? 0.5 : 1.5;
      const c = new Int32Array(n);
      orderCounts(createRng(2), rate, m, c);
      let even = 0;
      let odd = 0;
      for (let i = 0; i < n; i += 2) {
        even += c[i]!;
        odd += c[i + 1]!;
      }
      const half = n / 2;
      // Means 0.5λ and 1.5λ within 5 standard errors.
      expect(Math.abs(even / half - 0.5 * rate)).toBeLessThan(5 * Math.sqrt((0.5 * rate) / half));
      expect(Math.abs(odd / half - 1.5 * rate)).toBeLessThan(5 * Math.sqrt((1.5 * rate) / half));
    });
  }
  for (const size of [
    { kind: "unit-plus-poisson", extra: 1.5 },
    { kind: "unit-plus-negbin", extra: 6, shape: 0.4 },
  ] as const) {
    it(`daily totals have compound-Poisson moments λE[S], λE[S²] (${size.kind})`, () => {
      // Compound Poisson: mean λ·E[S], variance λ·E[S²] (e.g. Ross, "Introduction to Probability
      // Models", §5.4.2).
      const p = flat({ orderRate: 3, size });
      const n = 200_000;
      const m = new Float64Array(n).fill(1);
      const out = new Float64Array(n);
      sampleDailyDemand(createRng(7), p, m, out);
      let s = 0;
      for (const x of out) s += x;
      const mean = s / n;
      let v = 0;
      for (const x of out) v += (x - mean) ** 2;
      v /= n - 1;
      const es = meanOrderSize(size);
      const es2 = orderSizeVariance(size) + es * es;
      expect(Math.abs(mean - 3 * es)).toBeLessThan(5 * Math.sqrt((3 * es2) / n));
      expect(v / (3 * es2)).toBeGreaterThan(0.93);
      expect(v / (3 * es2)).toBeLessThan(1.07);
    });
  }
  it("sampleOrders keeps each order and sums them per day", () => {
    const p = flat({ orderRate: 2, size: { kind: "unit-plus-negbin", extra: 4, shape: 0.5 } });
    const m = new Float64Array(5000).fill(1);
    const o = sampleOrders(createRng(1), p, m);
    expect(o.offsets[5000]).toBe(o.sizes.length);
    let orders = 0;
    for (let i = 0; i < 5000; i++) {
      let s = 0;
      for (let j = o.offsets[i]!; j < o.offsets[i + 1]!; j++) {
        expect(o.sizes[j]).toBeGreaterThanOrEqual(1);
        s += o.sizes[j]!;
      }
      orders += o.offsets[i + 1]! - o.offsets[i]!;
      expect(o.daily[i]).toBe(s);
    }
    expect(Math.abs(orders / 5000 - 2)).toBeLessThan(5 * Math.sqrt(2 / 5000));
  });
});
