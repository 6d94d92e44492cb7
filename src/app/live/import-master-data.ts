import { DEFAULT_ITEM } from "../../core/item.js";
import { fail, ok, type Result } from "../../core/result.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import {
  type ItemRecord,
  type SupplyLaneRecord,
  upsertItems,
  upsertLocations,
  upsertSuppliers,
  upsertSupplyLanes,
} from "../../db/master-data.js";
import { type ReadItemsOptions, readItemsCsv } from "../../io/read-items.js";

export interface MasterDataImport {
  readonly file: string;
  readonly items: number;
  readonly locations: number;
  readonly suppliers: number;
  readonly lanes: number;
}

/**
 * Registers the master data of an items-master CSV (docs/csv-formats.md) in one transaction: items
 * (category, unit cost and price), the locations and suppliers it names, and a primary supply lane per
 * SKU × location row that names a supplier (lead time, its sd, MOQ, order multiple, unit cost; items
 * master defaults where a cell is empty). Strict: any bad row fails the import. Re-running updates.
 */
export async function importMasterData(
  db: Db,
  path: string,
  actor: string,
  options: ReadItemsOptions = {},
): Promise<Result<MasterDataImport>> {
  const read = await readItemsCsv(path, { ...options, lenient: false });
  if (!read.ok) return fail(...read.issues);
  const master = read.value;
  const items = new Map<string, ItemRecord>();
  const locations = new Set<string>();
  const suppliers = new Set<string>();
  const lanes: SupplyLaneRecord[] = [];
  for (const key of master.entries.keys()) {
    // Keys are `sku@location` for rows with a location (core/series.ts seriesId), the SKU otherwise.
    const at = master.hasLocation ? key.lastIndexOf("@") : -1;
    const sku = at < 0 ? key : key.slice(0, at);
    const location = at < 0 ? "" : key.slice(at + 1);
    const p = master.itemFor(sku, location);
    if (!items.has(sku) || location === "")
      items.set(sku, {
        sku,
        category: p.category !== undefined && p.category !== "" ? p.category : null,
        unitCost: p.unitCost ?? null,
        unitPrice: p.unitPrice ?? null,
      });
    if (location === "") continue;
    locations.add(location);
    if (p.supplier === undefined || p.supplier === "") continue;
    suppliers.add(p.supplier);
    lanes.push({
      location,
      sku,
      supplier: p.supplier,
      leadTimeDays: p.leadTimeDays ?? DEFAULT_ITEM.leadTimeDays,
      leadTimeSdDays: p.leadTimeSdDays ?? DEFAULT_ITEM.leadTimeSdDays,
      moq: Math.max(p.moq ?? DEFAULT_ITEM.moq, 1e-4),
      orderMultiple: Math.max(p.orderMultiple ?? DEFAULT_ITEM.orderMultiple, 1e-4),
      unitCost: p.unitCost ?? null,
    });
  }
  await db.transaction(async (tx) => {
    await upsertItems(tx, [...items.values()]);
    await upsertLocations(
      tx,
      [...locations].map((id) => ({ id })),
    );
    await upsertSuppliers(
      tx,
      [...suppliers].map((id) => ({ id })),
    );
    await upsertSupplyLanes(tx, lanes);
    await appendAudit(tx, {
      actor,
      action: "import.master_data",
      subject: "file",
      subjectId: master.file,
      detail: {
        items: items.size,
        locations: locations.size,
        suppliers: suppliers.size,
        lanes: lanes.length,
      },
    });
  });
  return ok({
    file: master.file,
    items: items.size,
    locations: locations.size,
    suppliers: suppliers.size,
    lanes: lanes.length,
  });
}
