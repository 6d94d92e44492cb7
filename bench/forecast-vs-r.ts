/**
 * Forecast accuracy and speed, takt against R's forecast package, on the same series and holdout.
 * Holdout: the last 28 days of ../shared/datasets/m5_sample (196 daily series). Both sides forecast
 * from the same training data; every score is computed here by takt's metric code with the same
 * training-part naive scale, so the comparison is like for like.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summariseAccuracy } from "../dist/app/accuracy-summary.js";
import { runForecast } from "../dist/app/forecast.js";
import { accuracy, naiveScale } from "../dist/core/accuracy/metrics.js";
import type { DemandSeries } from "../dist/core/series.js";
import { DEMAND_PATTERNS, demandPattern } from "../dist/core/stats/demand-pattern.js";
import { readDemandCsv } from "../dist/io/read-demand.js";
import { SHARED, stat, writeResult } from "./harness.js";

const HOLDOUT = 28;

export async function forecastVsR(opts: { rMethods: string[]; runs: number }): Promise<unknown> {
  const file = join(SHARED, "m5_sample", "sales.csv.gz");
  if (!existsSync(file))
    return { skipped: `${file} not found (the shared datasets are not beside the repo)` };
  const r = await readDemandCsv(file, {});
  if (!r.ok) throw new Error(`cannot read ${file}: ${JSON.stringify(r.issues[0])}`);
  const series = r.value.series.filter((s: DemandSeries) => s.quantities.length > HOLDOUT + 28);
  const dir = mkdtempSync(join(tmpdir(), "takt-bench-"));

  // takt: automatic selection, 1 thread and all cores
  const taktTimes: number[] = [];
  let takt = await runForecast(
    { ...r.value, series },
    { horizon: HOLDOUT, holdout: HOLDOUT, threads: 1, outFile: join(dir, "takt.csv") },
  );
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    takt = await runForecast(
      { ...r.value, series },
      { horizon: HOLDOUT, holdout: HOLDOUT, threads: 1, outFile: join(dir, "takt.csv") },
    );
    taktTimes.push((performance.now() - t0) / 1000);
  }
  const groups = series.map(
    (s: DemandSeries) => demandPattern(s.quantities.subarray(0, s.quantities.length - HOLDOUT)).pattern,
  );
  const score = (forecasts: (Float64Array | number[])[]) =>
    summariseAccuracy(
      series.map((s: DemandSeries, i: number) => {
        const n = s.quantities.length;
        const train = s.quantities.subarray(0, n - HOLDOUT);
        return {
          group: groups[i]!,
          scores: accuracy(s.quantities.subarray(n - HOLDOUT), forecasts[i]!, naiveScale(train)),
        };
      }),
      DEMAND_PATTERNS,
    );
  const result: Record<string, unknown> = {
    series: series.length,
    holdout: HOLDOUT,
    takt: {
      accuracy: score(takt.results.map((x) => x.forecast)),
      seconds: stat(taktTimes),
      seriesPerSecond: series.length / stat(taktTimes).median,
    },
  };

  // R
  if (!hasR() && !installR()) {
    result.r = { skipped: "R with the forecast package is not installed and apt-get is unavailable" };
    return result;
  }
  const input = join(dir, "train.csv");
  const lines = ["id,y"];
  series.forEach((s: DemandSeries, i: number) => {
    const n = s.quantities.length;
    for (let t = 0; t < n - HOLDOUT; t++) lines.push(`${i},${s.quantities[t]}`);
  });
  writeFileSync(input, `${lines.join("\n")}\n`);
  const out = join(dir, "r.csv");
  const times = join(dir, "r-times.csv");
  execFileSync(
    "Rscript",
    [
      join(import.meta.dirname, "r", "holdout.R"),
      input,
      String(HOLDOUT),
      opts.rMethods.join(","),
      out,
      times,
    ],
    {
      stdio: "inherit",
    },
  );
  const fc = new Map<string, number[][]>();
  for (const line of readFileSync(out, "utf8").trim().split("\n").slice(1)) {
    const [id, method, step, value] = line.split(",");
    if (!fc.has(method!))
      fc.set(
        method!,
        series.map(() => new Array(HOLDOUT).fill(0)),
      );
    fc.get(method!)![Number(id)]![Number(step) - 1] = Number(value);
  }
  const seconds = new Map(
    readFileSync(times, "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => {
        const [m, , s] = l.replaceAll('"', "").split(",");
        return [m!, Number(s)] as const;
      }),
  );
  result.r = Object.fromEntries(
    [...fc].map(([m, f]) => [
      m,
      {
        accuracy: score(f),
        seconds: seconds.get(m),
        seriesPerSecond: series.length / (seconds.get(m) ?? Number.NaN),
      },
    ]),
  );
  return result;
}

function hasR(): boolean {
  return spawnSync("Rscript", ["-e", "library(forecast)"], { stdio: "ignore" }).status === 0;
}

function installR(): boolean {
  process.stderr.write("installing r-base-core and r-cran-forecast with apt-get (one time)…\n");
  const ok = (args: string[]) => spawnSync("apt-get", args, { stdio: "inherit" }).status === 0;
  return ok(["update", "-qq"]) && ok(["install", "-y", "-qq", "r-base-core", "r-cran-forecast"]) && hasR();
}

if (process.argv[1] === import.meta.filename) {
  const figures = await forecastVsR({ rMethods: ["ets"], runs: 3 });
  console.log(JSON.stringify(figures, null, 2));
  writeResult("forecast-vs-r", figures);
}
