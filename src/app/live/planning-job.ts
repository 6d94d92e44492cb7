import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import type { PolicyScope } from "../../core/policy/lifecycle.js";
import type { DemandSeries } from "../../core/series.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import {
  demandHistory,
  finishRun,
  latestLivePolicies,
  planningItems,
  recordRunChange,
  startRun,
} from "../../db/planning-store.js";
import type { PolicyDraft } from "../../db/policies-store.js";
import { getSetting, putSetting } from "../../db/settings-store.js";
import { runJob, WORKER_URL } from "../jobs.js";
import type { PlanShared, PlanTask, SeriesOutcome } from "../plan-chunk.js";
import { mapParallel } from "../worker-pool.js";
import { proposePolicy, transitionPolicy } from "./policies.js";
import { dailyQuantities, storedItem } from "./stored-history.js";

/**
 * How the planning job hands over its results. manual: every new policy stays proposed for a planner.
 * automatic: proposals inside the pilot scope (its locations or SKUs) are approved and activated at once
 * by the job; the rest stay proposed.
 */
export interface PlanningSettings {
  readonly mode: "manual" | "automatic";
  readonly pilotLocations: readonly string[];
  readonly pilotSkus: readonly string[];
}

export const PLANNING_SETTINGS_KEY = "planning";
export const DEFAULT_PLANNING_SETTINGS: PlanningSettings = {
  mode: "manual",
  pilotLocations: [],
  pilotSkus: [],
};

export const planningSettings = (db: Db): Promise<PlanningSettings> =>
  getSetting(db, PLANNING_SETTINGS_KEY, DEFAULT_PLANNING_SETTINGS);

export const savePlanningSettings = (db: Db, s: PlanningSettings): Promise<void> =>
  putSetting(db, PLANNING_SETTINGS_KEY, s);

/** One planning run at a time per database in this process (a second caller waits for the first). */
const running = new WeakMap<Db, Promise<unknown>>();

export function serialisePlanning<T>(db: Db, job: () => Promise<T>): Promise<T> {
  const next = (running.get(db) ?? Promise.resolve()).then(job);
  running.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

export interface PlanningJobOptions {
  /** The day planned as of (history up to the day before). */
  readonly asOf: EpochDay;
  readonly trigger: "manual" | "schedule" | "demo";
  readonly actor: string;
  /** Days of history used, default 730. */
  readonly historyDays?: number;
  /** Worker threads for the per-series planning (0 = all cores, 1 = in-process). Default 1. */
  readonly threads?: number;
  readonly seed?: number;
  /** Overrides the stored mode: activate every new proposal ("all", the demo's first plan) or none. */
  readonly activate?: "settings" | "all" | "none";
}

export interface PlanningRunResult {
  readonly runId: number;
  readonly asOf: string;
  readonly mode: PlanningSettings["mode"];
  readonly series: number;
  readonly proposed: number;
  readonly activated: number;
  readonly unchanged: number;
  readonly skipped: number;
  readonly signals: readonly SignalChange[];
}

const round = (x: number, d = 4): number => Number(x.toFixed(d));

/**
 * The planning job: rebuilds each item × location's daily demand from the ledger (sales and
 * consumption), plans it with the same pipeline as `takt analyze` (planChunk → planSeries: profile,
 * forecast chosen by backtest, policy), and turns each result into a reorder-point policy draft. A
 * draft equal to the newest live version (active or pending proposal) is recorded as unchanged; a
 * different one supersedes a pending proposal (retired) and is proposed; in automatic mode within
 * the pilot scope (or with activate "all") it is approved and activated, which re-evaluates the
 * signals. Every decision is recorded in planning_run_changes with the figures before and after.
 */
export async function runPlanningJob(db: Db, o: PlanningJobOptions): Promise<PlanningRunResult> {
  const settings = await planningSettings(db);
  const asOfText = formatIsoDate(o.asOf);
  const runId = await startRun(db, {
    trigger: o.trigger,
    actor: o.actor,
    mode: settings.mode,
    asOf: asOfText,
  });
  try {
    const result = await plan(db, runId, settings, o);
    await finishRun(db, runId, "finished", { ...result, signals: result.signals.length }, null);
    return result;
  } catch (e) {
    await finishRun(db, runId, "failed", {}, e instanceof Error ? e.message : String(e));
    throw e;
  }
}

async function plan(
  db: Db,
  runId: number,
  settings: PlanningSettings,
  o: PlanningJobOptions,
): Promise<PlanningRunResult> {
  const lastDay = o.asOf - 1;
  const firstDay = lastDay - (o.historyDays ?? 730) + 1;
  const history = await demandHistory(db, firstDay, lastDay);
  const items = new Map((await planningItems(db)).map((r) => [`${r.location}\u0000${r.sku}`, r]));
  const tasks: PlanTask[] = [];
  const skipped: { location: string; sku: string; reason: string }[] = [];
  for (const h of history) {
    const start = Math.max(firstDay, parseIsoDate(h.firstDay)!);
    const length = lastDay - start + 1;
    if (length < 14 || h.days.length === 0) {
      skipped.push({
        location: h.location,
        sku: h.sku,
        reason: length < 14 ? "under 14 days of history" : "no demand recorded",
      });
      continue;
    }
    const q = dailyQuantities(h, start, length);
    const it = items.get(`${h.location}\u0000${h.sku}`);
    const series: DemandSeries = {
      sku: h.sku,
      location: h.location,
      frequency: "day",
      start: start as EpochDay,
      quantities: q,
      unitPrice: null,
    };
    tasks.push({ series, item: storedItem(it) });
  }
  const shared: PlanShared = { job: "plan", horizon: 28, seed: o.seed ?? 42 };
  const outcomes = (await mapParallel(
    tasks,
    { workerUrl: WORKER_URL, handler: runJob, shared },
    { threads: o.threads ?? 1 },
  )) as SeriesOutcome[];

  const live = await latestLivePolicies(db);
  const pilotLocations = new Set(settings.pilotLocations);
  const pilotSkus = new Set(settings.pilotSkus);
  let proposed = 0;
  let activated = 0;
  let unchanged = 0;
  const signals: SignalChange[] = [];
  for (const [i, t] of tasks.entries()) {
    const out = outcomes[i]!;
    const { sku, location } = t.series;
    const inPilot = pilotLocations.has(location) || pilotSkus.has(sku);
    const scope: PolicyScope = inPilot ? "pilot" : "all";
    const rule = out.rules.reorderPoint;
    if (!(rule.orderQuantity > 0)) {
      skipped.push({ location, sku, reason: "no forecast demand: order quantity 0" });
      continue;
    }
    const draft: PolicyDraft = {
      location,
      sku,
      scope,
      rule: {
        kind: "reorder_point",
        reorderPoint: round(rule.reorderPoint),
        orderQuantity: round(rule.orderQuantity),
      },
      safetyStock: round(Math.max(0, out.safetyStock)),
      meanDailyDemand: round(Math.max(0, out.meanDailyDemand)),
      leadTimeDays: round(Number(out.policy.lead_time_days), 2),
      constraints: { moq: t.item.params.moq, orderMultiple: t.item.params.orderMultiple },
      explanation: {
        planningRun: runId,
        forecast: {
          method: out.forecast.method,
          reason: out.forecast.reason,
          leadTimeMape: out.forecast.leadTimeMape,
        },
        pattern: out.profile.pattern,
        readiness: out.readiness,
        lines: out.explanation,
      },
    };
    const after = {
      rule: draft.rule.kind,
      reorderPoint: draft.rule.kind === "reorder_point" ? draft.rule.reorderPoint : null,
      orderQuantity: draft.rule.kind === "reorder_point" ? draft.rule.orderQuantity : null,
      safetyStock: draft.safetyStock,
      meanDailyDemand: draft.meanDailyDemand,
      leadTimeDays: draft.leadTimeDays,
      forecastMethod: out.forecast.method,
    };
    const prev = live.get(`${location}\u0000${sku}`);
    const before =
      prev === undefined
        ? null
        : { rule: prev.ruleKind, status: prev.status, version: prev.version, ...prev.figures };
    if (prev !== undefined && sameFigures(prev, after)) {
      unchanged++;
      await recordRunChange(db, {
        runId,
        location,
        sku,
        change: "unchanged",
        version: null,
        previousVersion: prev.version,
        detail: { before, after },
      });
      continue;
    }
    if (prev !== undefined && prev.status !== "active") {
      // A pending proposal (or approval) this run supersedes.
      const r = await transitionPolicy(
        db,
        { location, sku, version: prev.version },
        "retired",
        o.actor,
        o.asOf,
      );
      if (!r.ok) throw new Error(`retiring ${location}/${sku}/v${prev.version}: ${r.issues[0]?.message}`);
    }
    const p = await proposePolicy(db, draft, o.actor);
    if (!p.ok) throw new Error(`proposing ${location}/${sku}: ${p.issues[0]?.message}`);
    proposed++;
    const activate =
      o.activate === "all" ||
      ((o.activate ?? "settings") === "settings" && settings.mode === "automatic" && inPilot);
    let change: "proposed" | "activated" = "proposed";
    if (activate) {
      const ref = { location, sku, version: p.value.version };
      for (const to of ["approved", "active"] as const) {
        const r = await transitionPolicy(db, ref, to, o.actor, o.asOf);
        if (!r.ok) throw new Error(`activating ${location}/${sku}/v${ref.version}: ${r.issues[0]?.message}`);
        signals.push(...r.value.signals);
      }
      activated++;
      change = "activated";
    }
    await recordRunChange(db, {
      runId,
      location,
      sku,
      change,
      version: p.value.version,
      previousVersion: prev?.version ?? null,
      detail: { before, after, scope },
    });
  }
  for (const s of skipped)
    await recordRunChange(db, {
      runId,
      location: s.location,
      sku: s.sku,
      change: "skipped",
      version: null,
      previousVersion: null,
      detail: { reason: s.reason },
    });
  await appendAudit(db, {
    actor: o.actor,
    action: "planning.run",
    subject: "planning_run",
    subjectId: String(runId),
    detail: { proposed, activated, unchanged, skipped: skipped.length },
  });
  return {
    runId,
    asOf: formatIsoDate(o.asOf),
    mode: settings.mode,
    series: tasks.length,
    proposed,
    activated,
    unchanged,
    skipped: skipped.length,
    signals,
  };
}

function sameFigures(
  prev: { ruleKind: string; figures: Record<string, number | null> },
  after: {
    rule: string;
    reorderPoint: number | null;
    orderQuantity: number | null;
    safetyStock: number;
    meanDailyDemand: number;
    leadTimeDays: number;
  },
): boolean {
  const near = (a: number | null | undefined, b: number | null, rel: number): boolean =>
    a == null || b === null
      ? (a ?? null) === b
      : Math.abs(a - b) <= Math.max(1e-3, rel * Math.max(Math.abs(a), Math.abs(b)));
  const f = prev.figures;
  return (
    prev.ruleKind === after.rule &&
    near(f.reorderPoint, after.reorderPoint, 0) &&
    near(f.orderQuantity, after.orderQuantity, 0) &&
    near(f.safetyStock, after.safetyStock, 0) &&
    near(f.leadTimeDays, after.leadTimeDays, 0) &&
    near(f.meanDailyDemand, after.meanDailyDemand, 0.01)
  );
}
