import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { noisy, salesHistory } from "../../../test/support/history-fixture.js";
import { activate, count, day, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import { loadHistory } from "../../db/ledger-history.js";
import { upsertItems, upsertSupplyLanes } from "../../db/master-data.js";
import { getPolicy } from "../../db/policies-store.js";
import { liveWhatIf, proposeBufferScale } from "./whatif.js";

describe.each(dbTargets())("what-if on stored history, $name", (target) => {
  const db = useTestDb(target);
  const today = day("2026-03-01");
  const cut = day("2026-01-15");
  beforeEach(async () => {
    await seedMasterData(db());
    // Dear items: small economic lots, so the safety stock carries the service (not a month of cycle stock).
    await upsertItems(db(), [
      { sku: "A", unitCost: 300 },
      { sku: "B", unitCost: 150 },
    ]);
    await upsertSupplyLanes(db(), [
      { location: "L1", sku: "A", supplier: "S1", leadTimeDays: 5, leadTimeSdDays: 2 },
      { location: "L2", sku: "B", supplier: "S1", leadTimeDays: 3, leadTimeSdDays: 1 },
    ]);
    await db().transaction((tx) =>
      loadHistory(tx, "hist", [
        ...salesHistory("L1", "A", today, 300, noisy(12, 7)),
        ...salesHistory("L2", "B", today, 300, noisy(6, 11)),
        ...salesHistory("L1", "C", today, 10, () => 1),
      ]),
    );
  });

  it("replays every scale in one call: a curve whose totals are the items' sums, and the recommended scale", async () => {
    const r = await liveWhatIf(db(), {
      selection: {},
      cut,
      replayDays: 90,
      scales: [1.2, 0.8, 0.5],
      today,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const w = r.value;
    expect(w).toMatchObject({ cut: "2026-01-15", to: "2026-02-28", scales: [1.2, 1, 0.8, 0.5], series: 2 });
    // C's 10 days of history end after the cut: nothing before it to plan on.
    expect(w.skipped).toEqual([
      { sku: "C", location: "L1", reason: "under 14 days of history before the cut" },
    ]);
    expect(w.items.map((i) => [i.sku, i.location, i.supplier, i.pattern])).toEqual([
      ["A", "L1", "S1", "smooth"],
      ["B", "L2", "S1", "smooth"],
    ]);
    w.curve.forEach((p, k) => {
      const value = w.items.reduce((s, i) => s + i.perScale[k]!.inventoryValue, 0);
      const stockoutDays = w.items.reduce((s, i) => s + i.perScale[k]!.stockoutDays, 0);
      expect(p.scale).toBe(w.scales[k]);
      expect(p.inventoryValue).toBeCloseTo(value, 9);
      expect(p.stockoutDays).toBe(stockoutDays);
      expect(p.fillRate).toBeGreaterThanOrEqual(0);
      expect(p.fillRate).toBeLessThanOrEqual(1);
    });
    // A smaller buffer holds less stock and never serves more from it.
    for (let k = 1; k < w.curve.length; k++) {
      expect(w.curve[k]!.inventoryValue).toBeLessThan(w.curve[k - 1]!.inventoryValue);
      expect(w.curve[k]!.fillRate).toBeLessThanOrEqual(w.curve[k - 1]!.fillRate + 1e-12);
    }
    // The recommendation is the smallest scale whose fill rate (and every larger one's) meets the target.
    const rec = w.recommendation;
    const target = rec.target;
    let expected: number | null = null;
    for (const p of w.curve) {
      if (p.fillRate >= target) expected = p.scale;
      else break;
    }
    expect(rec.recommendedScale).toBe(expected);
    const at = w.curve.find((p) => p.scale === (expected ?? 1))!;
    expect(rec.inventoryValue).toBeCloseTo(at.inventoryValue, 9);
    expect(rec.inventoryValueAtOne).toBeCloseTo(w.curve.find((p) => p.scale === 1)!.inventoryValue, 9);
  });

  it("narrows by class and refuses an empty, too large or unreplayable selection with the field", async () => {
    const byLocation = await liveWhatIf(db(), {
      selection: { locations: ["L2"] },
      cut,
      replayDays: 30,
      today,
    });
    expect(byLocation.ok && byLocation.value.items.map((i) => i.sku)).toEqual(["B"]);
    const abc = await liveWhatIf(db(), { selection: { abc: ["A"] }, cut, replayDays: 30, today });
    // A sells twice B's units at 4 a unit (B costs the default 1): A carries most of the value.
    expect(abc.ok && abc.value.items.map((i) => [i.sku, i.abc])).toEqual([["A", "A"]]);
    const none = await liveWhatIf(db(), { selection: { patterns: ["lumpy"] }, cut, replayDays: 30, today });
    expect(!none.ok && none.issues[0]).toMatchObject({
      code: "empty_selection",
      path: { field: "selection" },
    });
    const big = await liveWhatIf(db(), { selection: {}, cut, replayDays: 30, today, maxSeries: 1 });
    expect(!big.ok && big.issues[0]).toMatchObject({ code: "selection_too_large", received: "2" });
    const late = await liveWhatIf(db(), { selection: {}, cut: today, replayDays: 30, today });
    expect(!late.ok && late.issues[0]).toMatchObject({
      path: { field: "cut" },
      expected: "a day up to 2026-02-28",
      received: "2026-03-01",
    });
  });

  it("saves a buffer scale as proposed versions of the active policies, audited", async () => {
    await activate(db(), ropPolicy("L1", "A"));
    const r = await proposeBufferScale(
      db(),
      [
        { sku: "A", location: "L1" },
        { sku: "B", location: "L2" },
      ],
      0.8,
      "planner",
      today,
      "what-if of 2026-01-15",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value).toEqual([
      { sku: "A", location: "L1", version: 2, fromVersion: 1, reason: null },
      { sku: "B", location: "L2", version: null, fromVersion: null, reason: "no active policy to scale" },
    ]);
    // (r, Q) = (60, 100) with SS 20 at × 0.8: r = 60 − 0.2 × 20 = 56, SS 16; Q unchanged.
    const p = await getPolicy(db(), "L1", "A", 2);
    expect(p).toMatchObject({
      status: "proposed",
      scope: "all",
      rule: { kind: "reorder_point", reorderPoint: 56, orderQuantity: 100 },
      safetyStock: 16,
    });
    expect((await getPolicy(db(), "L1", "A", 1))!.status).toBe("active");
    expect(await count(db(), "SELECT 1 FROM audit_log WHERE action = 'whatif.proposed'")).toBe(1);
    expect(await count(db(), "SELECT 1 FROM audit_log WHERE action = 'policy.proposed'")).toBe(2);
    // A second save supersedes the pending proposal.
    const again = await proposeBufferScale(db(), [{ sku: "A", location: "L1" }], 0.9, "planner", today);
    expect(again.ok && again.value[0]).toMatchObject({ version: 3, fromVersion: 1 });
    expect((await getPolicy(db(), "L1", "A", 2))!.status).toBe("retired");
    const bad = await proposeBufferScale(db(), [{ sku: "A", location: "L1" }], -1, "planner", today);
    expect(!bad.ok && bad.issues[0]).toMatchObject({ path: { field: "scale" } });
  });
});
