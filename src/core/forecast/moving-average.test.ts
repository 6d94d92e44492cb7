import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { movingAverage, movingAverageWindows } from "./moving-average.js";

describe("moving average", () => {
  it("offers whole seasons for short seasons and fractions of a season for long ones", () => {
    expect(movingAverageWindows(7)).toEqual([7, 14, 28, 56, 91]);
    expect(movingAverageWindows(52)).toEqual([13, 26, 52, 104]);
    expect(movingAverageWindows(12)).toEqual([3, 6, 12, 24]);
    expect(movingAverageWindows(1)).toEqual([1, 2, 4, 8, 13]);
  });

  it("picks the window with the lowest one-step MSE (hand-computed)", () => {
    // m = 1, n = 8: windows ≤ n/2 are 1, 2, 4, compared on t = 4..7.
    // y alternates 2, 4: w = 1 forecasts the previous value, errors ±2, SSE 16;
    // w = 2 and w = 4 forecast 3, errors ±1, SSE 4 each; the tie goes to the shorter window.
    const y = Float64Array.from([2, 4, 2, 4, 2, 4, 2, 4]);
    expect(movingAverage.fit(y, 8, 1)).toEqual({ window: 2 });
    // a level shift: the shortest window adapts fastest
    const z = Float64Array.from([...Array(40).fill(10), ...Array(40).fill(20)]);
    expect(movingAverage.fit(z, z.length, 2)).toEqual({ window: 2 });
    // white noise: the longest window that fits wins
    const rng = createRng(4);
    const noise = Float64Array.from({ length: 400 }, () => 10 + rng.normal());
    expect(movingAverage.fit(noise, noise.length, 7)).toEqual({ window: 91 });
  });

  it("matches a brute-force one-step MSE ranking", () => {
    const rng = createRng(9);
    const y = Float64Array.from({ length: 500 }, (_, t) =>
      Math.max(0, 5 + Math.sin(t / 30) * 3 + rng.normal()),
    );
    const from = Math.max(91, 500 - 364);
    let best = 0;
    let bestSse = Number.POSITIVE_INFINITY;
    for (const w of [7, 14, 28, 56, 91]) {
      let sse = 0;
      for (let t = from; t < 500; t++) {
        let s = 0;
        for (let k = t - w; k < t; k++) s += y[k]!;
        sse += (y[t]! - s / w) ** 2;
      }
      if (sse < bestSse) {
        bestSse = sse;
        best = w;
      }
    }
    expect(movingAverage.fit(y, 500, 7)!.window).toBe(best);
  });

  it("averages the last w periods at each origin, or all there is before w periods", () => {
    const y = Float64Array.from([1, 2, 3, 6, 8, 1]);
    const out = new Float64Array(8);
    movingAverage.forecastAt(y, { window: 3 }, 1, Int32Array.of(2, 4, 5, 6), 2, out);
    expect(Array.from(out)).toEqual([1.5, 1.5, 11 / 3, 11 / 3, 17 / 3, 17 / 3, 5, 5]);
    const one = new Float64Array(1);
    movingAverage.forecastAt(y, { window: 3 }, 1, Int32Array.of(6), 1, one);
    expect(one[0]).toBe(5);
    expect(movingAverage.fit(y, 6, 7)).toBeNull();
  });
});
