import type { EpochDay } from "../units.js";

/**
 * Typed input records for KPIs, root cause and aging. CSV readers (src/io) build these; the core never
 * parses files. Quantities are in stock-keeping units, money in the items master's currency.
 */

/** Stock on hand of one SKU × location at the end of one day. */
export interface InventorySnapshot {
  readonly day: EpochDay;
  readonly sku: string;
  /** Location (store, site, warehouse); "" when there is only one. */
  readonly location: string;
  /** Units physically on hand (≥ 0; a value ≤ 0 is read as "out of stock"). */
  readonly onHand: number;
  /** Cost per unit on that day, or null when the snapshot carries none (a cost lookup may supply it). */
  readonly unitCost: number | null;
}

/** One line of a customer (or internal consumption) order. */
export interface CustomerOrderLine {
  readonly orderId: string;
  /** Day the order was placed. */
  readonly day: EpochDay;
  readonly sku: string;
  /** Location the line ships from; absent = "" (single location). */
  readonly location?: string;
  /** Units ordered. */
  readonly qty: number;
  /** Units shipped against the line (0 … qty; more is read as qty). */
  readonly qtyShipped: number;
  /** Day the (last) shipment left, or null when nothing shipped. */
  readonly shipDay: EpochDay | null;
  /** Day the customer was promised; null = the order day (ship same day). */
  readonly promisedDay: EpochDay | null;
}

/** A forecast and the actual it forecast, for one SKU × location × day (or period starting that day). */
export interface ForecastActual {
  readonly day: EpochDay;
  readonly sku: string;
  readonly location: string;
  readonly actual: number;
  readonly forecast: number;
}

/** What a group-by key function sees of a record. */
export interface ItemRef {
  readonly sku: string;
  readonly location: string;
  /** Present on purchase-order lines; other records leave it to the key function to look up. */
  readonly supplier?: string;
}

/**
 * Maps a record to its group ("A", "fasteners", "ACME", "store-7", …); null leaves the record out.
 * Build one from item attributes with the helpers in `kpi/group-by.ts`.
 */
export type GroupKeyFn = (ref: ItemRef) => string | null;

/** Key of one SKU × location series: `sku` or `sku@location`, as in `series.ts`'s seriesId. */
export const itemKey = (sku: string, location: string): string =>
  location === "" ? sku : `${sku}@${location}`;
