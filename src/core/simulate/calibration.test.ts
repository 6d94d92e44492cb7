import { describe, expect, it } from "vitest";
import { calibration } from "./calibration.js";
import { simulate } from "./simulate.js";

// The hand-checked (r, Q) case of simulate.test.ts: fill rate 23/27, cycle service level 2/3.
const result = simulate(
  Float64Array.from([3, 4, 6, 9, 5, 0]),
  { kind: "reorder_point", reorderPoint: 5, orderQuantity: 10 },
  { leadTime: 2, initialOnHand: 8 },
);

describe("calibration", () => {
  it("flags a fill rate short of target by more than the tolerance", () => {
    const c = calibration(result, 0.95);
    expect(c.serviceType).toBe("fill_rate");
    expect(c.achieved).toBeCloseTo(23 / 27, 12);
    expect(c.miss).toBeCloseTo(0.95 - 23 / 27, 12);
    expect(c.status).toBe("below_target");
    expect(c.flagged).toBe(true);
    // Within a wide tolerance it passes.
    expect(calibration(result, 0.95, { tolerance: 0.1 }).status).toBe("ok");
  });

  it("flags over-service and measures cycle service when asked", () => {
    const c = calibration(result, 0.5, { serviceType: "cycle" });
    expect(c.achieved).toBeCloseTo(2 / 3, 12);
    expect(c.status).toBe("above_target");
    expect(c.flagged).toBe(true);
    const ok = calibration(result, 0.66, { serviceType: "cycle", tolerance: 0.01 });
    expect(ok.status).toBe("ok");
    expect(ok.flagged).toBe(false);
  });

  it("a miss of exactly the tolerance is not flagged; no demand is never flagged", () => {
    const exact = calibration(result, 23 / 27 + 0.02);
    expect(exact.status).toBe("ok");
    const empty = simulate(new Float64Array(0), { kind: "min_max", min: 0, max: 1 }, { leadTime: 1 });
    const c = calibration(empty, 0.95);
    expect(c.status).toBe("no_demand");
    expect(c.flagged).toBe(false);
    expect(() => calibration(result, 1.5)).toThrow(RangeError);
  });
});
