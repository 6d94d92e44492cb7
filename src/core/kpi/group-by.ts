import type { GroupKeyFn, ItemRef } from "./records.js";

/** Everything in one group, "all". */
export const groupAll: GroupKeyFn = () => "all";

/** One group per SKU. */
export const groupBySku: GroupKeyFn = (r) => r.sku;

/** One group per location ("" for single-location data). */
export const groupByLocation: GroupKeyFn = (r) => r.location;

/** One group per SKU × location (`sku@location`). */
export const groupBySkuLocation: GroupKeyFn = (r) => (r.location === "" ? r.sku : `${r.sku}@${r.location}`);

/**
 * Groups by an attribute of the SKU (category, ABC class, XYZ class, buyer, …) looked up in `bySku`;
 * SKUs missing from the map go to `missing` (null = leave them out).
 */
export function groupBySkuAttribute(
  bySku: ReadonlyMap<string, string>,
  missing: string | null = null,
): GroupKeyFn {
  return (r: ItemRef) => bySku.get(r.sku) ?? missing;
}

/**
 * Groups by supplier: a purchase-order line's own supplier, else the SKU's supplier from the items
 * master (`supplierOfSku`), else `missing`.
 */
export function groupBySupplier(
  supplierOfSku: ReadonlyMap<string, string> = new Map(),
  missing: string | null = null,
): GroupKeyFn {
  return (r: ItemRef) => r.supplier ?? supplierOfSku.get(r.sku) ?? missing;
}
