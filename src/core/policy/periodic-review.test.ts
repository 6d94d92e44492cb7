import { describe, expect, it } from "vitest";
import { normal, normalLossInverse, normalQuantile } from "../distributions/normal.js";
import { createRng } from "../random.js";
import { leadTimeDemand } from "./lead-time-demand.js";
import { orderUpToLevel } from "./periodic-review.js";

describe("orderUpToLevel (R, S)", () => {
  // Hand example in the form of Silver, Pyke & Thomas (2017), (R, S): S = x̂_{R+L} + k·σ_{R+L}.
  // d = 10/day, σd = 3, R = 7, L = 5, σL = 0 → x̂ = 120, σ = 3·√12 = 10.392.
  const prot = leadTimeDemand(
    { meanDailyDemand: 10, dailyErrorSd: 3, leadTimeDays: 5, leadTimeSdDays: 0 },
    { extraDays: 7 },
  );

  it("protects R + L: mean 120 and σ = 3√12", () => {
    expect(prot.mean).toBe(120);
    expect(prot.sd).toBeCloseTo(3 * Math.sqrt(12), 12);
    expect(prot.kind).toBe("normal");
  });

  it("cycle service 95 %: S = 120 + 1.645·10.392 = 137.09", () => {
    const res = orderUpToLevel(prot.distribution, "cycle", 0.95, 10, 7);
    expect(res.orderUpTo).toBeCloseTo(120 + normalQuantile(0.95) * 3 * Math.sqrt(12), 9);
    expect(res.orderUpTo).toBeCloseTo(137.09, 2);
    expect(res.safetyStock).toBeCloseTo(17.09, 2);
    expect(res.expectedOrderPerReview).toBe(70);
  });

  it("the 95 % is confirmed by simulating 12-day demand (seed 21, 200 000 draws, ±0.3 %)", () => {
    const S = orderUpToLevel(prot.distribution, "cycle", 0.95, 10, 7).orderUpTo;
    const rng = createRng(21);
    let ok = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      let x = 0;
      for (let k = 0; k < 12; k++) x += 10 + 3 * rng.normal();
      if (x <= S) ok++;
    }
    expect(Math.abs(ok / n - 0.95)).toBeLessThan(0.003);
  });

  it("fill rate 99 % compares the shortage per review with d·R: G(k) = 0.01·70/σ", () => {
    const res = orderUpToLevel(prot.distribution, "fill_rate", 0.99, 10, 7);
    const sd = 3 * Math.sqrt(12);
    expect(res.orderUpTo).toBeCloseTo(120 + sd * normalLossInverse((0.01 * 70) / sd), 6);
    expect(res.fillRate).toBeCloseTo(0.99, 8);
  });

  it("rejects a non-positive review period", () => {
    expect(() => orderUpToLevel(normal(10, 2), "cycle", 0.9, 1, 0)).toThrow(RangeError);
  });
});
