/** One age bucket: stock received between `lo` and `hi` days ago (inclusive), its units and value. */
export interface AgeBucket {
  readonly label: string;
  readonly lo: number;
  readonly hi: number;
  qty: number;
  value: number;
}

/** Upper bounds of the default buckets: 0–30, 31–60, 61–90 and over 90 days ("90+"). */
export const DEFAULT_AGE_BUCKET_UPPER: readonly number[] = [30, 60, 90];

export interface FifoAging {
  readonly buckets: AgeBucket[];
  /** Units on hand older than the receipts history explains (counted in the last bucket). */
  readonly unattributedQty: number;
  /** Age in days of the oldest unit traced to a receipt; null when nothing is on hand or traced. */
  readonly oldestTracedAgeDays: number | null;
}

/**
 * Ages the on-hand quantity under FIFO: what is left is what arrived last, so the on-hand units are
 * matched to receipts from the newest back; a receipt on day d has age asOf − d days. Units on hand
 * beyond all receipts on record are older than the history and go to the last (oldest) bucket.
 * Receipts after asOf are ignored. Value = qty × unitCost (0 when the cost is unknown).
 */
export function fifoAgeBuckets(
  onHand: number,
  receipts: readonly { readonly day: number; readonly qty: number }[],
  asOf: number,
  unitCost: number | null,
  upperBounds: readonly number[] = DEFAULT_AGE_BUCKET_UPPER,
): FifoAging {
  const buckets: AgeBucket[] = [];
  let lo = 0;
  for (const hi of upperBounds) {
    buckets.push({ label: `${lo}–${hi}`, lo, hi, qty: 0, value: 0 });
    lo = hi + 1;
  }
  buckets.push({
    label: `${upperBounds[upperBounds.length - 1] ?? 0}+`,
    lo,
    hi: Number.POSITIVE_INFINITY,
    qty: 0,
    value: 0,
  });
  const cost = unitCost ?? 0;
  let remaining = Math.max(0, onHand);
  let oldest: number | null = null;
  const sorted = receipts.filter((r) => r.day <= asOf && r.qty > 0).sort((a, b) => b.day - a.day);
  for (const r of sorted) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, r.qty);
    const age = asOf - r.day;
    const b = buckets.find((x) => age <= x.hi)!;
    b.qty += take;
    b.value += take * cost;
    remaining -= take;
    oldest = age;
  }
  const last = buckets[buckets.length - 1]!;
  last.qty += remaining;
  last.value += remaining * cost;
  return { buckets, unattributedQty: remaining, oldestTracedAgeDays: oldest };
}
