import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import { type AbcClass, classifyAbc } from "../../core/classify/abc.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import type { DemandSeries } from "../../core/series.js";
import { DEFAULT_SCALES, scaleBuffer } from "../../core/simulate/what-if.js";
import { type DemandPattern, demandPattern } from "../../core/stats/demand-pattern.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import { demandHistory, latestLivePolicies, planningItems } from "../../db/planning-store.js";
import { activePolicy, type PolicyDraft } from "../../db/policies-store.js";
import { runJob, WORKER_URL } from "../jobs.js";
import {
  catalogueRecommendation,
  DEFAULT_WARM_UP_DAYS,
  normaliseScales,
  perSkuScalesRow,
  type Recommendation,
  readinessAfterReplay,
  type SimulatedSeries,
  scenarioTotals,
  skuRecommendation,
  spreadOf,
} from "../simulate.js";
import {
  metricsAt,
  type SeriesReplay,
  type SimulateShared,
  type SimulateTask,
  simulateChunk,
} from "../simulate-chunk.js";
import { mapParallel } from "../worker-pool.js";
import { proposePolicy, transitionPolicy } from "./policies.js";
import { dailyQuantities, storedItem } from "./stored-history.js";

/**
 * Which item × locations a what-if replays: every given filter must hold (an empty or absent filter
 * lets everything through). ABC is by annual consumption value over the whole catalogue (the year
 * before the cut × unit cost); the demand class is Syntetos–Boylan's on the history before the cut.
 */
export interface WhatIfSelection {
  readonly skus?: readonly string[];
  readonly locations?: readonly string[];
  readonly suppliers?: readonly string[];
  readonly abc?: readonly AbcClass[];
  readonly patterns?: readonly DemandPattern[];
}

export interface LiveWhatIfOptions {
  readonly selection: WhatIfSelection;
  /** First replayed day: plans see the ledger history strictly before it. */
  readonly cut: EpochDay;
  /** Days replayed from the cut (the window is clipped to end yesterday). */
  readonly replayDays: number;
  /** Buffer scales (1 is always added). Default 1, 0.9, 0.8, 0.7. */
  readonly scales?: readonly number[];
  /** Today: nothing from today on is replayed (its day is not over). */
  readonly today: EpochDay;
  /** Days of history before the cut the plans see (default 730, as the planning job). */
  readonly historyDays?: number;
  /** Most item × locations one call replays (default MAX_WHATIF_SERIES). */
  readonly maxSeries?: number;
  /** Worker threads (0 = all cores, 1 = in-process; default 1). */
  readonly threads?: number;
}

/** The largest selection one what-if call replays; a larger one is refused with its count. */
export const MAX_WHATIF_SERIES = 500;
/** In-process replays give way to other work (e.g. HTTP requests) after this many series (~0.1 s). */
export const YIELD_EVERY_SERIES = 16;
/** Fewest days of history before the cut a series needs to be planned (as the planning job). */
export const MIN_HISTORY_DAYS = 14;

/** One point of the trade-off curve: the selection's totals at one buffer scale. */
export interface CurvePoint {
  readonly scale: number;
  /** Σ average on-hand value over the replay, money. */
  readonly inventoryValue: number;
  /** Units served from stock on their day ÷ units demanded, over the selection. */
  readonly fillRate: number;
  readonly meanSkuFillRate: number;
  readonly stockoutDays: number;
  readonly skusWithStockout: number;
  /** Item × locations whose replayed service is below their own target. */
  readonly skusBelowTarget: number;
  /** Value turns per year. */
  readonly inventoryTurns: number;
  readonly totalCost: number;
}

/** One item × location: its classes, the plan at the cut and its figures at every scale. */
export interface WhatIfItem {
  readonly sku: string;
  readonly location: string;
  readonly supplier: string | null;
  readonly abc: AbcClass;
  readonly pattern: DemandPattern;
  readonly serviceType: string;
  readonly serviceTarget: number;
  /** The (r, Q) rule planned at the cut and its safety stock, units. */
  readonly reorderPoint: number;
  readonly orderQuantity: number;
  readonly safetyStock: number;
  readonly recommendedScale: number | null;
  readonly status: Recommendation["status"];
  /** Per scale, in `scales` order. */
  readonly perScale: readonly {
    readonly scale: number;
    readonly fillRate: number;
    readonly inventoryValue: number;
    readonly stockoutDays: number;
  }[];
}

export interface LiveWhatIfResult {
  readonly cut: string;
  /** Last replayed day. */
  readonly to: string;
  /** Largest first, 1 included. */
  readonly scales: readonly number[];
  /** Item × locations replayed. */
  readonly series: number;
  readonly skipped: readonly { readonly sku: string; readonly location: string; readonly reason: string }[];
  readonly curve: readonly CurvePoint[];
  /** One scale for the whole selection: the smallest keeping the demand-weighted target (simulate's rule). */
  readonly recommendation: Recommendation;
  /** Every item × location at its own recommended scale, against all at 1. */
  readonly perItemScales: Recommendation;
  readonly items: readonly WhatIfItem[];
}

interface Candidate {
  readonly task: SimulateTask;
  readonly supplier: string | null;
  readonly pattern: DemandPattern;
  /** Annual consumption value from the year before the cut, money. */
  readonly annualValue: number;
}

const issue = (field: string, message: string, expected?: string, received?: string): Issue => ({
  code: "invalid_whatif",
  path: { field },
  message,
  ...(expected !== undefined ? { expected } : {}),
  ...(received !== undefined ? { received } : {}),
});

/**
 * What-if on stored history: rebuilds the daily demand of every item × location from the ledger (the
 * planning job's history), classifies them (ABC over the catalogue, demand class), keeps the
 * selection, then runs `takt simulate`'s replay (simulate-chunk: plan at the cut with the analyze
 * pipeline, warm-up, the (r, Q) rule with its safety stock × each scale, replay of the actual days)
 * and its totals and recommendations (app/simulate.ts). All scales are replayed in one call, so a
 * slider moves along the returned curve without asking again.
 */
export async function liveWhatIf(db: Db, o: LiveWhatIfOptions): Promise<Result<LiveWhatIfResult>> {
  const yesterday = o.today - 1;
  if (o.cut > yesterday)
    return fail(
      issue(
        "cut",
        "the cut must leave at least one finished day to replay",
        `a day up to ${formatIsoDate(yesterday)}`,
        formatIsoDate(o.cut),
      ),
    );
  const to = Math.min(o.cut + o.replayDays - 1, yesterday);
  let scales: number[];
  try {
    scales = normaliseScales(o.scales ?? DEFAULT_SCALES);
  } catch (e) {
    return fail(issue("scales", (e as Error).message, "finite scales ≥ 0"));
  }
  const historyDays = o.historyDays ?? 730;
  const firstDay = o.cut - historyDays;
  const [history, itemRows] = await Promise.all([demandHistory(db, firstDay, to), planningItems(db)]);
  const items = new Map(itemRows.map((r) => [`${r.location}\u0000${r.sku}`, r]));
  const candidates: Candidate[] = [];
  const skipped: { sku: string; location: string; reason: string }[] = [];
  for (const h of history) {
    const start = Math.max(firstDay, parseIsoDate(h.firstDay)!);
    const cut = o.cut - start;
    if (cut < MIN_HISTORY_DAYS) {
      skipped.push({
        sku: h.sku,
        location: h.location,
        reason: `under ${MIN_HISTORY_DAYS} days of history before the cut`,
      });
      continue;
    }
    const q = dailyQuantities(h, start, to - start + 1);
    const it = items.get(`${h.location}\u0000${h.sku}`);
    const item = storedItem(it);
    const past = q.subarray(0, cut);
    const year = past.subarray(Math.max(0, cut - 365));
    let sold = 0;
    for (let i = 0; i < year.length; i++) sold += year[i]!;
    const series: DemandSeries = {
      sku: h.sku,
      location: h.location,
      frequency: "day",
      start: start as EpochDay,
      quantities: q,
      unitPrice: null,
    };
    candidates.push({
      task: { series, cut, item, leadTimeSource: "items_master" },
      supplier: it?.supplier ?? null,
      pattern: demandPattern(past).pattern,
      annualValue: (sold / year.length) * 365 * item.params.unitCost,
    });
  }
  const abc = classifyAbc(Float64Array.from(candidates, (c) => c.annualValue));
  const sel = o.selection;
  const has = <T>(list: readonly T[] | undefined, v: T): boolean =>
    list === undefined || list.length === 0 || list.includes(v);
  const chosen: { c: Candidate; abc: AbcClass }[] = [];
  candidates.forEach((c, i) => {
    const { sku, location } = c.task.series;
    if (
      has(sel.skus, sku) &&
      has(sel.locations, location) &&
      has(sel.suppliers, c.supplier ?? "") &&
      has(sel.abc, abc[i]!) &&
      has(sel.patterns, c.pattern)
    )
      chosen.push({ c, abc: abc[i]! });
  });
  const max = o.maxSeries ?? MAX_WHATIF_SERIES;
  if (chosen.length > max)
    return fail({
      code: "selection_too_large",
      path: { field: "selection" },
      message: `the selection holds ${chosen.length} item × locations; one what-if replays at most ${max}: narrow it (SKUs, locations, supplier, ABC or demand class)`,
      expected: `≤ ${max} item × locations`,
      received: String(chosen.length),
    });
  const dropped = skipped.filter(
    (s) => has(sel.skus, s.sku) && has(sel.locations, s.location) && has(sel.suppliers, supplierOf(items, s)),
  );
  if (chosen.length === 0)
    return fail({
      code: "empty_selection",
      path: { field: "selection" },
      message:
        candidates.length === 0
          ? "no item × location has enough ledger history before the cut to plan on"
          : "no item × location with history before the cut matches the selection",
      expected: "a selection matching at least one item × location with history",
      received: dropped.length > 0 ? `${dropped.length} matching item × location(s) skipped` : "none",
    });
  const tasks = chosen.map((x) => x.c.task);
  const shared: SimulateShared = {
    job: "simulate",
    horizon: 28,
    seed: 1,
    policy: "rq",
    scales,
    unmetDemand: "backorder",
    replanEveryDays: null,
    tolerance: 0.02,
    shortageCost: "margin",
    warmUpDays: DEFAULT_WARM_UP_DAYS,
  };
  const replays: SeriesReplay[] = [];
  if ((o.threads ?? 1) === 1) {
    // In-process, a few series at a time: the server answers other requests in between.
    for (let i = 0; i < tasks.length; i += YIELD_EVERY_SERIES) {
      await new Promise((resolve) => setImmediate(resolve));
      replays.push(...simulateChunk(tasks.slice(i, i + YIELD_EVERY_SERIES), shared));
    }
  } else
    replays.push(
      ...((await mapParallel(
        tasks,
        { workerUrl: WORKER_URL, handler: runJob, shared },
        { threads: o.threads ?? 1 },
      )) as SeriesReplay[]),
    );
  const series: SimulatedSeries[] = replays.map((replay, i) => {
    const t = tasks[i]!;
    return {
      sku: t.series.sku,
      location: t.series.location,
      start: t.series.start,
      historyDays: t.cut,
      replay,
      scenarios: scales.map((_, k) => metricsAt(replay, k)),
      fillRateSpread: scales.map(() => spreadOf([])),
      readinessAfterReplay: readinessAfterReplay(replay.readiness, replay.calibration.status),
    };
  });
  const totals = scenarioTotals(series, scales).filter((t) => t.group === "all");
  const recs = series.map((s) => skuRecommendation(s, scales));
  return ok({
    cut: formatIsoDate(o.cut),
    to: formatIsoDate(to),
    scales,
    series: series.length,
    skipped: dropped,
    curve: totals.map((t) => ({
      scale: t.scale,
      inventoryValue: t.averageOnHandValue,
      fillRate: t.fillRate,
      meanSkuFillRate: t.meanSkuFillRate,
      stockoutDays: t.stockoutDays,
      skusWithStockout: t.skusWithStockout,
      skusBelowTarget: t.skusBelowOwnTarget,
      inventoryTurns: t.inventoryTurns,
      totalCost: t.totalCost,
    })),
    recommendation: catalogueRecommendation(totals, scales),
    perItemScales: perSkuScalesRow(series, recs, scales),
    items: series.map((s, i) => {
      const plan = s.replay.plans[0]!;
      const rule = plan.rule.kind === "reorder_point" ? plan.rule : null;
      return {
        sku: s.sku,
        location: s.location,
        supplier: chosen[i]!.c.supplier,
        abc: chosen[i]!.abc,
        pattern: chosen[i]!.c.pattern,
        serviceType: s.replay.serviceType,
        serviceTarget: s.replay.serviceTarget,
        reorderPoint: rule?.reorderPoint ?? Number.NaN,
        orderQuantity: rule?.orderQuantity ?? Number.NaN,
        safetyStock: plan.safetyStock,
        recommendedScale: recs[i]!.recommendedScale,
        status: recs[i]!.status,
        perScale: scales.map((scale, k) => ({
          scale,
          fillRate: s.scenarios[k]!.fillRate,
          inventoryValue: s.scenarios[k]!.averageOnHandValue,
          stockoutDays: s.scenarios[k]!.stockoutDays,
        })),
      };
    }),
  });
}

const supplierOf = (
  items: ReadonlyMap<string, { readonly supplier: string | null }>,
  s: { readonly sku: string; readonly location: string },
): string => items.get(`${s.location}\u0000${s.sku}`)?.supplier ?? "";

export interface BufferProposal {
  readonly sku: string;
  readonly location: string;
  /** The version proposed, or null when skipped. */
  readonly version: number | null;
  /** The active version it was scaled from. */
  readonly fromVersion: number | null;
  readonly reason: string | null;
}

const round = (x: number, d = 4): number => Number(x.toFixed(d));

/**
 * "Save as proposed policy change": for each item × location, the active policy with its buffer
 * scaled (core scaleBuffer: every level moves by (1 − scale) × safety stock; safety stock × scale)
 * is proposed as the next version, keeping the active one's scope, constraints and late/emergency
 * settings (the auto-replenish and review levels follow the new rule). A pending proposal it
 * supersedes is retired, as the planning job does. Items without an active policy are skipped with
 * the reason. Audited per policy (policy.proposed) and once for the whole change (whatif.proposed).
 */
export async function proposeBufferScale(
  db: Db,
  members: readonly { readonly sku: string; readonly location: string }[],
  scale: number,
  actor: string,
  asOf: EpochDay,
  note?: string,
): Promise<Result<BufferProposal[]>> {
  if (!(scale >= 0 && Number.isFinite(scale)))
    return fail(issue("scale", "the buffer scale must be a finite number ≥ 0", "≥ 0", String(scale)));
  const live = await latestLivePolicies(db);
  const out: BufferProposal[] = [];
  for (const m of members) {
    const p = await activePolicy(db, m.location, m.sku);
    if (p === null) {
      out.push({ ...m, version: null, fromVersion: null, reason: "no active policy to scale" });
      continue;
    }
    const ss = Math.max(0, p.safetyStock);
    const draft: PolicyDraft = {
      location: p.location,
      sku: p.sku,
      scope: p.scope,
      rule: roundRule(scaleBuffer(p.rule, ss, scale)),
      safetyStock: round(ss * scale),
      meanDailyDemand: p.meanDailyDemand,
      leadTimeDays: p.leadTimeDays,
      constraints: p.constraints,
      thresholds: {
        lateOrderToleranceDays: p.thresholds.lateOrderToleranceDays,
        emergencyCoverFactor: p.thresholds.emergencyCoverFactor,
      },
      explanation: { whatIf: { scale, fromVersion: p.version, ...(note ? { note } : {}) } },
    };
    const pending = live.get(`${m.location}\u0000${m.sku}`);
    if (pending !== undefined && pending.status !== "active") {
      const r = await transitionPolicy(
        db,
        { location: m.location, sku: m.sku, version: pending.version },
        "retired",
        actor,
        asOf,
      );
      if (!r.ok) return r;
    }
    const r = await proposePolicy(db, draft, actor);
    if (!r.ok) return r;
    out.push({ ...m, version: r.value.version, fromVersion: p.version, reason: null });
  }
  await appendAudit(db, {
    actor,
    action: "whatif.proposed",
    subject: "whatif",
    subjectId: `scale ${scale}`,
    detail: {
      scale,
      proposed: out.filter((x) => x.version !== null).length,
      skipped: out.filter((x) => x.version === null).length,
      ...(note ? { note } : {}),
    },
  });
  return ok(out);
}

function roundRule<R extends PolicyDraft["rule"]>(rule: R): R {
  const r: Record<string, unknown> = { ...rule };
  for (const [k, v] of Object.entries(r)) if (typeof v === "number" && k !== "cards") r[k] = round(v);
  return r as R;
}
