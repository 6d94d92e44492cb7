import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { brent, goldenSection, nelderMead } from "./optimize.js";

describe("one-dimensional minimisers", () => {
  it("golden section finds a parabola's minimum", () => {
    const r = goldenSection((x) => (x - 0.3) ** 2, 0, 1, 40);
    expect(r.x).toBeCloseTo(0.3, 6);
  });
  it("Brent's method finds smooth minima in few evaluations", () => {
    // parabola: exact after the first parabolic step
    const p = brent((x) => 3 * (x - 0.3) ** 2 + 1, 0, 1, { tol: 1e-8 });
    expect(p.x).toBeCloseTo(0.3, 7);
    expect(p.fx).toBeCloseTo(1, 12);
    expect(p.evals).toBeLessThan(15);
    // x − log x has its minimum at x = 1 (value 1)
    const q = brent((x) => x - Math.log(x), 0.01, 5, { tol: 1e-8 });
    expect(q.x).toBeCloseTo(1, 6);
    expect(q.evals).toBeLessThan(25);
  });
  it("Brent's method handles a minimum at the bound and a kink, and respects the budget", () => {
    const b = brent((x) => x, 0.2, 0.9, { tol: 1e-6 });
    expect(b.x).toBeLessThan(0.2 + 1e-5);
    expect(b.x).toBeGreaterThanOrEqual(0.2);
    const k = brent((x) => Math.abs(x - 0.61), 0, 1, { tol: 1e-6 });
    expect(k.x).toBeCloseTo(0.61, 5);
    expect(brent((x) => Math.abs(x - 0.61), 0, 1, { tol: 1e-12, maxEvals: 7 }).evals).toBe(7);
  });
});

describe("Nelder–Mead", () => {
  it("finds the Rosenbrock minimum and respects bounds", () => {
    const rosen = (p: Float64Array) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2;
    const r = nelderMead(rosen, [-1.2, 1], [-2, -2], [2, 2], { maxEvals: 2000, tol: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
    const b = nelderMead((p) => (p[0]! - 5) ** 2 + (p[1]! + 5) ** 2, [0.5, 0.5], [0, 0], [1, 1], {
      maxEvals: 300,
    });
    expect(b.x[0]).toBeCloseTo(1, 6);
    expect(b.x[1]).toBeCloseTo(0, 6);
  });
  it("stops at the evaluation budget and treats non-finite values as +∞", () => {
    let calls = 0;
    const r = nelderMead(
      (p) => {
        calls++;
        return p[0]! > 0.8 ? Number.NaN : (p[0]! - 0.5) ** 2 + (p[1]! - 0.25) ** 2 + (p[2]! - 0.75) ** 2;
      },
      [0.1, 0.1, 0.1],
      [0, 0, 0],
      [1, 1, 1],
      { maxEvals: 25, tol: 0 },
    );
    expect(calls).toBe(25);
    expect(r.evals).toBe(25);
    expect(Number.isFinite(r.fx)).toBe(true);
    const full = nelderMead(
      (p) => (p[0]! - 0.5) ** 2 + (p[1]! - 0.25) ** 2 + (p[2]! - 0.75) ** 2,
      [0.1, 0.1, 0.1],
      [0, 0, 0],
      [1, 1, 1],
      {
        maxEvals: 1000,
        tol: 1e-15,
        step: [0.2, 0.1, 0.3],
      },
    );
    expect(full.x[0]).toBeCloseTo(0.5, 5);
    expect(full.x[1]).toBeCloseTo(0.25, 5);
    expect(full.x[2]).toBeCloseTo(0.75, 5);
  });
  it("an objective that stops once its partial sum passes the bound takes exactly the same steps", () => {
    // least squares over 200 residuals of a smooth 3-parameter model, as the smoothing fits are
    const rng = createRng(11);
    for (let trial = 0; trial < 20; trial++) {
      const t = Float64Array.from({ length: 200 }, (_, i) => i / 200);
      const truth = [rng.next(), rng.next(), rng.next()];
      const y = t.map(
        (x) => truth[0]! + truth[1]! * Math.sin(6 * x) + truth[2]! * x * x + 0.1 * rng.normal(),
      );
      let termsFull = 0;
      let termsBounded = 0;
      const sse = (p: Float64Array, bound: number, count: (n: number) => void) => {
        let s = 0;
        for (let i = 0; i < t.length; i++) {
          const x = t[i]!;
          const e = y[i]! - (p[0]! + p[1]! * Math.sin(6 * x) + p[2]! * x * x);
          s += e * e;
          if (s > bound) {
            count(i + 1);
            return s;
          }
        }
        count(t.length);
        return s;
      };
      const seenFull: number[] = [];
      const seenBounded: number[] = [];
      const opts = { maxEvals: 60, tol: 1e-9 };
      const full = nelderMead(
        (p) => {
          seenFull.push(p[0]!, p[1]!, p[2]!);
          return sse(p, Number.POSITIVE_INFINITY, (n) => (termsFull += n));
        },
        [0.5, 0.5, 0.5],
        [0, 0, 0],
        [1, 1, 1],
        opts,
      );
      const bounded = nelderMead(
        (p, bound) => {
          seenBounded.push(p[0]!, p[1]!, p[2]!);
          return sse(p, bound, (n) => (termsBounded += n));
        },
        [0.5, 0.5, 0.5],
        [0, 0, 0],
        [1, 1, 1],
        opts,
      );
      expect(seenBounded).toEqual(seenFull);
      expect(Array.from(bounded.x)).toEqual(Array.from(full.x));
      expect(bounded.fx).toBe(full.fx);
      expect(bounded.evals).toBe(full.evals);
      expect(termsBounded).toBeLessThan(termsFull);
    }
  });
});
