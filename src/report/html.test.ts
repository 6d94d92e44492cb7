import { describe, expect, it } from "vitest";
import { createRng } from "../core/random.js";
import { num, pct } from "./html.js";

describe("num and pct", () => {
  it("format as toLocaleString('en-US') with fixed decimals does (the cached formatter changes nothing)", () => {
    const rng = createRng(3);
    for (let i = 0; i < 2000; i++) {
      const v = (rng.next() - 0.3) * 10 ** (rng.int(12) - 4);
      for (const d of [0, 1, 2, 3]) {
        const ref = v.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
        expect(num(v, d)).toBe(ref);
      }
    }
    expect(num(1234567.891)).toBe("1,234,567.9");
    expect(num(-0.05, 0)).toBe("-0");
    expect(num(Number.NaN)).toBe("–");
    expect(num(null)).toBe("–");
    expect(pct(0.1234)).toBe("12.3 %");
    expect(pct(Number.POSITIVE_INFINITY)).toBe("–");
  });
});
