import { describe, expect, it } from "vitest";
import { naive } from "./naive.js";

describe("naive", () => {
  const y = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  it("repeats the last value seen before each origin (FPP §5.2)", () => {
    const out = new Float64Array(6);
    naive.forecastAt(y, {}, 3, Int32Array.of(4, 10), 3, out);
    expect(Array.from(out)).toEqual([4, 4, 4, 10, 10, 10]);
  });
  it("forecasts 0 after a net return, and fits from one period on", () => {
    const out = new Float64Array(2);
    naive.forecastAt(Float64Array.of(3, -2), {}, 7, Int32Array.of(2), 2, out);
    expect(Array.from(out)).toEqual([0, 0]);
    expect(naive.fit(y, 1, 7)).toEqual({});
    expect(naive.fit(y, 0, 7)).toBeNull();
  });
});
