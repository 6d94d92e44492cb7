/**
 * Forecast accuracy and speed, takt against R's forecast package (ets, auto.arima, croston), on the
 * same series and holdouts:
 * - M5: the last 28 days of ../shared/datasets/m5_sample (196 daily series, weekly season);
 * - monthly intermittent: 500 generated monthly series of 60 months (seed 8, below), last 12 held out.
 * Both sides forecast from the same training part; every score is computed here by takt's metric code
 * with the same training-part naive scale, so the comparison is like for like. takt's choice is made
 * by its rolling-origin backtest inside the training part only (forecastChunk with a holdout).
 *
 * R forecasts are cached in the OS temp folder by a hash of (script, input, method, horizon, frequency)
 * so that takt-side changes can be re-measured without refitting R (`rCached` says so; the R timing is
 * then the one measured when the cache was written). TAKT_BENCH_NO_R_CACHE=1 refits.
 * TAKT_BENCH_DATASETS (m5, monthly-intermittent) and TAKT_BENCH_R_METHODS (comma-separated) narrow a
 * run, e.g. to fill the R cache of one dataset in a second process. TAKT_BENCH_R_TIMEOUT (seconds)
 * bounds each R method's run; one that does not finish is reported as such, not scored.
 * Validation cuts, never the benchmark (docs/forecasting.md, "Accuracy changes"): TAKT_BENCH_CUT=28 drops the
 * last 28 days of every M5 series first, so the holdout is days −56…−29; TAKT_BENCH_MONTHLY_SEED
 * generates the monthly set with another seed (default 8). With either, R refits (its cache key is the
 * input); TAKT_BENCH_R_METHODS=none skips R.
 * Speed is series per CPU second (user + system time of the process doing the forecasting: takt in this
 * process with 1 thread, R in Rscript) beside wall time: CPU time is the figure that holds when other
 * work shares the machine.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AccuracyRow, summariseAccuracy } from "../dist/app/accuracy-summary.js";
import { runForecast } from "../dist/app/forecast.js";
import { accuracy, naiveScale } from "../dist/core/accuracy/metrics.js";
import { epochDayFromParts } from "../dist/core/calendar.js";
import { createRng } from "../dist/core/random.js";
import { type DemandSeries, periodStart, SEASON_PERIOD } from "../dist/core/series.js";
import { DEMAND_PATTERNS, demandPattern } from "../dist/core/stats/demand-pattern.js";
import type { EpochDay } from "../dist/core/units.js";
import { negativeBinomial, streamSeed } from "../dist/demo/sampling.js";
import type { DemandImport } from "../dist/io/read-demand.js";
import { readDemandCsv } from "../dist/io/read-demand.js";
import { NO_SKIPPED_ROWS } from "../dist/io/row-issues.js";
import { SHARED, type Stat, stat } from "./harness.js";

export const R_METHODS = ["ets", "auto.arima", "croston"] as const;

interface Dataset {
  readonly name: string;
  readonly description: string;
  readonly demand: DemandImport;
  readonly holdout: number;
}

type RRun = Scored & { readonly seconds: number; readonly cpuSeconds: number; readonly cached: boolean };

interface Scored {
  readonly accuracy: AccuracyRow[];
  /** Series per wall-clock second. */
  readonly seriesPerSecond: number;
  /** Series per CPU second (user + system). */
  readonly seriesPerCpuSecond: number;
}

export interface DatasetResult {
  readonly name: string;
  readonly description: string;
  readonly series: number;
  readonly holdout: number;
  readonly takt: Scored & {
    readonly seconds: Stat;
    readonly cpuSeconds: Stat;
    readonly methods: Record<string, number>;
  };
  readonly r: Record<string, RRun | { readonly skipped: string }> | { skipped: string };
}

/**
 * Monthly intermittent demand: series i draws an occurrence probability p ∈ [0.12, 0.7] (mean interval
 * 1.4–8 months), a mean size μ ∈ [1, 40] and a shape r ∈ [0.5, 5] (sizes 1 + NegBin(μ, r)); a third of
 * the series change p by a factor in [0.3, 1.7] at a random month (obsolescence or growth). Series i
 * depends only on (seed, i).
 */
export function monthlyIntermittent(seed: number, count: number, months: number): DemandSeries[] {
  const out: DemandSeries[] = [];
  const start = epochDayFromParts(2021, 11, 1) as EpochDay;
  for (let i = 0; i < count; i++) {
    const rng = createRng(streamSeed(seed, i));
    let p = 0.12 + 0.58 * rng.next();
    const mu = 1 + 39 * rng.next() ** 2;
    const shape = 0.5 + 4.5 * rng.next();
    const shiftAt = rng.next() < 1 / 3 ? Math.floor(months * (0.3 + 0.6 * rng.next())) : -1;
    const factor = 0.3 + 1.4 * rng.next();
    const q = new Float64Array(months);
    for (let t = 0; t < months; t++) {
      if (t === shiftAt) p = Math.min(0.9, p * factor);
      if (rng.next() < p) q[t] = 1 + negativeBinomial(rng, mu, shape);
    }
    out.push({
      sku: `M-${String(i + 1).padStart(4, "0")}`,
      location: "",
      frequency: "month",
      start,
      quantities: q,
      unitPrice: null,
    });
  }
  return out;
}

function importOf(file: string, series: DemandSeries[]): DemandImport {
  let rows = 0;
  for (const s of series) rows += s.quantities.length;
  return {
    file,
    series,
    rowsRead: rows,
    rowsUsed: rows,
    rowsNotOnSale: 0,
    mapping: { sku: "sku", location: "location", date: "date", quantity: "qty", price: "price" },
    delimiter: ",",
    hasLocation: false,
    hasPrice: false,
    frequency: series[0]!.frequency,
    firstDate: series[0]!.start,
    lastDate: periodStart(series[0]!.start, series[0]!.frequency, series[0]!.quantities.length - 1),
    seriesWithoutSales: [],
    skipped: NO_SKIPPED_ROWS,
  };
}

async function datasets(): Promise<(Dataset | { name: string; skipped: string })[]> {
  const out: (Dataset | { name: string; skipped: string })[] = [];
  const file = join(SHARED, "m5_sample", "sales.csv.gz");
  if (!existsSync(file))
    out.push({ name: "m5", skipped: `${file} not found (the shared datasets are not beside the repo)` });
  else {
    const r = await readDemandCsv(file, {});
    if (!r.ok) throw new Error(`cannot read ${file}: ${JSON.stringify(r.issues[0])}`);
    const cut = Number(process.env.TAKT_BENCH_CUT ?? 0);
    const series = r.value.series
      .map((s: DemandSeries) => (cut > 0 ? { ...s, quantities: s.quantities.subarray(0, -cut) } : s))
      .filter((s: DemandSeries) => s.quantities.length > 28 + 28);
    out.push({
      name: "m5",
      description: `M5 sample, ${series.length} daily series, last 28 days held out${cut > 0 ? ` after dropping the last ${cut} (validation cut)` : ""}`,
      demand: { ...r.value, series },
      holdout: 28,
    });
  }
  const seed = Number(process.env.TAKT_BENCH_MONTHLY_SEED ?? 8);
  const monthly = monthlyIntermittent(seed, 500, 60);
  out.push({
    name: "monthly-intermittent",
    description: `generated monthly intermittent demand (seed ${seed}), 500 series × 60 months, last 12 held out`,
    demand: importOf("generated", monthly),
    holdout: 12,
  });
  return out;
}

async function compare(ds: Dataset, runs: number, withR: boolean | string): Promise<DatasetResult> {
  const { series } = ds.demand;
  const H = ds.holdout;
  const dir = mkdtempSync(join(tmpdir(), "takt-bench-"));
  const forecastOnce = () =>
    runForecast(ds.demand, { horizon: H, holdout: H, threads: 1, outFile: join(dir, "takt.csv") });
  let takt = await forecastOnce();
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    takt = await forecastOnce();
    const c = process.cpuUsage(c0);
    times.push((performance.now() - t0) / 1000);
    cpuTimes.push((c.user + c.system) / 1e6);
  }
  const groups = series.map((s) => demandPattern(s.quantities.subarray(0, s.quantities.length - H)).pattern);
  const score = (forecasts: ArrayLike<number>[]) =>
    summariseAccuracy(
      series.map((s, i) => {
        const n = s.quantities.length;
        const train = s.quantities.subarray(0, n - H);
        return {
          group: groups[i]!,
          scores: accuracy(s.quantities.subarray(n - H), forecasts[i]!, naiveScale(train)),
        };
      }),
      DEMAND_PATTERNS,
    );
  const methods: Record<string, number> = {};
  for (const r of takt.results) methods[r.method] = (methods[r.method] ?? 0) + 1;
  const seconds = stat(times);
  const cpuSeconds = stat(cpuTimes);
  const base = {
    name: ds.name,
    description: ds.description,
    series: series.length,
    holdout: H,
    takt: {
      accuracy: score(takt.results.map((x) => x.forecast)),
      seconds,
      cpuSeconds,
      seriesPerSecond: series.length / seconds.median,
      seriesPerCpuSecond: series.length / cpuSeconds.median,
      methods,
    },
  };
  if (withR !== true) return { ...base, r: { skipped: String(withR) } };

  const input = join(dir, "train.csv");
  const lines = ["id,y"];
  series.forEach((s, i) => {
    for (let t = 0; t < s.quantities.length - H; t++) lines.push(`${i},${s.quantities[t]}`);
  });
  const text = `${lines.join("\n")}\n`;
  writeFileSync(input, text);
  const script = join(import.meta.dirname, "r", "holdout.R");
  const freq = SEASON_PERIOD[series[0]!.frequency];
  const r: Record<string, RRun | { skipped: string }> = {};
  const timeout = Number(process.env.TAKT_BENCH_R_TIMEOUT ?? 0);
  for (const m of listFromEnv("TAKT_BENCH_R_METHODS", R_METHODS)) {
    const key = createHash("sha256")
      .update(readFileSync(script))
      .update(text)
      .update(`${m}|${H}|${freq}`)
      .digest("hex")
      .slice(0, 16);
    const cache = join(tmpdir(), `takt-bench-r-${key}`);
    const cached = process.env.TAKT_BENCH_NO_R_CACHE !== "1" && existsSync(`${cache}.times.csv`);
    if (!cached) {
      process.stderr.write(`  R ${m} on ${ds.name} (${series.length} series) …\n`);
      const out = join(dir, `r-${m}.csv`);
      const tm = join(dir, `r-${m}-times.csv`);
      try {
        execFileSync("Rscript", [script, input, String(H), m, out, tm, String(freq)], {
          stdio: "inherit",
          ...(timeout > 0 ? { timeout: timeout * 1000, killSignal: "SIGKILL" as const } : {}),
        });
      } catch (e) {
        if (!(timeout > 0)) throw e;
        r[m] = { skipped: `R ${m} did not finish within TAKT_BENCH_R_TIMEOUT=${timeout} s on this machine` };
        continue;
      }
      copyFileSync(out, `${cache}.csv`);
      copyFileSync(tm, `${cache}.times.csv`);
    }
    const fc = series.map(() => new Float64Array(H));
    for (const line of readFileSync(`${cache}.csv`, "utf8").trim().split("\n").slice(1)) {
      const [id, , step, value] = line.split(",");
      fc[Number(id)]![Number(step) - 1] = Number(value);
    }
    const [, , secs, cpu] = readFileSync(`${cache}.times.csv`, "utf8")
      .trim()
      .split("\n")[1]!
      .split(",")
      .map(Number);
    r[m] = {
      accuracy: score(fc),
      seconds: secs!,
      cpuSeconds: cpu!,
      seriesPerSecond: series.length / secs!,
      seriesPerCpuSecond: series.length / cpu!,
      cached,
    };
  }
  return { ...base, r };
}

export async function forecastVsR(opts: { runs: number }): Promise<unknown> {
  const withR =
    hasR() || installR() ? true : "R with the forecast package is not installed and apt-get is unavailable";
  const results: unknown[] = [];
  const only = listFromEnv("TAKT_BENCH_DATASETS", ["m5", "monthly-intermittent"]);
  for (const ds of (await datasets()).filter((d) => only.includes(d.name))) {
    if ("skipped" in ds) {
      results.push(ds);
      continue;
    }
    process.stderr.write(`forecast-vs-r: ${ds.description} …\n`);
    results.push(await compare(ds, opts.runs, withR));
  }
  return { datasets: results };
}

function listFromEnv(name: string, all: readonly string[]): string[] {
  const v = process.env[name];
  return v ? v.split(",").filter((x) => all.includes(x)) : [...all];
}

function hasR(): boolean {
  return spawnSync("Rscript", ["-e", "library(forecast)"], { stdio: "ignore" }).status === 0;
}

function installR(): boolean {
  if (spawnSync("apt-get", ["--version"], { stdio: "ignore" }).status !== 0) return false;
  process.stderr.write("installing r-base-core and r-cran-forecast with apt-get (one time)…\n");
  const ok = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit" }).status === 0;
  return ok(["update", "-qq"]) && ok(["install", "-y", "-qq", "r-base-core", "r-cran-forecast"]) && hasR();
}

/** BENCHMARKS.md section: accuracy by demand class for takt and each R method, then speed. */
export function forecastTable(f: Record<string, unknown>): string[] {
  if (typeof f.skipped === "string") return [`Skipped: ${f.skipped}`];
  const out: string[] = [];
  for (const d of (f.datasets ?? []) as (DatasetResult | { name: string; skipped: string })[]) {
    if ("skipped" in d) {
      out.push(`### ${d.name}`, "", `Skipped: ${d.skipped}`, "");
      continue;
    }
    const all = "skipped" in d.r ? {} : d.r;
    const peers = Object.fromEntries(
      Object.entries(all).filter((e): e is [string, RRun] => !("skipped" in e[1])),
    );
    const notRun = Object.values(all).flatMap((p) => ("skipped" in p ? [p.skipped] : []));
    const cols: [string, Scored][] = [
      ["takt", d.takt],
      ...Object.entries(peers).map(([m, p]) => [`R ${m}`, p] as [string, Scored]),
    ];
    out.push(
      `### ${d.name}`,
      "",
      `${d.description}. Mean per series of MASE / RMSSE / WAPE, scored identically for all; takt's choice by its backtest on the training part.`,
      "",
      `| demand class | series | ${cols.map(([c]) => `${c} MASE | ${c} RMSSE | ${c} WAPE`).join(" | ")} |`,
      `|---|---|${cols.map(() => "---|---|---|").join("")}`,
    );
    for (const row of d.takt.accuracy) {
      const cells = [row.group, String(row.series)];
      for (const [, c] of cols) {
        const a = c.accuracy.find((x) => x.group === row.group)!;
        cells.push(a.mase.toFixed(3), a.rmsse.toFixed(3), a.wape.toFixed(3));
      }
      out.push(`| ${cells.join(" | ")} |`);
    }
    out.push(
      "",
      `Speed, series per CPU second (1 thread; wall time in brackets): takt ${d.takt.seriesPerCpuSecond.toFixed(0)} (CPU median ${d.takt.cpuSeconds.median.toFixed(3)} s of ${d.takt.cpuSeconds.runs} runs, min ${d.takt.cpuSeconds.min.toFixed(3)}, max ${d.takt.cpuSeconds.max.toFixed(3)}; wall ${d.takt.seconds.median.toFixed(3)} s)` +
        Object.entries(peers)
          .map(
            ([m, p]) =>
              `; R ${m} ${p.seriesPerCpuSecond.toFixed(2)} (CPU ${p.cpuSeconds.toFixed(1)} s; wall ${p.seconds.toFixed(1)} s${p.cached ? ", cached" : ""})`,
          )
          .join("") +
        "." +
        (Object.keys(peers).length === 0
          ? ""
          : ` takt is ${Object.entries(peers)
              .map(([m, p]) => `${(d.takt.seriesPerCpuSecond / p.seriesPerCpuSecond).toFixed(0)}× R ${m}`)
              .join(", ")} in series per CPU second.`),
      "",
      `takt's choices: ${Object.entries(d.takt.methods)
        .sort((a, b) => b[1] - a[1])
        .map(([m, n]) => `${m} ${n}`)
        .join(
          ", ",
        )}.${"skipped" in d.r ? ` R: skipped (${d.r.skipped}).` : ""}${notRun.map((x) => ` ${x}.`).join("")}`,
      "",
    );
  }
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const { writeResult } = await import("./harness.js");
  const figures = await forecastVsR({ runs: 3 });
  writeResult("forecast-vs-r", figures);
  console.log(forecastTable(figures as Record<string, unknown>).join("\n"));
}
