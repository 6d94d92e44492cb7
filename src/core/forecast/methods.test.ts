import { describe, expect, it } from "vitest";
import { METHOD_NAMES } from "./method.js";
import {
  candidatesFor,
  FORECAST_METHODS,
  MIN_SEASONAL_STRENGTH,
  MIN_TREND_STRENGTH_UNDAMPED,
} from "./methods.js";

describe("FORECAST_METHODS", () => {
  it("registers every method under its own name", () => {
    expect(Object.keys(FORECAST_METHODS).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(FORECAST_METHODS[name].name).toBe(name);
  });
});

describe("candidatesFor", () => {
  it("tries rate methods on infrequent demand and level/trend/season methods on frequent demand", () => {
    expect(candidatesFor("intermittent", 7)).toEqual([
      "naive",
      "moving_average",
      "ses",
      "croston",
      "sba",
      "tsb",
    ]);
    expect(candidatesFor("lumpy", 7)).toEqual(candidatesFor("intermittent", 7));
    expect(candidatesFor("smooth", 7)).toEqual([
      "naive",
      "seasonal_naive",
      "moving_average",
      "ses",
      "holt",
      "holt_damped",
      "hw_additive",
      "hw_multiplicative",
    ]);
    expect(candidatesFor("erratic", 7)).toEqual(candidatesFor("smooth", 7));
    expect(candidatesFor("no_demand", 7)).toEqual(["naive"]);
    expect(candidatesFor(undefined, 7)).toEqual([...METHOD_NAMES]);
  });
  it("drops seasonal methods without a season", () => {
    expect(candidatesFor("smooth", 1)).toEqual(["naive", "moving_average", "ses", "holt", "holt_damped"]);
  });
  it("drops Holt–Winters when the history shows no seasonality, keeps it otherwise", () => {
    expect(candidatesFor("smooth", 7, 0.05)).not.toContain("hw_additive");
    expect(candidatesFor("smooth", 7, 0.05)).toContain("seasonal_naive");
    expect(candidatesFor("smooth", 7, MIN_SEASONAL_STRENGTH)).toContain("hw_multiplicative");
    expect(candidatesFor("smooth", 7, null)).toContain("hw_additive");
  });
  it("fits undamped Holt only with a trend of strength ≥ MIN_TREND_STRENGTH_UNDAMPED, damped Holt always", () => {
    const weak = candidatesFor("smooth", 7, 0.5, MIN_TREND_STRENGTH_UNDAMPED - 0.01);
    expect(weak).not.toContain("holt");
    expect(weak).toContain("holt_damped");
    expect(weak).toContain("hw_additive");
    expect(candidatesFor("smooth", 7, 0.5, MIN_TREND_STRENGTH_UNDAMPED)).toContain("holt");
    expect(candidatesFor("smooth", 7, 0.5, null)).toContain("holt");
    expect(candidatesFor("smooth", 1, null, 0.1)).toEqual(["naive", "moving_average", "ses", "holt_damped"]);
  });
});
