import { defaultThresholds, type EscalationThresholds } from "../core/policy/escalation.js";
import type { PolicyScope, PolicyStatus } from "../core/policy/lifecycle.js";
import type { OrderConstraints, ReplenishmentRule } from "../core/policy/rule.js";
import type { OrderingMode } from "../core/signals/auto-order.js";
import { triggerLevel } from "../core/signals/trigger-level.js";
import type { Queryable } from "./db.js";

/** The escalation levels a policy may set; the rest are derived (docs/policies.md §7). */
export type ThresholdOverrides = Partial<
  Pick<
    EscalationThresholds,
    "autoReplenishAt" | "reviewAtOnHand" | "lateOrderToleranceDays" | "emergencyCoverFactor"
  >
>;

/** A policy as proposed: the rule and the figures it was planned with. Units, days, units/day. */
export interface PolicyDraft {
  readonly location: string;
  readonly sku: string;
  readonly scope?: PolicyScope;
  readonly rule: ReplenishmentRule;
  readonly safetyStock: number;
  /** The forecast demand rate the policy was planned for, units/day. */
  readonly meanDailyDemand: number;
  readonly leadTimeDays: number;
  readonly constraints?: OrderConstraints;
  /** Defaults: auto at the rule's trigger level, review at max(0, safety stock), no late tolerance, cover 1. */
  readonly thresholds?: ThresholdOverrides;
  /** How the figures were derived (e.g. planPolicy's derivation), kept for the audit. */
  readonly explanation?: unknown;
  /**
   * Approval: a planner approves each proposal; automatic: the trigger places the order (auto-order.ts).
   * Absent: the active version's mode and limit carry over (a re-plan does not switch ordering off), else
   * approval.
   */
  readonly orderingMode?: OrderingMode;
  /** With orderingMode: the highest value (quantity × the primary lane's unit cost) of an automatic order; default none. */
  readonly autoOrderMaxValue?: number | null;
}

export interface StoredPolicy {
  readonly location: string;
  readonly sku: string;
  readonly version: number;
  readonly status: PolicyStatus;
  readonly scope: PolicyScope;
  readonly rule: ReplenishmentRule;
  readonly safetyStock: number;
  readonly meanDailyDemand: number;
  readonly leadTimeDays: number;
  readonly constraints: OrderConstraints;
  readonly thresholds: EscalationThresholds;
  readonly orderingMode: OrderingMode;
  /** Money in the primary lane's currency; null: no limit. */
  readonly autoOrderMaxValue: number | null;
}

interface PolicyRow {
  location_id: string;
  sku: string;
  version: number;
  status: PolicyStatus;
  scope: PolicyScope;
  rule_kind: ReplenishmentRule["kind"];
  reorder_point: number | null;
  order_quantity: number | null;
  min_qty: number | null;
  max_qty: number | null;
  review_period_days: number | null;
  review_offset_days: number | null;
  order_up_to: number | null;
  kanban_cards: number | null;
  kanban_container: number | null;
  top_of_red: number | null;
  top_of_yellow: number | null;
  top_of_green: number | null;
  spike_threshold: number | null;
  spike_horizon_days: number | null;
  safety_stock: number;
  mean_daily_demand: number;
  lead_time_days: number;
  moq: number;
  order_multiple: number;
  auto_replenish_at: number;
  review_at_on_hand: number;
  late_order_tolerance_days: number;
  emergency_cover_factor: number;
  ordering_mode: OrderingMode;
  auto_order_max_value: number | null;
}

const n = (x: number | null): number => x as number;

function ruleOf(r: PolicyRow): ReplenishmentRule {
  switch (r.rule_kind) {
    case "reorder_point":
      return { kind: "reorder_point", reorderPoint: n(r.reorder_point), orderQuantity: n(r.order_quantity) };
    case "min_max":
      return { kind: "min_max", min: n(r.min_qty), max: n(r.max_qty) };
    case "periodic":
      return {
        kind: "periodic",
        reviewPeriodDays: n(r.review_period_days),
        reviewOffsetDays: n(r.review_offset_days),
        orderUpTo: n(r.order_up_to),
      };
    case "kanban":
      return { kind: "kanban", cards: n(r.kanban_cards), containerSize: n(r.kanban_container) };
    case "ddmrp":
      return {
        kind: "ddmrp",
        topOfRed: n(r.top_of_red),
        topOfYellow: n(r.top_of_yellow),
        topOfGreen: n(r.top_of_green),
        spikeThreshold: n(r.spike_threshold),
        spikeHorizonDays: n(r.spike_horizon_days),
      };
  }
}

function fromRow(r: PolicyRow): StoredPolicy {
  const thresholds = defaultThresholds(
    {
      reorderPoint: r.auto_replenish_at,
      safetyStock: r.safety_stock,
      meanDailyDemand: r.mean_daily_demand,
      leadTimeDays: r.lead_time_days,
    },
    {
      reviewAtOnHand: r.review_at_on_hand,
      lateOrderToleranceDays: r.late_order_tolerance_days,
      emergencyCoverFactor: r.emergency_cover_factor,
    },
  );
  return {
    location: r.location_id,
    sku: r.sku,
    version: r.version,
    status: r.status,
    scope: r.scope,
    rule: ruleOf(r),
    safetyStock: r.safety_stock,
    meanDailyDemand: r.mean_daily_demand,
    leadTimeDays: r.lead_time_days,
    constraints: { moq: r.moq, orderMultiple: r.order_multiple },
    thresholds,
    orderingMode: r.ordering_mode,
    autoOrderMaxValue: r.auto_order_max_value === null ? null : Number(r.auto_order_max_value),
  };
}

/** The rule's figures as columns, in the order of RULE_COLUMNS. */
function ruleColumns(rule: ReplenishmentRule): (number | null)[] {
  const c: (number | null)[] = new Array(RULE_COLUMNS.length).fill(null);
  const set = (name: (typeof RULE_COLUMNS)[number], v: number): void => {
    c[RULE_COLUMNS.indexOf(name)] = v;
  };
  switch (rule.kind) {
    case "reorder_point":
      set("reorder_point", rule.reorderPoint);
      set("order_quantity", rule.orderQuantity);
      break;
    case "min_max":
      set("min_qty", rule.min);
      set("max_qty", rule.max);
      break;
    case "periodic":
      set("review_period_days", rule.reviewPeriodDays);
      set("review_offset_days", rule.reviewOffsetDays);
      set("order_up_to", rule.orderUpTo);
      break;
    case "kanban":
      set("kanban_cards", rule.cards);
      set("kanban_container", rule.containerSize);
      break;
    case "ddmrp":
      set("top_of_red", rule.topOfRed);
      set("top_of_yellow", rule.topOfYellow);
      set("top_of_green", rule.topOfGreen);
      set("spike_threshold", rule.spikeThreshold);
      set("spike_horizon_days", rule.spikeHorizonDays);
      break;
  }
  return c;
}

const RULE_COLUMNS = [
  "reorder_point",
  "order_quantity",
  "min_qty",
  "max_qty",
  "review_period_days",
  "review_offset_days",
  "order_up_to",
  "kanban_cards",
  "kanban_container",
  "top_of_red",
  "top_of_yellow",
  "top_of_green",
  "spike_threshold",
  "spike_horizon_days",
] as const;

/**
 * Stores a draft as the next version for its item × location, status proposed. The caller holds the
 * item × location's position lock (versions are max + 1).
 */
export async function insertPolicy(tx: Queryable, d: PolicyDraft, proposedBy: string): Promise<StoredPolicy> {
  const t = d.thresholds ?? {};
  const fixed = [
    d.location,
    d.sku,
    d.scope ?? "all",
    d.rule.kind,
    d.safetyStock,
    d.meanDailyDemand,
    d.leadTimeDays,
    d.constraints?.moq ?? 1,
    d.constraints?.orderMultiple ?? 1,
    t.autoReplenishAt ?? triggerLevel(d.rule, d.meanDailyDemand),
    t.reviewAtOnHand ?? Math.max(0, d.safetyStock),
    t.lateOrderToleranceDays ?? 0,
    t.emergencyCoverFactor ?? 1,
    JSON.stringify(d.explanation ?? {}),
    proposedBy,
    d.orderingMode ?? null,
    d.autoOrderMaxValue ?? null,
  ];
  const ruleParams = RULE_COLUMNS.map((_, i) => `$${fixed.length + 1 + i}`).join(", ");
  const r = await tx.query<PolicyRow>(
    `INSERT INTO policies (location_id, sku, version, scope, rule_kind, safety_stock, mean_daily_demand,
       lead_time_days, moq, order_multiple, auto_replenish_at, review_at_on_hand, late_order_tolerance_days,
       emergency_cover_factor, explanation, proposed_by, ordering_mode, auto_order_max_value, ${RULE_COLUMNS.join(", ")})
     SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15,
       coalesce($16::text, (SELECT ordering_mode FROM policies WHERE location_id = $1 AND sku = $2 AND status = 'active'),
         'approval'),
       CASE WHEN $16::text IS NULL
         THEN (SELECT auto_order_max_value FROM policies WHERE location_id = $1 AND sku = $2 AND status = 'active')
         ELSE $17::numeric END,
       ${ruleParams}
     FROM policies WHERE location_id = $1 AND sku = $2
     RETURNING *`,
    [...fixed, ...ruleColumns(d.rule)],
  );
  return fromRow(r.rows[0]!);
}

export async function getPolicy(
  q: Queryable,
  location: string,
  sku: string,
  version: number,
): Promise<StoredPolicy | null> {
  const r = await q.query<PolicyRow>(
    "SELECT * FROM policies WHERE location_id = $1 AND sku = $2 AND version = $3",
    [location, sku, version],
  );
  return r.rows.length > 0 ? fromRow(r.rows[0]!) : null;
}

/** The policy driving the item × location's signals, or null. */
export async function activePolicy(
  q: Queryable,
  location: string,
  sku: string,
): Promise<StoredPolicy | null> {
  const r = await q.query<PolicyRow>(
    "SELECT * FROM policies WHERE location_id = $1 AND sku = $2 AND status = 'active'",
    [location, sku],
  );
  return r.rows.length > 0 ? fromRow(r.rows[0]!) : null;
}

/** Sets a policy's status and the matching time stamp (and approver); transition rules are the caller's. */
export async function setPolicyStatus(
  tx: Queryable,
  location: string,
  sku: string,
  version: number,
  status: PolicyStatus,
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE policies SET status = $4,
       approved_at = CASE WHEN $4 = 'approved' THEN now() ELSE approved_at END,
       approved_by = CASE WHEN $4 = 'approved' THEN $5 ELSE approved_by END,
       activated_at = CASE WHEN $4 = 'active' THEN now() ELSE activated_at END,
       retired_at = CASE WHEN $4 = 'retired' THEN now() ELSE retired_at END
     WHERE location_id = $1 AND sku = $2 AND version = $3`,
    [location, sku, version, status, actor],
  );
}

/** Sets a policy version's scope: the pilot or the whole catalogue. */
export async function setPolicyScope(
  tx: Queryable,
  location: string,
  sku: string,
  version: number,
  scope: PolicyScope,
): Promise<void> {
  await tx.query("UPDATE policies SET scope = $4 WHERE location_id = $1 AND sku = $2 AND version = $3", [
    location,
    sku,
    version,
    scope,
  ]);
}

/** A policy from `row_to_json` of a policies row (numeric columns arrive as JSON numbers). */
export const policyFromJson = (row: unknown): StoredPolicy => fromRow(row as PolicyRow);
