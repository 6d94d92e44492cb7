import type { EpochDay } from "../units.js";
import type { DesiredSignal } from "./evaluate.js";
import { type ExpediteLane, expediteOptions } from "./expedite-options.js";

/**
 * Adds the expedite options (expedite-options.ts) to an emergency signal's explanation; other signals
 * pass through unchanged. The shortfall is the signal's quantity, the need-by day its run-out day, the
 * next receipt the one the triggers measured (the earliest open order, overdue counting as today; with
 * none, an order placed now on the policy's lead time) and demand the forecast rate.
 */
export function withExpediteOptions(
  s: DesiredSignal,
  asOf: EpochDay,
  lanes: readonly ExpediteLane[],
): DesiredSignal {
  if (s.kind !== "emergency") return s;
  const f = s.explanation.forecast;
  const next = s.explanation.openOrders.find(
    (o) => o.quantity > 0 && Math.max(0, o.dueInDays) === f.daysToNextReceipt,
  );
  const advice = expediteOptions({
    asOf,
    shortfall: s.quantity ?? 0,
    needByDay: s.needByDay,
    nextReceiptDay: (asOf + Math.ceil(f.daysToNextReceipt - 1e-9)) as EpochDay,
    nextReceiptId: next?.id ?? null,
    dailyDemand: f.dailyDemand,
    lanes,
  });
  return { ...s, explanation: { ...s.explanation, expedite: advice } };
}
