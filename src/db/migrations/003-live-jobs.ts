import type { Migration } from "./migration.js";

/**
 * The live system's jobs (issue 6): planning runs and what they changed, settings (planning mode,
 * pilot scope, the demo clock), one open alert per cause, and outgoing webhooks — subscriptions and an
 * outbox written in the same transaction as the signal or alert it reports. Outbox rows carry
 * location_id first in their key like every fact table (ARCHITECTURE.md, Storage).
 */
export const migration003: Migration = {
  version: 3,
  name: "live-jobs",
  sql: `
CREATE TABLE settings (
  key text PRIMARY KEY CHECK (key <> ''),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One run of the planning job: forecasts and proposed policies recomputed from the stored history.
CREATE TABLE planning_runs (
  run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'demo')),
  actor text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('manual', 'automatic')),
  as_of date NOT NULL,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'failed')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  summary jsonb NOT NULL DEFAULT '{}'::jsonb,
  error text
);

-- What a run changed per item x location: a new proposal (with the figures before and after), or none.
CREATE TABLE planning_run_changes (
  location_id text NOT NULL REFERENCES locations,
  run_id bigint NOT NULL REFERENCES planning_runs,
  sku text NOT NULL REFERENCES items,
  change text NOT NULL CHECK (change IN ('proposed', 'activated', 'unchanged', 'skipped')),
  version integer,
  previous_version integer,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (location_id, run_id, sku)
);
CREATE INDEX planning_run_changes_by_run ON planning_run_changes (run_id);

-- Alerts get a cause so the scheduler can keep at most one open alert per cause.
ALTER TABLE alerts ADD COLUMN cause_key text;
CREATE UNIQUE INDEX alerts_one_open_per_cause ON alerts (location_id, kind, cause_key)
  WHERE status IN ('open', 'acknowledged', 'escalated') AND cause_key IS NOT NULL;

CREATE TABLE webhook_subscriptions (
  subscription_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url text NOT NULL CHECK (url ~ '^https?://'),
  secret text NOT NULL CHECK (length(secret) >= 16),
  event_kinds text[] NOT NULL CHECK (cardinality(event_kinds) >= 1),
  active boolean NOT NULL DEFAULT true,
  description text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One delivery owed to one subscription. Delivered in outbox_id order per (subscription, sku).
CREATE TABLE webhook_outbox (
  location_id text NOT NULL REFERENCES locations,
  outbox_id bigint GENERATED ALWAYS AS IDENTITY,
  subscription_id bigint NOT NULL REFERENCES webhook_subscriptions ON DELETE CASCADE,
  event_kind text NOT NULL,
  sku text,
  order_key text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  delivered_at timestamptz,
  PRIMARY KEY (location_id, outbox_id)
);
CREATE INDEX webhook_outbox_pending ON webhook_outbox (subscription_id, order_key, outbox_id)
  WHERE delivered_at IS NULL;
`,
};
