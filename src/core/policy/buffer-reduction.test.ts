import { describe, expect, it } from "vitest";
import { bufferReductionSchedule } from "./buffer-reduction.js";

describe("bufferReductionSchedule", () => {
  it("cuts 15 % per period while service holds (100 → 85 → 72.25 → 61.41)", () => {
    const s = bufferReductionSchedule(100, [0.97, 0.96, 0.98], 0.95);
    expect(s.map((x) => x.action)).toEqual(["cut", "cut", "cut"]);
    expect(s[2]!.next).toBeCloseTo(100 * 0.85 ** 3, 10);
  });

  it("on a slip restores the last level that held, then holds for the cooldown before cutting", () => {
    const s = bufferReductionSchedule(100, [0.97, 0.96, 0.9, 0.96, 0.97, 0.96], 0.95);
    // Levels: 100 (held) → 85 (held) → 72.25 slips → back to 85, hold 2 periods, then cut.
    expect(s.map((x) => x.level)).toEqual([100, 85, 72.25, 85, 85, 85]);
    expect(s.map((x) => x.action)).toEqual(["cut", "cut", "raise", "hold", "hold", "cut"]);
    expect(s[5]!.next).toBeCloseTo(72.25, 10);
  });

  it("raise = step multiplies by 1 + step", () => {
    const s = bufferReductionSchedule(100, [0.9], 0.95, { raise: "step" });
    expect(s[0]!.next).toBeCloseTo(115, 10);
  });

  it("a slip at the starting level raises by the step (nothing held yet)", () => {
    const s = bufferReductionSchedule(40, [0.8, 0.8], 0.95, { cooldownPeriods: 0 });
    expect(s[0]!.next).toBeCloseTo(46, 10);
    expect(s[1]!.next).toBeCloseTo(52.9, 10);
  });

  it("never goes below the floor and recovers from 0 by the minimum raise", () => {
    const s = bufferReductionSchedule(10, [1, 1, 1], 0.95, { floor: 8 });
    expect(s.map((x) => x.next)).toEqual([8.5, 8, 8]);
    expect(s[2]!.action).toBe("hold");
    expect(bufferReductionSchedule(0, [0.5], 0.95)[0]!.next).toBe(1);
  });
});
