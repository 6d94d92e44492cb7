import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import { describeFigure, figure, formatNumber, input, mid } from "./derivation.js";

describe("derivation", () => {
  it("formats numbers for people", () => {
    expect(formatNumber(12)).toBe("12");
    expect(formatNumber(2.54316)).toBe("2.543");
    expect(formatNumber(1234.6)).toBe("1235");
    expect(formatNumber(0.0000123)).toBe("1.23e-5");
    expect(formatNumber(Number.NaN)).toBe("n/a");
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe("∞");
  });

  it("describes a figure with its formula and inputs, marking defaults", () => {
    const f = figure(
      100,
      "units",
      "Q = √(2DK/h)",
      "EOQ",
      [input("D", 3650, "units/year", "forecast"), input("K", 50, "money/order", "items master", true)],
      [mid("h", 1, "money/unit/year")],
    );
    expect(describeFigure("Order quantity", f)).toBe(
      "Order quantity = 100 units — Q = √(2DK/h); from D = 3650 units/year, K = 50 money/order (default); giving h = 1 money/unit/year",
    );
    expect(f.derivation.intermediates[0]!.name).toBe("h");
  });
});

describe("formatNumber's 4 significant digits", () => {
  it("equal String(Number(x.toPrecision(4))) over random and edge values", () => {
    const rng = createRng(17);
    const xs = [0.001, -0.001, 0.0010004, 999.95, 999.94, -999.95, 1.0005, 0.1, 0.5, 12.3, 2.5e-3, 100.04];
    for (let i = 0; i < 20000; i++) xs.push((rng.next() - 0.3) * 10 ** (rng.next() * 6 - 3));
    for (const x of xs) {
      const a = Math.abs(x);
      if (Number.isInteger(x) || a < 0.001 || a >= 1000) continue;
      expect(formatNumber(x)).toBe(String(Number(x.toPrecision(4))));
    }
  });
});
