import { formatIsoDate } from "../core/calendar.js";
import type { CsvValue } from "./csv-text.js";
import type { DemoCompany } from "./demo-company.js";
import { supplierLeadTime } from "./suppliers.js";

/** One file of the demo: name, header and rows (lazily). */
export interface DemoTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: () => Iterable<readonly CsvValue[]>;
  /** One line for README.txt. */
  readonly description: string;
}

const date = (d: number | null): string | null => (d === null ? null : formatIsoDate(d));
const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** The demo company as CSV tables, in the order they are written. Pure. */
export function demoTables(c: DemoCompany): DemoTable[] {
  return [
    {
      file: "sales.csv",
      header: ["sku", "location", "date", "qty", "price"],
      description:
        "units sold per SKU, location and day (demand served from stock: lost sales during stockouts are not " +
        "in qty), and the selling price that day. One row per day on sale, zero days included; a launched " +
        "SKU has no rows before its launch.",
      rows: function* () {
        for (const s of c.series)
          for (let i = 0; i < s.sales.length; i++)
            yield [s.sku, s.location, formatIsoDate(s.start + i), s.sales[i]!, s.price[i]!];
      },
    },
    {
      file: "items.csv",
      header: [
        "sku",
        "location",
        "unit_cost",
        "unit_price",
        "lead_time_days",
        "lead_time_sd_days",
        "moq",
        "order_multiple",
        "ordering_cost",
        "holding_cost_rate",
        "service_target",
        "service_type",
        "review_period_days",
        "container_size",
        "supplier",
        "category",
        "reorder_point",
      ],
      description:
        "items master, one row per SKU and location; some cells are empty on purpose so that the documented " +
        "defaults apply. reorder_point is the reorder point the replenishment loop had in force at the end.",
      rows: function* () {
        for (const r of c.items)
          yield [
            r.sku,
            r.location,
            r.unitCost,
            r.unitPrice,
            r.leadTimeDays,
            r.leadTimeSdDays,
            r.moq,
            r.orderMultiple,
            r.orderingCost,
            r.holdingCostRate,
            r.serviceTarget,
            r.serviceType,
            r.reviewPeriodDays,
            r.containerSize,
            r.supplier,
            r.category,
            r.reorderPoint,
          ];
      },
    },
    {
      file: "suppliers.csv",
      header: [
        "supplier",
        "name",
        "country",
        "mode",
        "contract_on_time_target",
        "contract_lead_time_cv_max",
        "contract_rejection_max",
        "contract_asn_accuracy_min",
        "quoted_lead_time_days",
        "true_mean_lead_time_days",
        "true_lead_time_sd_days",
        "true_on_time_prob",
        "true_short_ship_prob",
        "true_rejection_rate",
        "true_asn_send_prob",
        "true_asn_accuracy_prob",
      ],
      description:
        "suppliers: contract terms, and (true_* columns) the behaviour the generator gave them, to check " +
        "scorecards against.",
      rows: function* () {
        for (const s of c.suppliers) {
          const lt = supplierLeadTime(s);
          const b = s.behaviour;
          yield [
            s.supplier,
            s.name,
            s.country,
            s.mode,
            s.contract.onTimeTarget,
            s.contract.leadTimeCvMax,
            s.contract.rejectionMax,
            s.contract.asnAccuracyMin,
            s.quotedLeadTimeDays,
            round(lt.mean, 3),
            round(lt.sd, 3),
            b.onTimeProb,
            b.shortShipProb,
            b.rejectionRate,
            b.asnSendProb,
            b.asnAccuracyProb,
          ];
        }
      },
    },
    {
      file: "purchase_orders.csv",
      header: [
        "po_id",
        "supplier",
        "sku",
        "location",
        "qty_ordered",
        "order_date",
        "promised_date",
        "asn_date",
        "asn_qty",
        "received_date",
        "qty_received",
        "qty_rejected",
        "mode",
        "freight_cost",
        "expedited",
      ],
      description:
        "purchase-order lines from the replenishment loop: promise, advance ship notice (asn_date = announced " +
        "arrival; empty when none was sent), receipt (received_date empty and quantities 0 while open) and inspection (qty_rejected is part " +
        "of qty_received).",
      rows: function* () {
        for (const p of c.purchaseOrders)
          yield [
            p.poId,
            p.supplier,
            p.sku,
            p.location,
            p.qtyOrdered,
            date(p.orderDay),
            date(p.promisedDay),
            date(p.asnDay),
            p.asnQty,
            date(p.receivedDay),
            p.qtyReceived,
            p.qtyRejected,
            p.mode,
            p.freightCost,
            p.expedited,
          ];
      },
    },
    {
      file: "inventory.csv",
      header: ["date", "sku", "location", "on_hand", "unit_cost"],
      description:
        "stock on hand at the end of the day, weekly (on the last day's weekday), per SKU and location.",
      rows: function* () {
        for (const s of c.inventory) yield [formatIsoDate(s.day), s.sku, s.location, s.onHand, s.unitCost];
      },
    },
    {
      file: "customer_orders.csv",
      header: ["order_id", "date", "sku", "location", "qty", "qty_shipped", "ship_date", "promised_date"],
      description:
        "customer order lines of the online shop (first location) over the last weeks of history; the " +
        "shipped quantities of a day add up to that day's sales there.",
      rows: function* () {
        for (const o of c.customerOrders)
          yield [
            o.orderId,
            formatIsoDate(o.day),
            o.sku,
            o.location,
            o.qty,
            o.qtyShipped,
            date(o.shipDay),
            date(o.promisedDay),
          ];
      },
    },
  ];
}
