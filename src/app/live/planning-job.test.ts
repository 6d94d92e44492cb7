import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { count, day, seedMasterData } from "../../../test/support/live-fixture.js";
import { formatIsoDate } from "../../core/calendar.js";
import type { Db } from "../../db/db.js";
import { type HistoryLine, loadHistory } from "../../db/ledger-history.js";
import { upsertSupplyLanes } from "../../db/master-data.js";
import { runChanges } from "../../db/planning-store.js";
import { runPlanningJob, savePlanningSettings } from "./planning-job.js";

/** `days` days of sales ending the day before `end`, `perDay(i)` units a day, after an opening stock. */
function sales(
  location: string,
  sku: string,
  end: number,
  days: number,
  perDay: (i: number) => number,
  tag = "",
): HistoryLine[] {
  const out: HistoryLine[] = [
    {
      location,
      sku,
      kind: "adjustment",
      qty: 1000,
      occurredAt: `${formatIsoDate(end - days)}T00:00:00Z`,
      key: `${sku}@${location}:open${tag}`,
      reference: null,
    },
  ];
  for (let i = 0; i < days; i++) {
    const q = perDay(i);
    if (q > 0)
      out.push({
        location,
        sku,
        kind: "sale",
        qty: -q,
        occurredAt: `${formatIsoDate(end - days + i)}T12:00:00Z`,
        key: `${sku}@${location}:${i}${tag}`,
        reference: null,
      });
  }
  return out;
}

const policies = async (db: Db) =>
  (
    await db.query<{ sku: string; location_id: string; version: number; status: string; scope: string }>(
      "SELECT sku, location_id, version, status, scope FROM policies ORDER BY location_id, sku, version",
    )
  ).rows;

describe.each(dbTargets())("planning job on $name", (target) => {
  const db = useTestDb(target);
  const asOf = day("2026-03-01");
  beforeEach(async () => {
    await seedMasterData(db());
    await upsertSupplyLanes(db(), [
      { location: "L1", sku: "A", supplier: "S1", leadTimeDays: 5, moq: 10 },
      { location: "L2", sku: "B", supplier: "S1", leadTimeDays: 3 },
    ]);
    await db().transaction((tx) =>
      loadHistory(tx, "hist", [
        ...sales("L1", "A", asOf, 120, (i) => 8 + (i % 7 === 5 ? 6 : 0)),
        ...sales("L2", "B", asOf, 90, (i) => (i % 3 === 0 ? 4 : 1)),
        ...sales("L1", "C", asOf, 5, () => 1),
      ]),
    );
  });

  it("proposes policies from the ledger history with the analyze pipeline and records what changed", async () => {
    const r = await runPlanningJob(db(), { asOf, trigger: "manual", actor: "planner" });
    expect(r).toMatchObject({
      series: 2,
      proposed: 2,
      activated: 0,
      unchanged: 0,
      skipped: 1,
      mode: "manual",
    });
    expect(await policies(db())).toEqual([
      { sku: "A", location_id: "L1", version: 1, status: "proposed", scope: "all" },
      { sku: "B", location_id: "L2", version: 1, status: "proposed", scope: "all" },
    ]);
    const a = await db().query<{
      mean_daily_demand: number;
      lead_time_days: number;
      moq: number;
      reorder_point: number;
      explanation: { forecast: { method: string } };
    }>(
      "SELECT mean_daily_demand, lead_time_days, moq, reorder_point, explanation FROM policies WHERE sku = 'A'",
    );
    expect(a.rows[0]!.mean_daily_demand).toBeGreaterThan(7);
    expect(a.rows[0]!.mean_daily_demand).toBeLessThan(11);
    expect(a.rows[0]!).toMatchObject({ lead_time_days: 5, moq: 10 });
    expect(a.rows[0]!.reorder_point).toBeGreaterThan(5 * 8);
    expect(a.rows[0]!.explanation.forecast.method).toBeTruthy();
    const changes = await runChanges(db(), r.runId, true);
    expect(changes.map((c) => [c.sku, c.change])).toEqual([
      ["A", "proposed"],
      ["C", "skipped"],
      ["B", "proposed"],
    ]);
    expect(changes[0]!.detail).toMatchObject({ before: null, after: { rule: "reorder_point" } });

    // Same history: nothing new.
    const again = await runPlanningJob(db(), { asOf, trigger: "schedule", actor: "scheduler" });
    expect(again).toMatchObject({ proposed: 0, unchanged: 2 });
    expect(await count(db(), "SELECT 1 FROM policies")).toBe(2);
    expect(await count(db(), "SELECT 1 FROM planning_runs WHERE status = 'finished'")).toBe(2);
  });

  it("supersedes a pending proposal when demand changed; automatic mode activates the pilot scope only", async () => {
    await runPlanningJob(db(), { asOf, trigger: "manual", actor: "planner" });
    const later = day("2026-04-01");
    await db().transaction((tx) =>
      loadHistory(tx, "hist2", [
        ...sales("L1", "A", later, 31, () => 30, "b"),
        ...sales("L2", "B", later, 31, () => 9, "b"),
      ]),
    );
    await savePlanningSettings(db(), { mode: "automatic", pilotLocations: ["L1"], pilotSkus: [] });
    const r = await runPlanningJob(db(), { asOf: later, trigger: "schedule", actor: "scheduler" });
    expect(r).toMatchObject({ mode: "automatic", proposed: 2, activated: 1 });
    expect(await policies(db())).toEqual([
      { sku: "A", location_id: "L1", version: 1, status: "retired", scope: "all" },
      { sku: "A", location_id: "L1", version: 2, status: "active", scope: "pilot" },
      { sku: "B", location_id: "L2", version: 1, status: "retired", scope: "all" },
      { sku: "B", location_id: "L2", version: 2, status: "proposed", scope: "all" },
    ]);
    const changes = await runChanges(db(), r.runId);
    expect(changes.find((c) => c.sku === "A")).toMatchObject({
      change: "activated",
      version: 2,
      previousVersion: 1,
    });
    const d = changes.find((c) => c.sku === "A")!.detail as {
      before: { meanDailyDemand: number };
      after: { meanDailyDemand: number };
    };
    expect(d.after.meanDailyDemand).toBeGreaterThan(d.before.meanDailyDemand);
  });
});
