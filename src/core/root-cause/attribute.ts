import { type DeliveryTerms, type PurchaseOrderLine, resolveTerms } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import type { StockoutEpisode } from "./episodes.js";

/**
 * Stockout causes, in the order they are tested (the first that holds is the primary cause):
 * execution before planning, because a plan can only be judged when it was carried out.
 * 1. `process` — the reorder trigger fired early enough for an order to land before the stockout and
 *    no order was placed within the grace days;
 * 2. `supplier-late` — a line promised in the lead-time window before the stockout arrived after its
 *    promise (+ late tolerance) and on or after the first day out, and its ASN (if any) already
 *    announced a late arrival (or there was no ASN);
 * 3. `transit-delay` — the same late arrival, but the ASN announced an on-time arrival: the supplier
 *    shipped to promise and the goods were held up on the way;
 * 4. `supplier-short` — a line received on time before the stockout brought fewer units than ordered;
 * 5. `quality-rejection` — a line received on time and in full lost units at inspection;
 * 6. `demand-spike` — demand over the L days before the stockout exceeded forecast + buffer over them;
 * 7. `threshold-too-low` — the reorder point in force was below the recommended one;
 * 8. `undetermined` — none of the above could be shown with the data given.
 */
export type StockoutCause =
  | "process"
  | "supplier-late"
  | "transit-delay"
  | "supplier-short"
  | "quality-rejection"
  | "demand-spike"
  | "threshold-too-low"
  | "undetermined";

/** The decision order: the first cause with evidence is the primary cause. */
export const CAUSE_ORDER: readonly StockoutCause[] = [
  "process",
  "supplier-late",
  "transit-delay",
  "supplier-short",
  "quality-rejection",
  "demand-spike",
  "threshold-too-low",
  "undetermined",
];

/** One finding supporting a cause, with the figures that show it. */
export interface Evidence {
  readonly cause: StockoutCause;
  readonly detail: string;
  /** The purchase order concerned, when the finding is about one. */
  readonly poId?: string;
  readonly figures: Readonly<Record<string, number>>;
}

export interface Attribution {
  readonly episode: StockoutEpisode;
  readonly primary: StockoutCause;
  /** Every finding, in decision order; the first one's cause is the primary cause. */
  readonly evidence: readonly Evidence[];
  /** Checks that could not run for lack of data (e.g. "demand-spike: no forecast"). */
  readonly notChecked: readonly string[];
}

/** A daily series: values[i] is day start + i. */
export interface DailySeries {
  readonly start: EpochDay;
  readonly values: Float64Array;
}

/** What is known around one SKU × location's stockouts. */
export interface RootCauseContext {
  /** Purchase-order lines (any SKU; those of the episode's SKU × location are used). */
  readonly purchaseLines: readonly PurchaseOrderLine[];
  /** Replenishment lead time L in days: the window before the stockout that is examined. */
  readonly leadTimeDays: number;
  /** Daily actual demand (uncensored where possible: orders, not sales, during stockouts). */
  readonly demand?: DailySeries;
  /** Daily forecast in force. */
  readonly forecast?: DailySeries;
  /** Safety buffer over the lead time, units (the recommended safety stock). */
  readonly bufferUnits?: number;
  readonly reorderPointInForce?: number;
  readonly reorderPointRecommended?: number;
  /** Days the reorder trigger fired (inventory position crossed the reorder point), one per firing. */
  readonly triggerDays?: readonly number[];
  /** Days after a trigger within which an order must be placed (default 1). */
  readonly orderGraceDays?: number;
  /** Fraction by which the reorder point in force may fall short of the recommended one (default 0). */
  readonly thresholdTolerance?: number;
  readonly terms?: Partial<DeliveryTerms>;
  /**
   * Why a check lacks its input, in place of the generic note (`process: no trigger history`,
   * `threshold-too-low: reorder points not given`), e.g. `{ process: "no PO lines" }`.
   */
  readonly notCheckedWhy?: Partial<Record<"process" | "threshold-too-low", string>>;
}

function sumOver(s: DailySeries, from: number, to: number): number | null {
  if (from < s.start || to >= s.start + s.values.length) return null;
  let x = 0;
  for (let d = from; d <= to; d++) x += s.values[d - s.start]!;
  return x;
}

/**
 * Attributes a stockout episode to one primary cause with evidence; decision order and rules in
 * StockoutCause. The lead-time window is the L days start − L … start − 1.
 */
export function attributeStockout(episode: StockoutEpisode, ctx: RootCauseContext): Attribution {
  const terms = resolveTerms(ctx.terms);
  const L = ctx.leadTimeDays;
  const start = episode.start;
  const evidence: Evidence[] = [];
  const notChecked: string[] = [];
  const lines = ctx.purchaseLines
    .filter((l) => l.sku === episode.sku && l.location === episode.location)
    .sort((a, b) => (a.promisedDay ?? 0) - (b.promisedDay ?? 0));

  // 1. process: a trigger at t with t + L ≤ start and no order placed in t … t + grace.
  if (ctx.triggerDays === undefined)
    notChecked.push(`process: ${ctx.notCheckedWhy?.process ?? "no trigger history"}`);
  else {
    const grace = ctx.orderGraceDays ?? 1;
    for (const t of ctx.triggerDays) {
      if (t + L > start || t < start - 2 * L) continue;
      const placed = lines.find((l) => l.orderDay !== null && l.orderDay >= t && l.orderDay <= t + grace);
      if (!placed) {
        const next = lines.find((l) => l.orderDay !== null && l.orderDay > t + grace);
        evidence.push({
          cause: "process",
          detail: `reorder trigger fired on day ${t} and no order was placed within ${grace} day(s)`,
          figures: {
            triggerDay: t,
            graceDays: grace,
            ...(next ? { nextOrderDay: next.orderDay!, daysUntilOrder: next.orderDay! - t } : {}),
          },
        });
        break;
      }
    }
  }

  // 2–5. supply: lines promised in start − L … start.
  for (const l of lines) {
    if (l.promisedDay === null || l.promisedDay < start - L || l.promisedDay > start) continue;
    const due = l.promisedDay + terms.lateDays;
    const rd = l.receivedDay;
    if ((rd === null || rd > due) && (rd === null || rd >= start)) {
      const asnOnTime = l.asnDay !== null && l.asnDay <= due;
      const receipt = rd === null ? "not received" : `received on day ${rd}`;
      evidence.push({
        cause: asnOnTime ? "transit-delay" : "supplier-late",
        poId: l.poId,
        detail: asnOnTime
          ? `PO ${l.poId}: ASN announced arrival on day ${l.asnDay} (promised ${l.promisedDay}), ${receipt}`
          : `PO ${l.poId}: promised for day ${l.promisedDay}, ${receipt}${l.asnDay !== null ? `; ASN announced day ${l.asnDay}` : "; no ASN"}`,
        figures: {
          promisedDay: l.promisedDay,
          ...(l.asnDay !== null ? { asnDay: l.asnDay } : {}),
          ...(rd !== null ? { receivedDay: rd } : {}),
          // Not received: days late up to the episode's last day (a lower bound).
          daysLate: (rd ?? episode.end) - l.promisedDay,
        },
      });
      continue;
    }
    if (rd === null || rd > start) continue;
    if (l.qtyReceived < l.qtyOrdered * (1 - terms.inFullTolerance)) {
      evidence.push({
        cause: "supplier-short",
        poId: l.poId,
        detail: `PO ${l.poId}: ${l.qtyReceived} of ${l.qtyOrdered} units received`,
        figures: {
          qtyOrdered: l.qtyOrdered,
          qtyReceived: l.qtyReceived,
          unitsShort: l.qtyOrdered - l.qtyReceived,
        },
      });
    } else if (l.qtyRejected !== null && l.qtyRejected > 0 && l.qtyReceived - l.qtyRejected < l.qtyOrdered) {
      evidence.push({
        cause: "quality-rejection",
        poId: l.poId,
        detail: `PO ${l.poId}: ${l.qtyRejected} of ${l.qtyReceived} units rejected at inspection`,
        figures: {
          qtyOrdered: l.qtyOrdered,
          qtyReceived: l.qtyReceived,
          qtyRejected: l.qtyRejected,
          qtyAccepted: l.qtyReceived - l.qtyRejected,
        },
      });
    }
  }

  // 6. demand spike over start − L … start − 1.
  if (!ctx.demand || !ctx.forecast) notChecked.push("demand-spike: no demand or forecast series");
  else {
    const d = sumOver(ctx.demand, start - L, start - 1);
    const f = sumOver(ctx.forecast, start - L, start - 1);
    if (d === null || f === null) notChecked.push("demand-spike: series do not cover the lead-time window");
    else {
      const buffer = ctx.bufferUnits ?? 0;
      if (d > f + buffer) {
        evidence.push({
          cause: "demand-spike",
          detail: `demand over the ${L} days before the stockout was ${d}, above forecast ${f} + buffer ${buffer}`,
          figures: { demand: d, forecast: f, buffer, excess: d - f - buffer },
        });
      }
    }
  }

  // 7. threshold too aggressive.
  if (ctx.reorderPointInForce === undefined || ctx.reorderPointRecommended === undefined) {
    notChecked.push(
      `threshold-too-low: ${ctx.notCheckedWhy?.["threshold-too-low"] ?? "reorder points not given"}`,
    );
  } else {
    const tol = ctx.thresholdTolerance ?? 0;
    if (ctx.reorderPointInForce < ctx.reorderPointRecommended * (1 - tol)) {
      evidence.push({
        cause: "threshold-too-low",
        detail: `reorder point in force ${ctx.reorderPointInForce} below the recommended ${ctx.reorderPointRecommended}`,
        figures: {
          reorderPointInForce: ctx.reorderPointInForce,
          reorderPointRecommended: ctx.reorderPointRecommended,
          gap: ctx.reorderPointRecommended - ctx.reorderPointInForce,
        },
      });
    }
  }

  evidence.sort((a, b) => CAUSE_ORDER.indexOf(a.cause) - CAUSE_ORDER.indexOf(b.cause));
  return { episode, primary: evidence[0]?.cause ?? "undetermined", evidence, notChecked };
}
