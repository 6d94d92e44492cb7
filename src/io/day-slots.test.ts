import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DaySlots } from "./day-slots.js";

describe("DaySlots", () => {
  it("holds what a plain map holds, for days arriving in any order (growing both ways)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: -3000, max: 3000 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
        ),
        (rows) => {
          const slots = new DaySlots();
          const oracle = new Map<number, { value: number; line: number }>();
          rows.forEach(([day, value], k) => {
            const line = k + 2;
            const earlier = slots.set(day, value, line);
            const seen = oracle.get(day);
            expect(earlier).toBe(seen?.line ?? 0);
            if (!seen) oracle.set(day, { value, line });
          });
          expect(slots.size).toBe(oracle.size);
          const days = [...oracle.keys()].sort((a, b) => a - b);
          expect(slots.first).toBe(days.length ? days[0] : Number.POSITIVE_INFINITY);
          expect(slots.last).toBe(days.length ? days.at(-1) : Number.NEGATIVE_INFINITY);
          const visited: [number, number][] = [];
          slots.forEach((d, v) => {
            visited.push([d, v]);
          });
          expect(visited).toEqual(days.map((d) => [d, oracle.get(d)!.value]));
          for (let d = -3005; d <= 3005; d += 29)
            expect(slots.get(d)).toBe(oracle.get(d)?.value ?? Number.NaN);
        },
      ),
      { numRuns: 100 },
    );
  });
  it("keeps the first value on a duplicate and returns its line", () => {
    const s = new DaySlots();
    expect(s.set(100, 5, 2)).toBe(0);
    expect(s.set(100, 9, 7)).toBe(2);
    expect(s.get(100)).toBe(5);
  });
});
