import { formatIsoDate } from "../core/calendar.js";
import { periodStart } from "../core/series.js";
import { DEMAND_PATTERNS } from "../core/stats/demand-pattern.js";
import { type Cell, writeCsv } from "../io/csv-writer.js";
import type { DemandImport } from "../io/read-demand.js";
import { type AccuracyRow, summariseAccuracy } from "./accuracy-summary.js";
import type { ForecastShared, SeriesForecast } from "./forecast-chunk.js";
import { runJob, WORKER_URL } from "./jobs.js";
import { mapParallel } from "./worker-pool.js";

export interface ForecastRunOptions {
  readonly horizon: number;
  readonly holdout: number;
  readonly threads: number;
  readonly outFile: string;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ForecastRun {
  readonly series: number;
  readonly periods: number;
  readonly results: readonly SeriesForecast[];
  /** Holdout accuracy by demand pattern (empty without --holdout). */
  readonly accuracy: readonly AccuracyRow[];
}

/**
 * `takt forecast`: forecasts every series (or its held-out tail) and writes
 * `sku,location,date,forecast,method` rows.
 */
export async function runForecast(demand: DemandImport, o: ForecastRunOptions): Promise<ForecastRun> {
  const shared: ForecastShared = { job: "forecast", horizon: o.horizon, holdout: o.holdout };
  const results = (await mapParallel(
    demand.series,
    { workerUrl: WORKER_URL, handler: runJob, shared },
    {
      threads: o.threads,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    },
  )) as SeriesForecast[];
  function* rows(): Generator<Cell[]> {
    for (let i = 0; i < results.length; i++) {
      const s = demand.series[i]!;
      const r = results[i]!;
      const first = s.quantities.length - o.holdout;
      for (let k = 0; k < r.forecast.length; k++) {
        yield [
          s.sku,
          s.location,
          formatIsoDate(periodStart(s.start, s.frequency, first + k)),
          r.forecast[k],
          r.method,
        ];
      }
    }
  }
  await writeCsv(o.outFile, ["sku", "location", "date", "forecast", "method"], rows());
  const scored = results.flatMap((r) => (r.holdout ? [{ group: r.pattern, scores: r.holdout }] : []));
  return {
    series: results.length,
    periods: o.horizon,
    results,
    accuracy: summariseAccuracy(scored, DEMAND_PATTERNS),
  };
}
