import type { Migration } from "./migration.js";

/**
 * The work queue's actions (issues 6 and 7): an alert or a signal can be assigned to someone and
 * snoozed until an instant (it leaves the open queue until then and comes back by itself); an alert is
 * resolved by a person with a note. Who and when of each action also go to the audit log.
 */
export const migration004: Migration = {
  version: 4,
  name: "work-queue",
  sql: `
ALTER TABLE alerts
  ADD COLUMN assigned_to text CHECK (assigned_to <> ''),
  ADD COLUMN assigned_by text,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN snoozed_until timestamptz,
  ADD COLUMN snoozed_by text,
  ADD COLUMN resolved_by text,
  ADD COLUMN resolution_note text;

ALTER TABLE signals
  ADD COLUMN assigned_to text CHECK (assigned_to <> ''),
  ADD COLUMN assigned_by text,
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN snoozed_until timestamptz,
  ADD COLUMN snoozed_by text;

CREATE INDEX alerts_by_id ON alerts (alert_id);
`,
};
