import { describe, expect, it } from "vitest";
import { classifyAbc } from "./abc.js";
import { abcXyzMatrix } from "./abc-xyz-matrix.js";
import { classifyXyz } from "./xyz.js";

describe("ABC", () => {
  it("splits a hand-computed catalogue at 80 % / 95 % of cumulative value", () => {
    // total 1000; ranked: 500 (0→50 %) A, 300 (50→80 %) A, 100 (80→90 %) B, 50 (90→95 %) B, 30 (95→98 %) C, 20 C
    const values = [30, 500, 100, 20, 300, 50];
    expect(classifyAbc(values)).toEqual(["C", "A", "B", "C", "A", "B"]);
  });
  it("keeps the item that crosses the cut-off in the class it starts in, and zero value in C", () => {
    // 700 (0→70 %) A, 200 (70→90 %) A: it starts below 80 %; 100 (90→100 %) B; 0 → C
    expect(classifyAbc([700, 200, 100, 0])).toEqual(["A", "A", "B", "C"]);
    expect(classifyAbc([10, 10], { a: 0.5, b: 0.9 })).toEqual(["A", "B"]);
  });
});

describe("XYZ and the matrix", () => {
  it("classifies CV with boundaries in the steadier class", () => {
    expect([0.2, 0.5, 0.51, 1.0, 1.7, Number.NaN].map((c) => classifyXyz(c))).toEqual([
      "X",
      "X",
      "Y",
      "Y",
      "Z",
      "Z",
    ]);
  });
  it("counts and sums per cell", () => {
    const m = abcXyzMatrix(["A", "A", "C"], ["X", "Z", "X"], [10, 5, 1]);
    expect(m.counts).toEqual([
      [1, 0, 1],
      [0, 0, 0],
      [1, 0, 0],
    ]);
    expect(m.value[0]).toEqual([10, 0, 5]);
  });
});
