import { formatIsoDate, parseIsoDate } from "../../core/calendar.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import type { ExpediteOption } from "../../core/signals/expedite-options.js";
import { appendAudit } from "../../db/audit.js";
import { type Db, sqlState } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import { acknowledgeOpenSignal, laneFor } from "../../db/portal-store.js";
import { lockPosition } from "../../db/positions.js";
import type { PurchaseOrderInput } from "../../db/purchase-orders-store.js";
import { decideSignal, getSignal, type StoredSignal } from "../../db/signals-store.js";
import { AUTO_ORDER_PREFIX } from "./auto-order.js";
import { placePurchaseOrderInTx } from "./purchase-orders.js";

/** Thrown inside a transaction to roll it back; returned as a failed Result outside. */
class Rejected extends Error {
  constructor(readonly issues: readonly Issue[]) {
    super(issues.map((i) => i.message).join("; "));
  }
}

const notFound = (id: number): Issue => ({
  code: "not_found",
  path: { field: "id" },
  message: `no signal ${id}`,
  received: String(id),
});

const notOpen = (s: StoredSignal): Issue => ({
  code: "conflict",
  path: { field: "status" },
  message: `signal ${s.signalId} is ${s.status}, not open`,
  expected: "an open signal",
  received: s.status,
});

export interface ApproveOptions {
  /** Order day, YYYY-MM-DD (the caller's today). */
  readonly orderedOn: string;
  /** Default `SIG-<signal id>`. */
  readonly poNumber?: string | undefined;
  /** Default the primary supply lane's supplier. */
  readonly supplier?: string | undefined;
  /** Units; default the signal's quantity. */
  readonly quantity?: number | undefined;
  /** Promised arrival, YYYY-MM-DD; default order day + the lane's lead time (rounded up). */
  readonly dueOn?: string | undefined;
  /**
   * Emergency signals: the expedite option to order on (its id in the explanation, e.g.
   * `expedite:S1`, `backup:S2`); default the recommended one. Not with `supplier`.
   */
  readonly option?: string | undefined;
}

export interface ApprovedSignal {
  readonly signalId: number;
  readonly purchaseOrder: PurchaseOrderInput;
  readonly signals: readonly SignalChange[];
}

/**
 * Turns an open replenishment (or emergency) proposal into a purchase order, in one transaction: the
 * signal becomes approved (who, when), the order is placed against the item × location's supply lane
 * (an emergency on its chosen expedite option — default the recommended one — with that option's
 * supplier, units, lead time, unit cost and expedited flag; without options, expedited on the primary
 * lane), on order grows, the triggers are re-evaluated and both steps are
 * audited. Review signals carry no quantity: they are acknowledged or dismissed instead.
 */
export async function approveSignal(
  db: Db,
  signalId: number,
  actor: string,
  o: ApproveOptions,
): Promise<Result<ApprovedSignal>> {
  try {
    return await db.transaction(async (tx) => {
      const first = await getSignal(tx, signalId);
      if (first === null) return fail(notFound(signalId));
      await lockPosition(tx, first.location, first.sku);
      const s = (await getSignal(tx, signalId))!;
      if (s.status !== "open") return fail(notOpen(s));
      if (s.kind === "review")
        return fail({
          code: "not_orderable",
          path: { field: "kind" },
          message: "a review signal proposes no order: acknowledge or dismiss it",
          expected: "replenishment or emergency",
          received: s.kind,
        });
      if (o.poNumber?.startsWith(AUTO_ORDER_PREFIX))
        return fail({
          code: "reserved_number",
          path: { field: "po_number" },
          message: `purchase-order numbers starting ${AUTO_ORDER_PREFIX} are reserved for automatic orders`,
          expected: `a number not starting ${AUTO_ORDER_PREFIX}`,
          received: o.poNumber,
        });
      const picked = chooseOption(s, o);
      if (!picked.ok) return fail(...picked.issues);
      const option = picked.value;
      const lane = await laneFor(tx, s.location, s.sku, option?.supplier ?? o.supplier);
      if (lane === null)
        return fail({
          code: "no_supplier",
          path: { field: "supplier" },
          message: `no supply lane for ${s.sku} at ${s.location}${o.supplier !== undefined ? ` from ${o.supplier}` : ""}`,
          expected: "a supply lane (takt import --kind items) or a supplier with one",
          ...(o.supplier !== undefined ? { received: o.supplier } : {}),
        });
      const qty = o.quantity ?? option?.quantity ?? s.quantity ?? 0;
      if (!(qty > 0))
        return fail({
          code: "invalid_quantity",
          path: { field: "quantity" },
          message: "the order needs a positive quantity",
          expected: "units > 0",
          received: String(qty),
        });
      const leadTimeDays = option?.leadTimeDays ?? lane.leadTimeDays;
      const dueOn = o.dueOn ?? formatIsoDate(parseIsoDate(o.orderedOn)! + Math.ceil(leadTimeDays - 1e-9));
      const po: PurchaseOrderInput = {
        location: s.location,
        poNumber: o.poNumber ?? `SIG-${signalId}`,
        supplier: lane.supplier,
        orderedOn: o.orderedOn,
        expedited: option !== null ? option.expedited : s.kind === "emergency",
        signalId,
        lines: [{ sku: s.sku, qty, dueOn, unitCost: option !== null ? option.unitCost : lane.unitCost }],
      };
      await decideSignal(tx, signalId, "approved", actor);
      const placed = await placePurchaseOrderInTx(tx, po, actor);
      if (!placed.ok) throw new Rejected(placed.issues);
      await appendAudit(tx, {
        actor,
        action: "signal.approved",
        subject: "signal",
        subjectId: String(signalId),
        location: s.location,
        detail: {
          sku: s.sku,
          kind: s.kind,
          poNumber: po.poNumber,
          quantity: qty,
          dueOn,
          ...(option !== null
            ? {
                option: option.id,
                supplier: option.supplier,
                mode: option.mode,
                expedited: option.expedited,
                unitCost: option.unitCost,
                premium: option.premium,
              }
            : {}),
        },
      });
      return ok({ signalId, purchaseOrder: po, signals: placed.value.signals });
    });
  } catch (e) {
    if (e instanceof Rejected) return fail(...e.issues);
    if (sqlState(e) === "23505")
      return fail({
        code: "conflict",
        path: { field: "po_number" },
        message: `purchase order ${o.poNumber ?? `SIG-${signalId}`} exists already at this location`,
        expected: "a new purchase-order number",
        received: o.poNumber ?? `SIG-${signalId}`,
      });
    throw e;
  }
}

/**
 * The expedite option an approval orders on: the one named, else the recommended one, for an emergency
 * signal that carries options and no explicit supplier; null otherwise (the primary lane, or the
 * supplier named, as for any proposal).
 */
function chooseOption(s: StoredSignal, o: ApproveOptions): Result<ExpediteOption | null> {
  const advice = s.explanation.expedite;
  if (o.option !== undefined && s.kind !== "emergency")
    return fail({
      code: "invalid_option",
      path: { field: "option" },
      message: "only an emergency signal has expedite options",
      expected: "no option for a replenishment signal",
      received: o.option,
    });
  if (o.option !== undefined && o.supplier !== undefined)
    return fail({
      code: "invalid_option",
      path: { field: "option" },
      message: "name an expedite option or a supplier, not both",
      expected: "option or supplier",
      received: `option ${o.option}, supplier ${o.supplier}`,
    });
  if (s.kind !== "emergency" || o.supplier !== undefined) return ok(null);
  const id = o.option ?? advice?.recommended ?? null;
  if (id === null) return ok(null);
  const option = advice?.options.find((x) => x.id === id && x.orderable);
  if (option === undefined)
    return fail({
      code: "invalid_option",
      path: { field: "option" },
      message: `signal ${s.signalId} has no orderable expedite option ${id}`,
      expected: `one of ${
        (advice?.options ?? [])
          .filter((x) => x.orderable)
          .map((x) => x.id)
          .join(", ") || "(none: approve without an option)"
      }`,
      received: id,
    });
  return ok(option);
}

/** Dismisses an open signal (not acted on); audited with the reason. */
export async function dismissSignal(
  db: Db,
  signalId: number,
  actor: string,
  reason: string | undefined,
): Promise<Result<StoredSignal>> {
  return db.transaction(async (tx) => {
    const s = await getSignal(tx, signalId);
    if (s === null) return fail(notFound(signalId));
    if (!(await decideSignal(tx, signalId, "dismissed", actor))) return fail(notOpen(s));
    await appendAudit(tx, {
      actor,
      action: "signal.dismissed",
      subject: "signal",
      subjectId: String(signalId),
      location: s.location,
      detail: { sku: s.sku, kind: s.kind, reason: reason ?? null },
    });
    return ok({ ...s, status: "dismissed" as const });
  });
}

/** Notes that someone has seen an open signal and is on it; it stays open. Audited. */
export async function acknowledgeSignal(
  db: Db,
  signalId: number,
  actor: string,
  note: string | undefined,
): Promise<Result<StoredSignal>> {
  return db.transaction(async (tx) => {
    const s = await getSignal(tx, signalId);
    if (s === null) return fail(notFound(signalId));
    if (!(await acknowledgeOpenSignal(tx, signalId, actor))) return fail(notOpen(s));
    await appendAudit(tx, {
      actor,
      action: "signal.acknowledged",
      subject: "signal",
      subjectId: String(signalId),
      location: s.location,
      detail: { sku: s.sku, kind: s.kind, note: note ?? null },
    });
    return ok(s);
  });
}
