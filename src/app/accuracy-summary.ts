/** The accuracy figures a summary averages (fractions; MASE and RMSSE scaled). */
export interface ScoreSummary {
  readonly mape: number;
  readonly wape: number;
  readonly mase: number;
  readonly rmsse: number;
  readonly bias: number;
}

export interface AccuracyRow extends ScoreSummary {
  readonly group: string;
  readonly series: number;
  /** Mean MAPE of lead-time totals (NaN when not measured, e.g. for holdouts). */
  readonly leadTimeMape: number;
}

interface Scored {
  readonly group: string;
  readonly scores: ScoreSummary;
  readonly leadTimeMape?: number;
}

/** Mean of a figure over the series where it is defined (MAPE is undefined on all-zero actuals). */
function meanDefined(values: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      s += v;
      c++;
    }
  }
  return c ? s / c : Number.NaN;
}

/** Mean scores per group (e.g. demand pattern) and over all series, groups in the given order. */
export function summariseAccuracy(items: readonly Scored[], order: readonly string[]): AccuracyRow[] {
  const row = (group: string, list: readonly Scored[]): AccuracyRow => ({
    group,
    series: list.length,
    mape: meanDefined(list.map((i) => i.scores.mape)),
    wape: meanDefined(list.map((i) => i.scores.wape)),
    mase: meanDefined(list.map((i) => i.scores.mase)),
    rmsse: meanDefined(list.map((i) => i.scores.rmsse)),
    bias: meanDefined(list.map((i) => i.scores.bias)),
    leadTimeMape: meanDefined(list.map((i) => i.leadTimeMape ?? Number.NaN)),
  });
  const rows: AccuracyRow[] = [];
  for (const g of order) {
    const list = items.filter((i) => i.group === g);
    if (list.length) rows.push(row(g, list));
  }
  if (items.length) rows.push(row("all", items));
  return rows;
}
