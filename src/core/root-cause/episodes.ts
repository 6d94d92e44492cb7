import { getOrInsert } from "../kpi/get-or-insert.js";
import type { CustomerOrderLine, InventorySnapshot } from "../kpi/records.js";
import { itemKey } from "../kpi/records.js";
import type { EpochDay } from "../units.js";

/** Where an episode was seen. */
export type EpisodeSource = "snapshot" | "customer-order" | "simulation";

/**
 * One stockout episode of one SKU × location: the days start … end (inclusive) with nothing on hand
 * (snapshots, simulation) or with demand short-shipped (customer orders).
 */
export interface StockoutEpisode {
  readonly sku: string;
  readonly location: string;
  readonly start: EpochDay;
  /** Last day out (inclusive). For an open episode, the last day observed. */
  readonly end: EpochDay;
  /** end − start + 1. */
  readonly durationDays: number;
  /** Still out at the end of the data (its duration is a lower bound). */
  readonly open: boolean;
  readonly source: EpisodeSource;
  /** Units ordered and not shipped (customer-order episodes); NaN for other sources. */
  readonly unitsShort: number;
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const a = getOrInsert(m, k, () => []);
    a.push(r);
  }
  return m;
}

const byStart = (a: StockoutEpisode, b: StockoutEpisode): number =>
  a.sku.localeCompare(b.sku) || a.location.localeCompare(b.location) || a.start - b.start;

/**
 * Episodes from end-of-day snapshots: a run of snapshots with on hand ≤ 0. The stock is taken to stay
 * as last observed until the next snapshot, so a run ends the day before the first snapshot with stock.
 * A run still out at the last snapshot is open and ends at `asOf` when given (≥ last snapshot), else at
 * the last snapshot.
 */
export function episodesFromSnapshots(
  snapshots: readonly InventorySnapshot[],
  asOf?: number,
): StockoutEpisode[] {
  const out: StockoutEpisode[] = [];
  for (const rows of groupBy(snapshots, (s) => itemKey(s.sku, s.location)).values()) {
    rows.sort((a, b) => a.day - b.day);
    const { sku, location } = rows[0]!;
    let start = -1;
    for (let i = 0; i < rows.length; i++) {
      const s = rows[i]!;
      if (s.onHand <= 0) {
        if (start < 0) start = s.day;
      } else if (start >= 0) {
        out.push(episode(sku, location, start, s.day - 1, false, "snapshot", Number.NaN));
        start = -1;
      }
    }
    if (start >= 0) {
      const last = rows[rows.length - 1]!.day;
      const end = asOf !== undefined && asOf > last ? asOf : last;
      out.push(episode(sku, location, start, end, true, "snapshot", Number.NaN));
    }
  }
  return out.sort(byStart);
}

/**
 * Episodes from customer orders: days on which a line due that day (promised day, else order day) was
 * short-shipped (qtyShipped < qty). Short days of one SKU × location at most `maxGapDays` apart
 * (default 1: consecutive days) merge into one episode. unitsShort = Σ (qty − min(qtyShipped, qty)).
 */
export function episodesFromOrders(lines: readonly CustomerOrderLine[], maxGapDays = 1): StockoutEpisode[] {
  const out: StockoutEpisode[] = [];
  const short = lines.filter((l) => l.qtyShipped < l.qty);
  for (const rows of groupBy(short, (l) => itemKey(l.sku, l.location ?? "")).values()) {
    const days = rows
      .map((l) => ({ day: l.promisedDay ?? l.day, units: l.qty - Math.max(0, l.qtyShipped) }))
      .sort((a, b) => a.day - b.day);
    const sku = rows[0]!.sku;
    const location = rows[0]!.location ?? "";
    let start = days[0]!.day;
    let end = start;
    let units = 0;
    for (const d of days) {
      if (d.day - end > maxGapDays) {
        out.push(episode(sku, location, start, end, false, "customer-order", units));
        start = d.day;
        units = 0;
      }
      end = d.day;
      units += d.units;
    }
    out.push(episode(sku, location, start, end, false, "customer-order", units));
  }
  return out.sort(byStart);
}

/**
 * Episodes from a simulated daily on-hand trace (index i = day start + i): runs of on hand ≤ 0; a run
 * reaching the last day is open.
 */
export function episodesFromTrace(
  onHand: Float64Array,
  start: number,
  sku: string,
  location = "",
): StockoutEpisode[] {
  const out: StockoutEpisode[] = [];
  let runStart = -1;
  for (let i = 0; i < onHand.length; i++) {
    if (onHand[i]! <= 0) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      out.push(episode(sku, location, start + runStart, start + i - 1, false, "simulation", Number.NaN));
      runStart = -1;
    }
  }
  if (runStart >= 0) {
    out.push(
      episode(sku, location, start + runStart, start + onHand.length - 1, true, "simulation", Number.NaN),
    );
  }
  return out;
}

function episode(
  sku: string,
  location: string,
  start: number,
  end: number,
  open: boolean,
  source: EpisodeSource,
  unitsShort: number,
): StockoutEpisode {
  return {
    sku,
    location,
    start: start as EpochDay,
    end: end as EpochDay,
    durationDays: end - start + 1,
    open,
    source,
    unitsShort,
  };
}
