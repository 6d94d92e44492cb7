import { proposePolicy, transitionPolicy } from "../../src/app/live/policies.js";
import { parseIsoDate } from "../../src/core/calendar.js";
import type { LedgerEventInput } from "../../src/core/ledger/ledger-event.js";
import type { EpochDay } from "../../src/core/units.js";
import type { Db } from "../../src/db/db.js";
import {
  type SupplyLaneRecord,
  upsertItems,
  upsertLocations,
  upsertSuppliers,
  upsertSupplyLanes,
} from "../../src/db/master-data.js";
import type { PolicyDraft } from "../../src/db/policies-store.js";

export const day = (s: string): EpochDay => parseIsoDate(s)!;

/** Locations L1, L2; items A, B, C; supplier S1. */
export async function seedMasterData(db: Db): Promise<void> {
  await upsertLocations(db, [
    { id: "L1", name: "Store 1" },
    { id: "L2", kind: "distribution_centre" },
  ]);
  await upsertItems(db, [{ sku: "A", unitCost: 4 }, { sku: "B" }, { sku: "C" }]);
  await upsertSuppliers(db, [{ id: "S1", name: "Supplier 1" }]);
}

/**
 * Item A at L1 with two lanes: primary S1 (road, 5 days, 4 a unit; expedited 1 day at +2 a unit) and
 * backup S2 (parcel, 2 days, 4.5 a unit, with `backup`'s extra terms). Call after seedMasterData.
 */
export async function seedExpediteLanes(db: Db, backup: Partial<SupplyLaneRecord> = {}): Promise<void> {
  await upsertSuppliers(db, [{ id: "S2", name: "Backup" }]);
  await upsertSupplyLanes(db, [
    {
      location: "L1",
      sku: "A",
      supplier: "S1",
      role: "primary",
      mode: "road",
      leadTimeDays: 5,
      unitCost: 4,
      expediteLeadTimeDays: 1,
      expediteCostPerUnit: 2,
    },
    {
      location: "L1",
      sku: "A",
      supplier: "S2",
      role: "backup",
      mode: "parcel",
      leadTimeDays: 2,
      unitCost: 4.5,
      ...backup,
    },
  ]);
}

/** (r, Q) = (60, 100), safety stock 20, d = 8/day, L = 5 days: auto at 60, review at 20, emergency d·L = 40. */
export const ropPolicy = (location = "L1", sku = "A"): PolicyDraft => ({
  location,
  sku,
  rule: { kind: "reorder_point", reorderPoint: 60, orderQuantity: 100 },
  safetyStock: 20,
  meanDailyDemand: 8,
  leadTimeDays: 5,
});

/** Proposes, approves and activates a policy. */
export async function activate(db: Db, draft: PolicyDraft, asOf = day("2026-03-01")): Promise<number> {
  const p = await proposePolicy(db, draft, "planner");
  if (!p.ok) throw new Error(JSON.stringify(p.issues));
  const ref = { location: draft.location, sku: draft.sku, version: p.value.version };
  for (const to of ["approved", "active"] as const) {
    const r = await transitionPolicy(db, ref, to, "planner", asOf);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
  }
  return p.value.version;
}

let counter = 0;

/** An event with a fresh key unless one is given. */
export const event = (
  over: Partial<LedgerEventInput> & Pick<LedgerEventInput, "kind" | "qty">,
): LedgerEventInput => ({
  key: `e${++counter}`,
  source: "test",
  sku: "A",
  location: "L1",
  occurredAt: "2026-03-02",
  ...over,
});

export async function count(db: Db, sql: string, params: readonly unknown[] = []): Promise<number> {
  const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) AS q`, params);
  return r.rows[0]!.n;
}

export async function onHand(db: Db, location: string, sku: string): Promise<number | null> {
  const r = await db.query<{ on_hand: number }>(
    "SELECT on_hand FROM positions WHERE location_id = $1 AND sku = $2",
    [location, sku],
  );
  return r.rows[0]?.on_hand ?? null;
}
