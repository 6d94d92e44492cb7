import { describe, expect, it } from "vitest";
import { createRng } from "./random.js";

describe("createRng", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(sa);
  });
  it("has uniform and normal moments close to theory", () => {
    const r = createRng(7);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += r.next();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(su / n).toBeCloseTo(0.5, 2);
    expect(sn / n).toBeCloseTo(0, 2);
    expect(sn2 / n).toBeCloseTo(1, 1);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(6);
      expect(k >= 0 && k < 6 && Number.isInteger(k)).toBe(true);
    }
  });
});
