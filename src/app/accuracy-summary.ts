import { type AccuracyScores, meanScores } from "../core/accuracy/metrics.js";

export interface AccuracyRow {
  readonly group: string;
  readonly series: number;
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
}

/** Mean scores per group (e.g. demand pattern) and over all series, groups in the given order. */
export function summariseAccuracy(
  items: readonly { group: string; scores: AccuracyScores }[],
  order: readonly string[],
): AccuracyRow[] {
  const rows: AccuracyRow[] = [];
  const row = (group: string, list: AccuracyScores[]) => {
    const m = meanScores(list);
    rows.push({ group, series: list.length, mape: m.mape, wape: m.wape, mase: m.mase, rmsse: m.rmsse, bias: m.bias });
  };
  for (const g of order) {
    const list = items.filter((i) => i.group === g).map((i) => i.scores);
    if (list.length) row(g, list);
  }
  if (items.length) row("all", items.map((i) => i.scores));
  return rows;
}
