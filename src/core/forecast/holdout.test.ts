import { describe, expect, it } from "vitest";
import { accuracy, naiveScale } from "../accuracy/metrics.js";
import { createRng } from "../random.js";
import { holdoutForecast } from "./holdout.js";
import { selectForecast } from "./select.js";

const rng = createRng(5);
const y = Float64Array.from({ length: 400 }, (_, i) =>
  Math.max(0, 30 + 8 * Math.sin((2 * Math.PI * i) / 7) + 2 * rng.normal()),
);

describe("holdoutForecast", () => {
  it("forecasts the held-out tail from the history before it and scores it with the training scale", () => {
    const r = holdoutForecast(y, 28, { seasonPeriod: 7, leadTimePeriods: 7, pattern: "smooth" })!;
    const train = y.slice(0, 372);
    const direct = selectForecast(train, {
      seasonPeriod: 7,
      horizon: 28,
      leadTimePeriods: 7,
      pattern: "smooth",
    });
    expect(Array.from(r.forecast)).toEqual(Array.from(direct.forecast));
    expect(Array.from(r.actual)).toEqual(Array.from(y.subarray(372)));
    expect(r.scores).toEqual(accuracy(y.subarray(372), direct.forecast, naiveScale(train)));
    expect(r.scores.n).toBe(28);
    expect(r.scores.rmsse).toBeLessThan(1);
  });
  it("refuses a holdout that leaves no training scale", () => {
    expect(holdoutForecast(y, 0, { seasonPeriod: 7, leadTimePeriods: 7 })).toBeNull();
    expect(holdoutForecast(y, 399, { seasonPeriod: 7, leadTimePeriods: 7 })).toBeNull();
    expect(holdoutForecast(y, 398, { seasonPeriod: 7, leadTimePeriods: 7 })).not.toBeNull();
  });
});
