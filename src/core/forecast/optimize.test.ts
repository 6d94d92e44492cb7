import { describe, expect, it } from "vitest";
import { goldenSection, nelderMead } from "./optimize.js";

describe("optimisers", () => {
  it("golden section finds a parabola's minimum", () => {
    const r = goldenSection((x) => (x - 0.3) ** 2, 0, 1, 40);
    expect(r.x).toBeCloseTo(0.3, 6);
  });
  it("Nelder–Mead finds the Rosenbrock minimum and respects bounds", () => {
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
});
