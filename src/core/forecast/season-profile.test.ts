import { describe, expect, it } from "vitest";
import { applyProfile, MAX_PROFILE_SEASON, PROFILE_WINDOW, seasonProfile } from "./season-profile.js";

describe("seasonProfile", () => {
  it("shrinks the raw phase indices by the share of their spread that is not noise (hand-computed)", () => {
    // m = 2, 4 whole seasons: mean 2.5; phase means 4 and 1 → raw indices 1.6, 0.4; spread V = 0.36
    // s² = Σ(y − 2.5)² ÷ 7 = 22/7; noise = s² ÷ (4 · 2.5²) = 22/175; w = 1 − (22/175)/0.36 = 41/63
    const f = seasonProfile(Float64Array.of(3, 1, 3, 1, 5, 1, 5, 1), 8, 2)!;
    expect(f[0]).toBeCloseTo(1 + (0.6 * 41) / 63, 14);
    expect(f[1]).toBeCloseTo(1 - (0.6 * 41) / 63, 14);
    expect(f[0]! + f[1]!).toBeCloseTo(2, 14);
  });

  it("uses the last whole seasons before `to`, indexed by period index mod m", () => {
    // to = 9, m = 2: c = 4 seasons, periods 1..8 = the values above, so the high phase is now the odd one
    const y = Float64Array.of(99, 3, 1, 3, 1, 5, 1, 5, 1, 42);
    const f = seasonProfile(y, 9, 2)!;
    expect(f[1]).toBeCloseTo(1 + (0.6 * 41) / 63, 14);
    expect(f[0]).toBeCloseTo(1 - (0.6 * 41) / 63, 14);
  });

  it("reads at most PROFILE_WINDOW periods", () => {
    const long = Float64Array.from({ length: PROFILE_WINDOW + 70 }, (_, t) =>
      t < 70 ? 1000 * (t % 7) : 10 + (t % 7),
    );
    const tail = long.slice(70);
    const a = seasonProfile(long, long.length, 7)!;
    const b = seasonProfile(tail, tail.length, 7)!;
    // the tail starts at a multiple of 7, so the phases line up
    for (let d = 0; d < 7; d++) expect(a[d]).toBeCloseTo(b[d]!, 14);
  });

  it("is null when there is nothing to apply", () => {
    const weekly = Float64Array.from({ length: 70 }, (_, t) => 5 + (t % 7));
    expect(seasonProfile(weekly, 70, 12)).toBeNull(); // season too long
    expect(seasonProfile(weekly, 70, 1)).toBeNull(); // no season
    expect(seasonProfile(weekly, 27, 7)).toBeNull(); // 3 whole weeks < MIN_PROFILE_SEASONS
    expect(seasonProfile(new Float64Array(70), 70, 7)).toBeNull(); // mean 0
    expect(seasonProfile(new Float64Array(70).fill(4), 70, 7)).toBeNull(); // no spread
    // phase means equal up to noise: V ≤ s²/(c·ȳ²) → w = 0
    expect(seasonProfile(Float64Array.of(1, 3, 3, 1, 1, 3, 3, 1), 8, 2)).toBeNull();
    expect(MAX_PROFILE_SEASON).toBe(7);
  });

  it("never gives a negative factor, even for a phase without demand", () => {
    const y = Float64Array.from({ length: 140 }, (_, t) => (t % 7 === 6 ? 0 : 8 + (t % 3)));
    const f = seasonProfile(y, 140, 7)!;
    for (const v of f) expect(v).toBeGreaterThanOrEqual(0);
    expect(f[6]).toBeLessThan(0.2);
    expect(f.reduce((a, b) => a + b, 0)).toBeCloseTo(7, 12);
  });
});

describe("applyProfile", () => {
  it("scales the forecast of y[o + k] by profile[(o + k) mod m] (hand-computed)", () => {
    const out = Float64Array.of(10, 10, 10, 20, 20, 20);
    applyProfile(Float64Array.of(1.5, 0.5), Int32Array.of(3, 6), 3, out);
    // origin 3: periods 3, 4, 5 → phases 1, 0, 1; origin 6: periods 6, 7, 8 → 0, 1, 0
    expect(Array.from(out)).toEqual([5, 15, 5, 30, 10, 30]);
  });
});
