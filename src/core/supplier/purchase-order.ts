import type { EpochDay } from "../units.js";

/**
 * One purchase-order line and what happened to it: promise, advance ship notice (ASN), receipt and
 * inspection. Days are epoch days, quantities units, money the items master's currency.
 *
 * Mapping from the SCMS delivery history (USAID, 10 324 lines): poId = "PO / SO #", supplier =
 * "Vendor", sku = "Item Description", location = "Country", qtyOrdered = "Line Item Quantity",
 * unitCost = "Line Item Value" ÷ quantity, orderDay = "PO Sent to Vendor Date" (often "Date Not
 * Captured" → null), promisedDay = "Scheduled Delivery Date", receivedDay = "Delivered to Client Date",
 * mode = "Shipment Mode", freightCost = "Freight Cost (USD)" when numeric. That file has no ASN dates
 * or quantities, rejections or separate received quantities: a reader sets asnDay/asnQty null,
 * qtyRejected 0 and qtyReceived = qtyOrdered for delivered lines.
 */
export interface PurchaseOrderLine {
  readonly poId: string;
  readonly supplier: string;
  readonly sku: string;
  /** Receiving location; "" when there is only one. */
  readonly location: string;
  readonly qtyOrdered: number;
  /** Purchase cost per unit, or null when unknown (the line then has no value for value shares). */
  readonly unitCost: number | null;
  /** Day the order was sent to the supplier; null when not captured (no lead-time sample then). */
  readonly orderDay: EpochDay | null;
  /** Delivery day the supplier confirmed (the due day); null when none was agreed. */
  readonly promisedDay: EpochDay | null;
  /** Arrival day announced by the advance ship notice; null when no ASN was sent. */
  readonly asnDay: EpochDay | null;
  /** Quantity announced by the ASN; null when no ASN was sent. */
  readonly asnQty: number | null;
  /** Day the goods were received at the location; null while open. */
  readonly receivedDay: EpochDay | null;
  /** Units received (gross, before inspection); 0 while open. */
  readonly qtyReceived: number;
  /** Units rejected at inspection (part of qtyReceived); null when the source records no inspection result. */
  readonly qtyRejected: number | null;
  /** Transport mode as the source names it ("Air", "Truck", "Ocean", "parcel", …). */
  readonly mode: string;
  /** Freight cost charged to the line, or null when unknown or included in the unit cost. */
  readonly freightCost: number | null;
  /**
   * The shipment was expedited (premium freight, air instead of sea, emergency buy); null when the
   * source does not say.
   */
  readonly expedited: boolean | null;
}

/**
 * What counts as on time, in full and accurate (docs/suppliers-and-kpis.md). Defaults: a delivery is on
 * time when it arrives from 2 days early to 0 days late against the promised day; in full when at least
 * the ordered quantity arrives; an ASN is accurate when its quantity equals the received quantity and
 * its arrival day equals the receipt day.
 */
export interface DeliveryTerms {
  /** Days before the promised day still counted on time (JIT: early stock is also a miss). */
  readonly earlyDays: number;
  /** Days after the promised day still counted on time. */
  readonly lateDays: number;
  /** Fraction short still counted in full (0 = every unit ordered). */
  readonly inFullTolerance: number;
  /** Days between ASN arrival day and receipt day still counted accurate. */
  readonly asnDateToleranceDays: number;
  /** Fraction of the received quantity the ASN quantity may differ by and still be accurate. */
  readonly asnQtyTolerance: number;
}

/** On time from 2 days early to 0 days late; in full at 100 %; ASN exact on quantity and day. */
export const DEFAULT_DELIVERY_TERMS: DeliveryTerms = {
  earlyDays: 2,
  lateDays: 0,
  inFullTolerance: 0,
  asnDateToleranceDays: 0,
  asnQtyTolerance: 0,
};

/**
 * State of a line as of a day: `received` (receipt on or before asOf), `overdue` (not received and
 * asOf is past promised + lateDays: certainly late), `open` (not received, not yet late: not scored).
 */
export type LineStatus = "received" | "overdue" | "open";

export interface LineOutcome {
  readonly status: LineStatus;
  /** null when the line has no promised day or is open. */
  readonly onTime: boolean | null;
  /** null when open. An overdue line is neither on time nor in full. */
  readonly inFull: boolean | null;
  /** receivedDay − promisedDay (overdue: asOf − promisedDay, a lower bound); null when unknown. */
  readonly daysLate: number | null;
  /** receivedDay − orderDay in days; null when either is missing. */
  readonly leadTimeDays: number | null;
  /** ASN quantity accurate; null when no ASN quantity or not received. */
  readonly asnQtyAccurate: boolean | null;
  /** ASN arrival day accurate; null when no ASN day or not received. */
  readonly asnDateAccurate: boolean | null;
}

/** The day a line is scored in: its promised day, or its receipt day when none was promised. */
export const dueDay = (l: PurchaseOrderLine): EpochDay | null => l.promisedDay ?? l.receivedDay;

/**
 * Classifies one line as of `asOf` against the delivery terms. Receipts after asOf are ignored (the
 * line is read as it stood on asOf), so a scorecard can be replayed at any past date.
 */
export function classifyLine(
  l: PurchaseOrderLine,
  asOf: number,
  terms: DeliveryTerms = DEFAULT_DELIVERY_TERMS,
): LineOutcome {
  const received = l.receivedDay !== null && l.receivedDay <= asOf;
  if (!received) {
    const overdue = l.promisedDay !== null && asOf > l.promisedDay + terms.lateDays;
    return {
      status: overdue ? "overdue" : "open",
      onTime: overdue ? false : null,
      inFull: overdue ? false : null,
      daysLate: overdue ? asOf - l.promisedDay! : null,
      leadTimeDays: null,
      asnQtyAccurate: null,
      asnDateAccurate: null,
    };
  }
  const rd = l.receivedDay!;
  const daysLate = l.promisedDay === null ? null : rd - l.promisedDay;
  const onTime = daysLate === null ? null : daysLate >= -terms.earlyDays && daysLate <= terms.lateDays;
  const inFull = l.qtyReceived >= l.qtyOrdered * (1 - terms.inFullTolerance);
  return {
    status: "received",
    onTime,
    inFull,
    daysLate,
    leadTimeDays: l.orderDay === null ? null : rd - l.orderDay,
    asnQtyAccurate:
      l.asnQty === null ? null : Math.abs(l.asnQty - l.qtyReceived) <= terms.asnQtyTolerance * l.qtyReceived,
    asnDateAccurate: l.asnDay === null ? null : Math.abs(l.asnDay - rd) <= terms.asnDateToleranceDays,
  };
}

/** Merges partial terms over the defaults. */
export function resolveTerms(partial: Partial<DeliveryTerms> = {}): DeliveryTerms {
  return { ...DEFAULT_DELIVERY_TERMS, ...partial };
}
