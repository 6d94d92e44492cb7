import { parseIsoDate } from "../../core/calendar.js";
import type { SignalExplanation, SignalKind } from "../../core/signals/evaluate.js";
import { withExpediteOptions } from "../../core/signals/expedite-options-for-signal.js";
import type { EpochDay } from "../../core/units.js";
import type { Queryable } from "../../db/db.js";
import { supplyLanesOf } from "../../db/signals-store.js";

/** The fields of a signal held in memory by the set-based path (apply-batch.ts) that this reads and sets. */
export interface BatchSignal {
  readonly location: string;
  readonly sku: string;
  readonly kind: string;
  readonly causeKey: string;
  quantity: number | null;
  needBy: string;
  readonly orderOn: string;
  explanation: unknown;
}

/**
 * Adds the expedite options to the emergency signals a batch evaluated, as refreshSignals does one
 * event at a time (the same core function, on the explanation's own "as of" day), reading the lanes of
 * every item × location concerned in one query.
 */
export async function addExpediteOptions(q: Queryable, signals: readonly BatchSignal[]): Promise<void> {
  // Every emergency explanation this batch evaluated lacks them, including one opened or refreshed and
  // then closed within the batch (one by one, it kept the options of its last evaluation).
  const emergencies = signals.filter(
    (s) => s.kind === "emergency" && (s.explanation as SignalExplanation).expedite === undefined,
  );
  if (emergencies.length === 0) return;
  const lanes = await supplyLanesOf(q, emergencies);
  for (const s of emergencies) {
    const explanation = s.explanation as SignalExplanation;
    const asOf = parseIsoDate(explanation.asOf)!;
    const advised = withExpediteOptions(
      {
        kind: s.kind as SignalKind,
        causeKey: s.causeKey,
        quantity: s.quantity,
        orderDay: parseIsoDate(s.orderOn)!,
        needByDay: parseIsoDate(s.needBy) as EpochDay,
        explanation,
      },
      asOf,
      lanes.get(`${s.location}\u0000${s.sku}`) ?? [],
    );
    s.explanation = advised.explanation;
  }
}
