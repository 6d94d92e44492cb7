import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { count } from "../../../test/support/live-fixture.js";
import type { EpochDay } from "../../core/units.js";
import { positionMismatches } from "../../db/positions.js";
import { demoCompany, demoState, isEmpty, loadDemo, playDemoDay } from "./live-demo.js";

describe.each(dbTargets())("live demo on $name", (target) => {
  const db = useTestDb(target);
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "takt-demo-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("loads a demo company into an empty database, plans it, and replays days through the event path", {
    timeout: 120_000,
  }, async () => {
    expect(await isEmpty(db())).toBe(true);
    const d = await loadDemo(db(), { dir, skus: 12, locations: 2, historyDays: 120, futureDays: 20 });
    expect(await isEmpty(db())).toBe(false);
    expect(d.historyLines).toBeGreaterThan(500);
    expect(d.plan.activated).toBeGreaterThan(10);
    expect(await count(db(), "SELECT 1 FROM policies WHERE status = 'active'")).toBe(d.plan.activated);
    expect(await count(db(), "SELECT 1 FROM suppliers")).toBeGreaterThanOrEqual(2);
    expect(await positionMismatches(db())).toEqual([]);
    const state = await demoState(db());
    expect(state).toMatchObject({ skus: 12, locations: 2, today: d.state.split });

    const company = demoCompany(state!);
    let events = 0;
    let signalChanges = d.plan.signals.length;
    for (let i = 0; i < 5; i++) {
      const r = await playDemoDay(db(), company, (state!.split + i) as EpochDay);
      events += r.batch?.applied ?? 0;
      signalChanges += r.batch?.events.flatMap((e) => e.signals).length ?? 0;
    }
    expect(events).toBeGreaterThan(20);
    expect(signalChanges).toBeGreaterThan(0);
    expect(await positionMismatches(db())).toEqual([]);
    // A day played twice (a restart mid-day) changes nothing.
    const ledger = await count(db(), "SELECT 1 FROM inventory_ledger");
    const replay = await playDemoDay(db(), company, (state!.split + 4) as EpochDay);
    expect(replay.batch?.applied ?? 0).toBe(0);
    expect(await count(db(), "SELECT 1 FROM inventory_ledger")).toBe(ledger);
  });
});
