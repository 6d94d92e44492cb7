import type { Queryable } from "./db.js";

/**
 * Master data: locations, items, suppliers and supply lanes. Upserts take whole lists (one statement
 * each, through unnest) and overwrite the fields they are given; a null or missing optional field keeps
 * the stored value.
 */

export type LocationKind = "store" | "warehouse" | "distribution_centre" | "plant";
export type LaneRole = "primary" | "backup";
export type TransportMode = "parcel" | "ltl" | "ftl" | "road" | "rail" | "sea" | "air" | "milk_run";

export interface LocationRecord {
  readonly id: string;
  readonly name?: string;
  readonly kind?: LocationKind;
}

export interface ItemRecord {
  readonly sku: string;
  readonly name?: string;
  readonly category?: string | null;
  /** Money per unit. */
  readonly unitCost?: number | null;
  readonly unitPrice?: number | null;
}

export interface SupplierRecord {
  readonly id: string;
  readonly name?: string;
}

/** Item × supplier × location terms. Days, units, money per unit. */
export interface SupplyLaneRecord {
  readonly location: string;
  readonly sku: string;
  readonly supplier: string;
  readonly role?: LaneRole;
  readonly mode?: TransportMode;
  readonly leadTimeDays: number;
  readonly leadTimeSdDays?: number;
  readonly moq?: number;
  readonly orderMultiple?: number;
  readonly unitCost?: number | null;
  readonly expediteLeadTimeDays?: number | null;
  readonly expediteCostPerUnit?: number | null;
}

export async function upsertLocations(q: Queryable, rows: readonly LocationRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO locations (location_id, name, kind)
     SELECT id, coalesce(name, ''), coalesce(kind, 'store') FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, name, kind)
     ON CONFLICT (location_id) DO UPDATE SET
       name = coalesce(nullif(EXCLUDED.name, ''), locations.name),
       kind = CASE WHEN $4::text[] @> ARRAY[EXCLUDED.location_id] THEN EXCLUDED.kind ELSE locations.kind END`,
    [
      rows.map((r) => r.id),
      rows.map((r) => r.name ?? null),
      rows.map((r) => r.kind ?? null),
      rows.filter((r) => r.kind !== undefined).map((r) => r.id),
    ],
  );
}

export async function upsertItems(q: Queryable, rows: readonly ItemRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO items (sku, name, category, unit_cost, unit_price)
     SELECT sku, coalesce(name, ''), category, unit_cost, unit_price
     FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[])
       AS t(sku, name, category, unit_cost, unit_price)
     ON CONFLICT (sku) DO UPDATE SET
       name = coalesce(nullif(EXCLUDED.name, ''), items.name),
       category = coalesce(EXCLUDED.category, items.category),
       unit_cost = coalesce(EXCLUDED.unit_cost, items.unit_cost),
       unit_price = coalesce(EXCLUDED.unit_price, items.unit_price)`,
    [
      rows.map((r) => r.sku),
      rows.map((r) => r.name ?? null),
      rows.map((r) => r.category ?? null),
      rows.map((r) => r.unitCost ?? null),
      rows.map((r) => r.unitPrice ?? null),
    ],
  );
}

export async function upsertSuppliers(q: Queryable, rows: readonly SupplierRecord[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO suppliers (supplier_id, name)
     SELECT id, coalesce(name, '') FROM unnest($1::text[], $2::text[]) AS t(id, name)
     ON CONFLICT (supplier_id) DO UPDATE SET name = coalesce(nullif(EXCLUDED.name, ''), suppliers.name)`,
    [rows.map((r) => r.id), rows.map((r) => r.name ?? null)],
  );
}

export async function upsertSupplyLanes(q: Queryable, rows: readonly SupplyLaneRecord[]): Promise<void> {
  for (const r of rows) {
    await q.query(
      `INSERT INTO supply_lanes (location_id, sku, supplier_id, role, mode, lead_time_days, lead_time_sd_days,
         moq, order_multiple, unit_cost, expedite_lead_time_days, expedite_cost_per_unit)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (location_id, sku, supplier_id) DO UPDATE SET
         role = EXCLUDED.role, mode = EXCLUDED.mode, lead_time_days = EXCLUDED.lead_time_days,
         lead_time_sd_days = EXCLUDED.lead_time_sd_days, moq = EXCLUDED.moq,
         order_multiple = EXCLUDED.order_multiple,
         unit_cost = coalesce(EXCLUDED.unit_cost, supply_lanes.unit_cost),
         expedite_lead_time_days = coalesce(EXCLUDED.expedite_lead_time_days, supply_lanes.expedite_lead_time_days),
         expedite_cost_per_unit = coalesce(EXCLUDED.expedite_cost_per_unit, supply_lanes.expedite_cost_per_unit)`,
      [
        r.location,
        r.sku,
        r.supplier,
        r.role ?? "primary",
        r.mode ?? "road",
        r.leadTimeDays,
        r.leadTimeSdDays ?? 0,
        r.moq ?? 1,
        r.orderMultiple ?? 1,
        r.unitCost ?? null,
        r.expediteLeadTimeDays ?? null,
        r.expediteCostPerUnit ?? null,
      ],
    );
  }
}

const KEY_COLUMN = { items: "sku", locations: "location_id", suppliers: "supplier_id" } as const;

/** The keys in `keys` that the table does not have, in the order given (each once). */
export async function missingKeys(
  q: Queryable,
  table: keyof typeof KEY_COLUMN,
  keys: readonly string[],
): Promise<string[]> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return [];
  const col = KEY_COLUMN[table];
  const r = await q.query<{ k: string }>(`SELECT ${col} AS k FROM ${table} WHERE ${col} = ANY($1::text[])`, [
    unique,
  ]);
  const found = new Set(r.rows.map((x) => x.k));
  return unique.filter((k) => !found.has(k));
}
