import { formatIsoDate } from "../../core/calendar.js";
import type { EpochDay } from "../../core/units.js";
import {
  itemsWithUnresolvedAlerts,
  raiseAlert,
  resolveAlert,
  unresolvedAlerts,
} from "../../db/alerts-store.js";
import { appendAudit } from "../../db/audit.js";
import type { Db, Queryable, Tx } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { lockPosition } from "../../db/positions.js";
import { openSignals } from "../../db/signals-store.js";
import { enqueueWebhookEvent } from "../../db/webhooks-store.js";
import { refreshSignals } from "./refresh-signals.js";

/** An open purchase-order line past its expected day (latest ASN, else the promise) beyond tolerance. */
export interface LateLine {
  readonly location: string;
  readonly sku: string;
  readonly poNumber: string;
  readonly lineNo: number;
  readonly supplier: string;
  readonly openQty: number;
  /** YYYY-MM-DD: the promised date and the latest ASN's (null without one). */
  readonly dueOn: string;
  readonly asnOn: string | null;
  readonly expectedOn: string;
  readonly daysLate: number;
  readonly toleranceDays: number;
}

/**
 * Escalation of a late line: level 0 (warning) once late beyond tolerance, one level more per further
 * week late, up to 3 (critical from level 1).
 */
export const escalationLevel = (daysLate: number, toleranceDays: number): number =>
  Math.min(3, Math.max(0, Math.floor((daysLate - toleranceDays - 1) / 7)));

/** Open lines late as of `asOf` beyond the item's active policy tolerance (0 without a policy). */
export async function lateLines(q: Queryable, asOf: EpochDay): Promise<LateLine[]> {
  const r = await q.query<{
    location_id: string;
    sku: string;
    po_number: string;
    line_no: number;
    supplier_id: string;
    open_qty: number;
    due_on: string;
    asn_on: string | null;
    expected_on: string;
    days_late: number;
    tolerance: number;
  }>(
    `SELECT x.*, ($1::date - x.expected_on) AS days_late FROM (
       SELECT l.location_id, l.sku, l.po_number, l.line_no, p.supplier_id,
         l.qty_ordered - l.qty_received AS open_qty, l.due_on, a.asn_on, coalesce(a.asn_on, l.due_on) AS expected_on,
         coalesce(pol.late_order_tolerance_days, 0) AS tolerance
       FROM purchase_order_lines l
       JOIN purchase_orders p ON p.location_id = l.location_id AND p.po_number = l.po_number
       LEFT JOIN LATERAL (SELECT max(expected_on) AS asn_on FROM asns
         WHERE asns.location_id = l.location_id AND asns.po_number = l.po_number AND asns.line_no = l.line_no) a ON true
       LEFT JOIN policies pol ON pol.location_id = l.location_id AND pol.sku = l.sku AND pol.status = 'active'
       WHERE p.status = 'open' AND l.qty_received < l.qty_ordered) x
     WHERE ($1::date - x.expected_on) > x.tolerance
     ORDER BY x.location_id, x.sku, x.po_number, x.line_no`,
    [formatIsoDate(asOf)],
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    sku: x.sku,
    poNumber: x.po_number,
    lineNo: x.line_no,
    supplier: x.supplier_id,
    openQty: x.open_qty,
    dueOn: x.due_on,
    asnOn: x.asn_on,
    expectedOn: x.expected_on,
    daysLate: x.days_late,
    toleranceDays: x.tolerance,
  }));
}

export interface LateOrderPass {
  readonly asOf: string;
  readonly items: number;
  readonly lateLines: number;
  readonly signals: readonly SignalChange[];
  readonly alertsRaised: number;
  readonly alertsEscalated: number;
  readonly alertsResolved: number;
}

/**
 * The scheduler's re-evaluation (run on start and periodically): time alone makes orders late, with
 * no event to trigger an evaluation. For every item × location with a late open line, or with an
 * unresolved late-order alert: re-evaluate its triggers as of `asOf` (refreshSignals: the manual-review
 * signal `late_order:<PO>/<line>` opens, at most one open per cause), raise one supplier escalation
 * alert per late line (kind late_order, with the supplier; escalated weekly while still late) and
 * resolve the alerts of lines no longer late — per item in one transaction with its webhook outbox rows.
 * Alerts are time-stamped `at`: the app clock's instant (the scheduler passes it), default the start of
 * `asOf` — so the demo's simulated days stamp their alerts on those days, not on the wall clock.
 */
export async function reevaluateLateOrders(
  db: Db,
  asOf: EpochDay,
  actor = "scheduler",
  at: Date = new Date(asOf * 86_400_000),
): Promise<LateOrderPass> {
  const late = await lateLines(db, asOf);
  const byItem = new Map<string, LateLine[]>();
  const key = (location: string, sku: string): string => `${location}\u0000${sku}`;
  for (const l of late) {
    const k = key(l.location, l.sku);
    byItem.set(k, [...(byItem.get(k) ?? []), l]);
  }
  for (const i of await itemsWithUnresolvedAlerts(db, "late_order")) {
    const k = key(i.location, i.sku);
    if (!byItem.has(k)) byItem.set(k, []);
  }
  const signals: SignalChange[] = [];
  let raised = 0;
  let escalated = 0;
  let resolved = 0;
  for (const [k, lines] of [...byItem].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const [location, sku] = k.split("\u0000") as [string, string];
    const r = await db.transaction(async (tx) => itemPass(tx, location, sku, lines, asOf, actor, at));
    signals.push(...r.signals);
    raised += r.raised;
    escalated += r.escalated;
    resolved += r.resolved;
  }
  return {
    asOf: formatIsoDate(asOf),
    items: byItem.size,
    lateLines: late.length,
    signals,
    alertsRaised: raised,
    alertsEscalated: escalated,
    alertsResolved: resolved,
  };
}

async function itemPass(
  tx: Tx,
  location: string,
  sku: string,
  lines: readonly LateLine[],
  asOf: EpochDay,
  actor: string,
  at: Date,
): Promise<{ signals: SignalChange[]; raised: number; escalated: number; resolved: number }> {
  const position = await lockPosition(tx, location, sku);
  const signals = await refreshSignals(tx, position, asOf, actor);
  const open = await openSignals(tx, location, sku);
  let raised = 0;
  let escalated = 0;
  let resolved = 0;
  const causes = new Set<string>();
  for (const l of lines) {
    const cause = `late_order:${l.poNumber}/${l.lineNo}`;
    causes.add(cause);
    const level = escalationLevel(l.daysLate, l.toleranceDays);
    const signal = open.find((s) => s.causeKey === cause) ?? null;
    const detail = { ...l, asOf: formatIsoDate(asOf), signalId: signal?.signalId ?? null };
    const a = await raiseAlert(tx, {
      location,
      sku,
      supplier: l.supplier,
      signalId: signal?.signalId ?? null,
      kind: "late_order",
      severity: level >= 1 ? "critical" : "warning",
      causeKey: cause,
      escalationLevel: level,
      at,
      message: `supplier ${l.supplier}: order ${l.poNumber}/${l.lineNo} of ${l.openQty} ${sku} for ${location} is ${l.daysLate} days late (expected ${l.expectedOn}${l.asnOn !== null ? " per ASN" : ""}, promised ${l.dueOn})`,
      detail,
    });
    if (a.change === "unchanged") continue;
    if (a.change === "raised") raised++;
    else escalated++;
    await appendAudit(tx, {
      actor,
      action: `alert.${a.change}`,
      subject: "alert",
      subjectId: String(a.alert.alertId),
      location,
      detail: { sku, supplier: l.supplier, causeKey: cause, level },
    });
    await enqueueWebhookEvent(tx, {
      kind: a.change === "raised" ? "alert.raised" : "alert.escalated",
      location,
      sku,
      data: {
        alertId: a.alert.alertId,
        kind: "late_order",
        severity: a.alert.severity,
        escalationLevel: a.alert.escalationLevel,
        message: a.alert.message,
        ...detail,
      },
    });
  }
  for (const a of await unresolvedAlerts(tx, location, sku, "late_order")) {
    if (a.causeKey !== null && causes.has(a.causeKey)) continue;
    if (!(await resolveAlert(tx, location, a.alertId, at))) continue;
    resolved++;
    await appendAudit(tx, {
      actor,
      action: "alert.resolved",
      subject: "alert",
      subjectId: String(a.alertId),
      location,
      detail: { sku, causeKey: a.causeKey },
    });
    await enqueueWebhookEvent(tx, {
      kind: "alert.resolved",
      location,
      sku,
      data: {
        alertId: a.alertId,
        kind: a.kind,
        location,
        sku,
        supplier: a.supplier,
        causeKey: a.causeKey,
        asOf: formatIsoDate(asOf),
      },
    });
  }
  return { signals, raised, escalated, resolved };
}
