import type { Migration } from "./migration.js";

/**
 * Per-supplier reads of supply lanes (the supplier list's lane counts, scorecards, the portal) without
 * a scan of every lane, as purchase orders already have (002). Local to a shard when the catalogue is
 * distributed by location: each shard indexes its own rows.
 */
export const migration005: Migration = {
  version: 5,
  name: "supplier-indexes",
  sql: `
CREATE INDEX supply_lanes_by_supplier ON supply_lanes (supplier_id);
`,
};
