import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { abcAnalysis, annualConsumptionValue, classifyAbc, DEFAULT_ABC_CUTOFFS } from "./abc.js";

/*
 * Hand-built worked example (not taken from a book): ten SKUs, annual units × unit cost.
 *
 *   SKU  units   cost   value   share   start → end of cumulative share   class
 *   P1   1,500   6.00   9,000   45.0 %    0.0 → 45.0 %                    A
 *   P2     200  20.00   4,000   20.0 %   45.0 → 65.0 %                    A
 *   P3   6,000   0.50   3,000   15.0 %   65.0 → 80.0 %                    A
 *   P4      70  20.00   1,400    7.0 %   80.0 → 87.0 %   starts on 80 %   B
 *   P5   2,000   0.50   1,000    5.0 %   87.0 → 92.0 %                    B
 *   P6     140   5.00     700    3.5 %   92.0 → 95.5 %   crosses 95 %     B
 *   P7      40  10.00     400    2.0 %   95.5 → 97.5 %                    C
 *   P8   1,200   0.25     300    1.5 %   97.5 → 99.0 %                    C
 *   P9       8  25.00     200    1.0 %   99.0 → 100 %                     C
 *   P10      0   3.00       0    0                                        C
 *   total                20,000
 *
 * The input order below is shuffled: P7, P1, P10, P4, P9, P2, P6, P3, P8, P5.
 */
const units = [40, 1500, 0, 70, 8, 200, 140, 6000, 1200, 2000];
const cost = [10, 6, 3, 20, 25, 20, 5, 0.5, 0.25, 0.5];

describe("ABC classification by annual consumption value", () => {
  it("computes value = annual units × unit cost", () => {
    expect(Array.from(annualConsumptionValue(units, cost))).toEqual([
      400, 9000, 0, 1400, 200, 4000, 700, 3000, 300, 1000,
    ]);
    expect(() => annualConsumptionValue([1, 2], [1])).toThrow(RangeError);
  });

  it("classifies the worked example at 80 % / 95 %", () => {
    expect(DEFAULT_ABC_CUTOFFS).toEqual({ a: 0.8, b: 0.95 });
    const r = abcAnalysis(annualConsumptionValue(units, cost));
    expect(r.classes).toEqual(["C", "A", "C", "B", "C", "A", "B", "A", "C", "B"]);
    expect(r.totalValue).toBe(20000);
    expect(Array.from(r.rank)).toEqual([6, 0, 9, 3, 8, 1, 5, 2, 7, 4]);
    const expectedShare = [0.975, 0.45, 0, 0.87, 1, 0.65, 0.955, 0.8, 0.99, 0.92];
    for (const [i, s] of expectedShare.entries()) expect(r.cumulativeShare[i]).toBeCloseTo(s, 12);
  });

  it("keeps the item that crosses a cut-off in the class it starts in", () => {
    // With A closing at 70 %: P3 starts at 65 % and crosses 70 % → still A; P4 starts at 80 % → B.
    const values = annualConsumptionValue(units, cost);
    expect(classifyAbc(values, { a: 0.7, b: 0.95 })[7]).toBe("A");
    // 700 (0 → 70 %) A; 200 (70 → 90 %) starts below 80 % → A; 100 (90 → 100 %) → B.
    expect(classifyAbc([700, 200, 100])).toEqual(["A", "A", "B"]);
    // Starting exactly on the cut-off belongs to the next class, also when the sums are inexact:
    // 0.7 + 0.1 = 0.7999999999999999 in binary floating point.
    expect(classifyAbc([0.7, 0.1, 0.1, 0.1])).toEqual(["A", "A", "B", "B"]);
  });

  it("puts zero, negative and unknown values in C, outside the total", () => {
    const r = abcAnalysis([Number.NaN, 10, -5, 0, 10]);
    expect(r.classes).toEqual(["C", "A", "C", "C", "A"]); // second 10 starts at 50 % < 80 %
    expect(r.totalValue).toBe(20);
    expect(classifyAbc([Number.NaN, 10, -5, 0, 10], { a: 0.5, b: 0.9 })).toEqual(["C", "A", "C", "C", "B"]);
    expect(classifyAbc([0, 0])).toEqual(["C", "C"]);
    expect(classifyAbc([])).toEqual([]);
  });

  it("breaks ties by input order", () => {
    expect(classifyAbc([10, 10], { a: 0.5, b: 0.9 })).toEqual(["A", "B"]);
    expect(Array.from(abcAnalysis([5, 7, 5]).rank)).toEqual([1, 0, 2]);
  });

  it("rejects cut-offs outside 0 < a ≤ b ≤ 1", () => {
    expect(() => classifyAbc([1], { a: 0.9, b: 0.8 })).toThrow(RangeError);
    expect(() => classifyAbc([1], { a: 0, b: 0.8 })).toThrow(RangeError);
    expect(() => classifyAbc([1], { a: 0.8, b: 1.2 })).toThrow(RangeError);
  });

  it("agrees with a brute-force definition on random catalogues", () => {
    // Independent O(n²) reference: an item's starting share is Σ of the strictly larger values ÷ total
    // (values are distinct here, so no ties).
    const rng = createRng(9);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + rng.int(200);
      const values = Array.from({ length: n }, () => Math.exp(4 * rng.normal()));
      const total = values.reduce((s, v) => s + v, 0);
      const expected = values.map((v) => {
        const before = values.reduce((s, w) => (w > v ? s + w : s), 0) / total;
        return before < 0.8 ? "A" : before < 0.95 ? "B" : "C";
      });
      expect(classifyAbc(values)).toEqual(expected);
    }
  });
});
