import { parseIsoDate } from "../../core/calendar.js";
import { type ItemParams, type ResolvedItem, resolveItem } from "../../core/item.js";
import type { DemandHistoryRow, PlanningItemRow } from "../../db/planning-store.js";

/**
 * A stored demand history as daily quantities from epoch day `start` for `length` days (0 on days
 * without demand; days outside the window dropped).
 */
export function dailyQuantities(h: DemandHistoryRow, start: number, length: number): Float64Array {
  const q = new Float64Array(length);
  for (const [d, v] of h.days) {
    const i = parseIsoDate(d)! - start;
    if (i >= 0 && i < length) q[i] = v;
  }
  return q;
}

/** The item's parameters from the stored items master and lanes: the fields it has, the rest defaulted. */
export function storedItem(it: PlanningItemRow | undefined): ResolvedItem {
  const given: Partial<Record<keyof ItemParams, number | string>> = {};
  if (it?.unitCost != null) given.unitCost = it.unitCost;
  if (it?.unitPrice != null) given.unitPrice = it.unitPrice;
  if (it?.leadTimeDays != null) given.leadTimeDays = it.leadTimeDays;
  if (it?.leadTimeSdDays != null) given.leadTimeSdDays = it.leadTimeSdDays;
  if (it?.moq != null) given.moq = it.moq;
  if (it?.orderMultiple != null) given.orderMultiple = it.orderMultiple;
  if (it?.supplier != null) given.supplier = it.supplier;
  if (it?.category != null) given.category = it.category;
  return resolveItem(given as Partial<ItemParams>, null);
}
