import { describe, expect, it } from "vitest";
import { accuracyByStep } from "./by-step.js";

describe("accuracyByStep", () => {
  it("scores each horizon step over the origins (hand-computed)", () => {
    // 3 origins × 2 steps. step 1 errors (F − A): 1, −1, 0; step 2: 2, −2, 4
    const actual = [10, 10, 12, 12, 8, 8];
    const forecast = [11, 12, 11, 10, 8, 12];
    const [s1, s2] = accuracyByStep(actual, forecast, 3, 2, { mae: 2, mse: 4 });
    expect(s1!.n).toBe(3);
    expect(s1!.mae).toBeCloseTo(2 / 3, 14);
    expect(s1!.rmsse).toBeCloseTo(Math.sqrt(2 / 3 / 4), 14);
    expect(s2!.mae).toBeCloseTo(8 / 3, 14);
    expect(s2!.bias).toBeCloseTo(4 / 30, 14);
    expect(s2!.mase).toBeCloseTo(8 / 3 / 2, 14);
    expect(() => accuracyByStep([1], [1], 1, 2, { mae: 1, mse: 1 })).toThrow(RangeError);
  });
});
