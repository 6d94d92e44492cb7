import { describe, expect, it } from "vitest";
import { normalQuantile } from "../distributions/normal.js";
import { normalSafetyStock, safetyFactor, safetyStock } from "./safety-stock.js";

describe("safety stock", () => {
  it("SS = r − mean and k = SS/σ", () => {
    expect(safetyStock(151.25, 100)).toBeCloseTo(51.25, 12);
    expect(safetyFactor(51.25, 25)).toBeCloseTo(2.05, 12);
  });

  it("Nahmias's Harvey's example: SS = 25·Φ⁻¹(0.98) = 51.34", () => {
    expect(normalSafetyStock(normalQuantile(0.98), 0, 25, 1, 0)).toBeCloseTo(51.34, 2);
  });

  it("normal safety stock with both variabilities: z·√(L·σd² + d²·σL²) (hand: 1.645·√11600 = 177.17)", () => {
    expect(normalSafetyStock(1.645, 100, 20, 4, 1)).toBeCloseTo(177.17, 2);
  });
});
