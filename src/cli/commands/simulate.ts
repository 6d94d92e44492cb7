import { basename, resolve } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { checkWindow, runSimulate, type SimulateRun } from "../../app/simulate.js";
import {
  DEFAULT_DEMAND_PATHS,
  DEMAND_SOURCES,
  type DemandSource,
  POLICY_KINDS,
  type PolicyKind,
} from "../../app/simulate-chunk.js";
import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import type { EpochDay } from "../../core/units.js";
import { type CliContext, say, UserError } from "../context.js";
import { loadItems, loadOperations, routeInputs } from "../inputs.js";
import { loadDemand } from "../load.js";
import { parsePositiveInt, parseThreads } from "../options.js";
import { progressBar } from "../progress.js";
import { textTable } from "../table.js";

interface SimulateFlags {
  items?: string;
  kind?: string[];
  demand: DemandSource;
  paths?: number;
  leadTimes?: "fixed" | "recorded";
  months: number;
  from: EpochDay;
  to?: EpochDay;
  policy: PolicyKind;
  bufferScale: number[];
  leadTime?: number;
  fillRate?: number;
  lostSales?: boolean;
  replanEvery?: number;
  tolerance: number;
  shortageCost: number | "margin";
  warmUp: number;
  out: string;
  map?: string[];
  lenient?: boolean;
  threads: number;
  seed: number;
  reportSeries: number;
}

const POLICY_ALIASES: Readonly<Record<string, PolicyKind>> = {
  rq: "rq",
  reorder_point: "rq",
  minmax: "minmax",
  min_max: "minmax",
  ss: "minmax",
  periodic: "periodic",
  rs: "periodic",
  kanban: "kanban",
  ddmrp: "ddmrp",
};

export function parseDate(v: string): EpochDay {
  const d = parseIsoDate(v.trim());
  if (d === null) throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${v}"`);
  return d;
}

export function parsePolicy(v: string): PolicyKind {
  const k =
    POLICY_ALIASES[
      v
        .trim()
        .toLowerCase()
        .replace(/[-()\s,]/g, "_")
        .replace(/_+/g, "_")
    ];
  if (k === undefined)
    throw new InvalidArgumentError(`expected one of ${POLICY_KINDS.join(", ")}, got "${v}"`);
  return k;
}

export function parseScales(v: string): number[] {
  const parts = v.split(",").map((s) => s.trim());
  const out: number[] = [];
  for (const p of parts) {
    const n = p === "" ? Number.NaN : Number(p);
    if (!(Number.isFinite(n) && n >= 0))
      throw new InvalidArgumentError(
        `expected comma-separated scales ≥ 0 like 1,0.9,0.8, got "${p}" in "${v}"`,
      );
    if (out.includes(n)) throw new InvalidArgumentError(`scale ${p} is listed twice in "${v}"`);
    out.push(n);
  }
  return out;
}

export function parseFraction(v: string): number {
  const n = Number(v);
  if (!(v.trim() !== "" && n > 0 && n < 1))
    throw new InvalidArgumentError(`expected a fraction in (0, 1), e.g. 0.95, got "${v}"`);
  return n;
}

function parseTolerance(v: string): number {
  const n = Number(v);
  if (!(v.trim() !== "" && n >= 0 && n < 1))
    throw new InvalidArgumentError(`expected a fraction in [0, 1), e.g. 0.02 for 2 points, got "${v}"`);
  return n;
}

function parseDemandSource(v: string): DemandSource {
  const k = v.trim().toLowerCase();
  if (!(DEMAND_SOURCES as readonly string[]).includes(k))
    throw new InvalidArgumentError(`expected ${DEMAND_SOURCES.join(" or ")}, got "${v}"`);
  return k as DemandSource;
}

function parseLeadTimes(v: string): "fixed" | "recorded" {
  const k = v.trim().toLowerCase();
  if (k !== "fixed" && k !== "recorded")
    throw new InvalidArgumentError(`expected fixed or recorded, got "${v}"`);
  return k;
}

function parseShortageCost(v: string): number | "margin" {
  if (v.trim().toLowerCase() === "margin") return "margin";
  const n = Number(v);
  if (!(v.trim() !== "" && Number.isFinite(n) && n >= 0))
    throw new InvalidArgumentError(`expected "margin" or a cost per unit ≥ 0, got "${v}"`);
  return n;
}

export function registerSimulate(program: Command, ctx: CliContext): void {
  program
    .command("simulate")
    .description(
      "Plan each SKU × location on the history before --from, replay the actual demand from --from (or paths drawn from the fitted model) under the plan at several buffer scales, with fixed or recorded lead times: service, stock, cost, the smallest buffer that keeps the target, and calibration.",
    )
    .argument(
      "<inputs...>",
      "CSV files (.csv or .csv.gz) or folders of them, each recognised by its header: the daily demand history (one), and optionally the items master and purchase-order lines (recorded lead times)",
    )
    .option("--items <file>", "items master CSV (costs, lead times, MOQ, service targets)")
    .option(
      "--kind <file=kind...>",
      "say what a file holds instead of recognising it: demand, items or purchase_orders",
    )
    .requiredOption(
      "--from <date>",
      "first replayed day (YYYY-MM-DD); plans see only the days before it",
      parseDate,
    )
    .option("--to <date>", "last replayed day (default: the end of the history)", parseDate)
    .option(
      "--policy <kind>",
      `rule replayed: ${POLICY_KINDS.join(", ")} (default rq: analyze's reorder point and order quantity)`,
      parsePolicy,
      "rq" as PolicyKind,
    )
    .option(
      "--buffer-scale <list>",
      "safety-stock scales to replay, e.g. 1,0.9,0.8,0.7 (1 is always included)",
      parseScales,
      [1, 0.9, 0.8, 0.7],
    )
    .option(
      "--lead-time <days>",
      "lead time for every item, days (fixed; replaces the items master's)",
      parsePositiveInt,
    )
    .option(
      "--lead-times <source>",
      "fixed (the plan's lead time: --lead-time or the items master) or recorded (drawn per order from the PO lines received before --from; default when PO lines are given)",
      parseLeadTimes,
    )
    .option(
      "--months <n>",
      "months of receipts before --from the recorded lead times come from",
      parsePositiveInt,
      12,
    )
    .option(
      "--demand <source>",
      "demand replayed: history (the actual days) or model (paths drawn from each series' fitted model)",
      parseDemandSource,
      "history" as DemandSource,
    )
    .option(
      "--paths <n>",
      `demand paths per series with --demand model (default ${DEFAULT_DEMAND_PATHS})`,
      parsePositiveInt,
    )
    .option(
      "--fill-rate <fraction>",
      "fill-rate target for every item, e.g. 0.95 (replaces the items master's)",
      parseFraction,
    )
    .option("--lost-sales", "unmet demand is lost (default: backordered)")
    .option(
      "--replan-every <days>",
      "re-plan every N days during the replay (walk-forward)",
      parsePositiveInt,
    )
    .option(
      "--tolerance <fraction>",
      "calibration tolerance: flag |target − achieved| above it (0.02 = 2 points)",
      parseTolerance,
      0.02,
    )
    .option(
      "--shortage-cost <cost>",
      'cost per unit short, or "margin" (unit price − unit cost)',
      parseShortageCost,
      "margin" as number | "margin",
    )
    .option(
      "--warm-up <days>",
      "days before --from the plan's rule runs over to set the starting stock (0 = start at the top level)",
      parseThreads,
      365,
    )
    .option(
      "--out <dir>",
      "output folder for simulation.csv, totals.csv, tradeoff.csv, recommendations.csv, calibration.csv, simulation.json, report.html",
      "takt-simulation",
    )
    .option(
      "--map <role=column...>",
      "name the demand file's columns explicitly, e.g. --map sku=Article date=Day",
    )
    .option("--lenient", "skip bad rows (and report them) instead of stopping")
    .option("--threads <n>", "worker threads (0 = all cores)", parseThreads, 0)
    .option("--seed <n>", "seed for the plan's bootstraps (results are reproducible)", parseThreads, 1)
    .option(
      "--report-series <n>",
      "series with a daily trace in the report (lowest fill rate first)",
      parsePositiveInt,
      50,
    )
    .action(async (inputs: string[], o: SimulateFlags) => {
      if (o.paths !== undefined && o.demand !== "model")
        throw new UserError("--paths applies to --demand model only");
      if (o.leadTimes === "recorded" && o.leadTime !== undefined)
        throw new UserError(
          "--lead-time sets a fixed lead time for every item; use it with --lead-times fixed, not recorded",
        );
      const files = await routeInputs(ctx, inputs, o.kind);
      if (o.items !== undefined) files.items.push(o.items);
      if (files.demand.length !== 1)
        throw new UserError(
          files.demand.length === 0
            ? "no demand history among the inputs: simulate replays a daily demand history (date, sku, [location], quantity)"
            : `more than one demand history: ${files.demand.join(", ")}; pass one (or name the others with --kind)`,
        );
      if (files.items.length > 1)
        throw new UserError(`more than one items master: ${files.items.join(", ")}; pass one`);
      for (const f of [...files.snapshots, ...files.customer_orders])
        say(
          ctx,
          `passing over ${f}: simulate reads the demand history, the items master and purchase orders`,
        );
      const sales = files.demand[0]!;
      const demand = await loadDemand(ctx, sales, o);
      const problem = checkWindow(demand, o.from, o.to);
      if (problem !== null) throw new UserError(problem);
      const items = await loadItems(ctx, files.items[0], o.lenient === true);
      const operations = await loadOperations(
        ctx,
        { ...files, snapshots: [], customer_orders: [] },
        o.lenient === true,
      );
      const purchaseLines = operations?.purchaseLines ?? [];
      if (o.leadTimes === "recorded" && purchaseLines.length === 0)
        throw new UserError(
          "--lead-times recorded needs purchase-order lines (po_id, supplier, sku, order_date, received_date, …) among the inputs",
        );
      const started = Date.now();
      const bar = progressBar(ctx, "replaying");
      const run = await runSimulate(demand, items, {
        outDir: resolve(ctx.cwd, o.out),
        from: o.from,
        ...(o.to !== undefined ? { to: o.to } : {}),
        policy: o.policy,
        scales: o.bufferScale,
        unmetDemand: o.lostSales === true ? "lost_sales" : "backorder",
        ...(o.replanEvery !== undefined ? { replanEveryDays: o.replanEvery } : {}),
        tolerance: o.tolerance,
        ...(o.leadTime !== undefined ? { leadTimeDays: o.leadTime } : {}),
        ...(o.fillRate !== undefined ? { fillRateTarget: o.fillRate } : {}),
        demand: o.demand,
        ...(o.paths !== undefined ? { paths: o.paths } : {}),
        ...(o.leadTimes !== undefined ? { leadTimes: o.leadTimes } : {}),
        purchaseLines,
        months: o.months,
        shortageCost: o.shortageCost,
        warmUpDays: o.warmUp,
        threads: o.threads,
        seed: o.seed,
        reportSeries: o.reportSeries,
        sources: [sales, ...files.items, ...files.purchase_orders].map((f) => basename(f)),
        onProgress: (d, t) => bar.update(d, t),
      });
      bar.stop();
      say(ctx, simulateSummary(run, (Date.now() - started) / 1000));
      say(ctx, `\nWrote ${run.files.join(", ")}`);
    });
}

/** "poisson 80, negative_binomial 50, …": series per demand model family. */
function modelCounts(run: SimulateRun): string {
  const c = new Map<string, number>();
  for (const s of run.series) {
    const k = (s.replay.demandModel ?? "history").split(" ")[0]!;
    c.set(k, (c.get(k) ?? 0) + 1);
  }
  return [...c]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replace(/_/g, " ")} ${v}`)
    .join(", ");
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : "–");
const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "–");
const sc = (s: number | null) => (s === null ? "none" : `×${s}`);

/** The terminal summary: totals by demand class per scenario, the overall recommendation, calibration. */
export function simulateSummary(run: SimulateRun, seconds?: number): string {
  const out: string[] = [];
  const skuDays = run.series.reduce((a, s) => a + (s.scenarios[0]?.days ?? 0), 0);
  out.push(
    `${run.series.length} series replayed ${formatIsoDate(run.from)} to ${formatIsoDate(run.to)} under policy ${run.policy} at ${run.scales.length} buffer scales (${(skuDays * run.scales.length * run.paths).toLocaleString("en-US")} SKU-days${seconds !== undefined ? `, ${seconds.toFixed(1)} s` : ""})`,
  );
  out.push(
    run.demand === "model"
      ? `Demand: ${run.paths} paths per series drawn from the model fitted at ${formatIsoDate(run.from)} (${modelCounts(run)}); figures are means over the paths`
      : "Demand: the actual history",
  );
  const lt = run.leadTimeSources;
  out.push(
    `Lead times: ${[
      lt.recorded_series + lt.recorded_supplier > 0
        ? `recorded (drawn per order) for ${lt.recorded_series + lt.recorded_supplier} series (own receipts ${lt.recorded_series}, supplier's ${lt.recorded_supplier})`
        : "",
      lt.items_master > 0 ? `items master (fixed) for ${lt.items_master}` : "",
      lt.option > 0 ? `--lead-time (fixed) for ${lt.option}` : "",
    ]
      .filter((x) => x !== "")
      .join(", ")}`,
  );
  if (run.skipped.length > 0)
    out.push(
      `${run.skipped.length} series left out: no history before ${formatIsoDate(run.from)} (first sale later)`,
    );
  const groups = [...new Set(run.totals.map((t) => t.group))];
  const cell = (g: string, s: number) => run.totals.find((t) => t.group === g && t.scale === s);
  out.push("\nFill rate (units-weighted) by demand class and buffer scale:");
  out.push(
    textTable(
      ["class", "series", ...run.scales.map((s) => `×${s}`)],
      groups.map((g) => [
        g,
        String(cell(g, 1)?.skus ?? 0),
        ...run.scales.map((s) => pct(cell(g, s)?.fillRate ?? Number.NaN)),
      ]),
    ),
  );
  if (run.paths > 1) {
    out.push(`\nFill rate spread over the ${run.paths} paths (units-weighted, p10 – p90):`);
    out.push(
      textTable(
        ["class", ...run.scales.map((s) => `×${s}`)],
        groups.map((g) => [
          g,
          ...run.scales.map((s) => {
            const t = cell(g, s)?.fillRateSpread;
            return t ? `${pct(t.p10)} – ${pct(t.p90)}` : "–";
          }),
        ]),
      ),
    );
  }
  out.push("\nAverage inventory value and series below target:");
  out.push(
    textTable(
      ["class", ...run.scales.flatMap((s) => [`value ×${s}`, `below ×${s}`])],
      groups.map((g) => [
        g,
        ...run.scales.flatMap((s) => {
          const t = cell(g, s);
          return [n0(t?.averageOnHandValue ?? Number.NaN), String(t?.skusBelowOwnTarget ?? 0)];
        }),
      ]),
    ),
  );
  const c = run.overall.catalogue;
  const m = run.overall.perSkuScales;
  out.push(
    `\nRecommendation (catalogue): ${c.recommendedScale === null ? `no scale keeps the fill rate at the ${pct(c.target)} target (${pct(c.fillRateAtOne)} at ×1)` : `buffer scale ${sc(c.recommendedScale)}: fill rate ${pct(c.fillRate)} vs ${pct(c.fillRateAtOne)} at ×1 (target ${pct(c.target)}), inventory value ${n0(c.inventoryValue)} vs ${n0(c.inventoryValueAtOne)} (${pct(c.inventoryValueChange)})`}`,
  );
  const counts = new Map<string, number>();
  for (const r of run.recommendations) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  out.push(
    `Per series: ${[...counts].map(([k, v]) => `${k} ${v}`).join(" · ")}; each at its own scale: fill rate ${pct(m.fillRate)}, inventory value ${n0(m.inventoryValue)} (${pct(m.inventoryValueChange)}), ${m.skusBelowTarget} below target`,
  );
  const cc = run.calibrationCounts;
  out.push(
    `Calibration at ×1 (tolerance ${(run.tolerance * 100).toFixed(1)} points): ok ${cc.ok} · below target ${cc.below_target} · above target ${cc.above_target} · no demand ${cc.no_demand}`,
  );
  out.push(
    `JIT readiness after replay: ${run.readinessCounts.map((r) => `${r.verdict} ${r.after}${r.after !== r.before ? ` (plan ${r.before})` : ""}`).join(" · ")}`,
  );
  return out.join("\n");
}
