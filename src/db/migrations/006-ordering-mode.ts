import type { Migration } from "./migration.js";

/**
 * Ordering mode per policy version (issue 6): `approval` (a planner approves each replenishment
 * proposal into a purchase order, as before) or `automatic` (the trigger places the order itself, in the
 * event's transaction), with an optional value limit for automatic orders (quantity × the primary lane's
 * unit cost, in the lane's currency). Existing versions keep today's behaviour: `approval`, no limit.
 * Purchase orders record who placed them, so automatic orders can be told apart without parsing numbers.
 */
export const migration006: Migration = {
  version: 6,
  name: "ordering-mode",
  sql: `
ALTER TABLE policies
  ADD COLUMN ordering_mode text NOT NULL DEFAULT 'approval' CHECK (ordering_mode IN ('approval', 'automatic')),
  ADD COLUMN auto_order_max_value numeric(18, 4) CHECK (auto_order_max_value > 0);

ALTER TABLE purchase_orders ADD COLUMN placed_by text;
`,
};
