import { describe, expect, it } from "vitest";
import { type ItemParams, resolveItem } from "../core/item.js";
import type { DemandSeries } from "../core/series.js";
import { whatIfBufferScales } from "../core/simulate/what-if.js";
import type { EpochDay } from "../core/units.js";
import { planChunk } from "./plan-chunk.js";
import {
  METRIC_FIELDS,
  metricsAt,
  POLICY_KINDS,
  policyRule,
  replaySeries,
  type SimulateShared,
  type SimulateTask,
  smallestScaleMeeting,
  traceReplay,
} from "./simulate-chunk.js";

const SHARED: SimulateShared = {
  job: "simulate",
  horizon: 28,
  seed: 1,
  policy: "rq",
  scales: [1, 0.9, 0.8, 0.7],
  unmetDemand: "backorder",
  replanEveryDays: null,
  tolerance: 0.02,
  shortageCost: 0,
  warmUpDays: 0,
};

/** 150 days of a variable weekly pattern (mean ≈ 10.5/day), then `tail`. */
function history(tail: readonly number[]): Float64Array {
  const q = new Float64Array(150 + tail.length);
  for (let i = 0; i < 150; i++) q[i] = [4, 16, 9, 11, 2, 18, 10][i % 7]! + (i % 11 === 0 ? 6 : 0);
  q.set(tail, 150);
  return q;
}

function task(q: Float64Array, item: Partial<ItemParams> = {}, cut = 150): SimulateTask {
  const series: DemandSeries = {
    sku: "A",
    location: "S1",
    frequency: "day",
    start: 1000 as EpochDay,
    quantities: q,
    unitPrice: null,
  };
  // small ordering cost → small lots, so the fill-rate target needs a positive safety stock
  return { series, cut, item: resolveItem({ leadTimeDays: 5, orderingCost: 0.1, ...item }, null) };
}

describe("replaySeries", () => {
  it("recommends the scale the arithmetic proves: one day of demand X served from the starting stock", () => {
    // First run: learn the plan made on the 150 days before the cut.
    const T = 0.99;
    const probe = replaySeries(task(history(new Array(30).fill(10)), { serviceTarget: T }), SHARED);
    const { rule, safetyStock: ss } = probe.plans[0]!;
    if (rule.kind !== "reorder_point") throw new Error("expected (r, Q)");
    expect(ss).toBeGreaterThan(0);
    const r = rule.reorderPoint;
    const Q = rule.orderQuantity;
    // With warm-up 0 each scale starts at its top level r − (1 − s)·SS + Q with nothing on order.
    // Replay: X units on the first day, nothing after: fill(s) = min(1, (r − (1 − s)·SS + Q) ÷ X).
    // X = (r + Q − 0.15·SS) ÷ T puts the target T between scales 0.9 and 0.8.
    const X = (r + Q - 0.15 * ss) / T;
    const tail = [X, ...new Array(29).fill(0)];
    const out = replaySeries(task(history(tail), { serviceTarget: T }), SHARED);
    // The plan saw nothing of the replay window: same rule whatever the tail holds.
    expect(out.plans).toEqual(probe.plans);
    SHARED.scales.forEach((s, i) => {
      const m = metricsAt(out, i);
      expect(m.totalDemand).toBeCloseTo(X, 9);
      expect(m.fillRate).toBeCloseTo(Math.min(1, (r - (1 - s) * ss + Q) / X), 12);
    });
    expect(metricsAt(out, 1).fillRate).toBeGreaterThanOrEqual(T);
    expect(metricsAt(out, 2).fillRate).toBeLessThan(T);
    expect(out.recommendedScale).toBe(0.9);
    // fill at 1 = (r + Q)/X, a fraction of a point above T: within the 2-point tolerance
    expect(out.calibration.status).toBe("ok");
    expect(out.calibration.achieved).toBeCloseTo((r + Q) / X, 12);
  });

  it("keeps every scale when the demand is exactly what the plan expects, and reports no demand as such", () => {
    const flat = new Float64Array(200).fill(10);
    const out = replaySeries(task(flat), { ...SHARED, warmUpDays: 365 });
    expect(out.plans[0]!.safetyStock).toBe(0); // no forecast error: no buffer to scale
    for (let i = 0; i < 4; i++) expect(metricsAt(out, i).fillRate).toBe(1);
    expect(out.recommendedScale).toBe(0.7);
    const quiet = replaySeries(task(history(new Array(20).fill(0))), SHARED);
    expect(Number.isNaN(metricsAt(quiet, 0).fillRate)).toBe(true);
    expect(quiet.recommendedScale).toBeNull();
    expect(quiet.calibration.status).toBe("no_demand");
  });

  it("with no warm-up agrees with the core what-if on the tail, rule by rule and in its choice", () => {
    const tail = Array.from(
      { length: 120 },
      (_, i) => [3, 19, 8, 12, 0, 22, 9][i % 7]! + (i % 13 === 0 ? 15 : 0),
    );
    for (const policy of POLICY_KINDS) {
      const t = task(history(tail), { serviceTarget: 0.97 });
      const shared = { ...SHARED, policy };
      const out = replaySeries(t, shared);
      const plan = planChunk(
        [{ series: { ...t.series, quantities: t.series.quantities.slice(0, 150) }, item: t.item }],
        {
          job: "plan",
          horizon: 28,
          seed: 1,
        },
      )[0]!;
      const step = policyRule(plan, policy, t.item);
      expect(out.plans[0]!.rule).toEqual(step.rule);
      const w = whatIfBufferScales(
        t.series.quantities.subarray(150),
        { base: step.rule, safetyStock: step.safetyStock },
        {
          leadTime: 5,
          scales: SHARED.scales,
          fillRateTarget: 0.97,
          constraints: { moq: 1, orderMultiple: 1 },
          unitCost: 1,
          holdingCostRate: 0.25,
          orderingCost: 0.1,
          shortageCostPerUnit: 0,
        },
      );
      w.rows.forEach((row, i) => {
        const m = metricsAt(out, i);
        for (const f of METRIC_FIELDS) expect(m[f], `${policy} ${f} at ${row.scale}`).toEqual(row.result[f]);
      });
      expect(out.recommendedScale, policy).toBe(w.smallestScaleMeetingTarget);
    }
  });

  it("starts each scale where its rule stands after the warm-up, not full", () => {
    const tail = new Array(60).fill(10);
    const cold = replaySeries(task(history(tail)), SHARED);
    const warm = replaySeries(task(history(tail)), { ...SHARED, warmUpDays: 100 });
    expect(warm.plans).toEqual(cold.plans);
    const rule = cold.plans[0]!.rule;
    if (rule.kind !== "reorder_point") throw new Error("expected (r, Q)");
    // Cold start holds r + Q at the end of day 0 plus that day's demand; a warm start sits mid-cycle.
    expect(metricsAt(cold, 0).averageOnHand).toBeGreaterThan(metricsAt(warm, 0).averageOnHand);
  });

  it("re-plans on the growing history (walk-forward) and the trace re-run gives the worker's figures", () => {
    const tail = Array.from({ length: 90 }, (_, i) => [6, 14, 10, 12, 3, 20, 9][i % 7]!);
    for (const policy of ["rq", "periodic", "kanban"] as const) {
      for (const replanEveryDays of [null, 30]) {
        const shared: SimulateShared = { ...SHARED, policy, replanEveryDays, warmUpDays: 60 };
        const t = task(history(tail));
        const out = replaySeries(t, shared);
        expect(out.plans.map((p) => p.day)).toEqual(replanEveryDays === null ? [150] : [150, 180, 210]);
        for (const [i, scale] of shared.scales.entries()) {
          const traced = traceReplay(t, shared, out, scale);
          const m = metricsAt(out, i);
          for (const f of METRIC_FIELDS) expect(traced[f], `${policy} ${replanEveryDays} ${f}`).toEqual(m[f]);
          expect(traced.trace!.onHand.length).toBe(90);
        }
      }
    }
  });

  it("a constant history re-planned gives exactly the single plan's replay", () => {
    const flat = new Float64Array(260).fill(7);
    const once = replaySeries(task(flat, {}, 200), { ...SHARED, warmUpDays: 30 });
    const again = replaySeries(task(flat, {}, 200), { ...SHARED, warmUpDays: 30, replanEveryDays: 14 });
    expect(again.plans.length).toBe(5);
    for (const p of again.plans) expect(p.rule).toEqual(once.plans[0]!.rule);
    expect(Array.from(again.metrics)).toEqual(Array.from(once.metrics));
  });

  it("judges cycle targets on the cycle service level and lost sales as lost", () => {
    const tail = Array.from({ length: 120 }, (_, i) => (i % 9 === 0 ? 60 : 8));
    const t = task(history(tail), { serviceType: "cycle", serviceTarget: 0.9 });
    const out = replaySeries(t, { ...SHARED, unmetDemand: "lost_sales" });
    expect(out.calibration.serviceType).toBe("cycle");
    expect(out.calibration.achieved).toBe(metricsAt(out, 0).cycleServiceLevel);
    const m = metricsAt(out, 3);
    expect(m.lostSales).toBe(m.shortageUnits);
    expect(m.backordersAtEnd).toBe(0);
    const meets = SHARED.scales.map((scale, i) => ({
      scale,
      meets: metricsAt(out, i).cycleServiceLevel >= 0.9,
    }));
    expect(out.recommendedScale).toBe(smallestScaleMeeting(meets));
  });
});

describe("smallestScaleMeeting", () => {
  it("walks down from the largest scale and stops at the first failure", () => {
    const rows = (m: boolean[]) => m.map((meets, i) => ({ scale: 1 - i / 10, meets }));
    expect(smallestScaleMeeting(rows([true, true, false, true]))).toBe(0.9);
    expect(smallestScaleMeeting(rows([true, true, true, true]))).toBe(0.7);
    expect(smallestScaleMeeting(rows([false, true, true]))).toBeNull();
  });
});
