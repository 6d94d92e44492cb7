/**
 * Dashboard endpoints at scale: 15,000 SKUs × 2 locations = 30,000 item × locations with 90 days of
 * daily sales in the ledger (2.7 M lines), an active policy each, 3,000 open signals, 20 suppliers and
 * 30,000 purchase-order lines, in PGlite (in memory). Times each /dashboard endpoint through the real
 * app (app.inject): the time to ready, the first call right after it (the background warm-up of the
 * catalogue-wide figures may still be running then: the first call waits for what it needs) and the
 * median of the next 5.
 * Run: `npx tsx bench/dashboard-scale.ts` (SKUS=… DAYS=… to change the size); writes
 * bench/results/dashboard-scale.json. Not part of npm test nor yet of `npm run bench`.
 */
import { createApiToken } from "../src/app/live/tokens.js";
import { migrate } from "../src/db/migrate.js";
import { openPgliteDb } from "../src/db/pglite-db.js";
import { buildApp } from "../src/http/app.js";
import { writeResult } from "./harness.js";

const SKUS = Number(process.env.SKUS ?? 15_000);
const DAYS = Number(process.env.DAYS ?? 90);
const TODAY = Date.UTC(2026, 2, 31) / 86_400_000;

const db = await openPgliteDb();
const m = await migrate(db);
if (!m.ok) throw new Error(JSON.stringify(m.issues));
const t0 = performance.now();
await db.exec(`
INSERT INTO locations (location_id) VALUES ('L1'), ('L2');
INSERT INTO suppliers (supplier_id, name) SELECT 'S' || lpad(i::text, 2, '0'), 'Supplier ' || i FROM generate_series(1, 20) i;
INSERT INTO items (sku, name, unit_cost) SELECT 'SKU' || lpad(i::text, 5, '0'), 'Item ' || i, 1 + (i % 97) FROM generate_series(1, ${SKUS}) i;
INSERT INTO supply_lanes (location_id, sku, supplier_id, lead_time_days)
  SELECT l, 'SKU' || lpad(i::text, 5, '0'), 'S' || lpad((1 + i % 20)::text, 2, '0'), 3 + i % 10
  FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l);
INSERT INTO positions (location_id, sku, on_hand)
  SELECT l, 'SKU' || lpad(i::text, 5, '0'), 50 + i % 200 FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l);
`);
await db.exec(`
INSERT INTO inventory_ledger (location_id, sku, kind, qty, occurred_at, source, idempotency_key, on_hand_after)
  SELECT l, 'SKU' || lpad(i::text, 5, '0'), 'sale', -(1 + (i * 7 + d) % 9),
    to_timestamp((${TODAY} - d) * 86400.0 + 43200), 'bench', l || ':' || i || ':' || d, 0
  FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l), generate_series(0, ${DAYS - 1}) d;
`);
await db.exec(`
INSERT INTO policies (location_id, sku, version, status, rule_kind, reorder_point, order_quantity, safety_stock,
  mean_daily_demand, lead_time_days, auto_replenish_at, review_at_on_hand, explanation, proposed_by, approved_at, activated_at)
  SELECT l, 'SKU' || lpad(i::text, 5, '0'), 1, 'active', 'reorder_point', 40, 100, 10, 5, 5, 40, 10,
    jsonb_build_object('readiness', (ARRAY['jit', 'hybrid', 'buffered'])[1 + i % 3], 'lines', jsonb_build_array('bench')),
    'bench', now(), now()
  FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l);
INSERT INTO signals (location_id, sku, kind, cause_key, quantity, order_on, need_by, policy_version, explanation)
  SELECT l, 'SKU' || lpad(i::text, 5, '0'), (ARRAY['replenishment', 'review', 'emergency'])[1 + i % 3], 'bench', 100,
    '2026-03-31', '2026-04-05', 1, jsonb_build_object('reasons', jsonb_build_array('bench reason'))
  FROM generate_series(1, ${SKUS}, 10) i, (VALUES ('L1'), ('L2')) v(l);
INSERT INTO purchase_orders (location_id, po_number, supplier_id, ordered_on)
  SELECT l, 'PO' || i, 'S' || lpad((1 + i % 20)::text, 2, '0'), date '2026-03-31' - (i % 300)
  FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l);
INSERT INTO purchase_order_lines (location_id, po_number, line_no, sku, qty_ordered, due_on, unit_cost)
  SELECT l, 'PO' || i, 1, 'SKU' || lpad(i::text, 5, '0'), 100, date '2026-03-31' - (i % 300) + 7, 2
  FROM generate_series(1, ${SKUS}) i, (VALUES ('L1'), ('L2')) v(l);
ANALYZE;
`);
const seedMs = performance.now() - t0;
const tok = await createApiToken(db, { role: "viewer", name: "bench" }, "bench");
if (!tok.ok) throw new Error("token");
const app = buildApp(db, { now: () => new Date(TODAY * 86_400_000 + 43_200_000) });
// Ready: the server would now answer /ready; the catalogue-wide figures (overview, ABC classes, supplier
// scorecards) start computing in the background here, so a call right after may still wait for them.
const r0 = performance.now();
await app.ready();
const readyMs = performance.now() - r0;
process.stdout.write(`ready in ${readyMs.toFixed(1)} ms\n`);
const headers = { authorization: `Bearer ${tok.value.token}` };
const urls = [
  "/dashboard/overview",
  "/dashboard/queue",
  "/dashboard/queue?abc=A&sort=value&desc=true",
  "/dashboard/queue?supplier=S05&tier=emergency&offset=50",
  "/dashboard/skus?q=SKU0012",
  "/dashboard/skus/L1/SKU00042",
  "/dashboard/suppliers",
  "/dashboard/suppliers/S05",
];
// First call (right after ready: it may wait for the warm-up still running) and the median of the next 5.
const results: { url: string; firstMs: number; medianMs: number; bytes: number }[] = [];
for (const url of urls) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    const r = await app.inject({ method: "GET", url, headers });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    times.push(performance.now() - s);
    bytes = r.body.length;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  results.push({ url, firstMs: ms(times[0]!), medianMs: ms(warm[2]!), bytes });
  process.stdout.write(
    `${url}: first ${times[0]!.toFixed(1)} ms, median ${warm[2]!.toFixed(1)} ms, ${bytes} bytes\n`,
  );
}
writeResult("dashboard-scale", {
  database: "PGlite (in memory)",
  itemLocations: SKUS * 2,
  ledgerLines: SKUS * 2 * DAYS,
  seedSeconds: Math.round(seedMs / 100) / 10,
  readyMs: Math.round(readyMs * 10) / 10,
  results,
});
await app.close();
await db.close();
