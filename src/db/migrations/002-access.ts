import type { Migration } from "./migration.js";

/**
 * Access for `takt serve` (issue 6): API tokens (stored as SHA-256 hashes, never in plain text) with a
 * role and, for supplier tokens, the one supplier they are bound to; the VMI / continuous-replenishment
 * flag on suppliers and supply lanes (a supplier sees the consumption of the items it replenishes that
 * way); the supplier's confirmed (or proposed) date on purchase-order lines; acknowledgement of
 * signals; and a stable numeric id for policy versions (the API's `/policies/:id`).
 */
export const migration002: Migration = {
  version: 2,
  name: "access",
  sql: `
CREATE TABLE api_tokens (
  token_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin', 'planner', 'viewer', 'supplier')),
  supplier_id text REFERENCES suppliers,
  token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  CONSTRAINT api_tokens_supplier_bound CHECK ((role = 'supplier') = (supplier_id IS NOT NULL))
);

-- Vendor-managed inventory / continuous replenishment: the supplier may see the item's consumption.
ALTER TABLE suppliers ADD COLUMN vmi boolean NOT NULL DEFAULT false;
ALTER TABLE supply_lanes ADD COLUMN vmi boolean NOT NULL DEFAULT false;

-- The supplier's answer to a line: the date it confirms (= due_on) or proposes instead.
ALTER TABLE purchase_order_lines
  ADD COLUMN confirmed_on date,
  ADD COLUMN confirmed_at timestamptz,
  ADD COLUMN confirmed_by text;
CREATE INDEX purchase_orders_by_supplier ON purchase_orders (supplier_id, location_id);

ALTER TABLE signals
  ADD COLUMN acknowledged_by text,
  ADD COLUMN acknowledged_at timestamptz;

ALTER TABLE policies ADD COLUMN policy_id bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX policies_by_location_policy_id ON policies (location_id, policy_id);
CREATE INDEX policies_by_policy_id ON policies (policy_id);
`,
};
