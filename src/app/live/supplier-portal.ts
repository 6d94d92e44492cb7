import { parseIsoDate } from "../../core/calendar.js";
import { type Period, trailingMonths } from "../../core/kpi/period.js";
import { fail, type Issue, ok, type Result } from "../../core/result.js";
import { type SupplierScore, scoreSuppliers } from "../../core/supplier/scorecard.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import { type Db, sqlState, type Tx } from "../../db/db.js";
import type { SignalChange } from "../../db/ledger.js";
import {
  confirmLine,
  type LockedLine,
  lockOrderLines,
  type OrderHeader,
  orderSkus,
  ordersByNumber,
  scorecardLines,
  setVmi,
  shippedOnLine,
} from "../../db/portal-store.js";
import { lockPosition } from "../../db/positions.js";
import { insertAsn } from "../../db/purchase-orders-store.js";
import { refreshSignals } from "./refresh-signals.js";

/**
 * The supplier portal's writes (ASNs, confirmed or proposed dates) and the scorecard from stored
 * orders. `supplier` is the caller's binding: a supplier token sees and changes only its own orders —
 * anything else is "not found", never "forbidden", so the existence of other suppliers' orders is not
 * revealed. Planners and admins pass null.
 */

const orderNotFound = (poNumber: string): Issue => ({
  code: "not_found",
  path: { field: "po_number" },
  message: `purchase order ${poNumber} not found`,
  received: poNumber,
});

/** The one order with this number the caller may see, or a failure (not found, or several locations). */
async function visibleOrder(
  tx: Tx,
  poNumber: string,
  location: string | undefined,
  supplier: string | null,
): Promise<Result<OrderHeader>> {
  const orders = (await ordersByNumber(tx, poNumber, location)).filter(
    (o) => supplier === null || o.supplier === supplier,
  );
  if (orders.length === 0) return fail(orderNotFound(poNumber));
  if (orders.length > 1)
    return fail({
      code: "ambiguous",
      path: { field: "location" },
      message: `purchase order ${poNumber} exists at several locations: name one`,
      expected: orders.map((o) => o.location).join(" | "),
    });
  return ok(orders[0]!);
}

async function refreshFor(tx: Tx, location: string, skus: readonly string[], asOf: EpochDay, actor: string) {
  const changes: SignalChange[] = [];
  for (const sku of [...new Set(skus)].sort()) {
    const position = await lockPosition(tx, location, sku);
    changes.push(...(await refreshSignals(tx, position, asOf, actor)));
  }
  return changes;
}

export interface AsnSubmission {
  readonly asnId: string;
  readonly poNumber: string;
  readonly location?: string | undefined;
  readonly lines: readonly {
    readonly lineNo: number;
    readonly qtyShipped: number;
    readonly shippedOn?: string | undefined;
    readonly expectedOn: string;
  }[];
}

/**
 * Stores an advance ship notice for lines of an open order the caller may see: each line must exist,
 * be open, and the units announced by all its ASNs may not exceed what is still to come. The expected
 * date becomes the line's expected receipt, so the item × locations' signals are re-evaluated.
 */
export async function submitAsn(
  db: Db,
  a: AsnSubmission,
  supplier: string | null,
  actor: string,
  asOf: EpochDay,
): Promise<Result<{ readonly order: OrderHeader; readonly signals: readonly SignalChange[] }>> {
  try {
    return await db.transaction(async (tx) => {
      const found = await lockOpenOrder(tx, a.poNumber, a.location, supplier);
      if (!found.ok) return found;
      const { order, skus, lines } = found.value;
      const issues: Issue[] = [];
      for (const [i, l] of a.lines.entries()) {
        const line = lines.find((x) => x.lineNo === l.lineNo);
        if (line === undefined) {
          issues.push({
            code: "unknown_line",
            path: { field: `lines.${i}.line_no` },
            message: `purchase order ${order.poNumber} has no line ${l.lineNo}`,
            expected: lines.map((x) => x.lineNo).join(" | "),
            received: String(l.lineNo),
          });
          continue;
        }
        const announced = await shippedOnLine(tx, order.location, order.poNumber, l.lineNo);
        const open = line.qtyOrdered - line.qtyReceived - announced;
        if (l.qtyShipped > open)
          issues.push({
            code: "over_shipment",
            path: { field: `lines.${i}.qty_shipped` },
            message: `line ${l.lineNo} has ${open} units left to announce`,
            expected: `≤ ${open}`,
            received: String(l.qtyShipped),
          });
      }
      if (issues.length > 0) return fail(...issues);
      for (const l of a.lines)
        await insertAsn(tx, {
          location: order.location,
          asnId: a.asnId,
          poNumber: order.poNumber,
          lineNo: l.lineNo,
          qtyShipped: l.qtyShipped,
          shippedOn: l.shippedOn ?? null,
          expectedOn: l.expectedOn,
        });
      const signals = await refreshFor(tx, order.location, skus, asOf, actor);
      await appendAudit(tx, {
        actor,
        action: "asn.received",
        subject: "asn",
        subjectId: `${order.location}/${a.asnId}`,
        location: order.location,
        detail: { poNumber: order.poNumber, supplier: order.supplier, lines: a.lines },
      });
      return ok({ order, signals });
    });
  } catch (e) {
    if (sqlState(e) === "23505")
      return fail({
        code: "conflict",
        path: { field: "asn_id" },
        message: `ASN ${a.asnId} already announces one of these lines`,
        expected: "a new ASN id",
        received: a.asnId,
      });
    throw e;
  }
}

/**
 * The caller's open order with this number, its items' positions locked (in SKU order, like every
 * writer) and its lines locked; a failure when not visible or not open.
 */
async function lockOpenOrder(
  tx: Tx,
  poNumber: string,
  location: string | undefined,
  supplier: string | null,
): Promise<Result<{ order: OrderHeader; skus: string[]; lines: LockedLine[] }>> {
  const found = await visibleOrder(tx, poNumber, location, supplier);
  if (!found.ok) return found;
  const order = found.value;
  if (order.status !== "open")
    return fail({
      code: "conflict",
      path: { field: "po_number" },
      message: `purchase order ${order.poNumber} is ${order.status}`,
      expected: "an open order",
      received: order.status,
    });
  const skus = await orderSkus(tx, order.location, order.poNumber);
  for (const sku of skus) await lockPosition(tx, order.location, sku);
  return ok({ order, skus, lines: await lockOrderLines(tx, order.location, order.poNumber) });
}

export interface Confirmation {
  readonly poNumber: string;
  readonly location?: string | undefined;
  /** One date for every open line, or per line. */
  readonly confirmedOn?: string | undefined;
  readonly lines?: readonly { readonly lineNo: number; readonly confirmedOn: string }[] | undefined;
}

export interface ConfirmedLine {
  readonly lineNo: number;
  readonly dueOn: string;
  readonly confirmedOn: string;
  /** `confirmed` when the date is the one asked for, `proposed` when the supplier offers another. */
  readonly answer: "confirmed" | "proposed";
}

/**
 * The supplier confirms the due dates of an open order, or proposes other dates (per line). The date
 * is stored on the line and becomes its expected receipt (before any ASN), so signals are re-evaluated.
 */
export async function confirmPurchaseOrder(
  db: Db,
  c: Confirmation,
  supplier: string | null,
  actor: string,
  asOf: EpochDay,
): Promise<
  Result<{
    readonly order: OrderHeader;
    readonly lines: readonly ConfirmedLine[];
    readonly signals: readonly SignalChange[];
  }>
> {
  return db.transaction(async (tx) => {
    const found = await lockOpenOrder(tx, c.poNumber, c.location, supplier);
    if (!found.ok) return found;
    const { order, skus, lines } = found.value;
    const wanted: { line: LockedLine; date: string }[] = [];
    const issues: Issue[] = [];
    if (c.lines !== undefined)
      for (const [i, l] of c.lines.entries()) {
        const line = lines.find((x) => x.lineNo === l.lineNo);
        if (line === undefined)
          issues.push({
            code: "unknown_line",
            path: { field: `lines.${i}.line_no` },
            message: `purchase order ${order.poNumber} has no line ${l.lineNo}`,
            expected: lines.map((x) => x.lineNo).join(" | "),
            received: String(l.lineNo),
          });
        else wanted.push({ line, date: l.confirmedOn });
      }
    else
      for (const line of lines)
        if (line.qtyReceived < line.qtyOrdered) wanted.push({ line, date: c.confirmedOn ?? line.dueOn });
    if (issues.length > 0) return fail(...issues);
    for (const w of wanted)
      await confirmLine(tx, order.location, order.poNumber, w.line.lineNo, w.date, actor);
    const answered: ConfirmedLine[] = wanted.map((w) => ({
      lineNo: w.line.lineNo,
      dueOn: w.line.dueOn,
      confirmedOn: w.date,
      answer: w.date === w.line.dueOn ? "confirmed" : "proposed",
    }));
    const signals = await refreshFor(tx, order.location, skus, asOf, actor);
    await appendAudit(tx, {
      actor,
      action: answered.some((l) => l.answer === "proposed")
        ? "purchase_order.dates_proposed"
        : "purchase_order.confirmed",
      subject: "purchase_order",
      subjectId: `${order.location}/${order.poNumber}`,
      location: order.location,
      detail: { supplier: order.supplier, lines: answered },
    });
    return ok({ order, lines: answered, signals });
  });
}

/**
 * A supplier's scorecard over a period (default the 12 months to `asOf`) from the stored purchase-order
 * lines, receipts and ASNs, with the core scorecard (core/supplier/scorecard.ts). Null when the
 * supplier has no line due in the period. Shares of volume and value are against all suppliers.
 */
export async function supplierScorecard(
  db: Db,
  supplier: string,
  o: ScorecardPeriod,
): Promise<SupplierScore | null> {
  return (await supplierScorecards(db, o)).find((s) => s.supplier === supplier) ?? null;
}

export interface ScorecardPeriod {
  readonly asOf: EpochDay;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/** Every supplier's scorecard over the period (see supplierScorecard): one pass over the stored lines. */
export async function supplierScorecards(db: Db, o: ScorecardPeriod): Promise<SupplierScore[]> {
  const window = trailingMonths(o.asOf, 12);
  const start = o.from !== undefined ? parseIsoDate(o.from)! : window.start;
  const end = o.to !== undefined ? parseIsoDate(o.to)! : window.end;
  const period: Period =
    o.from === undefined && o.to === undefined
      ? window
      : { key: `${o.from ?? "…"}..${o.to ?? "…"}`, start, end };
  const lines = await scorecardLines(db);
  return scoreSuppliers(lines, period, { asOf: o.asOf });
}

/**
 * Marks a supplier (every lane) or one of its lanes (location and SKU given) as vendor-managed /
 * continuous replenishment, or clears the flag: it decides whether the supplier sees the consumption.
 * Audited. False when no such supplier or lane.
 */
export async function setSupplierVmi(
  db: Db,
  target: { readonly supplier: string; readonly location?: string; readonly sku?: string },
  vmi: boolean,
  actor: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = (await setVmi(tx, target, vmi)) > 0;
    if (changed)
      await appendAudit(tx, {
        actor,
        action: vmi ? "supplier.vmi_on" : "supplier.vmi_off",
        subject: "supplier",
        subjectId: target.supplier,
        location: target.location ?? null,
        detail: { sku: target.sku ?? null },
      });
    return changed;
  });
}
