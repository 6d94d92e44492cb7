import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import {
  forecastFromState,
  holt,
  holtDamped,
  hwAdditive,
  hwMultiplicative,
  type SmoothingSpec,
  type SmoothingState,
  ses,
  sse,
} from "./exponential-smoothing.js";

// Reference values from R 4.x, package forecast (Hyndman et al.), with initial = "simple":
//   y <- c(445.36, 453.20, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28, 508.95,
//          488.89, 509.87, 456.72, 473.82, 525.95, 549.83, 542.34)
//   ses(y, alpha=0.3, initial="simple", h=3)$mean                 → 520.536888371382 (flat)
//   holt(y, alpha=0.5, beta=0.1, initial="simple", h=3)$mean      → 546.219749958252 553.094531593563 559.969313228875
//   hw(ldeaths, seasonal="additive", alpha=0.3, beta=0.05, gamma=0.2, initial="simple", h=14)$mean
//   hw(ldeaths, seasonal="multiplicative", alpha=0.3, beta=0.05, gamma=0.2, initial="simple", h=14)$mean
// "simple" initial states (forecast:::HoltWintersZZ): SES l0 = y1; Holt l0 = y1, b0 = y2 − y1; Holt–Winters
// l0 = mean(first season), b0 = (mean(second season) − l0)/m, s_j = y_j − l0 (or y_j/l0); the recursion
// then runs over every observation from y1 (forecast:::zzhw).
const y = Float64Array.from([
  445.36, 453.2, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28, 508.95, 488.89, 509.87,
  456.72, 473.82, 525.95, 549.83, 542.34,
]);
const ldeaths = Float64Array.from([
  3035, 2552, 2704, 2554, 2014, 1655, 1721, 1524, 1596, 2074, 2199, 2512, 2933, 2889, 2938, 2497, 1870, 1726,
  1607, 1545, 1396, 1787, 2076, 2837, 2787, 3891, 3179, 2011, 1636, 1580, 1489, 1300, 1356, 1653, 2013, 2823,
  3102, 2294, 2385, 2444, 1748, 1554, 1498, 1361, 1346, 1564, 1640, 2293, 2815, 3137, 2679, 1969, 1870, 1633,
  1529, 1366, 1357, 1570, 1535, 2491, 3084, 2605, 2573, 2143, 1693, 1504, 1461, 1354, 1333, 1492, 1781, 1915,
]);
const R_HWA = [
  2677.2369731674, 2442.044173238235, 2286.654151522464, 1866.933667942532, 1426.357484237277,
  1189.1404815255, 1137.984718878058, 981.344035968311, 980.043545451513, 1293.344758224962,
  1493.301644410274, 2028.887306073532, 2526.366319943298, 2291.173520014134,
];
const R_HWM = [
  2572.85851457796, 2352.31352101258, 2191.81464912139, 1852.05213543894, 1486.35769750258, 1295.11854525144,
  1257.30967110901, 1136.07350224652, 1139.43942415108, 1389.27913962185, 1549.16289422821, 1992.55426815403,
  2377.62725012306, 2172.60036417169,
];

function runFrom(
  spec: SmoothingSpec,
  p: Record<string, number>,
  st: SmoothingState,
  data: Float64Array,
  from: number,
  m: number,
  h: number,
) {
  sse(data, from, data.length, spec, p, m, st);
  return Array.from(forecastFromState(st, spec, p, data.length, m, h));
}

function simpleSeasonal(data: Float64Array, m: number, mult: boolean): SmoothingState {
  let l = 0;
  let l2 = 0;
  for (let j = 0; j < m; j++) {
    l += data[j]! / m;
    l2 += data[m + j]! / m;
  }
  return {
    level: l,
    trend: (l2 - l) / m,
    season: Float64Array.from({ length: m }, (_, j) => (mult ? data[j]! / l : data[j]! - l)),
  };
}

describe("exponential smoothing recursions match R's forecast package", () => {
  it("SES", () => {
    const f = runFrom(
      { trend: "none", season: "none" },
      { alpha: 0.3 },
      { level: y[0]!, trend: 0, season: new Float64Array(0) },
      y,
      0,
      0,
      3,
    );
    for (const v of f) expect(v).toBeCloseTo(520.536888371382, 8);
  });
  it("Holt", () => {
    const st = { level: y[0]!, trend: y[1]! - y[0]!, season: new Float64Array(0) };
    const f = runFrom({ trend: "additive", season: "none" }, { alpha: 0.5, beta: 0.1 }, st, y, 0, 0, 3);
    [546.219749958252, 553.094531593563, 559.969313228875].forEach((r, i) => {
      expect(f[i]).toBeCloseTo(r, 7);
    });
  });
  it("Holt–Winters additive and multiplicative", () => {
    const p = { alpha: 0.3, beta: 0.05, gamma: 0.2 };
    const fa = runFrom(
      { trend: "additive", season: "additive" },
      p,
      simpleSeasonal(ldeaths, 12, false),
      ldeaths,
      0,
      12,
      14,
    );
    R_HWA.forEach((r, i) => {
      expect(fa[i]! / r).toBeCloseTo(1, 9);
    });
    const fm = runFrom(
      { trend: "additive", season: "multiplicative" },
      p,
      simpleSeasonal(ldeaths, 12, true),
      ldeaths,
      0,
      12,
      14,
    );
    // For h > m R reports the mean of the multiplicative-error model (Hyndman et al. 2008 §6.4, class 3),
    // which differs from the point forecast; compare the first season, where the two coincide.
    R_HWM.slice(0, 12).forEach((r, i) => {
      expect(fm[i]! / r).toBeCloseTo(1, 9);
    });
  });
  it("damped trend with φ → 1 approaches Holt, and damps the slope geometrically", () => {
    const st = () => ({ level: 100, trend: 2, season: new Float64Array(0) });
    const d = forecastFromState(
      st(),
      { trend: "damped", season: "none" },
      { alpha: 0.5, beta: 0.1, phi: 0.9 },
      0,
      0,
      3,
    );
    // 100 + 2·0.9, 100 + 2·(0.9 + 0.81), 100 + 2·(0.9 + 0.81 + 0.729)
    expect(Array.from(d)).toEqual([101.8, 103.42, 104.878].map((v) => expect.closeTo(v, 10)));
  });
});

describe("fitting", () => {
  it("recovers alpha of a local-level process roughly", () => {
    const rng = createRng(11);
    const n = 730;
    const data = new Float64Array(n);
    let level = 100;
    for (let t = 0; t < n; t++) {
      const e = rng.normal() * 5;
      data[t] = level + e;
      level += 0.3 * e; // ETS(A,N,N) with alpha = 0.3
    }
    const p = ses.fit(data, n, 7)!;
    expect(p.alpha).toBeGreaterThan(0.2);
    expect(p.alpha).toBeLessThan(0.42);
  });
  it("fits every method on seasonal positive data and forecasts the season", () => {
    const rng = createRng(5);
    const data = Float64Array.from(
      { length: 364 },
      (_, i) => 50 + 0.05 * i + [5, 0, -3, 8, 12, -10, -12][i % 7]! + rng.normal(),
    );
    for (const m of [ses, holt, holtDamped, hwAdditive, hwMultiplicative]) {
      const p = m.fit(data, data.length, 7);
      expect(p, m.name).not.toBeNull();
      const out = new Float64Array(7);
      m.forecastAt(data, p!, 7, Int32Array.of(data.length), 7, out);
      for (const v of out) expect(v).toBeGreaterThan(20);
      if (m === hwAdditive || m === hwMultiplicative) {
        // day 364 is position 0 (+5) and day 369 position 5 (−10): the fitted season must show it
        expect(out[0]! - out[5]!).toBeGreaterThan(10);
      }
    }
  });
  it("refuses multiplicative seasonality on data with zeros, and series that are too short", () => {
    const z = Float64Array.from({ length: 60 }, (_, i) => i % 3);
    expect(hwMultiplicative.fit(z, 60, 7)).toBeNull();
    expect(hwAdditive.fit(z, 10, 7)).toBeNull();
  });
  it("forecastAt at many origins equals separate runs up to each origin", () => {
    const rng = createRng(9);
    const data = Float64Array.from({ length: 200 }, (_, i) => 20 + 3 * Math.sin(i) + rng.normal());
    const p = { alpha: 0.3, beta: 0.05, gamma: 0.1 };
    const origins = Int32Array.of(50, 120, 200);
    const all = new Float64Array(origins.length * 5);
    hwAdditive.forecastAt(data, p, 7, origins, 5, all);
    origins.forEach((o, i) => {
      const one = new Float64Array(5);
      // a series cut at the origin has the same start, so the same initial state and recursion
      hwAdditive.forecastAt(data, p, 7, Int32Array.of(o), 5, one);
      expect(Array.from(all.subarray(i * 5, i * 5 + 5))).toEqual(Array.from(one));
    });
  });
});
