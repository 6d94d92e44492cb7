import type { ResolvedItem } from "../core/item.js";
import { planSeries, type SeriesPlan } from "../core/plan/plan-series.js";
import { type DemandSeries, seriesId } from "../core/series.js";

/** One unit of planning work, as sent to a worker thread. */
export interface PlanTask {
  readonly series: DemandSeries;
  readonly item: ResolvedItem;
  readonly leadTimeSamples?: Float64Array;
}

export interface PlanShared {
  readonly job: "plan";
  readonly horizon: number;
  readonly seed: number;
}

/** Plans a chunk of series; the same function runs in workers and in-process. */
export function planChunk(chunk: readonly PlanTask[], shared: PlanShared): SeriesPlan[] {
  return chunk.map((t) =>
    planSeries(t.series, t.item, {
      horizon: shared.horizon,
      seed: (shared.seed ^ hashString(seriesId(t.series))) >>> 0,
      ...(t.leadTimeSamples ? { leadTimeSamples: t.leadTimeSamples } : {}),
    }),
  );
}

/** FNV-1a: a stable per-series seed, so results do not depend on how series are chunked. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
