import type { Migration } from "./migration.js";

/**
 * The live pull system's first schema: master data, supply lanes, versioned policies, the append-only
 * inventory ledger, positions kept with it, purchase orders, ASNs, receipts, customer orders, signals,
 * alerts, stockout episodes and the audit log. Quantities in units (numeric, 4 decimals), lead times
 * in days, money in the items master's currency. Every fact table carries location_id first in its
 * primary key so a distributed PostgreSQL (Citus) can shard by location (ARCHITECTURE.md, Storage);
 * items, locations and suppliers are small reference tables.
 */
export const migration001: Migration = {
  version: 1,
  name: "foundation",
  sql: `
CREATE TABLE locations (
  location_id text PRIMARY KEY CHECK (location_id <> ''),
  name text NOT NULL DEFAULT '',
  kind text NOT NULL DEFAULT 'store'
    CHECK (kind IN ('store', 'warehouse', 'distribution_centre', 'plant')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE items (
  sku text PRIMARY KEY CHECK (sku <> ''),
  name text NOT NULL DEFAULT '',
  category text,
  unit_cost numeric(18, 4) CHECK (unit_cost >= 0),
  unit_price numeric(18, 4) CHECK (unit_price >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE suppliers (
  supplier_id text PRIMARY KEY CHECK (supplier_id <> ''),
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Who supplies an item to a location, how fast and on what terms. One primary lane per item x location.
CREATE TABLE supply_lanes (
  location_id text NOT NULL REFERENCES locations,
  sku text NOT NULL REFERENCES items,
  supplier_id text NOT NULL REFERENCES suppliers,
  role text NOT NULL DEFAULT 'primary' CHECK (role IN ('primary', 'backup')),
  mode text NOT NULL DEFAULT 'road'
    CHECK (mode IN ('parcel', 'ltl', 'ftl', 'road', 'rail', 'sea', 'air', 'milk_run')),
  lead_time_days numeric(8, 2) NOT NULL CHECK (lead_time_days >= 0),
  lead_time_sd_days numeric(8, 2) NOT NULL DEFAULT 0 CHECK (lead_time_sd_days >= 0),
  moq numeric(18, 4) NOT NULL DEFAULT 1 CHECK (moq > 0),
  order_multiple numeric(18, 4) NOT NULL DEFAULT 1 CHECK (order_multiple > 0),
  unit_cost numeric(18, 4) CHECK (unit_cost >= 0),
  expedite_lead_time_days numeric(8, 2) CHECK (expedite_lead_time_days >= 0),
  expedite_cost_per_unit numeric(18, 4) CHECK (expedite_cost_per_unit >= 0),
  PRIMARY KEY (location_id, sku, supplier_id)
);
CREATE UNIQUE INDEX supply_lanes_one_primary ON supply_lanes (location_id, sku) WHERE role = 'primary';

-- Versioned replenishment policies per item x location: proposed -> approved -> active -> retired.
CREATE TABLE policies (
  location_id text NOT NULL REFERENCES locations,
  sku text NOT NULL REFERENCES items,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'active', 'retired')),
  scope text NOT NULL DEFAULT 'all' CHECK (scope IN ('pilot', 'all')),
  rule_kind text NOT NULL CHECK (rule_kind IN ('reorder_point', 'min_max', 'periodic', 'kanban', 'ddmrp')),
  reorder_point numeric(18, 4),
  order_quantity numeric(18, 4),
  min_qty numeric(18, 4),
  max_qty numeric(18, 4),
  review_period_days integer,
  review_offset_days integer,
  order_up_to numeric(18, 4),
  kanban_cards integer,
  kanban_container numeric(18, 4),
  top_of_red numeric(18, 4),
  top_of_yellow numeric(18, 4),
  top_of_green numeric(18, 4),
  spike_threshold numeric(18, 4),
  spike_horizon_days integer,
  safety_stock numeric(18, 4) NOT NULL DEFAULT 0,
  mean_daily_demand numeric(18, 4) NOT NULL CHECK (mean_daily_demand >= 0),
  lead_time_days numeric(8, 2) NOT NULL CHECK (lead_time_days >= 0),
  moq numeric(18, 4) NOT NULL DEFAULT 1 CHECK (moq > 0),
  order_multiple numeric(18, 4) NOT NULL DEFAULT 1 CHECK (order_multiple > 0),
  auto_replenish_at numeric(18, 4) NOT NULL,
  review_at_on_hand numeric(18, 4) NOT NULL,
  late_order_tolerance_days numeric(8, 2) NOT NULL DEFAULT 0 CHECK (late_order_tolerance_days >= 0),
  emergency_cover_factor numeric(8, 4) NOT NULL DEFAULT 1 CHECK (emergency_cover_factor > 0),
  explanation jsonb NOT NULL DEFAULT '{}'::jsonb,
  proposed_by text NOT NULL,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  approved_by text,
  approved_at timestamptz,
  activated_at timestamptz,
  retired_at timestamptz,
  PRIMARY KEY (location_id, sku, version),
  CONSTRAINT policies_rule_figures CHECK (coalesce(CASE rule_kind
    WHEN 'reorder_point' THEN reorder_point IS NOT NULL AND order_quantity > 0
    WHEN 'min_max' THEN min_qty IS NOT NULL AND max_qty >= min_qty
    WHEN 'periodic' THEN review_period_days >= 1 AND review_offset_days IS NOT NULL AND order_up_to IS NOT NULL
    WHEN 'kanban' THEN kanban_cards >= 0 AND kanban_container > 0
    WHEN 'ddmrp' THEN top_of_red IS NOT NULL AND top_of_yellow >= top_of_red AND top_of_green >= top_of_yellow
      AND spike_threshold IS NOT NULL AND spike_horizon_days >= 0
  END, false)),
  CONSTRAINT policies_status_stamps CHECK (
    (status <> 'approved' OR approved_at IS NOT NULL)
    AND (status <> 'active' OR (approved_at IS NOT NULL AND activated_at IS NOT NULL))
    AND (status <> 'retired' OR retired_at IS NOT NULL))
);
CREATE UNIQUE INDEX policies_one_active ON policies (location_id, sku) WHERE status = 'active';

-- Stock on hand, on order and allocated per item x location; on_hand always equals the ledger's sum.
CREATE TABLE positions (
  location_id text NOT NULL REFERENCES locations,
  sku text NOT NULL REFERENCES items,
  on_hand numeric(18, 4) NOT NULL DEFAULT 0,
  on_order numeric(18, 4) NOT NULL DEFAULT 0 CHECK (on_order >= 0),
  allocated numeric(18, 4) NOT NULL DEFAULT 0 CHECK (allocated >= 0),
  inventory_position numeric(18, 4) GENERATED ALWAYS AS (on_hand + on_order - allocated) STORED,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, sku)
);

-- Every stock movement, once. qty is the signed change to on hand at location_id.
CREATE TABLE inventory_ledger (
  location_id text NOT NULL REFERENCES locations,
  entry_id bigint GENERATED ALWAYS AS IDENTITY,
  sku text NOT NULL REFERENCES items,
  kind text NOT NULL CHECK (kind IN ('consumption', 'sale', 'receipt', 'adjustment', 'transfer', 'scrap')),
  qty numeric(18, 4) NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  source text NOT NULL CHECK (source <> ''),
  idempotency_key text NOT NULL CHECK (idempotency_key <> ''),
  reference text,
  counter_location_id text REFERENCES locations,
  on_hand_after numeric(18, 4) NOT NULL,
  signal_changes jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (location_id, entry_id),
  CONSTRAINT inventory_ledger_once UNIQUE (location_id, source, idempotency_key),
  CONSTRAINT inventory_ledger_direction CHECK (CASE kind
    WHEN 'receipt' THEN qty > 0
    WHEN 'adjustment' THEN qty <> 0
    WHEN 'transfer' THEN qty <> 0 AND counter_location_id IS NOT NULL AND counter_location_id <> location_id
    ELSE qty < 0
  END)
);
CREATE INDEX inventory_ledger_by_key ON inventory_ledger (source, idempotency_key);
CREATE INDEX inventory_ledger_by_item ON inventory_ledger (location_id, sku, occurred_at);

CREATE FUNCTION takt_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING HINT = 'post a correcting entry instead', ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER inventory_ledger_append_only BEFORE UPDATE OR DELETE ON inventory_ledger
  FOR EACH ROW EXECUTE FUNCTION takt_append_only();
CREATE TRIGGER inventory_ledger_no_truncate BEFORE TRUNCATE ON inventory_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION takt_append_only();

CREATE TABLE purchase_orders (
  location_id text NOT NULL REFERENCES locations,
  po_number text NOT NULL CHECK (po_number <> ''),
  supplier_id text NOT NULL REFERENCES suppliers,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'cancelled')),
  ordered_on date NOT NULL,
  expedited boolean NOT NULL DEFAULT false,
  signal_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, po_number)
);

CREATE TABLE purchase_order_lines (
  location_id text NOT NULL,
  po_number text NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 1),
  sku text NOT NULL REFERENCES items,
  qty_ordered numeric(18, 4) NOT NULL CHECK (qty_ordered > 0),
  qty_received numeric(18, 4) NOT NULL DEFAULT 0 CHECK (qty_received >= 0 AND qty_received <= qty_ordered),
  due_on date NOT NULL,
  unit_cost numeric(18, 4) CHECK (unit_cost >= 0),
  PRIMARY KEY (location_id, po_number, line_no),
  FOREIGN KEY (location_id, po_number) REFERENCES purchase_orders
);
CREATE INDEX purchase_order_lines_open ON purchase_order_lines (location_id, sku) WHERE qty_received < qty_ordered;

-- Advance ship notices: the supplier's word on what is coming and when.
CREATE TABLE asns (
  location_id text NOT NULL,
  asn_id text NOT NULL CHECK (asn_id <> ''),
  po_number text NOT NULL,
  line_no integer NOT NULL,
  qty_shipped numeric(18, 4) NOT NULL CHECK (qty_shipped > 0),
  shipped_on date,
  expected_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (location_id, asn_id, po_number, line_no),
  FOREIGN KEY (location_id, po_number, line_no) REFERENCES purchase_order_lines
);

CREATE TABLE receipts (
  location_id text NOT NULL,
  receipt_id bigint GENERATED ALWAYS AS IDENTITY,
  entry_id bigint NOT NULL,
  sku text NOT NULL REFERENCES items,
  po_number text,
  line_no integer,
  qty numeric(18, 4) NOT NULL CHECK (qty > 0),
  received_at timestamptz NOT NULL,
  PRIMARY KEY (location_id, receipt_id),
  FOREIGN KEY (location_id, entry_id) REFERENCES inventory_ledger (location_id, entry_id),
  FOREIGN KEY (location_id, po_number, line_no) REFERENCES purchase_order_lines
);

CREATE TABLE customer_orders (
  location_id text NOT NULL REFERENCES locations,
  order_id text NOT NULL CHECK (order_id <> ''),
  line_no integer NOT NULL CHECK (line_no >= 1),
  sku text NOT NULL REFERENCES items,
  qty_ordered numeric(18, 4) NOT NULL CHECK (qty_ordered > 0),
  qty_allocated numeric(18, 4) NOT NULL DEFAULT 0 CHECK (qty_allocated >= 0),
  qty_shipped numeric(18, 4) NOT NULL DEFAULT 0 CHECK (qty_shipped >= 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'allocated', 'shipped', 'cancelled')),
  ordered_at timestamptz NOT NULL,
  due_on date,
  PRIMARY KEY (location_id, order_id, line_no)
);

-- What the pull system asks people to do. At most one open signal per item x location x kind x cause.
CREATE TABLE signals (
  location_id text NOT NULL REFERENCES locations,
  signal_id bigint GENERATED ALWAYS AS IDENTITY,
  sku text NOT NULL REFERENCES items,
  kind text NOT NULL CHECK (kind IN ('replenishment', 'review', 'emergency')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'approved', 'dismissed', 'closed')),
  cause_key text NOT NULL CHECK (cause_key <> ''),
  quantity numeric(18, 4) CHECK (quantity >= 0),
  order_on date NOT NULL,
  need_by date NOT NULL,
  policy_version integer,
  explanation jsonb NOT NULL,
  opened_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  decided_by text,
  decided_at timestamptz,
  closed_at timestamptz,
  closed_reason text,
  PRIMARY KEY (location_id, signal_id),
  FOREIGN KEY (location_id, sku, policy_version) REFERENCES policies (location_id, sku, version)
);
CREATE UNIQUE INDEX signals_one_open_per_cause ON signals (location_id, sku, kind, cause_key)
  WHERE status = 'open';
CREATE INDEX signals_by_id ON signals (signal_id);

CREATE TABLE alerts (
  location_id text NOT NULL REFERENCES locations,
  alert_id bigint GENERATED ALWAYS AS IDENTITY,
  sku text REFERENCES items,
  supplier_id text REFERENCES suppliers,
  signal_id bigint,
  kind text NOT NULL
    CHECK (kind IN ('stockout', 'late_order', 'emergency', 'supplier_performance', 'data_quality')),
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'escalated', 'resolved')),
  escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),
  message text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  raised_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_by text,
  acknowledged_at timestamptz,
  escalated_at timestamptz,
  resolved_at timestamptz,
  PRIMARY KEY (location_id, alert_id),
  FOREIGN KEY (location_id, signal_id) REFERENCES signals (location_id, signal_id)
);

-- From the event that took on hand to zero or below to the one that brought it back above zero.
CREATE TABLE stockout_episodes (
  location_id text NOT NULL REFERENCES locations,
  episode_id bigint GENERATED ALWAYS AS IDENTITY,
  sku text NOT NULL REFERENCES items,
  started_at timestamptz NOT NULL,
  started_entry_id bigint NOT NULL,
  ended_at timestamptz,
  ended_entry_id bigint,
  root_cause text CHECK (root_cause IN
    ('forecast_error', 'supplier_failure', 'logistics_delay', 'threshold_too_aggressive', 'data_error', 'unknown')),
  note text,
  PRIMARY KEY (location_id, episode_id),
  CHECK (ended_at IS NULL OR ended_at >= started_at),
  FOREIGN KEY (location_id, started_entry_id) REFERENCES inventory_ledger (location_id, entry_id),
  FOREIGN KEY (location_id, ended_entry_id) REFERENCES inventory_ledger (location_id, entry_id)
);
CREATE UNIQUE INDEX stockout_episodes_one_open ON stockout_episodes (location_id, sku) WHERE ended_at IS NULL;

-- Who did what, when. Append-only like the ledger.
CREATE TABLE audit_log (
  audit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  location_id text,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  subject text NOT NULL,
  subject_id text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, subject_id);
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION takt_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION takt_append_only();
`,
};
