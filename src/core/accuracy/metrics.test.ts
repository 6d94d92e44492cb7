import { describe, expect, it } from "vitest";
import { accuracy, meanScores, naiveScale } from "./metrics.js";

describe("accuracy metrics (hand-computed)", () => {
  // training 10, 12, 11, 13: naive one-step errors 2, −1, 2 → MAE 5/3, MSE 9/3 = 3
  const scale = naiveScale([10, 12, 11, 13]);
  it("computes the naive scale", () => {
    expect(scale.mae).toBeCloseTo(5 / 3, 12);
    expect(scale.mse).toBeCloseTo(3, 12);
  });
  it("scores a forecast", () => {
    // actual 10, 0, 20; forecast 12, 1, 15 → errors F − A: 2, 1, −5
    const s = accuracy([10, 0, 20], [12, 1, 15], scale);
    expect(s.mae).toBeCloseTo(8 / 3, 12);
    expect(s.rmse).toBeCloseTo(Math.sqrt(30 / 3), 12);
    expect(s.mape).toBeCloseTo((2 / 10 + 5 / 20) / 2, 12); // the zero actual is left out
    expect(s.wape).toBeCloseTo(8 / 30, 12);
    expect(s.mase).toBeCloseTo(8 / 3 / (5 / 3), 12);
    expect(s.rmsse).toBeCloseTo(Math.sqrt(10 / 3), 12);
    expect(s.bias).toBeCloseTo(-2 / 30, 12);
  });
  it("leaves MAPE undefined on all-zero actuals, and averages across series skipping it", () => {
    const z = accuracy([0, 0], [1, 0], scale);
    expect(Number.isNaN(z.mape)).toBe(true);
    const m = meanScores([z, accuracy([10], [12], scale)]);
    expect(m.mape).toBeCloseTo(0.2, 12);
    expect(m.mae).toBeCloseTo((0.5 + 2) / 2, 12);
  });
});
