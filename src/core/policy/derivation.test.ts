import { describe, expect, it } from "vitest";
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
