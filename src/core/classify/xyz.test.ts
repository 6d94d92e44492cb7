import { describe, expect, it } from "vitest";
import { classifyXyz, DEFAULT_XYZ_CUTOFFS } from "./xyz.js";

describe("XYZ classification by coefficient of variation", () => {
  it("uses ≤ at the default cut-offs 0.5 and 1.0", () => {
    expect(DEFAULT_XYZ_CUTOFFS).toEqual({ x: 0.5, y: 1.0 });
    const above = (c: number) => c + 1e-12;
    expect(classifyXyz(0)).toBe("X");
    expect(classifyXyz(0.5)).toBe("X");
    expect(classifyXyz(above(0.5))).toBe("Y");
    expect(classifyXyz(1.0)).toBe("Y");
    expect(classifyXyz(above(1.0))).toBe("Z");
    expect(classifyXyz(3.7)).toBe("Z");
    expect(classifyXyz(Number.POSITIVE_INFINITY)).toBe("Z");
  });

  it("puts an undefined CV (no demand) in Z", () => {
    expect(classifyXyz(Number.NaN)).toBe("Z");
  });

  it("honours configured cut-offs and rejects y < x", () => {
    expect(classifyXyz(0.3, { x: 0.25, y: 0.6 })).toBe("Y");
    expect(classifyXyz(0.6, { x: 0.25, y: 0.6 })).toBe("Y");
    expect(classifyXyz(0.61, { x: 0.25, y: 0.6 })).toBe("Z");
    expect(() => classifyXyz(0.3, { x: 1, y: 0.5 })).toThrow(RangeError);
  });
});
