import { canTransition, type PolicyScope, type PolicyStatus } from "../../core/policy/lifecycle.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import type { OrderingMode } from "../../core/signals/ordering.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import type { Db } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { missingKeys } from "../../db/master-data.js";
import {
  activePolicy,
  getPolicy,
  insertPolicy,
  type PolicyDraft,
  type StoredPolicy,
  setPolicyScope,
  setPolicyStatus,
} from "../../db/policies-store.js";
import { lockPosition } from "../../db/positions.js";
import { refreshSignals } from "./refresh-signals.js";

/** Stores a draft as the item × location's next policy version, status proposed. */
export async function proposePolicy(
  db: Db,
  draft: PolicyDraft,
  actor: string,
): Promise<Result<StoredPolicy>> {
  return db.transaction(async (tx) => {
    const unknown = [
      ...(await missingKeys(tx, "items", [draft.sku])).map((k) => ["sku", k] as const),
      ...(await missingKeys(tx, "locations", [draft.location])).map((k) => ["location", k] as const),
    ];
    if (unknown.length > 0)
      return fail(
        ...unknown.map(([field, k]) => ({
          code: field === "sku" ? "unknown_item" : "unknown_location",
          path: { field },
          message: `unknown ${field === "sku" ? "SKU" : "location"} "${k}"`,
          expected: "registered master data",
          received: k,
        })),
      );
    await lockPosition(tx, draft.location, draft.sku);
    const p = await insertPolicy(tx, draft, actor);
    await appendAudit(tx, {
      actor,
      action: "policy.proposed",
      subject: "policy",
      subjectId: policyId(p),
      location: p.location,
      detail: {
        rule: p.rule,
        scope: p.scope,
        orderingMode: p.orderingMode,
        autoOrderMaxValue: p.autoOrderMaxValue,
      },
    });
    return ok(p);
  });
}

export interface PolicyTransition {
  readonly policy: StoredPolicy;
  /** Signal changes from re-evaluating the item × location (activation and retirement of the active one). */
  readonly signals: readonly SignalChange[];
}

/**
 * Moves a policy along its lifecycle (core/policy/lifecycle.ts) with an audit entry. Activating
 * retires the previously active version and re-evaluates the signals as of `asOf` under the new one;
 * retiring the active policy closes its open signals. `scope` (pilot or all) is set with the
 * transition (activation with a scope).
 */
export async function transitionPolicy(
  db: Db,
  ref: { readonly location: string; readonly sku: string; readonly version: number },
  to: PolicyStatus,
  actor: string,
  asOf: EpochDay,
  options: { readonly scope?: PolicyScope } = {},
): Promise<Result<PolicyTransition>> {
  return db.transaction(async (tx) => {
    const position = await lockPosition(tx, ref.location, ref.sku);
    const p = await getPolicy(tx, ref.location, ref.sku, ref.version);
    if (p === null) return fail(noSuchVersion(ref));
    if (!canTransition(p.status, to))
      return fail({
        code: "invalid_transition",
        path: { field: "status" },
        message: `a ${p.status} policy cannot become ${to}`,
        expected: "proposed → approved → active → retired (or proposed/approved → retired)",
        received: `${p.status} → ${to}`,
      });
    const previous = to === "active" ? await activePolicy(tx, ref.location, ref.sku) : null;
    if (previous !== null) {
      await setPolicyStatus(tx, previous.location, previous.sku, previous.version, "retired", actor);
      await appendAudit(tx, {
        actor,
        action: "policy.retired",
        subject: "policy",
        subjectId: policyId(previous),
        location: previous.location,
        detail: { replacedBy: ref.version },
      });
    }
    await setPolicyStatus(tx, ref.location, ref.sku, ref.version, to, actor);
    if (options.scope !== undefined && options.scope !== p.scope)
      await setPolicyScope(tx, ref.location, ref.sku, ref.version, options.scope);
    await appendAudit(tx, {
      actor,
      action: `policy.${to}`,
      subject: "policy",
      subjectId: policyId(p),
      location: p.location,
      detail: { from: p.status, scope: options.scope ?? p.scope },
    });
    const drivesSignals = to === "active" || p.status === "active";
    // Activating an automatic policy on a position already at its trigger orders at once (auto-order.ts),
    // also for a proposal still open from the previous version.
    const origin = to === "active" ? { origin: `policy:${p.sku}:v${p.version}`, takeOver: true } : {};
    const signals = drivesSignals ? await refreshSignals(tx, position, asOf, actor, origin) : [];
    return ok({ policy: { ...p, status: to, scope: options.scope ?? p.scope }, signals });
  });
}

/** A change of ordering mode (and limit) for a policy version. */
export interface OrderingChange {
  readonly mode: OrderingMode;
  /** Automatic only: the highest value of an automatic order; null or absent: no limit. */
  readonly maxValue?: number | null;
}

/**
 * Proposes the next version of an item × location's policy with another ordering mode (and limit) and
 * the given version's figures otherwise: a policy change like any other, approved and activated through
 * the lifecycle (transitionPolicy), audited as proposed with the change.
 */
export async function proposeOrderingChange(
  db: Db,
  ref: { readonly location: string; readonly sku: string; readonly version: number },
  change: OrderingChange,
  actor: string,
): Promise<Result<StoredPolicy>> {
  if (change.mode === "approval" && change.maxValue != null)
    return fail({
      code: "invalid_value",
      path: { field: "auto_order_max_value" },
      message: "a value limit applies to automatic ordering only",
      expected: "no auto_order_max_value with mode approval",
      received: String(change.maxValue),
    });
  const p = await getPolicy(db, ref.location, ref.sku, ref.version);
  if (p === null) return fail(noSuchVersion(ref));
  return proposePolicy(
    db,
    {
      location: p.location,
      sku: p.sku,
      scope: p.scope,
      rule: p.rule,
      safetyStock: p.safetyStock,
      meanDailyDemand: p.meanDailyDemand,
      leadTimeDays: p.leadTimeDays,
      constraints: p.constraints,
      thresholds: {
        autoReplenishAt: p.thresholds.autoReplenishAt,
        reviewAtOnHand: p.thresholds.reviewAtOnHand,
        lateOrderToleranceDays: p.thresholds.lateOrderToleranceDays,
        emergencyCoverFactor: p.thresholds.emergencyCoverFactor,
      },
      orderingMode: change.mode,
      autoOrderMaxValue: change.mode === "automatic" ? (change.maxValue ?? null) : null,
      explanation: {
        orderingChange: { fromVersion: p.version, from: p.orderingMode, to: change.mode },
      },
    },
    actor,
  );
}

const policyId = (p: StoredPolicy): string => `${p.location}/${p.sku}/v${p.version}`;

function noSuchVersion(ref: {
  readonly location: string;
  readonly sku: string;
  readonly version: number;
}): Issue {
  return {
    code: "not_found",
    path: { field: "version" },
    message: `no policy version ${ref.version} for ${ref.sku} at ${ref.location}`,
    received: String(ref.version),
  };
}
