import type { Migration } from "./migration.js";

/**
 * Indexes for the API's list and dashboard pages (issue 8, API under load), each matching one page's
 * ORDER BY so the first page is read in index order and stops after `limit` rows instead of sorting the
 * whole table:
 * - GET /purchase-orders: newest first (ordered_on DESC, location, PO number);
 * - GET /dashboard/skus: SKU × locations by SKU, then location;
 * - GET /dashboard/queue (default sort): open signals by tier (emergency, review, replenishment), then id;
 * - GET /dashboard/alerts: unresolved alerts, most severe and most escalated first, then newest.
 * The expressions are the queries' own (src/db/dashboard-store.ts); indexes only, no data change.
 */
export const migration007: Migration = {
  version: 7,
  name: "read-indexes",
  sql: `
CREATE INDEX purchase_orders_newest ON purchase_orders (ordered_on DESC, location_id, po_number);
CREATE INDEX positions_by_sku ON positions (sku, location_id);
CREATE INDEX signals_open_by_tier ON signals
  ((CASE kind WHEN 'emergency' THEN 0 WHEN 'review' THEN 1 ELSE 2 END), signal_id) WHERE status = 'open';
CREATE INDEX alerts_unresolved_queue ON alerts
  ((CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END), escalation_level DESC, raised_at DESC,
   alert_id DESC) WHERE status <> 'resolved';
`,
};
