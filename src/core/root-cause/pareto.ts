import { getOrInsert } from "../kpi/get-or-insert.js";
import { type PeriodKind, periodOf } from "../kpi/period.js";
import { type Attribution, CAUSE_ORDER, type StockoutCause } from "./attribute.js";

/** What a Pareto bar measures: episodes, stockout days, or units short. */
export type ParetoWeight = "episodes" | "days" | "units";

export interface ParetoRow {
  readonly cause: StockoutCause;
  readonly episodes: number;
  /** The weighed total (episodes, days or units). */
  readonly weight: number;
  /** weight ÷ total weight in the period. */
  readonly share: number;
  /** Running share down the sorted rows (the Pareto curve). */
  readonly cumulativeShare: number;
}

export interface ParetoPeriod {
  readonly key: string;
  readonly rows: ParetoRow[];
}

/**
 * Pareto of primary causes per period (episodes assigned to the ISO week / month / quarter of their
 * first day), causes sorted by weight descending (ties by decision order). Weight "units" uses each
 * episode's unitsShort (NaN counts as 0); "days" its durationDays.
 */
export function paretoOfCauses(
  attributions: readonly Attribution[],
  kind: PeriodKind,
  weight: ParetoWeight = "episodes",
): ParetoPeriod[] {
  const byPeriod = new Map<string, { start: number; m: Map<StockoutCause, { n: number; w: number }> }>();
  for (const a of attributions) {
    const p = periodOf(a.episode.start, kind);
    const e = getOrInsert(byPeriod, p.key, () => ({ start: p.start, m: new Map() }));
    const w =
      weight === "episodes"
        ? 1
        : weight === "days"
          ? a.episode.durationDays
          : Number.isNaN(a.episode.unitsShort)
            ? 0
            : a.episode.unitsShort;
    const c = e.m.get(a.primary) ?? { n: 0, w: 0 };
    c.n++;
    c.w += w;
    e.m.set(a.primary, c);
  }
  return [...byPeriod]
    .sort((a, b) => a[1].start - b[1].start)
    .map(([key, { m }]) => {
      const total = [...m.values()].reduce((s, x) => s + x.w, 0);
      let cum = 0;
      const rows = [...m]
        .sort((a, b) => b[1].w - a[1].w || CAUSE_ORDER.indexOf(a[0]) - CAUSE_ORDER.indexOf(b[0]))
        .map(([cause, { n, w }]) => {
          cum += w;
          return {
            cause,
            episodes: n,
            weight: w,
            share: total > 0 ? w / total : Number.NaN,
            cumulativeShare: total > 0 ? cum / total : Number.NaN,
          };
        });
      return { key, rows };
    });
}
