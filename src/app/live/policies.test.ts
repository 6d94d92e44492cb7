import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { activate, count, day, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import type { ReplenishmentRule } from "../../core/policy/rule.js";
import { activePolicy, getPolicy } from "../../db/policies-store.js";
import { listSignals } from "../../db/signals-store.js";
import { proposePolicy, transitionPolicy } from "./policies.js";

describe.each(dbTargets())("policies on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
  });

  it("versions proposals and stores every rule kind as given", async () => {
    const rules: ReplenishmentRule[] = [
      { kind: "reorder_point", reorderPoint: 60, orderQuantity: 100 },
      { kind: "min_max", min: 40, max: 160 },
      { kind: "periodic", reviewPeriodDays: 7, reviewOffsetDays: 2, orderUpTo: 150 },
      { kind: "kanban", cards: 5, containerSize: 20 },
      {
        kind: "ddmrp",
        topOfRed: 30.5,
        topOfYellow: 70.5,
        topOfGreen: 110,
        spikeThreshold: 15,
        spikeHorizonDays: 7,
      },
    ];
    for (const [i, rule] of rules.entries()) {
      const p = await proposePolicy(db(), { ...ropPolicy(), rule }, "planner");
      expect(p).toMatchObject({
        ok: true,
        value: { version: i + 1, status: "proposed", scope: "all", rule },
      });
    }
    const kanban = await getPolicy(db(), "L1", "A", 4);
    expect(kanban!.thresholds).toMatchObject({
      autoReplenishAt: 80,
      reviewAtOnHand: 20,
      emergencyOnHand: 40,
    });
    const periodic = await getPolicy(db(), "L1", "A", 3);
    expect(periodic!.thresholds.autoReplenishAt).toBe(150 - 8 * 7);
  });

  it("moves along proposed → approved → active → retired, and nowhere else", async () => {
    const p = await proposePolicy(db(), { ...ropPolicy(), scope: "pilot" }, "planner");
    const ref = { location: "L1", sku: "A", version: 1 };
    expect(p.ok).toBe(true);
    const skip = await transitionPolicy(db(), ref, "active", "boss", day("2026-03-01"));
    expect(skip).toMatchObject({
      ok: false,
      issues: [{ code: "invalid_transition", received: "proposed → active" }],
    });
    expect((await transitionPolicy(db(), ref, "approved", "boss", day("2026-03-01"))).ok).toBe(true);
    expect((await getPolicy(db(), "L1", "A", 1))!.status).toBe("approved");
    const missing = await transitionPolicy(
      db(),
      { ...ref, version: 9 },
      "approved",
      "boss",
      day("2026-03-01"),
    );
    expect(missing).toMatchObject({ ok: false, issues: [{ code: "not_found" }] });
    expect(
      await count(
        db(),
        "SELECT 1 FROM audit_log WHERE subject = 'policy' AND action IN ('policy.proposed', 'policy.approved')",
      ),
    ).toBe(2);
  });

  it("activating a new version retires the old; one active policy drives the signals", async () => {
    await activate(db(), ropPolicy());
    expect((await listSignals(db())).map((s) => s.kind)).toEqual(["replenishment", "review", "emergency"]);
    await activate(db(), {
      ...ropPolicy(),
      rule: { kind: "reorder_point", reorderPoint: 0, orderQuantity: 10 },
      safetyStock: -5,
    });
    expect((await getPolicy(db(), "L1", "A", 1))!.status).toBe("retired");
    expect((await activePolicy(db(), "L1", "A"))!.version).toBe(2);
    expect((await listSignals(db())).map((s) => [s.kind, s.policyVersion])).toEqual([
      ["replenishment", 2],
      ["review", 2],
      ["emergency", 2],
    ]);
    const r = await transitionPolicy(
      db(),
      { location: "L1", sku: "A", version: 2 },
      "retired",
      "boss",
      day("2026-03-02"),
    );
    expect(r.ok && r.value.signals.map((s) => s.change)).toEqual(["closed", "closed", "closed"]);
    expect((await listSignals(db(), "closed")).every((s) => s.closedReason !== null)).toBe(true);
    await expect(
      db().query("UPDATE policies SET status = 'active', approved_at = now(), activated_at = now()"),
    ).rejects.toThrow(/policies_one_active/);
  });

  it("refuses unknown items and incomplete rules", async () => {
    const r = await proposePolicy(db(), { ...ropPolicy(), sku: "Z" }, "planner");
    expect(r).toMatchObject({ ok: false, issues: [{ code: "unknown_item", received: "Z" }] });
    await expect(
      db().query(
        `INSERT INTO policies (location_id, sku, version, rule_kind, mean_daily_demand, lead_time_days,
           auto_replenish_at, review_at_on_hand, proposed_by) VALUES ('L1', 'A', 1, 'kanban', 1, 1, 0, 0, 'x')`,
      ),
    ).rejects.toThrow(/policies_rule_figures/);
  });
});
