import { meanScores } from "../core/accuracy/aggregate.js";
import type { AccuracyScores } from "../core/accuracy/metrics.js";

export interface AccuracyRow {
  readonly group: string;
  readonly series: number;
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
  /** Mean MAPE of lead-time totals (NaN when not measured, e.g. for holdouts). */
  readonly leadTimeMape: number;
}

/** Mean scores per group (e.g. demand pattern) and over all series, groups in the given order. */
export function summariseAccuracy(
  items: readonly { group: string; scores: AccuracyScores; leadTimeMape?: number }[],
  order: readonly string[],
): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  const row = (group: string, list: readonly { scores: AccuracyScores; leadTimeMape?: number }[]) => {
    const m = meanScores(list.map((i) => i.scores));
    const lt = list.map((i) => i.leadTimeMape ?? Number.NaN).filter(Number.isFinite);
    const leadTimeMape = lt.length ? lt.reduce((a, b) => a + b, 0) / lt.length : Number.NaN;
    rows.push({
      group,
      series: list.length,
      mape: m.mape,
      wape: m.wape,
      mase: m.mase,
      rmsse: m.rmsse,
      bias: m.bias,
      leadTimeMape,
    });
  };
  for (const g of order) {
    const list = items.filter((i) => i.group === g);
    if (list.length) row(g, list);
  }
  if (items.length) row("all", items);
  return rows;
}
