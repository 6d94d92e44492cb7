import { describe, expect, it } from "vitest";
import { PLAYBOOKS, playbooksFor } from "./playbooks.js";
import { DEFAULT_KPI_THRESHOLDS, type KpiName, kpiLights, lightFor, worstLight } from "./traffic-light.js";

describe("traffic lights", () => {
  const fill = DEFAULT_KPI_THRESHOLDS.unitFillRate; // green ≥ 0.97, yellow ≥ 0.95
  const dio = DEFAULT_KPI_THRESHOLDS.dio; // green ≤ 30, yellow ≤ 45

  it("rates higher-better KPIs with inclusive bounds", () => {
    expect(lightFor(0.97, fill)).toBe("green");
    expect(lightFor(0.9699, fill)).toBe("yellow");
    expect(lightFor(0.95, fill)).toBe("yellow");
    expect(lightFor(0.9499, fill)).toBe("red");
    expect(lightFor(Number.NaN, fill)).toBe("none");
  });

  it("rates lower-better KPIs with inclusive bounds", () => {
    expect(lightFor(30, dio)).toBe("green");
    expect(lightFor(30.01, dio)).toBe("yellow");
    expect(lightFor(45, dio)).toBe("yellow");
    expect(lightFor(45.01, dio)).toBe("red");
  });

  it("takes the worst light, ignoring none", () => {
    expect(worstLight(["green", "none", "yellow"])).toBe("yellow");
    expect(worstLight(["green", "red", "yellow"])).toBe("red");
    expect(worstLight(["none", "none"])).toBe("none");
    expect(worstLight([])).toBe("none");
  });

  it("rates every KPI and honours overrides", () => {
    const values = Object.fromEntries(
      (Object.keys(DEFAULT_KPI_THRESHOLDS) as KpiName[]).map((k) => [k, Number.NaN]),
    ) as Record<KpiName, number>;
    values.unitFillRate = 0.96;
    values.mape = 0.5;
    const l = kpiLights(values);
    expect(l.unitFillRate).toBe("yellow");
    expect(l.mape).toBe("red");
    expect(l.dio).toBe("none");
    const o = kpiLights(values, { unitFillRate: { direction: "higher-better", green: 0.95, yellow: 0.9 } });
    expect(o.unitFillRate).toBe("green");
  });
});

describe("playbooks", () => {
  it("groups red KPIs by situation, one playbook each", () => {
    const lights = Object.fromEntries(
      (Object.keys(DEFAULT_KPI_THRESHOLDS) as KpiName[]).map((k) => [k, "green"]),
    ) as Record<KpiName, "green" | "yellow" | "red">;
    lights.turnoverAnnualised = "red";
    lights.dio = "red";
    lights.mape = "yellow";
    const red = playbooksFor(lights);
    expect(red).toHaveLength(1);
    expect(red[0]!.kpis).toEqual(["turnoverAnnualised", "dio"]);
    expect(red[0]!.playbook).toBe(PLAYBOOKS.dio);
    const withYellow = playbooksFor(lights, "yellow");
    expect(withYellow.map((p) => p.kpis)).toEqual([["turnoverAnnualised", "dio"], ["mape"]]);
    expect(withYellow[1]!.playbook.situation).toMatch(/forecast accuracy/i);
  });

  it("has actions for every rated KPI", () => {
    for (const k of Object.keys(DEFAULT_KPI_THRESHOLDS) as KpiName[]) {
      expect(PLAYBOOKS[k].actions.length).toBeGreaterThanOrEqual(3);
    }
  });
});
