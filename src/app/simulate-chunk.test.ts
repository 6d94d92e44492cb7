import { describe, expect, it } from "vitest";
import { type ItemParams, resolveItem } from "../core/item.js";
import type { DemandSeries } from "../core/series.js";
import { whatIfBufferScales } from "../core/simulate/what-if.js";
import type { EpochDay } from "../core/units.js";
import { planChunk } from "./plan-chunk.js";
import {
  forecastMeans,
  METRIC_FIELDS,
  meanMetrics,
  metricsAt,
  POLICY_KINDS,
  pathFillRates,
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

describe("replaySeries with demand paths from the fitted model", () => {
  const tail = Array.from({ length: 90 }, (_, i) => [6, 14, 10, 12, 3, 20, 9][i % 7]!);
  const model: SimulateShared = { ...SHARED, demand: "model", paths: 6, warmUpDays: 60, horizon: 90 };

  it("replays every scale on the same paths; figures are means over the paths, ratios of the means", () => {
    const t = task(history(tail));
    const out = replaySeries(t, model);
    const hist = replaySeries(t, { ...SHARED, warmUpDays: 60 });
    // the plan at the cut is the history replay's: the paths come after it
    expect(out.plans).toEqual(hist.plans);
    expect(out.paths).toBe(6);
    expect(out.demandModel).toMatch(/^(normal|poisson|negative_binomial|bootstrap)/);
    expect(hist.demandModel).toBeNull();
    expect(hist.pathServed).toBeNull();
    // deterministic per seed, different for another seed
    expect(Array.from(replaySeries(t, model).metrics)).toEqual(Array.from(out.metrics));
    expect(Array.from(replaySeries(t, { ...model, seed: 2 }).metrics)).not.toEqual(Array.from(out.metrics));
    SHARED.scales.forEach((scale, k) => {
      const m = metricsAt(out, k);
      let served = 0;
      let demand = 0;
      for (let p = 0; p < 6; p++) {
        served += out.pathServed![k * 6 + p]!;
        demand += out.pathDemand![k * 6 + p]!;
      }
      expect(m.totalDemand).toBeCloseTo(demand / 6, 9);
      expect(m.fillRate).toBeCloseTo(served / demand, 12);
      // common random numbers: every scale saw the same demand on each path
      for (let p = 0; p < 6; p++) expect(out.pathDemand![k * 6 + p]).toBe(out.pathDemand![p]);
      // the trace re-run replays path 1 and gives its figures
      const traced = traceReplay(t, model, out, scale);
      expect(traced.servedFromStock).toBe(out.pathServed![k * 6]);
      expect(traced.totalDemand).toBe(out.pathDemand![k * 6]);
      expect(traced.demand.length).toBe(90);
      const fills = pathFillRates(out, k);
      expect(fills.length).toBe(6);
      expect(fills[0]).toBeCloseTo(traced.fillRate, 12);
    });
    // the paths are not the history: demand differs from the actual tail's
    expect(metricsAt(out, 0).totalDemand).not.toBe(metricsAt(hist, 0).totalDemand);
  });

  it("one path gives exactly that path's replay; more paths do not change the first", () => {
    const t = task(history(tail));
    const one = replaySeries(t, { ...model, paths: 1 });
    const six = replaySeries(t, model);
    SHARED.scales.forEach((_, k) => {
      expect(one.pathServed![k]).toBe(six.pathServed![k * 6]);
      expect(metricsAt(one, k).servedFromStock).toBe(one.pathServed![k]);
    });
  });

  it("meanMetrics: additive figures averaged, ratios recomputed; one result returned as is", () => {
    const t = task(history(tail));
    const a = metricsAt(replaySeries(t, { ...SHARED, warmUpDays: 60 }), 0);
    const b = metricsAt(replaySeries(t, { ...SHARED, warmUpDays: 60, scales: [0.7, 1] }), 0);
    expect(meanMetrics([a])).toBe(a);
    const m = meanMetrics([a, b]);
    expect(m.totalDemand).toBeCloseTo((a.totalDemand + b.totalDemand) / 2, 9);
    expect(m.fillRate).toBeCloseTo(
      (a.servedFromStock + b.servedFromStock) / (a.totalDemand + b.totalDemand),
      12,
    );
    expect(m.averageOnHand).toBeCloseTo((a.averageOnHand + b.averageOnHand) / 2, 9);
  });

  it("forecastMeans extends a short forecast by its last week and floors it at 0", () => {
    const next = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, -1]);
    expect(Array.from(forecastMeans(next, 12))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0, 3, 4, 5]);
  });
});

describe("replaySeries with recorded lead times", () => {
  // Item master: 3 days. The supplier's record: 18 – 26 days.
  const recorded = Float64Array.of(18, 22, 26, 20, 24, 19, 25, 21, 23, 22);
  const tail = Array.from(
    { length: 120 },
    (_, i) => [6, 14, 10, 12, 3, 20, 9][i % 7]! + (i % 11 === 0 ? 6 : 0),
  );
  const shared: SimulateShared = { ...SHARED, warmUpDays: 100 };
  const item = { leadTimeDays: 3, leadTimeSdDays: 0, serviceTarget: 0.95 };

  it("long recorded lead times visibly lower the fill rate of a plan sized on the master; the plan on the record recovers it", () => {
    const fixed = task(history(tail), item);
    const onMaster = replaySeries(fixed, shared);
    expect(onMaster.leadTimeSource).toBe("items_master");
    expect(onMaster.leadTimeDays).toBe(3);
    const withRecord: SimulateTask = {
      ...fixed,
      leadTimeSamples: recorded,
      leadTimeSource: "recorded_series",
    };
    // The master's plan, replayed with deliveries as slow as recorded (same rules, recorded lead times):
    // an IP rule sized for 3 days keeps net stock near r − d·22 < 0, so every demand waits (fill 0 here).
    const masterPlanSlowDeliveries = traceReplay(withRecord, shared, onMaster, 1);
    expect(masterPlanSlowDeliveries.meanLeadTimeDays).toBeGreaterThanOrEqual(18);
    const fillMaster = metricsAt(onMaster, 0).fillRate;
    expect(fillMaster).toBeGreaterThan(0.9);
    expect(masterPlanSlowDeliveries.fillRate).toBeLessThan(fillMaster - 0.2);
    // `--lead-times recorded`: the plan takes the same samples (mean 22 days) and the replay draws them.
    const onRecord = replaySeries(withRecord, shared);
    expect(onRecord.leadTimeSource).toBe("recorded_series");
    expect(onRecord.leadTimeSamples).toBe(10);
    expect(onRecord.leadTimeDays).toBeCloseTo(22, 12);
    const m = metricsAt(onRecord, 0);
    expect(m.meanLeadTimeDays).toBeGreaterThanOrEqual(18);
    expect(m.meanLeadTimeDays).toBeLessThanOrEqual(26);
    expect(m.fillRate).toBeGreaterThan(masterPlanSlowDeliveries.fillRate + 0.15);
    // …but 22 days of forecast error are harder to cover than 3: still visibly below the master's replay
    expect(m.fillRate).toBeLessThan(fillMaster - 0.05);
    // the trace re-run draws the same lead times: the worker's figures
    for (const [k, scale] of shared.scales.entries()) {
      const traced = traceReplay(withRecord, shared, onRecord, scale);
      for (const f of METRIC_FIELDS) expect(traced[f], f).toEqual(metricsAt(onRecord, k)[f]);
    }
  });

  it("without samples a recorded source falls back to the plan's fixed lead time", () => {
    const t: SimulateTask = { ...task(history(tail), item), leadTimeSource: "recorded_supplier" };
    const out = replaySeries(t, shared);
    expect(out.leadTimeSource).toBe("items_master");
    expect(out.leadTimeSamples).toBe(0);
    expect(metricsAt(out, 0).meanLeadTimeDays).toBe(3);
  });
});
