import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { movingAverage } from "./moving-average.js";
import { naive, seasonalNaive } from "./naive.js";

describe("benchmark methods", () => {
  const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("naive repeats the last value seen before the origin", () => {
    const out = new Float64Array(6);
    naive.forecastAt(y, {}, 3, Int32Array.of(4, 10), 3, out);
    expect(Array.from(out)).toEqual([4, 4, 4, 10, 10, 10]);
  });
  it("seasonal naive repeats the last season", () => {
    const out = new Float64Array(4);
    seasonalNaive.forecastAt(y, {}, 3, Int32Array.of(10), 4, out);
    expect(Array.from(out)).toEqual([8, 9, 10, 8]);
  });
  it("moving average picks the window with the lowest one-step MSE and averages it", () => {
    // a level shift: the short window (one season = 2) adapts fastest
    const z = Float64Array.from([...Array(40).fill(10), ...Array(40).fill(20)]);
    const p = movingAverage.fit(z, z.length, 2)!;
    expect(p.window).toBe(2);
    const out = new Float64Array(1);
    movingAverage.forecastAt(Float64Array.from([1, 2, 3, 6]), { window: 3 }, 1, Int32Array.of(4), 1, out);
    expect(out[0]).toBeCloseTo(11 / 3, 12);
    // white noise: the longest window wins
    const rng = createRng(4);
    const noise = Float64Array.from({ length: 400 }, () => 10 + rng.normal());
    expect(movingAverage.fit(noise, noise.length, 7)!.window).toBeGreaterThanOrEqual(28);
  });
});
