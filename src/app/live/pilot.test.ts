import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { salesHistory } from "../../../test/support/history-fixture.js";
import { count, day, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import type { EpochDay } from "../../core/units.js";
import { loadHistory } from "../../db/ledger-history.js";
import { activatePilot, comparePilot, definePilot, getPilot } from "./pilot.js";
import { proposePolicy } from "./policies.js";

describe.each(dbTargets())("pilot on $name", (target) => {
  const db = useTestDb(target);
  const start = day("2026-02-10");
  const today = (start + 10) as EpochDay;
  beforeEach(async () => {
    await seedMasterData(db());
    // A (unit cost 4): 100 on hand the morning of start − 10, 5 sold a day for 20 days — out on start + 9.
    // B (unit cost: the default 1): 30 on hand, 1 sold a day.
    await db().transaction((tx) =>
      loadHistory(tx, "hist", [
        ...salesHistory("L1", "A", start + 10, 20, () => 5).map((l) =>
          l.kind === "adjustment" ? { ...l, qty: 100 } : l,
        ),
        ...salesHistory("L2", "B", start + 10, 20, () => 1).map((l) =>
          l.kind === "adjustment" ? { ...l, qty: 30 } : l,
        ),
      ]),
    );
  });

  it("defines a scope, activates its pending policies pilot-first, and compares before/after with the control group", async () => {
    const unknown = await definePilot(db(), "p1", [{ sku: "C", location: "L1" }], "planner");
    expect(!unknown.ok && unknown.issues[0]).toMatchObject({
      code: "unknown_position",
      path: { field: "members.0" },
      received: "C@L1",
    });
    const d = await definePilot(
      db(),
      "fast movers",
      [
        { sku: "A", location: "L1" },
        { sku: "A", location: "L1" },
      ],
      "planner",
    );
    expect(d.ok && d.value.members).toEqual([{ sku: "A", location: "L1" }]);
    expect((await comparePilot(db(), 10, today)).ok).toBe(false);

    const proposed = await proposePolicy(db(), ropPolicy("L1", "A"), "planner");
    expect(proposed.ok).toBe(true);
    const a = await activatePilot(db(), "planner", start);
    if (!a.ok) throw new Error(JSON.stringify(a.issues));
    expect(a.value.members).toEqual([{ sku: "A", location: "L1", outcome: "activated", version: 1 }]);
    expect(a.value.pilot).toMatchObject({ activatedOn: "2026-02-10", activatedBy: "planner" });
    const p = await db().query<{ status: string; scope: string }>(
      "SELECT status, scope FROM policies WHERE sku = 'A'",
    );
    expect(p.rows).toEqual([{ status: "active", scope: "pilot" }]);
    expect(await count(db(), "SELECT 1 FROM audit_log WHERE action LIKE 'pilot.%'")).toBe(2);
    expect((await getPilot(db()))!.activatedOn).toBe("2026-02-10");
    // Activating again (nothing pending now) keeps the first day.
    const again = await activatePilot(db(), "admin", (start + 3) as EpochDay);
    expect(again.ok && again.value).toMatchObject({
      pilot: { activatedOn: "2026-02-10", activatedBy: "planner" },
      members: [{ outcome: "already_active" }],
    });

    const c = await comparePilot(db(), 10, today);
    if (!c.ok) throw new Error(JSON.stringify(c.issues));
    const k = c.value;
    // Before (the 10 days 01-31 … 02-09): A ends the days at 95, 90, …, 50.
    expect(k.pilotBefore).toMatchObject({ from: "2026-01-31", to: "2026-02-09", positions: 1, days: 10 });
    expect(k.pilotBefore).toMatchObject({
      unitsSold: 50,
      costOfGoodsSold: 200,
      stockoutDays: 0,
      fillRate: null,
    });
    expect(k.pilotBefore.averageInventoryValue).toBeCloseTo(72.5 * 4, 9);
    expect(k.pilotBefore.inventoryTurns).toBeCloseTo(((200 / 10) * 365) / 290, 9);
    // After (02-10 … 02-19): 45, 40, …, 0 — the last day out of stock.
    expect(k.pilotAfter).toMatchObject({ from: "2026-02-10", to: "2026-02-19", unitsSold: 50 });
    expect(k.pilotAfter).toMatchObject({ stockoutDays: 1, stockoutEpisodes: 1 });
    expect(k.pilotAfter.averageInventoryValue).toBeCloseTo(22.5 * 4, 9);
    expect(k.pilotAfter.inStockRate).toBeCloseTo(0.9, 12);
    // Control: B alone, 29 … 20 then 19 … 10 at the default unit cost 1.
    expect(k.controlBefore).toMatchObject({ positions: 1, unitsSold: 10, stockoutDays: 0 });
    expect(k.controlBefore.averageInventoryValue).toBeCloseTo(24.5, 9);
    expect(k.controlAfter.averageInventoryValue).toBeCloseTo(14.5, 9);
  });
});
