import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReplenishmentRule } from "../policy/rule.js";
import { simulate } from "./simulate.js";
import type { SimulateOptions, SimulationTrace } from "./types.js";

const f64 = (xs: readonly number[]): Float64Array => Float64Array.from(xs);
const arr = (a: Float64Array): number[] => Array.from(a);

/** Every case below is worked by hand in the comments, day by day (docs/simulation.md sequence). */
describe("simulate: hand-checked tiny cases", () => {
  it("(r, Q) with backorders: a stockout, a late fill, cycles and costs", () => {
    // r = 5, Q = 10, L = 2, on hand 8. Demand 3 4 6 9 5 0.
    // d0: OH 8−3 = 5; IP 5 ≤ 5 → order 10 (arrives start of d2).
    // d1: OH 1; IP 11.
    // d2: +10 → 11; −6 → 5; IP 5 → order 10 (arrives d4).
    // d3: serve 5 of 9, 4 backordered; OH 0; IP 0 + 10 − 4 = 6 > 5: no order. Stockout day.
    // d4: +10 → 10; 4 backorders served late → 6; −5 → 1; IP 1 → order 10 (arrives d6, after the end).
    // d5: OH 1.
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 5, orderQuantity: 10 };
    const r = simulate(f64([3, 4, 6, 9, 5, 0]), rule, {
      leadTime: 2,
      initialOnHand: 8,
      trace: true,
      unitCost: 2,
      holdingCostRate: 0.365,
      orderingCost: 7,
      shortageCostPerUnit: 3,
    });
    const tr = r.trace!;
    expect(arr(tr.onHand)).toEqual([5, 1, 5, 0, 1, 1]);
    expect(arr(tr.backorders)).toEqual([0, 0, 0, 4, 0, 0]);
    expect(arr(tr.ordersPlaced)).toEqual([10, 0, 10, 0, 10, 0]);
    expect(arr(tr.receipts)).toEqual([0, 0, 10, 0, 10, 0]);
    expect(arr(tr.onOrder)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(arr(tr.servedLate)).toEqual([0, 0, 0, 0, 4, 0]);
    expect(r.totalDemand).toBe(27);
    expect(r.servedFromStock).toBe(23);
    expect(r.servedLate).toBe(4);
    expect(r.fillRate).toBeCloseTo(23 / 27, 12);
    expect(r.stockoutDays).toBe(1);
    expect(r.stockoutEpisodes).toBe(1);
    expect(r.meanStockoutEpisodeDays).toBe(1);
    // Cycles: d0–d1 (initial stock), d2–d3 (stockout), d4–d5.
    expect(r.cycles).toBe(3);
    expect(r.cyclesWithStockout).toBe(1);
    expect(r.cycleServiceLevel).toBeCloseTo(2 / 3, 12);
    expect(r.orders).toBe(3);
    expect(r.averageOnHand).toBeCloseTo(13 / 6, 12);
    expect(r.averageOnHandValue).toBeCloseTo(26 / 6, 12);
    // 27 units over 6 days = 4.5 a day; turns = 4.5 × 365 ÷ (13/6); days of inventory = (13/6) ÷ 4.5.
    expect(r.inventoryTurns).toBeCloseTo((4.5 * 365) / (13 / 6), 9);
    expect(r.daysOfInventory).toBeCloseTo(13 / 6 / 4.5, 12);
    // Holding: 13 unit-days × 2 × 0.365 ÷ 365 = 0.026; ordering 3 × 7; shortage 4 × 3.
    expect(r.holdingCost).toBeCloseTo(0.026, 12);
    expect(r.orderingCost).toBe(21);
    expect(r.shortageCost).toBe(12);
    expect(r.totalCost).toBeCloseTo(33.026, 12);
    expect(r.final.onHand).toBe(1);
    expect(r.final.pipeline[0]).toBe(10); // the d4 order arrives on day 6 = the next day
    expect(r.meanLeadTimeDays).toBe(2);
  });

  it("(r, Q) with lost sales", () => {
    // Same data. d3: 4 units lost, IP 0 + 10 = 10 > 5: no order. d4: +10 → 10; −5 → 5; IP 5 → order.
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 5, orderQuantity: 10 };
    const r = simulate(f64([3, 4, 6, 9, 5, 0]), rule, {
      leadTime: 2,
      initialOnHand: 8,
      unmetDemand: "lost_sales",
      trace: true,
    });
    expect(arr(r.trace!.onHand)).toEqual([5, 1, 5, 0, 5, 5]);
    expect(arr(r.trace!.ordersPlaced)).toEqual([10, 0, 10, 0, 10, 0]);
    expect(arr(r.trace!.backorders)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.lostSales).toBe(4);
    expect(r.servedLate).toBe(0);
    expect(r.fillRate).toBeCloseTo(23 / 27, 12);
    expect(r.stockoutDays).toBe(1);
  });

  it("(r, Q) orders enough multiples of Q to lift IP above r", () => {
    // r = 10, Q = 4, on hand 12, demand 9: IP 3 → n = ⌊(10 − 3)/4⌋ + 1 = 2 → 8 units (IP 11 > 10).
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 10, orderQuantity: 4 };
    const r = simulate(f64([9]), rule, { leadTime: 3, initialOnHand: 12, trace: true });
    expect(r.trace!.ordersPlaced[0]).toBe(8);
    expect(arr(r.final.pipeline)).toEqual([0, 0, 8, 0]); // received at the start of day 3
  });

  it("min–max with MOQ and order multiple", () => {
    // min 4, max 12, L = 1, on hand 6, MOQ 5, multiple 5. Demand 3 2 8 1.
    // d0: OH 3; IP 3 ≤ 4 → raw 9 → MOQ ok → round up to 10 (arrives d1).
    // d1: +10 → 13; −2 → 11. d2: −8 → 3 → raw 9 → 10 (arrives d3). d3: +10 → 13; −1 → 12.
    const r = simulate(
      f64([3, 2, 8, 1]),
      { kind: "min_max", min: 4, max: 12 },
      { leadTime: 1, initialOnHand: 6, constraints: { moq: 5, orderMultiple: 5 }, trace: true },
    );
    expect(arr(r.trace!.ordersPlaced)).toEqual([10, 0, 10, 0]);
    expect(arr(r.trace!.onHand)).toEqual([3, 11, 3, 12]);
    expect(r.fillRate).toBe(1);
    expect(r.cycles).toBe(3); // d0, d1–d2, d3
  });

  it("periodic (R, S) reviews on its calendar; backorders served before today's demand", () => {
    // R = 3, offset 1 (reviews at the end of d1, d4), S = 20, L = 2, on hand 10, demand 4 a day.
    // d0: 6. d1: 2; review IP 2 → 18 (arrives d3). d2: 2 served, 2 backordered.
    // d3: +18 → 18; 2 late → 16; −4 → 12. d4: 8; review → 12 (arrives d6). d5: 4. d6: +12 → 16; −4 → 12.
    const rule: ReplenishmentRule = {
      kind: "periodic",
      reviewPeriodDays: 3,
      reviewOffsetDays: 1,
      orderUpTo: 20,
    };
    const demand = f64([4, 4, 4, 4, 4, 4, 4]);
    const r = simulate(demand, rule, { leadTime: 2, initialOnHand: 10, trace: true });
    expect(arr(r.trace!.ordersPlaced)).toEqual([0, 18, 0, 0, 12, 0, 0]);
    expect(arr(r.trace!.onHand)).toEqual([6, 2, 0, 12, 8, 4, 12]);
    expect(arr(r.trace!.servedLate)).toEqual([0, 0, 0, 2, 0, 0, 0]);
    expect(r.fillRate).toBeCloseTo(26 / 28, 12);
    expect(r.stockoutDays).toBe(1);
    expect(r.cycles).toBe(3);
    expect(r.cyclesWithStockout).toBe(1);
    // firstDay shifts the calendar: demand[0] is calendar day 1, so reviews fall on indices 0, 3, 6.
    const shifted = simulate(demand, rule, { leadTime: 2, initialOnHand: 10, trace: true, firstDay: 1 });
    expect(arr(shifted.trace!.ordersPlaced)).toEqual([14, 0, 0, 12, 0, 0, 12]);
  });

  it("kanban: one card per emptied container, never more cards out than N", () => {
    // N = 3, C = 10, L = 2, starts full (30). Demand 4 7 12 5 9 3.
    // d0: 26 (3 containers). d1: 19 → 2 containers → 1 card → order 10 (d3). d2: 7 → 1 + 1 out → order 10 (d4).
    // d3: +10 → 17; −5 → 12 → 2 + 1 = 3. d4: +10 → 22; −9 → 13 → 2 + 0 → order 10. d5: 10 → 1 + 1 → order 10.
    const r = simulate(
      f64([4, 7, 12, 5, 9, 3]),
      { kind: "kanban", cards: 3, containerSize: 10 },
      {
        leadTime: 2,
        trace: true,
      },
    );
    expect(arr(r.trace!.ordersPlaced)).toEqual([0, 10, 10, 0, 10, 10]);
    expect(arr(r.trace!.onHand)).toEqual([26, 19, 7, 12, 13, 10]);
  });

  it("kanban with backorders: cards stay capped while customers wait", () => {
    // N = 2, C = 5, L = 3, on hand 10. Demand 6 6 6 0 0 0.
    // d0: 4 → 1 container → order 5 (d3). d1: 4 served, 2 backordered → 0 + 1 → order 5 (d4).
    // d2: 8 backordered; both cards out: no order (an IP rule would order again).
    // d3: +5 → 5 late, 3 still owed → card back → order 5 (d6). d4: +5 → 3 late → OH 2. d5: OH 2.
    const r = simulate(
      f64([6, 6, 6, 0, 0, 0]),
      { kind: "kanban", cards: 2, containerSize: 5 },
      {
        leadTime: 3,
        trace: true,
      },
    );
    expect(arr(r.trace!.ordersPlaced)).toEqual([5, 5, 0, 5, 0, 0]);
    expect(arr(r.trace!.backorders)).toEqual([0, 2, 8, 3, 0, 0]);
    expect(arr(r.trace!.onHand)).toEqual([4, 0, 0, 0, 2, 2]);
    // From stock: 6 on d0 + 4 on d1; late: 5 on d3 + 3 on d4.
    expect(r.servedFromStock).toBe(10);
    expect(r.servedLate).toBe(8);
    expect(r.fillRate).toBeCloseTo(10 / 18, 12);
    expect(r.stockoutDays).toBe(3);
    expect(r.stockoutEpisodes).toBe(1);
    expect(r.meanStockoutEpisodeDays).toBe(3);
  });

  it("DDMRP: order to top of green when net flow ≤ top of yellow; known spikes qualify ahead", () => {
    const rule: ReplenishmentRule = {
      kind: "ddmrp",
      topOfRed: 5,
      topOfYellow: 12,
      topOfGreen: 20,
      spikeThreshold: 8,
      spikeHorizonDays: 3,
    };
    const demand = f64([4, 2, 10, 1, 3]);
    // Replay (no order book): d0: 11 → NFP 11 ≤ 12 → order 9 (d2). d1: 9; NFP 18.
    // d2: +9 → 18; −10 → 8 → order 12 (d4). d3: 7; NFP 19. d4: +12 → 19; −3 → 16.
    const blind = simulate(demand, rule, { leadTime: 2, initialOnHand: 15, trace: true });
    expect(arr(blind.trace!.ordersPlaced)).toEqual([9, 0, 12, 0, 0]);
    // With the order book: d0 window (0, 3] holds the spike 10 > 8 → NFP 11 − 10 = 1 → order 19.
    // d1: window (1, 4] still holds it: NFP 9 + 19 − 10 = 18. d2: +19 → 28; −10 → 18; window (2, 5] clear.
    const seeing = simulate(demand, rule, {
      leadTime: 2,
      initialOnHand: 15,
      trace: true,
      knownOrders: demand,
    });
    expect(arr(seeing.trace!.ordersPlaced)).toEqual([19, 0, 0, 0, 0]);
    expect(arr(seeing.trace!.onHand)).toEqual([11, 9, 18, 17, 14]);
  });

  it("default initial on hand is the rule's top level", () => {
    const none = f64([0]);
    const onHand = (rule: ReplenishmentRule): number => simulate(none, rule, { leadTime: 1 }).final.onHand;
    expect(onHand({ kind: "reorder_point", reorderPoint: 7, orderQuantity: 5 })).toBe(12);
    expect(onHand({ kind: "min_max", min: 3, max: 9 })).toBe(9);
    expect(onHand({ kind: "periodic", reviewPeriodDays: 7, reviewOffsetDays: 0, orderUpTo: 40 })).toBe(40);
    expect(onHand({ kind: "kanban", cards: 4, containerSize: 6 })).toBe(24);
    expect(
      onHand({
        kind: "ddmrp",
        topOfRed: 1,
        topOfYellow: 2,
        topOfGreen: 30,
        spikeThreshold: 9,
        spikeHorizonDays: 1,
      }),
    ).toBe(30);
  });

  it("initial pipeline and backorders are honoured", () => {
    // On hand 0, 3 backordered, 5 arriving on day 1. d0: demand 1 → 4 owed. d1: +5 → 4 late → 1; demand 1 → 0.
    const r = simulate(
      f64([1, 1]),
      { kind: "min_max", min: -100, max: 0 },
      { leadTime: 1, initialOnHand: 0, initialBackorders: 3, initialPipeline: f64([0, 5]), trace: true },
    );
    expect(arr(r.trace!.backorders)).toEqual([4, 0]);
    expect(arr(r.trace!.onHand)).toEqual([0, 0]);
    expect(r.servedLate).toBe(4);
    expect(r.fillRate).toBeCloseTo(0.5, 12);
  });

  it("lead times are whole days ≥ 1; a sample of one value equals that fixed lead time", () => {
    const demand = f64([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9]);
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 8, orderQuantity: 6 };
    const fixed = simulate(demand, rule, { leadTime: 3, trace: true });
    const sampled = simulate(demand, rule, { leadTime: f64([3]), trace: true });
    const rounded = simulate(demand, rule, { leadTime: 2.6, trace: true });
    expect(arr(sampled.trace!.onHand)).toEqual(arr(fixed.trace!.onHand));
    expect(arr(rounded.trace!.onHand)).toEqual(arr(fixed.trace!.onHand));
    const zero = simulate(demand, rule, { leadTime: 0, trace: true });
    const one = simulate(demand, rule, { leadTime: 1, trace: true });
    expect(arr(zero.trace!.onHand)).toEqual(arr(one.trace!.onHand));
  });

  it("sampled lead times are drawn per order from the sample, reproducibly by seed", () => {
    const demand = new Float64Array(20_000).fill(2);
    const rule: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 20, orderQuantity: 4 };
    const opts: SimulateOptions = { leadTime: f64([2, 6]), seed: 42, trace: true };
    const a = simulate(demand, rule, opts);
    const b = simulate(demand, rule, opts);
    expect(arr(a.trace!.onHand)).toEqual(arr(b.trace!.onHand));
    // About 10 000 orders, each lead time 2 or 6 with probability 1/2: mean 4 ± 3·2/√10 000.
    expect(a.orders).toBeGreaterThan(9000);
    expect(Math.abs(a.meanLeadTimeDays - 4)).toBeLessThan(0.06);
    // Every order is received exactly 2 or 6 days later: reconstruct arrivals from the trace.
    const placed = a.trace!.ordersPlaced;
    const rec = a.trace!.receipts;
    let mismatch = 0;
    for (let t = 0; t < demand.length; t++) {
      if (placed[t]! > 0 && t + 6 < demand.length) {
        // quantities are all 4 and lead times 2 or 6: a receipt of ≥ 4 must exist at t+2 or t+6
        if (!(rec[t + 2]! >= 4 || rec[t + 6]! >= 4)) mismatch++;
      }
    }
    expect(mismatch).toBe(0);
    const c = simulate(demand, rule, { ...opts, seed: 43 });
    expect(c.meanLeadTimeDays).not.toBe(a.meanLeadTimeDays);
  });

  it("rejects invalid input", () => {
    const rop: ReplenishmentRule = { kind: "reorder_point", reorderPoint: 1, orderQuantity: 2 };
    expect(() => simulate(f64([1, -1]), rop, { leadTime: 1 })).toThrow(RangeError);
    expect(() => simulate(f64([Number.NaN]), rop, { leadTime: 1 })).toThrow(RangeError);
    expect(() =>
      simulate(f64([1]), { kind: "reorder_point", reorderPoint: 1, orderQuantity: 0 }, { leadTime: 1 }),
    ).toThrow(RangeError);
    expect(() => simulate(f64([1]), rop, { leadTime: new Float64Array(0) })).toThrow(RangeError);
    expect(() => simulate(f64([1]), rop, { leadTime: -1 })).toThrow(RangeError);
    expect(() =>
      simulate(
        f64([1]),
        { kind: "periodic", reviewPeriodDays: 0, reviewOffsetDays: 0, orderUpTo: 1 },
        { leadTime: 1 },
      ),
    ).toThrow(RangeError);
  });

  it("empty demand gives NaN ratios and zero counts", () => {
    const r = simulate(new Float64Array(0), { kind: "min_max", min: 1, max: 2 }, { leadTime: 1 });
    expect(r.days).toBe(0);
    expect(r.fillRate).toBeNaN();
    expect(r.orders).toBe(0);
    expect(r.cycles).toBe(0);
  });
});

const ruleArb: fc.Arbitrary<ReplenishmentRule> = fc.oneof(
  fc
    .record({ r: fc.integer({ min: -5, max: 40 }), q: fc.integer({ min: 1, max: 30 }) })
    .map(({ r, q }): ReplenishmentRule => ({ kind: "reorder_point", reorderPoint: r, orderQuantity: q })),
  fc
    .record({ s: fc.integer({ min: -5, max: 40 }), gap: fc.integer({ min: 1, max: 30 }) })
    .map(({ s, gap }): ReplenishmentRule => ({ kind: "min_max", min: s, max: s + gap })),
  fc
    .record({
      R: fc.integer({ min: 1, max: 10 }),
      off: fc.integer({ min: 0, max: 9 }),
      S: fc.integer({ min: 0, max: 80 }),
    })
    .map(
      ({ R, off, S }): ReplenishmentRule => ({
        kind: "periodic",
        reviewPeriodDays: R,
        reviewOffsetDays: off,
        orderUpTo: S,
      }),
    ),
  fc
    .record({ n: fc.integer({ min: 0, max: 8 }), c: fc.integer({ min: 1, max: 12 }) })
    .map(({ n, c }): ReplenishmentRule => ({ kind: "kanban", cards: n, containerSize: c })),
  fc
    .record({
      red: fc.integer({ min: 0, max: 20 }),
      yellow: fc.integer({ min: 0, max: 20 }),
      green: fc.integer({ min: 1, max: 20 }),
      thr: fc.integer({ min: 0, max: 25 }),
      h: fc.integer({ min: 0, max: 6 }),
    })
    .map(
      ({ red, yellow, green, thr, h }): ReplenishmentRule => ({
        kind: "ddmrp",
        topOfRed: red,
        topOfYellow: red + yellow,
        topOfGreen: red + yellow + green,
        spikeThreshold: thr,
        spikeHorizonDays: h,
      }),
    ),
);

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

describe("simulate: conservation every day (property)", () => {
  it("on hand, backorders and pipeline balance daily for every rule, mode and lead-time model", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 15, noNaN: true })), {
          minLength: 1,
          maxLength: 80,
        }),
        ruleArb,
        fc.oneof(
          fc.integer({ min: 0, max: 8 }),
          fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 5 }),
        ),
        fc.boolean(),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        (demandList, rule, lt, lost, initialOnHand, moq, withKnown) => {
          const demand = Float64Array.from(demandList);
          const options: SimulateOptions = {
            leadTime: typeof lt === "number" ? lt : Float64Array.from(lt),
            seed: demandList.length,
            unmetDemand: lost ? "lost_sales" : "backorder",
            initialOnHand,
            constraints: { moq, orderMultiple: 1 + (moq % 3) },
            trace: true,
            ...(withKnown ? { knownOrders: demand } : {}),
          };
          const r = simulate(demand, rule, options);
          const tr: SimulationTrace = r.trace!;
          const tol = 1e-7;
          let prevOnHand = initialOnHand;
          let prevBackorders = 0;
          let prevOnOrder = 0;
          for (let t = 0; t < demand.length; t++) {
            const served = tr.servedFromStock[t]! + tr.servedLate[t]!;
            // start on hand + receipts − served = end on hand
            expect(Math.abs(prevOnHand + tr.receipts[t]! - served - tr.onHand[t]!)).toBeLessThan(tol);
            // demand = served from stock + short (new backorders or lost)
            expect(Math.abs(demand[t]! - tr.servedFromStock[t]! - tr.short[t]!)).toBeLessThan(tol);
            const expectedBackorders = lost ? 0 : prevBackorders + tr.short[t]! - tr.servedLate[t]!;
            expect(Math.abs(expectedBackorders - tr.backorders[t]!)).toBeLessThan(tol);
            expect(
              Math.abs(prevOnOrder + tr.ordersPlaced[t]! - tr.receipts[t]! - tr.onOrder[t]!),
            ).toBeLessThan(tol);
            expect(tr.onHand[t]!).toBeGreaterThanOrEqual(0);
            expect(tr.backorders[t]!).toBeGreaterThanOrEqual(0);
            // Stock and backorders never coexist at the end of a day.
            expect(tr.onHand[t]! > tol && tr.backorders[t]! > tol).toBe(false);
            const ip = tr.onHand[t]! + tr.onOrder[t]! - tr.backorders[t]!;
            if (rule.kind === "reorder_point") expect(ip).toBeGreaterThan(rule.reorderPoint);
            if (rule.kind === "min_max") expect(ip).toBeGreaterThan(rule.min);
            if (rule.kind === "kanban") {
              const c = rule.containerSize;
              const inUse = Math.ceil(tr.onHand[t]! / c - 1e-9) + Math.ceil(tr.onOrder[t]! / c - 1e-9);
              expect(inUse).toBeLessThanOrEqual(Math.max(rule.cards, Math.ceil(initialOnHand / c - 1e-9)));
            } else if (tr.ordersPlaced[t]! > 0) {
              expect(tr.ordersPlaced[t]!).toBeGreaterThanOrEqual(moq);
            }
            prevOnHand = tr.onHand[t]!;
            prevBackorders = tr.backorders[t]!;
            prevOnOrder = tr.onOrder[t]!;
          }
          // Totals agree with the trace and nothing is created or destroyed.
          expect(Math.abs(r.servedFromStock + r.shortageUnits - r.totalDemand)).toBeLessThan(tol);
          expect(Math.abs(sum(tr.ordersPlaced) - sum(tr.receipts) - sum(r.final.pipeline))).toBeLessThan(tol);
          expect(Math.abs(initialOnHand + r.unitsReceived - r.unitsConsumed - r.final.onHand)).toBeLessThan(
            tol,
          );
          expect(Math.abs(r.shortageUnits - r.servedLate - r.lostSales - r.backordersAtEnd)).toBeLessThan(
            tol,
          );
          if (r.totalDemand > 0) {
            expect(r.fillRate).toBeGreaterThanOrEqual(0);
            expect(r.fillRate).toBeLessThanOrEqual(1);
          } else expect(r.fillRate).toBeNaN();
          expect(r.cyclesWithStockout).toBeLessThanOrEqual(r.cycles);
          expect(r.stockoutEpisodes).toBeLessThanOrEqual(r.stockoutDays);
        },
      ),
      { numRuns: 400, seed: 20240611 },
    );
  });
});
