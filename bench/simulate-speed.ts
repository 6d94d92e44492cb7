/**
 * Simulation speed: SKU-days replayed per second by the core daily simulator (`simulate`), on the M5
 * sample (every series over its whole history) and on a generated catalogue of 30,000 daily series ×
 * 3 years, with one thread and with one worker thread per core. Each series runs under an (r, Q) rule
 * sized from its own mean and standard deviation (7-day lead time, z = 1.65, Q = two weeks of demand),
 * with backorders and costs — the replay `takt simulate` runs per scenario. Only the replay is timed:
 * generating or reading the demand and sizing the rules happen before the clock starts.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ReplenishmentRule } from "../dist/core/policy/rule.js";
import { simulate } from "../dist/core/simulate/simulate.js";
import { generateDemandSeries } from "../dist/demo/generate-demand-series.js";
import { readDemandCsv } from "../dist/io/read-demand.js";
import { type Stat, stat } from "./harness.js";

const LEAD_TIME = 7;

function ruleFor(q: Float64Array): ReplenishmentRule {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < q.length; i++) {
    s += q[i]!;
    s2 += q[i]! * q[i]!;
  }
  const mean = s / q.length;
  const sd = Math.sqrt(Math.max(0, s2 / q.length - mean * mean));
  return {
    kind: "reorder_point",
    reorderPoint: Math.ceil(mean * LEAD_TIME + 1.65 * sd * Math.sqrt(LEAD_TIME)),
    orderQuantity: Math.max(1, Math.round(mean * 14)),
  };
}

/** Replays every series once; returns SKU-days replayed and seconds taken. */
function replayAll(series: readonly Float64Array[], rules: readonly ReplenishmentRule[]) {
  let days = 0;
  let served = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < series.length; i++) {
    const r = simulate(series[i]!, rules[i]!, {
      leadTime: LEAD_TIME,
      unitCost: 10,
      orderingCost: 50,
      shortageCostPerUnit: 5,
    });
    days += series[i]!.length;
    served += r.fillRate;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!Number.isFinite(served)) throw new Error("a replay produced no fill rate");
  return { days, seconds };
}

function generated(seed: number, count: number, days: number): Float64Array[] {
  return generateDemandSeries({ seed, count, days }).map((s) => s.quantities);
}

/** Worker: generates its share, waits for "go", replays, reports. */
if (!isMainThread && (workerData as { simulateSpeed?: boolean })?.simulateSpeed) {
  const { seed, count, days } = workerData as { seed: number; count: number; days: number };
  const series = generated(seed, count, days);
  const rules = series.map(ruleFor);
  parentPort!.postMessage({ ready: true });
  parentPort!.once("message", () => {
    parentPort!.postMessage(replayAll(series, rules));
  });
}

/** One thread per core, each replaying count/threads series; wall time from "go" to the last "done". */
async function parallel(
  count: number,
  days: number,
  threads: number,
): Promise<{ days: number; seconds: number }> {
  const workers = Array.from({ length: threads }, (_, i) => {
    const share = Math.floor(count / threads) + (i < count % threads ? 1 : 0);
    // tsx's loader is registered per thread: the worker registers it, then loads this file.
    const boot = `import("tsx/esm/api").then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    return new Worker(boot, {
      eval: true,
      workerData: { simulateSpeed: true, seed: 1 + i, count: share, days },
    });
  });
  await Promise.all(workers.map((w) => new Promise((ok) => w.once("message", ok))));
  const t0 = process.hrtime.bigint();
  const done = await Promise.all(
    workers.map(
      (w) =>
        new Promise<{ days: number }>((ok) => {
          w.once("message", ok);
          w.postMessage("go");
        }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all(workers.map((w) => w.terminate()));
  return { days: done.reduce((a, d) => a + d.days, 0), seconds };
}

interface SpeedFigures {
  readonly skuDays: number;
  readonly seconds: Stat;
  /** SKU-days per second at the median time. */
  readonly skuDaysPerSecond: number;
}

const figures = (skuDays: number, seconds: number[]): SpeedFigures => {
  const s = stat(seconds);
  return { skuDays, seconds: s, skuDaysPerSecond: skuDays / s.median };
};

export async function simulateSpeed(opts: {
  count: number;
  days: number;
  runs: number;
  m5Path: string;
}): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { leadTimeDays: LEAD_TIME, rule: "reorder_point" };
  if (existsSync(opts.m5Path)) {
    const r = await readDemandCsv(opts.m5Path);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join("\n"));
    const series = r.value.series.map((s) => s.quantities);
    const rules = series.map(ruleFor);
    replayAll(series, rules); // warm-up
    const t: number[] = [];
    let days = 0;
    for (let i = 0; i < opts.runs * 5; i++) {
      const x = replayAll(series, rules);
      days = x.days;
      t.push(x.seconds);
    }
    out.m5 = { series: series.length, oneThread: figures(days, t) };
  } else out.m5 = { skipped: `${opts.m5Path} not found` };

  const series = generated(1, opts.count, opts.days);
  const rules = series.map(ruleFor);
  replayAll(series.slice(0, 500), rules.slice(0, 500)); // warm-up
  const one: number[] = [];
  let days = 0;
  for (let i = 0; i < opts.runs; i++) {
    const x = replayAll(series, rules);
    days = x.days;
    one.push(x.seconds);
  }
  const threads = availableParallelism();
  const all: number[] = [];
  let allDays = 0;
  for (let i = 0; i < opts.runs; i++) {
    const x = await parallel(opts.count, opts.days, threads);
    allDays = x.days;
    all.push(x.seconds);
  }
  out.generated = {
    series: opts.count,
    days: opts.days,
    oneThread: figures(days, one),
    allCores: { threads, ...figures(allDays, all) },
  };
  return out;
}

export const M5_SALES = join(
  import.meta.dirname,
  "..",
  "..",
  "shared",
  "datasets",
  "m5_sample",
  "sales.csv.gz",
);
