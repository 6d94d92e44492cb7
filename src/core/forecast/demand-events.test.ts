import { describe, expect, it } from "vitest";
import { demandEvents, minimiseOnInterval } from "./demand-events.js";

describe("demandEvents", () => {
  it("lists demands with their intervals and the gaps after them (hand-computed)", () => {
    const ev = demandEvents(Float64Array.of(0, 2, 0, -1, 0, 3, 4, 0, 9), 8);
    expect(ev.count).toBe(3);
    const first3 = (a: ArrayLike<number>) => Array.from(a).slice(0, 3);
    expect(first3(ev.position)).toEqual([1, 5, 6]);
    expect(first3(ev.size)).toEqual([2, 3, 4]);
    expect(first3(ev.interval)).toEqual([2, 4, 1]);
    expect(first3(ev.gapCount)).toEqual([3, 0, 1]);
    expect(first3(ev.gapSum)).toEqual([-1, 0, 0]);
    expect(first3(ev.gapSumSq)).toEqual([1, 0, 0]);
    expect(ev.maxGap).toBe(3);
  });
});

describe("minimiseOnInterval", () => {
  it("finds the minimum of a smooth function to the golden-section tolerance", () => {
    const r = minimiseOnInterval((x) => (x - 0.1234) ** 2, 0.05, 0.3);
    expect(Math.abs(r.x - 0.1234)).toBeLessThan(0.1 * 0.618 ** 8);
    expect(minimiseOnInterval((x) => x, 0.05, 0.3).x).toBeCloseTo(0.05, 12);
  });
  it("escapes a local minimum the grid can see", () => {
    // local minimum at 0.27, global at 0.07
    const f = (x: number) => Math.min((x - 0.27) ** 2 + 0.001, 3 * (x - 0.07) ** 2);
    expect(minimiseOnInterval(f, 0.05, 0.3).x).toBeCloseTo(0.07, 3);
  });
});

describe("demandEvents on long histories", () => {
  it("agrees with a direct scan beyond the initial scratch size", () => {
    const y = Float64Array.from({ length: 5000 }, (_, t) =>
      (t * 7919) % 13 < 3 ? 1 + (t % 5) : t % 17 === 0 ? -1 : 0,
    );
    const ev = demandEvents(y, 4500);
    const pos: number[] = [];
    for (let t = 0; t < 4500; t++) if (y[t]! > 0) pos.push(t);
    expect(ev.count).toBe(pos.length);
    expect(Array.from(ev.position.subarray(0, ev.count))).toEqual(pos);
    expect(ev.negatives).toBe(true);
    let gapSum = 0;
    for (let j = 0; j < ev.count; j++) gapSum += ev.gapSum[j]!;
    let negBetween = 0;
    for (let t = pos[0]!; t < 4500; t++) if (y[t]! < 0) negBetween += y[t]!;
    expect(gapSum).toBe(negBetween);
  });
});
