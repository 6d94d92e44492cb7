import type { KpiRow, KpiValues } from "./compute.js";
import { DEFAULT_KPI_THRESHOLDS, type KpiName, type Threshold } from "./traffic-light.js";

/** Direction of a change as the planner reads it. */
export type Trend = "improved" | "worsened" | "unchanged" | "n/a";

export interface KpiChange {
  readonly current: number;
  readonly previous: number;
  /** current − previous. */
  readonly delta: number;
  /** delta ÷ |previous| (NaN when previous is 0 or missing). */
  readonly relative: number;
  readonly trend: Trend;
}

export interface WeekOverWeek {
  readonly row: KpiRow;
  /** The same group's row in the immediately preceding period, or null. */
  readonly previous: KpiRow | null;
  readonly changes: Record<KpiName, KpiChange>;
}

/**
 * Week-over-week change of every rated KPI: each row is compared with the same group's row whose
 * period ends the day before it starts. The trend uses the KPI's direction (higher-better or
 * lower-better) from `thresholds`.
 */
export function weekOverWeek(
  rows: readonly KpiRow[],
  thresholds: Readonly<Record<KpiName, Threshold>> = DEFAULT_KPI_THRESHOLDS,
): WeekOverWeek[] {
  const byKey = new Map<string, KpiRow>();
  for (const r of rows) byKey.set(`${r.group}\u0000${r.period.end}`, r);
  return rows.map((row) => {
    const previous = byKey.get(`${row.group}\u0000${row.period.start - 1}`) ?? null;
    const changes = {} as Record<KpiName, KpiChange>;
    for (const name of Object.keys(thresholds) as KpiName[]) {
      changes[name] = change(row.values, previous?.values ?? null, name, thresholds[name]);
    }
    return { row, previous, changes };
  });
}

function change(cur: KpiValues, prev: KpiValues | null, name: KpiName, t: Threshold): KpiChange {
  const current = cur[name];
  const previous = prev ? prev[name] : Number.NaN;
  const delta = current - previous;
  const relative = previous !== 0 ? delta / Math.abs(previous) : Number.NaN;
  let trend: Trend = "n/a";
  if (!Number.isNaN(delta)) {
    if (delta === 0) trend = "unchanged";
    else trend = delta > 0 === (t.direction === "higher-better") ? "improved" : "worsened";
  }
  return { current, previous, delta, relative, trend };
}
