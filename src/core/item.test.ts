import { describe, expect, it } from "vitest";
import { DEFAULT_COST_RATIO, DEFAULT_ITEM, resolveItem } from "./item.js";

describe("resolveItem", () => {
  it("fills every missing field from the defaults and lists it", () => {
    const r = resolveItem({ leadTimeDays: 3 }, null);
    expect(r.params.leadTimeDays).toBe(3);
    expect(r.params.orderingCost).toBe(DEFAULT_ITEM.orderingCost);
    expect(r.defaulted).not.toContain("leadTimeDays");
    expect(r.defaulted).toContain("unitCost");
    expect(r.params.unitCost).toBe(1);
  });
  it("derives price and cost from the observed selling price", () => {
    const r = resolveItem({}, 10);
    expect(r.params.unitPrice).toBe(10);
    expect(r.params.unitCost).toBeCloseTo(10 * DEFAULT_COST_RATIO);
    expect(r.defaulted).toEqual(expect.arrayContaining(["unitPrice", "unitCost"]));
  });
  it("keeps a given cost", () => {
    expect(resolveItem({ unitCost: 4, unitPrice: 9 }, 10).params).toMatchObject({
      unitCost: 4,
      unitPrice: 9,
    });
  });
});
