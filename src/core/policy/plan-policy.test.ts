import { describe, expect, it } from "vitest";
import { normalLoss, normalLossInverse } from "../distributions/normal.js";
import { resolveItem } from "../item.js";
import { createRng } from "../random.js";
import { explain, type PolicyInputs, planPolicy, policyRow } from "./plan-policy.js";

function smoothHistory(n: number, mean: number, sd: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) h[i] = Math.max(0, Math.round(mean + sd * rng.normal()));
  return h;
}

const resolved = resolveItem(
  {
    unitCost: 4,
    leadTimeDays: 7,
    leadTimeSdDays: 1,
    serviceTarget: 0.98,
    serviceType: "fill_rate",
    moq: 50,
    orderMultiple: 10,
  },
  null,
);

const fast: PolicyInputs = {
  meanDailyDemand: 20,
  dailyErrorSd: 6,
  history: smoothHistory(180, 20, 6, 1),
  pattern: "smooth",
  cv: 0.3,
  item: resolved.params,
  defaulted: resolved.defaulted,
  mape: 0.15,
  supplier: { onTimeRate: 0.97 },
};

describe("planPolicy: a fast mover with a fill-rate target", () => {
  const rec = planPolicy(fast);

  it("models lead-time demand as normal with both variabilities", () => {
    expect(rec.distribution.kind).toBe("normal");
    expect(rec.leadTimeDemand.value).toBe(140);
    // σ² = 7·36 + 400·1 = 652
    expect(rec.leadTimeDemandSd.value).toBeCloseTo(Math.sqrt(652), 12);
  });

  it("EOQ with the default ordering cost, then MOQ and multiple", () => {
    // D = 7300, K = 50 (default), h = 0.25·4 = 1 → √730 000 = 854.4 → multiple of 10 → 860
    expect(rec.orderQuantity.value).toBe(860);
    const k = rec.orderQuantity.derivation.inputs.find((i) => i.name.startsWith("K"));
    expect(k?.defaulted).toBe(true);
    const moq = rec.orderQuantity.derivation.inputs.find((i) => i.name === "MOQ");
    expect(moq?.defaulted).toBe(false);
  });

  it("reorder point: smallest whole r with 1 − σG((r − μ)/σ)/Q ≥ 0.98, lifted to the mean when below it", () => {
    const sd = Math.sqrt(652);
    const raw = 140 + sd * normalLossInverse((0.02 * 860) / sd);
    // the large Q meets 98 % with r = 129 < μ = 140: by default r is lifted to μ (safety stock 0)
    expect(Math.ceil(raw)).toBe(129);
    expect(rec.reorderPoint.value).toBe(140);
    expect(rec.reorderPoint.derivation.notes.join(" ")).toMatch(/lifted to 140/);
    expect(rec.achievedFillRate).toBeCloseTo(1 - (sd * normalLoss(0)) / 860, 9);
    expect(rec.safetyStock.value).toBe(0);
    const negative = planPolicy({ ...fast, options: { allowNegativeSafetyStock: true } });
    expect(negative.reorderPoint.value).toBe(Math.ceil(raw));
    expect(negative.achievedFillRate).toBeGreaterThanOrEqual(0.98);
    expect(negative.safetyStock.value).toBe(negative.reorderPoint.value - 140);
  });

  it("min–max, periodic, kanban and DDMRP are consistent with the figures", () => {
    const r = rec.reorderPoint.value;
    expect(rec.min.value).toBe(r);
    expect(rec.max.value).toBe(r + 860);
    expect(rec.reviewPeriodDays.value).toBe(7);
    expect(rec.periodicSafetyStock.value).toBeCloseTo(rec.orderUpTo.value - 20 * 14, 9);
    // C = one day of demand (20) rounded to MOQ 50; r_C for 98 % fill with Q = 50;
    // α = (r_C + C)/(d·L) − 1 → N = ⌈(r_C + C)/C⌉.
    expect(rec.kanbanContainer.value).toBe(50);
    const sd = Math.sqrt(652);
    const rC = Math.ceil(140 + sd * normalLossInverse((0.02 * 50) / sd));
    expect(rec.kanbanCards.value).toBe(Math.ceil((rC + 50) / 50 - 1e-9));
    expect((rec.kanbanCards.value - 1) * 50).toBeGreaterThanOrEqual(rC);
    // L = 7 → short lead time (LTF 0.8); CV 0.3 → low variability (VF 0.2)
    expect(rec.ddmrp.leadTimeCategory).toBe("short");
    expect(rec.ddmrp.red.value).toBeCloseTo(20 * 7 * 0.8 * 1.2, 9);
    expect(rec.ddmrp.yellow.value).toBe(140);
    expect(rec.ddmrp.green.value).toBe(860); // ADU × EOQ cycle (860/20 days)
    expect(rec.rules.ddmrp.spikeThreshold).toBeCloseTo(0.5 * rec.ddmrp.red.value, 9);
  });

  it("rules carry the same numbers for the simulator", () => {
    expect(rec.rules.reorderPoint).toEqual({
      kind: "reorder_point",
      reorderPoint: rec.reorderPoint.value,
      orderQuantity: 860,
    });
    expect(rec.rules.minMax.max).toBe(rec.max.value);
    expect(rec.rules.periodic.orderUpTo).toBe(rec.orderUpTo.value);
    expect(rec.rules.kanban).toEqual({ kind: "kanban", cards: rec.kanbanCards.value, containerSize: 50 });
    expect(rec.rules.ddmrp.topOfGreen).toBe(rec.ddmrp.topOfGreen.value);
  });

  it("thresholds and readiness", () => {
    expect(rec.thresholds.autoReplenishAt).toBe(rec.reorderPoint.value);
    // safety stock 0 (lifted): manual review fires at 0 on hand
    expect(rec.safetyStock.value).toBe(0);
    expect(rec.reviewThreshold.value).toBe(0);
    expect(rec.emergencyThreshold.value).toBe(140);
    expect(rec.readiness).toBe("jit");
  });

  it("explains every figure and marks defaults; the row has every report field", () => {
    const lines = explain(rec);
    expect(lines.length).toBeGreaterThan(15);
    expect(lines.some((l) => l.startsWith("Reorder point = "))).toBe(true);
    expect(lines.some((l) => l.includes("(default)"))).toBe(true);
    const row = policyRow(rec);
    for (const k of [
      "service_target",
      "service_type",
      "lead_time_days",
      "lead_time_sd",
      "safety_stock",
      "reorder_point",
      "order_quantity",
      "min",
      "max",
      "order_up_to",
      "review_period_days",
      "kanban_cards",
      "kanban_container",
      "ddmrp_red",
      "ddmrp_yellow",
      "ddmrp_green",
      "ddmrp_top_of_red",
      "ddmrp_top_of_yellow",
      "ddmrp_top_of_green",
      "review_threshold",
      "emergency_threshold",
      "readiness",
      "readiness_reasons",
    ])
      expect(row).toHaveProperty(k);
  });
});

describe("planPolicy: other cases", () => {
  it("observed lead times replace the master's (≥ 3 samples)", () => {
    const rec = planPolicy({ ...fast, leadTimeSamples: new Float64Array([9, 10, 11, 10]) });
    expect(rec.leadTimeDays.value).toBe(10);
    expect(rec.leadTimeSdDays.value).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(rec.leadTimeDemand.value).toBe(200);
  });

  it("a slow mover with a cycle target gets an integer Poisson quantile", () => {
    const item = resolveItem(
      { unitCost: 10, leadTimeDays: 4, serviceTarget: 0.95, serviceType: "cycle" },
      null,
    );
    const rec = planPolicy({
      ...fast,
      meanDailyDemand: 1,
      dailyErrorSd: 1,
      item: item.params,
      defaulted: item.defaulted,
      cv: 1,
    });
    expect(rec.distribution.kind).toBe("poisson");
    expect(rec.reorderPoint.value).toBe(8); // R: qpois(0.95, 4)
    expect(rec.safetyStock.value).toBe(4);
  });

  it("lumpy items are bootstrapped, deterministically", () => {
    const rng = createRng(2);
    const h = new Float64Array(200);
    for (let i = 0; i < h.length; i++) h[i] = rng.next() < 0.2 ? 1 + rng.int(40) : 0;
    const input = {
      ...fast,
      meanDailyDemand: 4,
      dailyErrorSd: 9,
      history: h,
      pattern: "lumpy" as const,
      cv: 2.5,
    };
    const a = planPolicy(input);
    const b = planPolicy(input);
    expect(a.distribution.kind).toBe("empirical");
    expect(a.reorderPoint.value).toBe(b.reorderPoint.value);
    expect(a.readiness).toBe("buffered");
  });

  it("zero demand gives a zero policy without throwing", () => {
    const rec = planPolicy({
      ...fast,
      meanDailyDemand: 0,
      dailyErrorSd: 0,
      pattern: "no_demand",
      mape: null,
    });
    expect(rec.reorderPoint.value).toBe(0);
    expect(rec.orderQuantity.value).toBe(0);
    expect(rec.kanbanCards.value).toBe(0);
    expect(rec.readiness).toBe("buffered");
  });

  it("zero unit cost: Q = d × review period, then MOQ/multiple", () => {
    const item = resolveItem({ unitCost: 0, moq: 50, orderMultiple: 10 }, null);
    const rec = planPolicy({ ...fast, item: item.params, defaulted: item.defaulted });
    expect(rec.orderQuantity.value).toBe(140);
  });
});
