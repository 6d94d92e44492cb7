import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import { resolveItem } from "../core/item.js";
import { createRng } from "../core/random.js";
import type { DemandSeries } from "../core/series.js";
import type { EpochDay } from "../core/units.js";
import { planChunk } from "./plan-chunk.js";

describe("planChunk week forecasts (weekly MAPE / WAPE)", () => {
  // 203 days from Monday 1 January 2024: 29 complete weeks; the last week (days 196–202) jumps tenfold.
  const start = parseIsoDate("2024-01-01")! as EpochDay;
  const rng = createRng(3);
  const quantities = Float64Array.from({ length: 203 }, (_, i) =>
    i >= 196 ? 100 : Math.max(0, Math.round(10 + 2 * rng.normal())),
  );
  const series: DemandSeries = {
    sku: "J",
    location: "",
    frequency: "day",
    start,
    quantities,
    unitPrice: null,
  };
  const firstDay = start + 203 - 56;
  const [plan] = planChunk([{ series, item: resolveItem({}, null) }], {
    job: "plan",
    horizon: 28,
    seed: 1,
    accuracyWeeks: { firstDay, weeks: 8 },
  });

  it("forecasts each of the 8 weeks' days from the days before the week only", () => {
    const wf = plan!.weekForecasts!;
    expect(wf.firstDay).toBe(firstDay);
    expect(wf.values).toHaveLength(56);
    expect(Array.from(wf.values).every(Number.isFinite)).toBe(true);
    // The jump starts on the last week's first day: its forecast (made the day before) cannot see it,
    // whichever method the selection chose on the whole history.
    for (const v of wf.values.subarray(49)) expect(v, plan!.forecast.method).toBeLessThan(20);
    // The final forecast, made after the jump, does see it.
    expect(plan!.forecast.next[0]!).toBeGreaterThan(20);
  });

  it("has no week forecasts unless asked, nor for weekly histories", () => {
    const none = planChunk([{ series, item: resolveItem({}, null) }], { job: "plan", horizon: 7, seed: 1 });
    expect(none[0]!.weekForecasts).toBeUndefined();
    const weekly = planChunk([{ series: { ...series, frequency: "week" }, item: resolveItem({}, null) }], {
      job: "plan",
      horizon: 7,
      seed: 1,
      accuracyWeeks: { firstDay, weeks: 8 },
    });
    expect(weekly[0]!.weekForecasts).toBeUndefined();
  });
});

describe("planChunk supplier record", () => {
  it("judges readiness with the supplier's on-time rate and lead-time CV when given", () => {
    // A steady item: ready for JIT on demand grounds alone.
    const quantities = Float64Array.from({ length: 400 }, (_, i) => 20 + (i % 7 === 5 ? 2 : 0));
    const series: DemandSeries = {
      sku: "S",
      location: "",
      frequency: "day",
      start: parseIsoDate("2024-01-01")! as EpochDay,
      quantities,
      unitPrice: 3,
    };
    const item = resolveItem({ leadTimeDays: 5 }, 3);
    const shared = { job: "plan", horizon: 14, seed: 1 } as const;
    const [alone] = planChunk([{ series, item }], shared);
    const [late] = planChunk([{ series, item, supplier: { onTimeRate: 0.2, leadTimeCv: 0.6 } }], shared);
    expect(alone!.readiness).toBe("jit");
    expect(late!.readiness).toBe("buffered");
    expect(late!.explanation.join(" ")).toMatch(/on.time/i);
  });
});
