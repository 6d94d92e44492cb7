import { describe, expect, it } from "vitest";
import { classifyPattern, demandPattern } from "./demand-pattern.js";

describe("Syntetos–Boylan classification", () => {
  it("uses the 1.32 / 0.49 cut-offs with ≥ on the upper side", () => {
    expect(classifyPattern(1.31, 0.48)).toBe("smooth");
    expect(classifyPattern(1.31, 0.49)).toBe("erratic");
    expect(classifyPattern(1.32, 0.48)).toBe("intermittent");
    expect(classifyPattern(1.32, 0.49)).toBe("lumpy");
  });
  it("computes ADI and CV² by hand", () => {
    // 10 periods, 4 non-zero: ADI = 10/4 = 2.5; sizes 2,4,4,6: mean 4, population var (4+0+0+4)/4 = 2, CV² = 2/16
    const r = demandPattern(Float64Array.from([0, 2, 0, 0, 4, 0, 4, 0, 6, 0]));
    expect(r.adi).toBe(2.5);
    expect(r.cv2).toBeCloseTo(0.125, 12);
    expect(r.pattern).toBe("intermittent");
    expect(demandPattern(Float64Array.from([5, 5, 6, 4, 5])).pattern).toBe("smooth");
    expect(demandPattern(Float64Array.from([1, 20, 1, 30, 2])).pattern).toBe("erratic");
    expect(demandPattern(Float64Array.from([0, 0, 1, 0, 0, 40, 0, 2])).pattern).toBe("lumpy");
    expect(demandPattern(new Float64Array(5)).pattern).toBe("no_demand");
  });
});
