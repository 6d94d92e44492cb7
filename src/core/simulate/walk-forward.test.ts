import { describe, expect, it } from "vitest";
import type { ReplenishmentRule } from "../policy/rule.js";
import { createRng } from "../random.js";
import { simulate } from "./simulate.js";
import { walkForward } from "./walk-forward.js";

const f64 = (xs: readonly number[]): Float64Array => Float64Array.from(xs);
const arr = (a: Float64Array): number[] => Array.from(a);

function noisyDemand(days: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(days);
  for (let t = 0; t < days; t++) out[t] = rng.int(9);
  return out;
}

/** Reorder point = 4 × mean of the last 28 days seen, Q = 10 (a toy planner). */
function meanPlanner(past: Float64Array): ReplenishmentRule {
  const from = Math.max(0, past.length - 28);
  let s = 0;
  for (let i = from; i < past.length; i++) s += past[i]!;
  const mean = past.length > from ? s / (past.length - from) : 0;
  return { kind: "reorder_point", reorderPoint: Math.round(4 * mean), orderQuantity: 10 };
}

describe("walkForward", () => {
  it("never shows the planner a day at or after the plan day", () => {
    // History whose values encode their own index: past[i] must equal i for every i the planner sees.
    const n = 200;
    const history = new Float64Array(n);
    for (let i = 0; i < n; i++) history[i] = i;
    const seen: { length: number; bufferDays: number; last: number; prefixOk: boolean }[] = [];
    const out = walkForward(
      history,
      120,
      (past) => {
        let prefixOk = true;
        for (let i = 0; i < past.length; i++) if (past[i] !== i) prefixOk = false;
        seen.push({
          length: past.length,
          bufferDays: past.buffer.byteLength / 8,
          last: past[past.length - 1]!,
          prefixOk,
        });
        return { kind: "min_max", min: 50, max: 400 };
      },
      { leadTime: 3, replanEveryDays: 25 },
    );
    expect(out.plans.map((p) => p.day)).toEqual([120, 145, 170, 195]);
    expect(seen.map((s) => s.length)).toEqual([120, 145, 170, 195]);
    // A copy, not a view: the underlying buffer holds no future day either.
    expect(seen.map((s) => s.bufferDays)).toEqual([120, 145, 170, 195]);
    expect(seen.map((s) => s.last)).toEqual([119, 144, 169, 194]);
    expect(seen.every((s) => s.prefixOk)).toBe(true);
    expect(out.result.days).toBe(80);
  });

  it("with a constant plan equals one replay of the days after the cut (state carries over)", () => {
    const history = noisyDemand(400, 5);
    const rule: ReplenishmentRule = {
      kind: "periodic",
      reviewPeriodDays: 6,
      reviewOffsetDays: 2,
      orderUpTo: 40,
    };
    const opts = { leadTime: f64([2, 3, 5, 8]), seed: 11, trace: true } as const;
    const wf = walkForward(history, 150, () => rule, { ...opts, replanEveryDays: 7 });
    // The periodic calendar follows the history index: the tail replay starts on calendar day 150.
    const one = simulate(history.subarray(150), rule, { ...opts, firstDay: 150 });
    expect(wf.plans.length).toBe(Math.ceil(250 / 7));
    expect(arr(wf.result.trace!.onHand)).toEqual(arr(one.trace!.onHand));
    expect(arr(wf.result.trace!.ordersPlaced)).toEqual(arr(one.trace!.ordersPlaced));
    expect(wf.result.fillRate).toBe(one.fillRate);
    expect(wf.result.cycles).toBe(one.cycles);
    expect(wf.result.stockoutEpisodes).toBe(one.stockoutEpisodes);
  });

  it("open orders placed under an old plan still arrive after a re-plan", () => {
    // Day 3 (cut): (r, Q) = (10, 5) with 10 on hand, demand 2 → IP 8 → order 5 (L = 3, due day 6).
    // From day 4 a plan that never orders; the receipt still lands on day 6.
    const history = f64([1, 1, 1, 2, 2, 2, 2, 2]);
    let calls = 0;
    const out = walkForward(
      history,
      3,
      (): ReplenishmentRule => {
        calls++;
        return calls === 1
          ? { kind: "reorder_point", reorderPoint: 10, orderQuantity: 5 }
          : { kind: "min_max", min: -1000, max: -1000 };
      },
      { leadTime: 3, replanEveryDays: 1, initialOnHand: 10, trace: true },
    );
    expect(arr(out.result.trace!.ordersPlaced)).toEqual([5, 0, 0, 0, 0]);
    expect(arr(out.result.trace!.receipts)).toEqual([0, 0, 0, 5, 0]);
    expect(arr(out.result.trace!.onHand)).toEqual([8, 6, 4, 7, 5]);
  });

  it("re-plans follow the data: a demand step raises the reorder point", () => {
    const history = new Float64Array(300);
    for (let t = 0; t < 300; t++) history[t] = t < 200 ? 2 : 6;
    const out = walkForward(history, 150, meanPlanner, { leadTime: 4, replanEveryDays: 30 });
    const points = out.plans.map((p) => (p.rule.kind === "reorder_point" ? p.rule.reorderPoint : Number.NaN));
    // Plans on days 150, 180 see only 2s; 210 sees 10 days of 6; 240 onwards sees only 6s.
    expect(points).toEqual([8, 8, Math.round(4 * ((18 * 2 + 10 * 6) / 28)), 24, 24]);
  });

  it("rejects a bad cut or cadence", () => {
    const h = f64([1, 2, 3]);
    const plan = (): ReplenishmentRule => ({ kind: "min_max", min: 1, max: 3 });
    expect(() => walkForward(h, 4, plan, { leadTime: 1 })).toThrow(RangeError);
    expect(() => walkForward(h, 1, plan, { leadTime: 1, replanEveryDays: 0 })).toThrow(RangeError);
    expect(walkForward(h, 3, plan, { leadTime: 1 }).result.days).toBe(0);
  });
});
