import { describe, expect, it } from "vitest";
import { seasonalNaive } from "./seasonal-naive.js";

describe("seasonal naive", () => {
  const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("repeats the last season, cycling for horizons beyond one season (FPP §5.2)", () => {
    const out = new Float64Array(8);
    seasonalNaive.forecastAt(y, {}, 3, Int32Array.of(5, 10), 4, out);
    expect(Array.from(out)).toEqual([3, 4, 5, 3, 8, 9, 10, 8]);
  });
  it("needs one full season", () => {
    expect(seasonalNaive.minHistory(7)).toBe(7);
    expect(seasonalNaive.fit(y, 6, 7)).toBeNull();
    expect(seasonalNaive.fit(y, 7, 7)).toEqual({});
  });
});
