import type { ItemParams } from "../core/item.js";
import type { Rng } from "../core/random.js";
import type { SampledOrders } from "./demand-profile.js";
import { binomial, chance } from "./sampling.js";
import { type DemoSupplier, deliveryOffset, EXPEDITE, expeditedLeadTimeDays } from "./suppliers.js";

/**
 * The operational history behind the demo: a daily (s, S) replenishment loop per SKU × location with
 * lost sales, run against the true demand and the supplier's true delivery behaviour.
 *
 * Each day: receipts arriving that day are put away (rejected units are not); demand is served from
 * stock (customer orders in arrival order; what stock cannot cover is lost); on review days (every
 * day when the review period is 1, else Mondays) the planner orders S − IP when the inventory
 * position IP = on hand + on order falls to or below the reorder point s, where
 *   s = d̂·(L + R) + z·√((L + R)·σ̂² + d̂²·σ_L²)   (Silver, Pyke & Thomas 2017, §6.7.6),
 *   S = s + max(EOQ, MOQ),   EOQ = √(2·365·d̂·K / (h·c))   (Harris 1913),
 * rounded up to the order multiple; d̂ and σ̂² are exponentially weighted (α = 0.1) mean and variance
 * of daily sales on days without a stockout, L, σ_L, R, K, h, c the planner's items-master values and
 * z the standard normal quantile of the service target. When stock runs out and no open order is due
 * within the expedited lead time, an expedited (air) order covers the gap.
 */
export interface ReplenishInput {
  readonly rng: Rng;
  /** First day of the series (epoch day). */
  readonly start: number;
  /** Last day of the history (epoch day). */
  readonly endDay: number;
  /** True demand per day from `start`, units. */
  readonly demand: Int32Array;
  /** The individual customer orders behind `demand`, when they are to be recorded. */
  readonly orders: SampledOrders | null;
  /** The planner's parameters (items master with defaults). */
  readonly params: ItemParams;
  readonly supplier: DemoSupplier;
  /** The planner's opening estimate of mean daily demand (units/day) and its variance (units²/day). */
  readonly priorMean: number;
  readonly priorVariance: number;
}

/** A purchase-order line before it gets its id. Field meanings as PurchaseOrderLine (src/core/supplier). */
export interface SimPurchaseOrder {
  readonly qtyOrdered: number;
  readonly orderDay: number;
  readonly promisedDay: number;
  readonly asnDay: number | null;
  readonly asnQty: number | null;
  readonly receivedDay: number | null;
  readonly qtyReceived: number;
  readonly qtyRejected: number;
  readonly mode: string;
  readonly freightCost: number;
  readonly expedited: boolean;
}

/** A customer order line before it gets its id. */
export interface SimCustomerOrder {
  readonly day: number;
  readonly qty: number;
  readonly qtyShipped: number;
  readonly shipDay: number | null;
  readonly promisedDay: number;
}

export interface ReplenishResult {
  /** Units sold per day from `start` (≤ demand). */
  readonly sales: Int32Array;
  /** Stock on hand at the end of each day, units. */
  readonly onHand: Int32Array;
  readonly purchaseOrders: readonly SimPurchaseOrder[];
  readonly customerOrders: readonly SimCustomerOrder[];
  /** Units on hand before the first day (opening stock), units. */
  readonly openingStock: number;
  /**
   * The reorder point in force at the end of the history: s from the planner's latest estimates,
   * rounded up to whole units (what the next review would compare the position with).
   */
  readonly reorderPoint: number;
}

/**
 * Standard normal quantiles Φ⁻¹(p) of the service targets the demo uses (values of R's qnorm,
 * checked in the test by integrating the normal density).
 */
export const SERVICE_Z: Readonly<Record<string, number>> = {
  "0.9": 1.2815515655446004,
  "0.95": 1.6448536269514722,
  "0.97": 1.8807936081512509,
  "0.98": 2.0537489106318225,
  "0.99": 2.3263478740408408,
};

/** z for a service target; throws for a target not in SERVICE_Z. */
export function serviceZ(target: number): number {
  const z = SERVICE_Z[String(target)];
  if (z === undefined) throw new RangeError(`no z tabulated for service target ${target}`);
  return z;
}

/** Rounds a quantity up to the order multiple and to at least the MOQ (units). */
export function roundOrder(qty: number, moq: number, multiple: number): number {
  const m = Math.max(1, multiple);
  let q = Math.ceil(Math.max(qty, moq, 1) / m) * m;
  if (q < moq) q += m;
  return q;
}

const EWMA_ALPHA = 0.1;

/** Runs the loop for one SKU × location. Pure given the input's generator. */
export function replenish(input: ReplenishInput): ReplenishResult {
  const { rng, start, endDay, demand, orders, params, supplier } = input;
  const n = demand.length;
  const sales = new Int32Array(n);
  const onHandByDay = new Int32Array(n);
  const pos: SimPurchaseOrder[] = [];
  const cos: SimCustomerOrder[] = [];
  // Open supply: arrival day, accepted units, ordered units.
  const open: { arrival: number; accepted: number; ordered: number; promised: number; expedited: boolean }[] =
    [];
  const L = params.leadTimeDays;
  const R = Math.max(1, params.reviewPeriodDays);
  const z = serviceZ(params.serviceTarget);
  const holdPerUnitYear = Math.max(1e-9, params.holdingCostRate * params.unitCost);
  const expLead = expeditedLeadTimeDays(supplier);
  let mean = input.priorMean;
  let variance = input.priorVariance;
  const reorderPoint = () =>
    mean * (L + R) + z * Math.sqrt((L + R) * variance + mean * mean * params.leadTimeSdDays ** 2);
  const lotSize = () =>
    Math.max(Math.sqrt((2 * 365 * mean * params.orderingCost) / holdPerUnitYear), params.moq);
  let onHand = Math.round(reorderPoint() + lotSize() / 2);
  const openingStock = onHand;
  let lastExpedite = Number.NEGATIVE_INFINITY;

  const place = (t: number, qty: number, expedited: boolean) => {
    const b = supplier.behaviour;
    const quoted = expedited ? expLead : supplier.quotedLeadTimeDays;
    const promised = t + quoted;
    const offset = expedited
      ? deliveryOffset(rng, EXPEDITE.onTimeProb, 0, 2)
      : deliveryOffset(rng, b.onTimeProb, b.earlyMissShare, b.lateMeanDays);
    const arrival = Math.max(t + 1, promised + offset);
    const shipped = chance(rng, b.shortShipProb)
      ? Math.max(1, Math.floor(qty * (0.5 + 0.45 * rng.next())))
      : qty;
    const rejected = binomial(rng, shipped, b.rejectionRate);
    let asnDay: number | null = null;
    let asnQty: number | null = null;
    if (chance(rng, b.asnSendProb) && arrival - b.asnNoticeDays <= endDay) {
      asnDay = arrival;
      asnQty = shipped;
      if (!chance(rng, b.asnAccuracyProb)) {
        if (chance(rng, 0.5)) asnDay = arrival - 1 - rng.int(3);
        else asnQty = shipped < qty ? qty : shipped + Math.max(1, Math.round(0.1 * shipped));
      }
    }
    const received = arrival <= endDay;
    const freight =
      Math.round(
        (b.freightFixed + b.freightRate * qty * params.unitCost) *
          (expedited ? EXPEDITE.freightMultiplier : 1) *
          100,
      ) / 100;
    pos.push({
      qtyOrdered: qty,
      orderDay: t,
      promisedDay: promised,
      asnDay,
      asnQty,
      receivedDay: received ? arrival : null,
      qtyReceived: received ? shipped : 0,
      qtyRejected: received ? rejected : 0,
      mode: expedited ? EXPEDITE.mode : supplier.mode,
      freightCost: freight,
      expedited,
    });
    open.push({ arrival, accepted: shipped - rejected, ordered: qty, promised, expedited });
  };

  for (let i = 0; i < n; i++) {
    const t = start + i;
    // 1. Receipts.
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k]!.arrival === t) {
        onHand += open[k]!.accepted;
        open.splice(k, 1);
      }
    }
    // 2. Demand.
    const d = demand[i]!;
    let served: number;
    if (orders !== null) {
      served = 0;
      for (let j = orders.offsets[i]!; j < orders.offsets[i + 1]!; j++) {
        const q = orders.sizes[j]!;
        const shipped = Math.min(q, onHand);
        onHand -= shipped;
        served += shipped;
        const u = rng.next();
        const promisedDay = t + (u < 0.3 ? 0 : u < 0.8 ? 1 : 2);
        const v = rng.next();
        const shipDay = shipped === 0 ? null : t + (v < 0.8 ? 0 : v < 0.95 ? 1 : 2 + rng.int(2));
        cos.push({ day: t, qty: q, qtyShipped: shipped, shipDay, promisedDay });
      }
    } else {
      served = Math.min(d, onHand);
      onHand -= served;
    }
    sales[i] = served;
    onHandByDay[i] = onHand;
    const stockout = served < d;
    // 3. The planner's estimates learn from sales on days without a stockout.
    if (!stockout) {
      const e = served - mean;
      mean += EWMA_ALPHA * e;
      variance = (1 - EWMA_ALPHA) * (variance + EWMA_ALPHA * e * e);
    }
    // 4. Expedite on a stockout when nothing is due soon.
    if (stockout && t - lastExpedite >= 14 && mean > 0.05) {
      const dueSoon = open.some((o) => o.promised <= t + expLead);
      if (!dueSoon) {
        place(t, roundOrder(Math.ceil(mean * (expLead + 7)), 1, params.orderMultiple), true);
        lastExpedite = t;
      }
    }
    // 5. Review.
    const isoMonday = (((t + 3) % 7) + 7) % 7 === 0;
    if (R === 1 || isoMonday) {
      let ip = onHand;
      for (const o of open) ip += o.ordered;
      const s = reorderPoint();
      if (ip <= s) place(t, roundOrder(s + lotSize() - ip, params.moq, params.orderMultiple), false);
    }
  }
  return {
    sales,
    onHand: onHandByDay,
    purchaseOrders: pos,
    customerOrders: cos,
    openingStock,
    reorderPoint: Math.ceil(reorderPoint()),
  };
}
