import { getOrInsert } from "../kpi/get-or-insert.js";
import type { InventorySnapshot } from "../kpi/records.js";
import { itemKey } from "../kpi/records.js";
import { type AgeBucket, DEFAULT_AGE_BUCKET_UPPER, fifoAgeBuckets } from "./fifo-buckets.js";
import type { StockMovement } from "./movements.js";

/** How long stock may sit before it is flagged (docs/suppliers-and-kpis.md). */
export interface AgingThresholds {
  /** Days without consumption that make stock slow-moving. Default 90. */
  readonly slowIdleDays: number;
  /** Days of cover (on hand ÷ average daily usage) above which stock is slow-moving. Default 180. */
  readonly slowCoverDays: number;
  /** Days without consumption that make stock dead. Default 180. */
  readonly deadIdleDays: number;
  /** Trailing days over which average daily usage is measured. Default 90. */
  readonly usageWindowDays: number;
}

/** Defaults: slow after 90 idle days or over 180 days of cover, dead after 180 idle days, usage over 90 days. */
export const DEFAULT_AGING_THRESHOLDS: AgingThresholds = {
  slowIdleDays: 90,
  slowCoverDays: 180,
  deadIdleDays: 180,
  usageWindowDays: 90,
};

export type StockFlag = "no-stock" | "active" | "slow-moving" | "dead";

export interface AgingRow {
  readonly sku: string;
  readonly location: string;
  /** On hand at the latest snapshot on or before asOf, units. */
  readonly onHand: number;
  readonly unitCost: number | null;
  /** onHand × unitCost (0 when the cost is unknown). */
  readonly value: number;
  readonly lastReceiptDay: number | null;
  readonly daysSinceReceipt: number | null;
  readonly lastConsumptionDay: number | null;
  readonly daysSinceConsumption: number | null;
  /**
   * Days the stock has sat idle: since the last consumption, else (never consumed) since the first
   * receipt, else since the first snapshot.
   */
  readonly idleDays: number;
  /** Units consumed a day, averaged over the trailing usage window. */
  readonly averageDailyUsage: number;
  /** onHand ÷ averageDailyUsage, days (Infinity when there was no usage). */
  readonly daysOfCover: number;
  readonly buckets: AgeBucket[];
  readonly unattributedQty: number;
  readonly flag: StockFlag;
}

export interface AgingReport {
  readonly rows: AgingRow[];
  /** Units and value per age bucket over all rows. */
  readonly bucketTotals: AgeBucket[];
  readonly slowMovingValue: number;
  readonly deadValue: number;
}

/**
 * Aging of every SKU × location with a snapshot on or before asOf: days since last receipt and last
 * consumption, FIFO age buckets, and the flag — dead when idleDays ≥ deadIdleDays; else slow-moving
 * when idleDays ≥ slowIdleDays or (usage > 0 and daysOfCover > slowCoverDays); else active. Stock
 * that is new (received within slowIdleDays) and not yet consumed is therefore active.
 */
export function agingReport(
  snapshots: readonly InventorySnapshot[],
  receipts: readonly StockMovement[],
  consumption: readonly StockMovement[],
  asOf: number,
  opts: {
    readonly thresholds?: Partial<AgingThresholds>;
    readonly bucketUpperBounds?: readonly number[];
    readonly unitCost?: (sku: string, location: string) => number | null;
  } = {},
): AgingReport {
  const t = { ...DEFAULT_AGING_THRESHOLDS, ...opts.thresholds };
  const upper = opts.bucketUpperBounds ?? DEFAULT_AGE_BUCKET_UPPER;
  const latest = new Map<string, InventorySnapshot>();
  const firstSnap = new Map<string, number>();
  for (const s of snapshots) {
    if (s.day > asOf) continue;
    const k = itemKey(s.sku, s.location);
    const cur = latest.get(k);
    if (!cur || s.day > cur.day) latest.set(k, s);
    firstSnap.set(k, Math.min(firstSnap.get(k) ?? s.day, s.day));
  }
  const rec = new Map<string, StockMovement[]>();
  for (const r of receipts) {
    if (r.day > asOf) continue;
    const k = itemKey(r.sku, r.location);
    const a = getOrInsert(rec, k, () => []);
    a.push(r);
  }
  const lastUse = new Map<string, number>();
  const usage = new Map<string, number>();
  const windowStart = asOf - t.usageWindowDays + 1;
  for (const c of consumption) {
    if (c.day > asOf || c.qty <= 0) continue;
    const k = itemKey(c.sku, c.location);
    lastUse.set(k, Math.max(lastUse.get(k) ?? c.day, c.day));
    if (c.day >= windowStart) usage.set(k, (usage.get(k) ?? 0) + c.qty);
  }
  const rows: AgingRow[] = [];
  const totals = fifoAgeBuckets(0, [], asOf, null, upper).buckets;
  let slowValue = 0;
  let deadValue = 0;
  for (const k of [...latest.keys()].sort()) {
    const snap = latest.get(k)!;
    const onHand = Math.max(0, snap.onHand);
    const unitCost = snap.unitCost ?? opts.unitCost?.(snap.sku, snap.location) ?? null;
    const value = onHand * (unitCost ?? 0);
    const rs = rec.get(k) ?? [];
    let lastReceipt: number | null = null;
    let firstReceipt: number | null = null;
    for (const r of rs) {
      lastReceipt = lastReceipt === null ? r.day : Math.max(lastReceipt, r.day);
      firstReceipt = firstReceipt === null ? r.day : Math.min(firstReceipt, r.day);
    }
    const lastC = lastUse.get(k) ?? null;
    const idleDays = asOf - (lastC ?? firstReceipt ?? firstSnap.get(k)!);
    const adu = (usage.get(k) ?? 0) / t.usageWindowDays;
    const cover = adu > 0 ? onHand / adu : Number.POSITIVE_INFINITY;
    const fifo = fifoAgeBuckets(onHand, rs, asOf, unitCost, upper);
    let flag: StockFlag = "active";
    if (onHand <= 0) flag = "no-stock";
    else if (idleDays >= t.deadIdleDays) flag = "dead";
    else if (idleDays >= t.slowIdleDays || (adu > 0 && cover > t.slowCoverDays)) flag = "slow-moving";
    if (flag === "dead") deadValue += value;
    if (flag === "slow-moving") slowValue += value;
    fifo.buckets.forEach((b, i) => {
      totals[i]!.qty += b.qty;
      totals[i]!.value += b.value;
    });
    rows.push({
      sku: snap.sku,
      location: snap.location,
      onHand,
      unitCost,
      value,
      lastReceiptDay: lastReceipt,
      daysSinceReceipt: lastReceipt === null ? null : asOf - lastReceipt,
      lastConsumptionDay: lastC,
      daysSinceConsumption: lastC === null ? null : asOf - lastC,
      idleDays,
      averageDailyUsage: adu,
      daysOfCover: cover,
      buckets: fifo.buckets,
      unattributedQty: fifo.unattributedQty,
      flag,
    });
  }
  return { rows, bucketTotals: totals, slowMovingValue: slowValue, deadValue };
}
