import { describe, expect, it } from "vitest";
import { classifyPattern, DEFAULT_PATTERN_CUTOFFS, demandPattern } from "./demand-pattern.js";

/** Builds a series of `periods` periods whose first `sizes.length` periods spread the sizes evenly. */
function spread(periods: number, sizes: readonly number[]): Float64Array {
  const q = new Float64Array(periods);
  for (let j = 0; j < sizes.length; j++) q[Math.floor((j * periods) / sizes.length)] = sizes[j]!;
  return q;
}

describe("Syntetos–Boylan classification (SBC 2005, JORS 56:495–503)", () => {
  it("uses the published cut-offs ADI 1.32 and CV² 0.49", () => {
    expect(DEFAULT_PATTERN_CUTOFFS).toEqual({ adi: 1.32, cv2: 0.49 });
  });

  it("puts values exactly on a cut-off on the irregular side (≥), values just below on the regular side", () => {
    const below = (x: number) => x - 1e-12;
    expect(classifyPattern(below(1.32), below(0.49))).toBe("smooth");
    expect(classifyPattern(below(1.32), 0.49)).toBe("erratic");
    expect(classifyPattern(1.32, below(0.49))).toBe("intermittent");
    expect(classifyPattern(1.32, 0.49)).toBe("lumpy");
    expect(classifyPattern(Number.POSITIVE_INFINITY, Number.NaN)).toBe("no_demand");
  });

  it("hits both boundaries exactly from a demand history", () => {
    // 25 demands in 33 periods: ADI = 33/25 = 1.32 exactly.
    // Sizes: twelve 3s, twelve 17s and one 10: mean 250/25 = 10, Σ(z − 10)² = 24·49 = 1176,
    // sample variance 1176/24 = 49, CV² = 49/10² = 0.49 exactly.
    const sizes = [...Array<number>(12).fill(3), ...Array<number>(12).fill(17), 10];
    const lumpy = demandPattern(spread(33, sizes));
    expect(lumpy.nonZeroPeriods).toBe(25);
    expect(lumpy.adi).toBe(1.32);
    expect(lumpy.cv2).toBe(0.49);
    expect(lumpy.pattern).toBe("lumpy");
    // 32 periods: ADI 1.28 < 1.32 → erratic.
    expect(demandPattern(spread(32, sizes)).pattern).toBe("erratic");
    // Sizes 3.1 / 16.9 / 10: Σ(z − 10)² = 24·6.9² → CV² = 0.4761 < 0.49 → intermittent at ADI 1.32.
    const steadier = [...Array<number>(12).fill(3.1), ...Array<number>(12).fill(16.9), 10];
    const r = demandPattern(spread(33, steadier));
    expect(r.cv2).toBeCloseTo(0.4761, 12);
    expect(r.pattern).toBe("intermittent");
    expect(demandPattern(spread(32, steadier)).pattern).toBe("smooth");
  });

  it("computes ADI and CV² on a hand-worked example", () => {
    // 10 periods, 4 with demand: ADI = 10/4 = 2.5.
    // Sizes 2, 4, 4, 6: mean 4, Σ(z − 4)² = 4 + 0 + 0 + 4 = 8, sample variance 8/3, CV² = (8/3)/16 = 1/6.
    const r = demandPattern(Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]));
    expect(r.adi).toBe(2.5);
    expect(r.nonZeroPeriods).toBe(4);
    expect(r.cv2).toBeCloseTo(1 / 6, 14);
    expect(r.pattern).toBe("intermittent");
  });

  it("classifies each quadrant and the empty history", () => {
    expect(demandPattern(Float64Array.from([5, 5, 6, 4, 5])).pattern).toBe("smooth");
    expect(demandPattern(Float64Array.from([1, 20, 1, 30, 2])).pattern).toBe("erratic");
    expect(demandPattern(Float64Array.from([0, 0, 1, 0, 0, 40, 0, 2])).pattern).toBe("lumpy");
    const none = demandPattern(new Float64Array(5));
    expect(none.pattern).toBe("no_demand");
    expect(none.adi).toBe(Number.POSITIVE_INFINITY);
    expect(none.nonZeroPeriods).toBe(0);
    expect(demandPattern(new Float64Array(0)).pattern).toBe("no_demand");
  });

  it("gives CV² = 0 for a single demand and ignores negative quantities (returns)", () => {
    const one = demandPattern(Float64Array.from([0, 0, 7, 0]));
    expect(one.adi).toBe(4);
    expect(one.cv2).toBe(0);
    expect(one.pattern).toBe("intermittent");
    const withReturn = demandPattern(Float64Array.from([3, -2, 3, 0]));
    expect(withReturn.nonZeroPeriods).toBe(2);
    expect(withReturn.adi).toBe(2);
  });

  it("honours configured cut-offs", () => {
    const q = Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]); // ADI 2.5, CV² 1/6
    expect(demandPattern(q, { adi: 3, cv2: 0.1 }).pattern).toBe("erratic");
    expect(demandPattern(q, { adi: 2.5, cv2: 1 / 6 }).pattern).toBe("lumpy");
  });
});
