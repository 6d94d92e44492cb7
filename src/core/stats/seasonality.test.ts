import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import {
  decomposeAdditive,
  decompositionStrength,
  MIN_DAYS_FOR_YEARLY,
  seasonalityStrengths,
  weeklyTotals,
} from "./seasonality.js";

/*
 * Reference values from R 4.x, stats::decompose (classical additive decomposition), with the strength
 * formulas of FPP3 §4.3 over the periods where the trend is defined:
 *
 *   strength <- function(y, f) {
 *     d <- decompose(ts(y, frequency = f)); ok <- !is.na(d$trend)
 *     R <- d$random[ok]; S <- d$seasonal[ok]; T <- d$trend[ok]
 *     c(seasonal = max(0, 1 - var(R)/var(S + R)), trend = max(0, 1 - var(R)/var(T + R)))
 *   }
 *   t <- 0:90;  a <- 20 + 0.1*t + 4*sin(2*pi*t/7) + ((t*37) %% 17)/4 - 2
 *   da <- decompose(ts(a, frequency = 7)); da$figure; da$trend[c(4, 50, 88)]; strength(a, 7)
 *   t <- 0:59;  b <- 100 + 0.5*t + c(3,-1,4,-1,-5,9,-2,6,-5,3,-5,-6)[t %% 12 + 1] + ((t*53) %% 19)/3
 *   db <- decompose(ts(b, frequency = 12)); db$figure; db$trend[c(7, 30, 54)]; strength(b, 12)
 *   t <- 0:129; c3 <- 50 + 10*sin(2*pi*t/52) + ((t*29) %% 23)/2; strength(c3, 52)
 *   t <- 0:799; dd <- 30 + 10*sin(2*pi*t/365.25) + 5*(t %% 7 == 5) + ((t*41) %% 13)/2
 *   tot <- colSums(matrix(dd[3:800], nrow = 7))   # weekly totals, oldest 800 %% 7 = 2 days dropped
 *   tot[1:3]; strength(tot, 52); strength(dd, 7)
 */
const seriesA = Float64Array.from(
  { length: 91 },
  (_, t) => 20 + 0.1 * t + 4 * Math.sin((2 * Math.PI * t) / 7) + ((t * 37) % 17) / 4 - 2,
);
const seasonB = [3, -1, 4, -1, -5, 9, -2, 6, -5, 3, -5, -6];
const seriesB = Float64Array.from(
  { length: 60 },
  (_, t) => 100 + 0.5 * t + seasonB[t % 12]! + ((t * 53) % 19) / 3,
);
const seriesC = Float64Array.from(
  { length: 130 },
  (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / 52) + ((t * 29) % 23) / 2,
);
const dailyD = Float64Array.from(
  { length: 800 },
  (_, t) => 30 + 10 * Math.sin((2 * Math.PI * t) / 365.25) + (t % 7 === 5 ? 5 : 0) + ((t * 41) % 13) / 2,
);

describe("classical additive decomposition (as R's decompose)", () => {
  it("matches R for an odd period (7)", () => {
    const d = decomposeAdditive(seriesA, 7)!;
    const figure = [
      0.25353218210360506, 3.0772866834042953, 3.900267640354715, 1.7827942448009553, -1.6337884886523264,
      -4.101536609480828, -3.2785556525304167,
    ];
    for (const [k, v] of figure.entries()) expect(d.seasonalIndex[k]).toBeCloseTo(v, 12);
    expect(d.trend[3]).toBeCloseTo(19.942857142857143, 12);
    expect(d.trend[49]).toBeCloseTo(24.43571428571428, 12);
    expect(d.trend[87]).toBeCloseTo(28.807142857142868, 12);
    expect(Number.isNaN(d.trend[2]!)).toBe(true);
    expect(Number.isNaN(d.trend[88]!)).toBe(true);
  });

  it("matches R for an even period (12, the 2×12 moving average)", () => {
    const d = decomposeAdditive(seriesB, 12)!;
    const figure = [
      4.3139467592592595, -1.0054976851851871, 2.6750578703703733, -0.4777199074074015, -5.797164351851848,
      10.050057870370374, -2.2034143518518587, 5.994502314814817, -4.741608796296298, 1.9389467592592593,
      -4.213831018518523, -6.5332754629629655,
    ];
    for (const [k, v] of figure.entries()) expect(d.seasonalIndex[k]).toBeCloseTo(v, 11);
    expect(d.trend[6]).toBeCloseTo(106.34722222222223, 11);
    expect(d.trend[29]).toBeCloseTo(117.79166666666666, 11);
    expect(d.trend[53]).toBeCloseTo(129.45833333333331, 11);
    expect(Number.isNaN(d.trend[5]!)).toBe(true);
    expect(Number.isNaN(d.trend[54]!)).toBe(true);
  });

  it("is null below two full periods or for a period under 2", () => {
    expect(decomposeAdditive(new Float64Array(13), 7)).toBeNull();
    expect(decomposeAdditive(new Float64Array(14), 7)).not.toBeNull();
    expect(decomposeAdditive(new Float64Array(20), 1)).toBeNull();
    expect(decompositionStrength(new Float64Array(23), 12)).toBeNull();
  });
});

describe("strength of seasonality and trend (Wang, Smith & Hyndman 2006; FPP3 §4.3)", () => {
  it("matches R on periods 7, 12 and 52", () => {
    const a = decompositionStrength(seriesA, 7)!;
    expect(a.seasonal).toBeCloseTo(0.8243266777363566, 10);
    expect(a.trend).toBeCloseTo(0.7556971114260225, 10);
    const b = decompositionStrength(seriesB, 12)!;
    expect(b.seasonal).toBeCloseTo(0.9155963805225842, 10);
    expect(b.trend).toBeCloseTo(0.955941561502538, 10);
    const c = decompositionStrength(seriesC, 52)!;
    expect(c.seasonal).toBeCloseTo(0.9008610821600596, 10);
    expect(c.trend).toBe(0); // R: max(0, negative) = 0
  });

  it("is ≈ 1 for a weekly sine with small noise and ≈ 0 for white noise", () => {
    const rng = createRng(1);
    const sine = Float64Array.from(
      { length: 700 },
      (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 7) + 0.1 * rng.normal(),
    );
    // Var(S) = 12.5 against Var(R) ≈ 0.01: F_S ≈ 1 − 0.01/12.5 ≈ 0.999.
    expect(decompositionStrength(sine, 7)!.seasonal).toBeGreaterThan(0.995);
    const noise = Float64Array.from({ length: 700 }, () => 10 + rng.normal());
    const s = decompositionStrength(noise, 7)!;
    // Seasonal indices of pure noise average 100 draws each: Var(S) ≈ σ²/100, so F_S ≈ 0.01.
    expect(s.seasonal).toBeLessThan(0.05);
    // A 7-term moving average of noise has variance σ²/7: F_T ≈ 0.1 to 0.2.
    expect(s.trend).toBeLessThan(0.3);
  });

  it("gives F_T = 1, F_S = 0 on an exact line, F_S = 1, F_T = 0 on an exact season, 0 on a constant", () => {
    const line = Float64Array.from({ length: 120 }, (_, i) => 3 + 0.25 * i);
    expect(decompositionStrength(line, 12)).toEqual({ seasonal: 0, trend: 1 });
    const season = Float64Array.from({ length: 120 }, (_, i) => 50 + seasonB[i % 12]!);
    expect(decompositionStrength(season, 12)).toEqual({ seasonal: 1, trend: 0 });
    expect(decompositionStrength(new Float64Array(30).fill(4), 7)).toEqual({ seasonal: 0, trend: 0 });
  });

  it("recovers a noise-free season on a trend exactly (even period)", () => {
    const y = Float64Array.from({ length: 120 }, (_, i) => 50 + 0.3 * i + seasonB[i % 12]!);
    const d = decomposeAdditive(y, 12)!;
    const shift = seasonB.reduce((s, v) => s + v, 0) / 12;
    for (const [k, v] of seasonB.entries()) expect(d.seasonalIndex[k]).toBeCloseTo(v - shift, 10);
    const s = decompositionStrength(y, 12)!;
    expect(s.seasonal).toBeCloseTo(1, 9);
    expect(s.trend).toBeCloseTo(1, 9);
  });
});

describe("weekly and yearly strength at the natural seasons", () => {
  it("totals days into weeks aligned on the most recent day", () => {
    const q = Float64Array.from({ length: 16 }, (_, i) => i); // 16 = 2 weeks + 2 days: days 0, 1 dropped
    expect(Array.from(weeklyTotals(q))).toEqual([2 + 3 + 4 + 5 + 6 + 7 + 8, 9 + 10 + 11 + 12 + 13 + 14 + 15]);
    const tot = weeklyTotals(dailyD);
    expect(tot.length).toBe(114);
    expect(tot[0]).toBeCloseTo(243.0098688850762, 10);
    expect(tot[2]).toBeCloseTo(259.9607369033274, 10);
  });

  it("measures the yearly cycle of daily data on weekly totals, period 52 (matches R)", () => {
    const s = seasonalityStrengths(dailyD, "day");
    expect(s.yearly).toBeCloseTo(0.9999495376417686, 10);
    expect(s.weekly).toBeCloseTo(0.44966118701530666, 10);
    expect(s.trend).toBeCloseTo(0.928725334617833, 10);
  });

  it("needs two full years of days for the yearly strength", () => {
    expect(MIN_DAYS_FOR_YEARLY).toBe(730);
    expect(seasonalityStrengths(dailyD.subarray(0, 729), "day").yearly).toBeNull();
    expect(seasonalityStrengths(dailyD.subarray(0, 730), "day").yearly).not.toBeNull();
    expect(seasonalityStrengths(dailyD.subarray(0, 13), "day")).toEqual({
      weekly: null,
      yearly: null,
      trend: null,
    });
  });

  it("uses period 52 for weekly data and 12 for monthly data", () => {
    const w = seasonalityStrengths(seriesC, "week");
    expect(w.weekly).toBeNull();
    expect(w.yearly).toBeCloseTo(0.9008610821600596, 10);
    const m = seasonalityStrengths(seriesB, "month");
    expect(m.weekly).toBeNull();
    expect(m.yearly).toBeCloseTo(0.9155963805225842, 10);
    expect(m.trend).toBeCloseTo(0.955941561502538, 10);
    expect(seasonalityStrengths(seriesB.subarray(0, 23), "month").yearly).toBeNull();
  });
});
