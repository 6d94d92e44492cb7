import { describe, expect, it } from "vitest";
import { summariseAccuracy } from "./accuracy-summary.js";

const s = (mape: number, rmsse: number) => ({ mape, wape: 0.5, mase: 1, rmsse, bias: 0 });

describe("summariseAccuracy", () => {
  it("averages per group and overall, skipping undefined MAPE", () => {
    const rows = summariseAccuracy(
      [
        { group: "smooth", scores: s(0.2, 0.8), leadTimeMape: 0.1 },
        { group: "smooth", scores: s(0.4, 0.6), leadTimeMape: 0.3 },
        { group: "lumpy", scores: s(Number.NaN, 1.2) },
      ],
      ["smooth", "erratic", "lumpy"],
    );
    expect(rows.map((r) => r.group)).toEqual(["smooth", "lumpy", "all"]);
    expect(rows[0]).toMatchObject({
      series: 2,
      mape: expect.closeTo(0.3, 12),
      rmsse: expect.closeTo(0.7, 12),
      leadTimeMape: expect.closeTo(0.2, 12),
    });
    expect(Number.isNaN(rows[1]!.mape)).toBe(true);
    expect(rows[2]).toMatchObject({
      series: 3,
      mape: expect.closeTo(0.3, 12),
      rmsse: expect.closeTo(2.6 / 3, 12),
    });
  });
});
