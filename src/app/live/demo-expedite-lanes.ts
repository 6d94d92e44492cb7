import type { Tx } from "../../db/db.js";
import type { TransportMode } from "../../db/master-data.js";
import {
  CATEGORY_SUPPLIERS,
  DEMO_SUPPLIERS,
  type DemoSupplier,
  EXPEDITE,
  expeditedLeadTimeDays,
  supplierLeadTime,
} from "../../demo/suppliers.js";

/** What a backup supplier charges over the usual one, as a share of the unit cost (demo assumption). */
export const BACKUP_PRICE_PREMIUM = 0.08;

const MODES: Readonly<Record<string, TransportMode>> = {
  Truck: "road",
  Ocean: "sea",
  Parcel: "parcel",
  LTL: "ltl",
  Air: "air",
};

/**
 * Expedite surcharge per unit of a supplier, as a share of the unit cost: the demo's freight model
 * (demo/replenish.ts) charges freightRate × goods value, × EXPEDITE.freightMultiplier when expedited, so
 * expediting adds freightRate × (multiplier − 1) per unit of value (the fixed part per line left out).
 */
export const expediteSurchargeShare = (s: DemoSupplier): number =>
  s.behaviour.freightRate * (EXPEDITE.freightMultiplier - 1);

/**
 * Gives the demo company's supply lanes what an emergency needs (expedite-options.ts): every lane of
 * a demo supplier an expedited mode (its expedited lead time, demo/suppliers.ts, and the surcharge
 * above), and each item × location bought from its category's usual supplier (CATEGORY_SUPPLIERS, the
 * first) a backup lane from the category's second one: its quoted lead time and sd, the primary's MOQ and multiple, the
 * primary's unit cost plus BACKUP_PRICE_PREMIUM, its own expedited mode. Runs in the caller's
 * transaction after the items master is imported; lanes of other suppliers are left alone.
 */
export async function addDemoExpediteLanes(tx: Tx): Promise<{ expedited: number; backups: number }> {
  const ids = DEMO_SUPPLIERS.map((s) => s.supplier);
  const r1 = await tx.query(
    `UPDATE supply_lanes l SET expedite_lead_time_days = t.lead, expedite_cost_per_unit = round(l.unit_cost * t.share, 4)
     FROM unnest($1::text[], $2::numeric[], $3::numeric[]) AS t(supplier_id, lead, share)
     WHERE l.supplier_id = t.supplier_id`,
    [ids, DEMO_SUPPLIERS.map(expeditedLeadTimeDays), DEMO_SUPPLIERS.map(expediteSurchargeShare)],
  );
  const pairs = Object.entries(CATEGORY_SUPPLIERS).map(([category, list]) => ({
    category,
    primary: list[0]!,
    backup: list[1]!,
  }));
  const byId = new Map(DEMO_SUPPLIERS.map((s) => [s.supplier, s]));
  const backup = pairs.map((p) => byId.get(p.backup)!);
  const r2 = await tx.query(
    `INSERT INTO supply_lanes (location_id, sku, supplier_id, role, mode, lead_time_days, lead_time_sd_days, moq,
       order_multiple, unit_cost, expedite_lead_time_days, expedite_cost_per_unit)
     SELECT l.location_id, l.sku, t.backup, 'backup', t.mode, t.lead, t.sd, l.moq, l.order_multiple,
            round(l.unit_cost * (1 + $9::numeric), 4), t.exp_lead, round(l.unit_cost * (1 + $9::numeric) * t.share, 4)
     FROM supply_lanes l
     JOIN items i ON i.sku = l.sku
     JOIN unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::numeric[],
                 $8::numeric[])
       AS t(category, primary_id, backup, mode, lead, sd, exp_lead, share)
       ON t.category = i.category AND t.primary_id = l.supplier_id
     JOIN suppliers s ON s.supplier_id = t.backup
     WHERE l.role = 'primary'
     ON CONFLICT (location_id, sku, supplier_id) DO NOTHING`,
    [
      pairs.map((p) => p.category),
      pairs.map((p) => p.primary),
      pairs.map((p) => p.backup),
      backup.map((s) => MODES[s.mode] ?? "road"),
      backup.map((s) => s.quotedLeadTimeDays),
      backup.map((s) => Math.round(supplierLeadTime(s).sd * 100) / 100),
      backup.map(expeditedLeadTimeDays),
      backup.map(expediteSurchargeShare),
      BACKUP_PRICE_PREMIUM,
    ],
  );
  return { expedited: r1.rowCount, backups: r2.rowCount };
}
