import { describe, expect, it } from "vitest";
import { type AbcClass, annualConsumptionValue, classifyAbc } from "./abc.js";
import { abcXyzMatrix } from "./abc-xyz-matrix.js";
import { classifyXyz, type XyzClass } from "./xyz.js";

describe("ABC × XYZ matrix", () => {
  it("counts items and sums value per cell on a hand-tallied example", () => {
    const abc: AbcClass[] = ["A", "A", "C", "B", "A", "C", "B"];
    const xyz: XyzClass[] = ["X", "Z", "X", "Y", "X", "Z", "Y"];
    const value = [100, 50, 2, 20, 80, 1, 15];
    const m = abcXyzMatrix(abc, xyz, value);
    expect(m.counts).toEqual([
      [2, 0, 1],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(m.value).toEqual([
      [180, 0, 50],
      [0, 35, 0],
      [2, 0, 1],
    ]);
    expect(m.totalCount).toBe(7);
    expect(m.totalValue).toBe(268);
  });

  it("builds the matrix for the ABC worked example with CVs", () => {
    // Values of abc.test.ts (P7, P1, P10, P4, P9, P2, P6, P3, P8, P5) → C A C B C A B A C B
    const values = annualConsumptionValue(
      [40, 1500, 0, 70, 8, 200, 140, 6000, 1200, 2000],
      [10, 6, 3, 20, 25, 20, 5, 0.5, 0.25, 0.5],
    );
    const cvs = [1.4, 0.2, Number.NaN, 0.5, 2.5, 0.8, 1.0, 0.3, 0.9, 1.2];
    // XYZ:        Z    X    Z           X    Z    Y    Y    X    Y    Z
    const m = abcXyzMatrix(
      classifyAbc(values),
      cvs.map((c) => classifyXyz(c)),
      values,
    );
    expect(m.counts).toEqual([
      [2, 1, 0], // A: P1 (X), P3 (X), P2 (Y)
      [1, 1, 1], // B: P4 (X), P6 (Y), P5 (Z)
      [0, 1, 3], // C: P8 (Y), P7, P10, P9 (Z)
    ]);
    expect(m.value).toEqual([
      [12000, 4000, 0],
      [1400, 700, 1000],
      [0, 300, 600],
    ]);
    expect(m.totalValue).toBe(20000);
  });

  it("counts an item of unknown value without adding to the value, and rejects unequal lengths", () => {
    const m = abcXyzMatrix(["C"], ["Z"], [Number.NaN]);
    expect(m.counts[2]![2]).toBe(1);
    expect(m.value[2]![2]).toBe(0);
    expect(() => abcXyzMatrix(["A"], ["X", "Y"], [1, 2])).toThrow(RangeError);
  });
});
