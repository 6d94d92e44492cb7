import type { DemandSeries } from "../core/series.js";
import { type ForecastShared, forecastChunk } from "./forecast-chunk.js";
import { type PlanShared, type PlanTask, planChunk } from "./plan-chunk.js";
import { type SimulateShared, type SimulateTask, simulateChunk } from "./simulate-chunk.js";

/** The chunk handlers worker threads can run; `worker.ts` serves them, `mapParallel` calls them in-process. */
export type JobShared = ForecastShared | PlanShared | SimulateShared;

export function runJob(chunk: readonly unknown[], shared: JobShared): unknown[] {
  switch (shared.job) {
    case "forecast":
      return forecastChunk(chunk as readonly DemandSeries[], shared);
    case "plan":
      return planChunk(chunk as readonly PlanTask[], shared);
    case "simulate":
      return simulateChunk(chunk as readonly SimulateTask[], shared);
  }
}

export const WORKER_URL = new URL("./worker.js", import.meta.url);
