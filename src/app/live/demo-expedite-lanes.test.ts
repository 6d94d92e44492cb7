import { describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { upsertItems, upsertLocations, upsertSuppliers, upsertSupplyLanes } from "../../db/master-data.js";
import { addDemoExpediteLanes } from "./demo-expedite-lanes.js";

describe.each(dbTargets())("demo expedite lanes on $name", (target) => {
  const db = useTestDb(target);

  it("gives demo lanes an expedited mode and a backup supplier from the item's category", async () => {
    await upsertLocations(db(), [{ id: "L1" }]);
    await upsertItems(db(), [
      { sku: "X", category: "Beverages" },
      { sku: "Y", category: "Spare parts" },
      { sku: "Z", category: null },
    ]);
    await upsertSuppliers(
      db(),
      ["SUP-01", "SUP-03", "SUP-05", "SUP-06", "OTHER"].map((id) => ({ id })),
    );
    await upsertSupplyLanes(db(), [
      {
        location: "L1",
        sku: "X",
        supplier: "SUP-01",
        leadTimeDays: 5,
        moq: 6,
        orderMultiple: 6,
        unitCost: 10,
      },
      { location: "L1", sku: "Y", supplier: "SUP-06", leadTimeDays: 28, unitCost: 100 },
      { location: "L1", sku: "Z", supplier: "OTHER", leadTimeDays: 4, unitCost: 5 },
    ]);
    const first = await db().transaction((tx) => addDemoExpediteLanes(tx));
    expect(first).toEqual({ expedited: 2, backups: 2 });
    const lanes = await db().query(
      `SELECT sku, supplier_id, role, mode, lead_time_days, moq, order_multiple, unit_cost, expedite_lead_time_days,
              expedite_cost_per_unit
       FROM supply_lanes ORDER BY sku, role DESC`,
    );
    // SUP-01: expedited in max(2, ⌈5/5⌉) = 2 days for 10 × 0.02 × (4 − 1) = 0.6/unit. Backup SUP-03
    // (Beverages' other supplier): parcel, 3 days, 10 × 1.08 = 10.8, expedited in 2 days for
    // 10.8 × 0.04 × 3 = 1.296. SUP-06: max(2, ⌈28/5⌉) = 6 days, 100 × 0.05 × 3 = 15. Backup SUP-05 (the
    // first other of Spare parts): ltl, 12 days, 108, expedited in ⌈12/5⌉ = 3 days for 108 × 0.03 × 3 = 9.72.
    const row = (sku: string, supplier: string, role: string, mode: string, lead: number, moq: number) => ({
      sku,
      supplier_id: supplier,
      role,
      mode,
      lead_time_days: lead,
      moq,
      order_multiple: moq,
    });
    expect(lanes.rows).toEqual([
      {
        ...row("X", "SUP-01", "primary", "road", 5, 6),
        unit_cost: 10,
        expedite_lead_time_days: 2,
        expedite_cost_per_unit: 0.6,
      },
      {
        ...row("X", "SUP-03", "backup", "parcel", 3, 6),
        unit_cost: 10.8,
        expedite_lead_time_days: 2,
        expedite_cost_per_unit: 1.296,
      },
      {
        ...row("Y", "SUP-06", "primary", "road", 28, 1),
        unit_cost: 100,
        expedite_lead_time_days: 6,
        expedite_cost_per_unit: 15,
      },
      {
        ...row("Y", "SUP-05", "backup", "ltl", 12, 1),
        unit_cost: 108,
        expedite_lead_time_days: 3,
        expedite_cost_per_unit: 9.72,
      },
      {
        ...row("Z", "OTHER", "primary", "road", 4, 1),
        unit_cost: 5,
        expedite_lead_time_days: null,
        expedite_cost_per_unit: null,
      },
    ]);
    // Idempotent: a second run adds no lane and changes no figure.
    expect(await db().transaction((tx) => addDemoExpediteLanes(tx))).toEqual({ expedited: 4, backups: 0 });
    expect((await db().query("SELECT count(*)::int AS n FROM supply_lanes")).rows).toEqual([{ n: 5 }]);
  });
});
