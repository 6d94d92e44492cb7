import { describe, expect, it } from "vitest";
import {
  normalCdf,
  normalLoss,
  normalLossInverse,
  normalPdf,
  normalQuantile,
  normalSurvival,
} from "./normal.js";

/** Relative error, with an absolute floor for values at 0. */
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("normalCdf (Cody 1969)", () => {
  // Reference values from R 4.x (nmath pnorm, itself Cody's algorithm, an independent implementation):
  //   x <- c(...); sprintf("[%s,%.17g,%.17g]", x, pnorm(x), pnorm(x, lower.tail = FALSE))
  const table: [number, number, number][] = [
    [-20, 2.7536241186062337e-89, 1],
    [-8, 6.220960574271785e-16, 0.9999999999999993],
    [-5.7, 5.990371401063528e-9, 0.9999999940096286],
    [-5, 2.866515718791939e-7, 0.9999997133484281],
    [-3, 0.0013498980316300946, 0.9986501019683699],
    [-1.645, 0.04998490553912137, 0.9500150944608786],
    [-0.6744, 0.2500285213729406, 0.7499714786270594],
    [-0.3, 0.3820885778110473, 0.6179114221889527],
    [0, 0.5, 0.5],
    [0.2, 0.579259709439103, 0.42074029056089696],
    [0.67449, 0.7500000793818263, 0.24999992061817367],
    [1, 0.8413447460685429, 0.15865525393145705],
    [1.645, 0.9500150944608786, 0.04998490553912137],
    [1.96, 0.9750021048517796, 0.024997895148220428],
    [2.5, 0.9937903346742238, 0.006209665325776135],
    [4, 0.9999683287581669, 0.000031671241833119924],
    [5.65, 0.9999999919776081, 8.022391850663497e-9],
    [5.66, 0.9999999924313503, 7.568649751997714e-9],
    [7, 0.9999999999987201, 1.2798125438858352e-12],
    [10, 1, 7.619853024160527e-24],
    [20, 1, 2.7536241186062337e-89],
    [37, 1, 5.725571222524577e-300],
  ];
  it.each(table)("Φ(%s) matches R to 1e-14 relative in both tails", (x, lower, upper) => {
    expect(rel(normalCdf(x), lower)).toBeLessThan(1e-14);
    expect(rel(normalSurvival(x), upper)).toBeLessThan(1e-14);
  });

  it("Φ(1.645) = 0.95002 (any printed normal table)", () => {
    expect(normalCdf(1.645)).toBeCloseTo(0.95002, 5);
  });

  it("is the integral of the density (Simpson's rule, independent check)", () => {
    const n = 8000;
    const a = -10;
    const b = 1.3;
    const h = (b - a) / n;
    let s = normalPdf(a) + normalPdf(b);
    for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * normalPdf(a + i * h);
    expect(Math.abs((s * h) / 3 - normalCdf(b))).toBeLessThan(1e-12);
  });
});

describe("normalQuantile (Wichura AS 241)", () => {
  // R: p <- c(...); sprintf("[%.17g,%.17g]", p, qnorm(p))
  const table: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798405],
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.01, -2.3263478740408408],
    [0.02, -2.0537489106318225],
    [0.05, -1.6448536269514726],
    [0.0749, -1.4402382675279632],
    [0.075, -1.4395314709384557],
    [0.3, -0.5244005127080407],
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.925, 1.439531470938456],
    [0.95, 1.6448536269514715],
    [0.975, 1.9599639845400536],
    [0.98, 2.053748910631822],
    [0.99, 2.3263478740408408],
    [0.999999, 4.753424308817089],
  ];
  it.each(table)("Φ⁻¹(%s) matches R to 1e-14", (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1e-14 * Math.max(1, Math.abs(z)));
  });

  it("inverts normalCdf (through the accurate tail on each side)", () => {
    for (let x = -8; x <= 8; x += 0.37) {
      const back = x <= 0 ? normalQuantile(normalCdf(x)) : -normalQuantile(normalSurvival(x));
      expect(Math.abs(back - x)).toBeLessThan(1e-12 * Math.max(1, Math.abs(x)));
    }
  });

  it("rejects probabilities outside [0, 1] and maps the ends to ±∞", () => {
    expect(() => normalQuantile(1.2)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("normalLoss G(z)", () => {
  // Silver, Pyke & Thomas (2017) App. B table of G(z), 4 significant digits:
  // G(0)=0.3989, G(0.5)=0.1978, G(1)=0.08332, G(1.5)=0.02931, G(2)=0.008491, G(2.5)=0.002004, G(3)=0.0003822.
  const spt: [number, number][] = [
    [0, 0.3989],
    [0.5, 0.1978],
    [1, 0.08332],
    [1.5, 0.02931],
    [2, 0.008491],
    [2.5, 0.002004],
    [3, 0.0003822],
  ];
  it.each(spt)("G(%s) matches the SPT table to its 4 digits", (z, g) => {
    expect(rel(normalLoss(z), g)).toBeLessThan(2e-4);
  });

  // R: numeric integration, independent of the closed form:
  //   I <- sapply(z, function(a) integrate(function(x) (x - a) * dnorm(x), a, Inf, rel.tol = 1e-13)$value)
  const integrated: [number, number][] = [
    [-2, 2.00849070261683],
    [-1, 1.0833154705876864],
    [0, 0.39894228040143276],
    [1, 0.0833154705876863],
    [2, 0.008490702616829639],
    [3, 0.00038215431704772363],
    [4, 0.000007145258432405664],
    [6, 1.5635697960373458e-10],
  ];
  it.each(integrated)("G(%s) equals ∫(x − z)φ(x)dx (R integrate, rel.tol 1e-13)", (z, g) => {
    expect(rel(normalLoss(z), g)).toBeLessThan(z >= 6 ? 1e-8 : 1e-12);
  });

  it("satisfies G(z) − G(−z) = −z", () => {
    for (let z = -5; z <= 5; z += 0.25) expect(normalLoss(z) - normalLoss(-z)).toBeCloseTo(-z, 12);
  });
});

describe("normalLossInverse", () => {
  it("inverts G to 1e-12 across nine orders of magnitude", () => {
    for (let z = -4; z <= 6; z += 0.1) {
      const g = normalLoss(z);
      expect(Math.abs(normalLossInverse(g) - z)).toBeLessThan(1e-10);
    }
  });

  it("G(z) = 0.08 gives z ≈ 1.02 (Nahmias, Production and Operations Analysis, 6th ed., Example 5.7)", () => {
    expect(normalLossInverse(0.08)).toBeCloseTo(1.02, 2);
  });

  it("rejects non-positive loss", () => {
    expect(() => normalLossInverse(0)).toThrow(RangeError);
    expect(() => normalLossInverse(-1)).toThrow(RangeError);
  });
});
