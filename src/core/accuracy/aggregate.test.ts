import { describe, expect, it } from "vitest";
import { meanScores, pooledScores, weightedMeanScores } from "./aggregate.js";
import { accuracy, naiveScale } from "./metrics.js";

// two series, hand-computed:
// a: actual 10, 20; forecast 12, 18 → |e| 2, 2; e 2, −2; scale from 0, 2, 4 → MAE 2 → MASE 1; WAPE 4/30
// b: actual 0, 0;  forecast 1, 0  → |e| 1, 0; e 1, 0;  scale from 0, 1 → MAE 1 → MASE 0.5; WAPE, MAPE NaN
const a = accuracy([10, 20], [12, 18], naiveScale([0, 2, 4]));
const b = accuracy([0, 0], [1, 0], naiveScale([0, 1]));

describe("aggregation across series", () => {
  it("means each metric over the series where it is defined", () => {
    const m = meanScores([a, b]);
    expect(m.n).toBe(2);
    expect(m.mase).toBeCloseTo((1 + 0.5) / 2, 14);
    expect(m.mae).toBeCloseTo((2 + 0.5) / 2, 14);
    expect(m.wape).toBeCloseTo(4 / 30, 14); // b has no volume
    expect(m.mape).toBeCloseTo((0.2 + 0.1) / 2, 14); // from a only
    expect(m.sumAbsError).toBe(5);
  });
  it("weights the means (e.g. M5 WRMSSE with sales-value weights)", () => {
    const w = weightedMeanScores([a, b], [3, 1]);
    expect(w.rmsse).toBeCloseTo((3 * a.rmsse + 1 * b.rmsse) / 4, 14);
    expect(w.mase).toBeCloseTo((3 * 1 + 0.5) / 4, 14);
    expect(w.wape).toBeCloseTo(4 / 30, 14);
    expect(() => weightedMeanScores([a, b], [1])).toThrow(RangeError);
  });
  it("pools WAPE and bias by volume", () => {
    const p = pooledScores([a, b]);
    expect(p.wape).toBeCloseTo(5 / 30, 14);
    expect(p.bias).toBeCloseTo(1 / 30, 14);
    expect(Number.isNaN(pooledScores([b]).wape)).toBe(true);
  });
});
