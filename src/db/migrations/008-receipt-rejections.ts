import type { Migration } from "./migration.js";

/**
 * Quality rejections on receipts (issue 6): the units of a delivery refused at inspection and sent
 * back. A receipt row's `qty` is what was accepted into stock (its ledger change); `rejected_qty` what
 * was refused; delivered = qty + rejected_qty. Rows written before this migration read 0 (see
 * docs/suppliers-and-kpis.md for what the live scorecard makes of that).
 */
export const migration008: Migration = {
  version: 8,
  name: "receipt-rejections",
  sql: `
ALTER TABLE receipts
  ADD COLUMN rejected_qty numeric(18, 4) NOT NULL DEFAULT 0 CHECK (rejected_qty >= 0);
`,
};
