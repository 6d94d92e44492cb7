import type { PurchaseOrderLine } from "../supplier/purchase-order.js";
import type { EpochDay } from "../units.js";
import type { DailySeries } from "./attribute.js";

/**
 * Reconstructing when a reorder trigger fired, for the root-cause check `process` (attribute.ts):
 * the days the inventory position of one SKU × location crossed the reorder point in force from
 * above. Pure; units throughout, days are epoch days.
 *
 * Daily on hand (end of day), from the first snapshot on:
 * - a snapshot day: the count (a later row of the same day replaces an earlier one);
 * - any other day: the previous day's on hand, plus the accepted units (received − rejected) of PO
 *   lines received that day, minus that day's outflow when an outflow series is given (sales or
 *   shipments; a rolled-forward on hand is not taken below 0 by it). Without an outflow series the
 *   count is carried forward flat between snapshots, receipts added: the drop then shows on the next
 *   snapshot day. Receipts are added so that a receipt moving units from on order to on hand leaves
 *   the position unchanged instead of dipping until the next count.
 *
 * Position on day d, as the day's reorder decision sees it ("pre"): on hand at the end of d plus the
 * units ordered on an earlier day (orderDay < d) and not received by d (receivedDay null or > d).
 * After the day's orders ("post"): the same with lines ordered on d itself. Lines without an order
 * day are never on order (their receipts still count).
 *
 * The trigger fires on day d when post(d − 1) > reorder point ≥ pre(d): one day per crossing from
 * above. A position that stays at or below the reorder point fires once; an order that lifts it above
 * re-arms the trigger. The first day of the trace cannot fire (nothing is known before it).
 */
export interface TriggerInputs {
  /** End-of-day on-hand counts of one SKU × location, any order. */
  readonly snapshots: readonly { readonly day: number; readonly onHand: number }[];
  /** Purchase-order lines of that SKU × location. */
  readonly purchaseLines: readonly PurchaseOrderLine[];
  /** The reorder point in force, units. */
  readonly reorderPoint: number;
  /** Units leaving stock per day (sales, shipments), to roll on hand forward between snapshots. */
  readonly outflow?: DailySeries;
  /** Last day traced (default: the last snapshot day). */
  readonly to?: number;
}

/** The daily trace behind triggerDays: values[i] is day start + i. */
export interface PositionTrace {
  readonly start: EpochDay;
  readonly onHand: Float64Array;
  /** Position before the day's orders (on hand + on order from earlier days). */
  readonly pre: Float64Array;
  /** Position after the day's orders. */
  readonly post: Float64Array;
}

/** The daily on hand and inventory position from the first snapshot to `to`; null without snapshots. */
export function positionTrace(input: TriggerInputs): PositionTrace | null {
  const { snapshots, purchaseLines } = input;
  if (snapshots.length === 0) return null;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of snapshots) {
    if (s.day < first) first = s.day;
    if (s.day > last) last = s.day;
  }
  const to = input.to ?? last;
  if (to < first) return null;
  const n = to - first + 1;
  const counted = new Map<number, number>();
  for (const s of snapshots) if (s.day <= to) counted.set(s.day, s.onHand);
  const receipts = new Float64Array(n);
  // On order: +qty from the day after ordering (pre) / the order day (post), −qty from the receipt day.
  const preDelta = new Float64Array(n + 1);
  const postDelta = new Float64Array(n + 1);
  const at = (d: number): number => Math.min(n, Math.max(0, d - first));
  for (const l of purchaseLines) {
    const rd = l.receivedDay;
    if (rd !== null && rd >= first && rd <= to) receipts[rd - first]! += l.qtyReceived - (l.qtyRejected ?? 0);
    if (l.orderDay === null) continue;
    const end = rd === null ? n : at(rd);
    const preFrom = at(l.orderDay + 1);
    const postFrom = at(l.orderDay);
    if (preFrom < end) {
      preDelta[preFrom]! += l.qtyOrdered;
      preDelta[end]! -= l.qtyOrdered;
    }
    if (postFrom < end) {
      postDelta[postFrom]! += l.qtyOrdered;
      postDelta[end]! -= l.qtyOrdered;
    }
  }
  const onHand = new Float64Array(n);
  const pre = new Float64Array(n);
  const post = new Float64Array(n);
  const out = input.outflow;
  let h = 0;
  let preOpen = 0;
  let postOpen = 0;
  for (let i = 0; i < n; i++) {
    const d = first + i;
    const c = counted.get(d);
    if (c !== undefined) h = c;
    else {
      const avail = h + receipts[i]!;
      const o = out && d >= out.start && d < out.start + out.values.length ? out.values[d - out.start]! : 0;
      h = avail > 0 ? Math.max(0, avail - o) : avail;
    }
    preOpen += preDelta[i]!;
    postOpen += postDelta[i]!;
    onHand[i] = h;
    pre[i] = h + preOpen;
    post[i] = h + postOpen;
  }
  return { start: first as EpochDay, onHand, pre, post };
}

/** Days the reorder trigger fired (see TriggerInputs), ascending; [] without snapshots. */
export function triggerDays(input: TriggerInputs): EpochDay[] {
  const trace = positionTrace(input);
  if (trace === null) return [];
  const r = input.reorderPoint;
  const days: EpochDay[] = [];
  for (let i = 1; i < trace.pre.length; i++)
    if (trace.post[i - 1]! > r && trace.pre[i]! <= r) days.push((trace.start + i) as EpochDay);
  return days;
}
