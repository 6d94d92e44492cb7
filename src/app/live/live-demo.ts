import { join } from "node:path";
import { formatIsoDate } from "../../core/calendar.js";
import type { LedgerEventInput } from "../../core/ledger/ledger-event.js";
import type { EpochDay } from "../../core/units.js";
import { appendAudit } from "../../db/audit.js";
import { type CustomerOrderLineInput, insertCustomerOrderLines } from "../../db/customer-orders-store.js";
import type { Db } from "../../db/db.js";
import { type HistoryLine, loadHistory } from "../../db/ledger-history.js";
import { upsertLocations, upsertSuppliers } from "../../db/master-data.js";
import { activePolicy } from "../../db/policies-store.js";
import { changePosition, lockPosition } from "../../db/positions.js";
import {
  type HistoricalOrder,
  insertAsn,
  linkHistoryReceipts,
  loadOrderHistory,
} from "../../db/purchase-orders-store.js";
import { getSetting, putSetting } from "../../db/settings-store.js";
import { decideSignal, openSignals } from "../../db/signals-store.js";
import { episodesFromHistory } from "../../db/stockout-history.js";
import type { DemoCompany, DemoCustomerOrder, DemoPurchaseOrder } from "../../demo/demo-company.js";
import { generateDemo } from "../../demo/generate-demo.js";
import { writeDemo } from "../../demo/write-demo.js";
import { type AppliedBatch, applyEvents } from "./apply-events.js";
import { addDemoExpediteLanes } from "./demo-expedite-lanes.js";
import { importMasterData } from "./import-master-data.js";
import { type LateOrderPass, reevaluateLateOrders } from "./late-orders.js";
import { type PlanningRunResult, runPlanningJob } from "./planning-job.js";
import { proposeOrderingChange, transitionPolicy } from "./policies.js";
import { placePurchaseOrder } from "./purchase-orders.js";
import { refreshSignals } from "./refresh-signals.js";
import { approveSignal } from "./signal-decisions.js";

/** The generated company the live demo runs; stored in settings so a restart continues where it was. */
export interface DemoState {
  readonly seed: number;
  readonly skus: number;
  readonly locations: number;
  readonly historyDays: number;
  readonly futureDays: number;
  /** Last generated day (epoch day). */
  readonly endDay: number;
  /** First day after the loaded history: the live system starts here. */
  readonly split: number;
  /** The simulated business day now (epoch day): the next day the replay plays. */
  readonly today: number;
  /** Days of the shop's customer order lines loaded before `split` (absent in older states: 28). */
  readonly customerOrderDays?: number;
}

export const DEMO_STATE_KEY = "demo";
export const DEMO_SOURCE = "demo";
/** Default days of customer order lines loaded with the history. */
export const DEMO_CUSTOMER_ORDER_DAYS = 28;
/** The ledger source of the bulk-loaded history. */
export const DEMO_HISTORY_SOURCE = "demo-history";
/** The demo's planner: approves what automatic ordering leaves to a person. */
export const DEMO_PLANNER = "demo-planner";
/** Suppliers on time at least this often (their behaviour) are trusted with automatic orders. */
export const DEMO_RELIABLE_ON_TIME = 0.95;
/** The value limit of the demo's automatic orders, in the lanes' currency. */
export const DEMO_AUTO_ORDER_MAX_VALUE = 5_000;

export interface DemoSetup {
  readonly seed?: number;
  /** Default 200. */
  readonly skus?: number;
  /** Default 3. */
  readonly locations?: number;
  /** Days of history loaded, default 365. */
  readonly historyDays?: number;
  /** Days of demand kept back for the replay, default 180. */
  readonly futureDays?: number;
  /**
   * Days of the online shop's customer order lines stored before the replay starts, default 28 (the
   * pilot comparison's default period). Each line is a row: the shop takes ~1,400 a day at 200 SKUs,
   * so a whole year (~500,000 rows) would take ~45 s on PGlite.
   */
  readonly customerOrderDays?: number;
  /** Where the demo's CSV files are written (the items master is imported from there). */
  readonly dir: string;
  /** Worker threads for the planning job (0 = all cores). */
  readonly threads?: number;
  readonly log?: (line: string) => void;
}

export interface DemoLoad {
  readonly state: DemoState;
  readonly historyLines: number;
  /** Past purchase orders stored closed, with their ASNs and receipts. */
  readonly pastOrders: number;
  /** Receipts linked to the past orders' lines (one per ledger receipt). */
  readonly pastReceipts: number;
  /** Past customer order lines stored. */
  readonly customerOrders: number;
  /** Stockout episodes of the history (as trackStockout keeps them for live events). */
  readonly stockouts: number;
  readonly openOrders: number;
  /** Item × locations switched to automatic ordering (automateDemoOrdering). */
  readonly automatic: number;
  readonly plan: PlanningRunResult;
  readonly late: LateOrderPass;
}

export const demoState = (db: Db): Promise<DemoState | null> =>
  getSetting<DemoState | null>(db, DEMO_STATE_KEY, null);

/**
 * The demo company of a state (deterministic: the same options give the same company). Customer order
 * lines are kept for the replay's days and the last `customerOrderDays` before it (their draws do not
 * depend on how many are kept).
 */
export const demoCompany = (
  s: Pick<
    DemoState,
    "seed" | "skus" | "locations" | "historyDays" | "futureDays" | "endDay" | "customerOrderDays"
  >,
) =>
  generateDemo({
    seed: s.seed,
    skus: s.skus,
    locations: s.locations,
    days: s.historyDays + s.futureDays,
    endDate: s.endDay,
    customerOrderDays:
      s.futureDays + Math.min(s.historyDays, s.customerOrderDays ?? DEMO_CUSTOMER_ORDER_DAYS),
  });

/** True when nothing is registered yet (no items): the demo may be loaded. */
export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM items");
  return r.rows[0]!.n === 0;
}

const accepted = (p: DemoPurchaseOrder): number => Math.max(0, p.qtyReceived - p.qtyRejected);
const receivedBefore = (p: DemoPurchaseOrder, split: number): boolean =>
  p.receivedDay !== null && p.receivedDay < split && accepted(p) > 0;
const iso = (d: number): string => `${formatIsoDate(d)}T12:00:00Z`;

/**
 * Loads the generated demo company into an empty database: writes its CSV files to `dir`, registers
 * the items master through the import use case (importMasterData), bulk-loads a year of history in one
 * transaction — the ledger (an opening balance per item × location, receipts of the units delivered
 * with the rejected ones scrapped, sales: on hand at the start equals the company's stock that day),
 * the past purchase orders closed with their lines, ASNs and receipts (each receipts row points at the
 * ledger receipt entry, so a delivery is counted once), its stockout episodes, and the online shop's
 * customer order lines of the last `customerOrderDays` days —
 * places the orders still open then (placePurchaseOrder, with the ASNs already sent), runs the planning
 * job with every proposal activated, and runs the late order check — so the live system starts with a
 * year of supplier performance and customer service, active policies, open orders and signals.
 */
export async function loadDemo(db: Db, o: DemoSetup): Promise<DemoLoad> {
  const log = o.log ?? (() => {});
  const historyDays = o.historyDays ?? 365;
  const futureDays = o.futureDays ?? 180;
  const base = {
    seed: o.seed ?? 42,
    skus: o.skus ?? 200,
    locations: o.locations ?? 3,
    historyDays,
    futureDays,
    customerOrderDays: o.customerOrderDays ?? DEMO_CUSTOMER_ORDER_DAYS,
    endDay: generateDemo({ skus: 1, locations: 1, days: 1 }).endDay,
  };
  const company = demoCompany(base);
  const split = (company.endDay - futureDays + 1) as EpochDay;
  log(
    `demo: ${company.skus.length} SKUs × ${company.locations.length} locations, ${company.suppliers.length} suppliers; history ${formatIsoDate(split - historyDays)} … ${formatIsoDate(split - 1)}`,
  );
  await writeDemo(o.dir, company);
  const master = await importMasterData(db, join(o.dir, "items.csv"), "demo");
  if (!master.ok) throw new Error(`demo items master: ${master.issues.map((i) => i.message).join("; ")}`);
  await upsertLocations(
    db,
    company.locations.map((l) => ({ id: l.location, name: l.name })),
  );
  await upsertSuppliers(
    db,
    company.suppliers.map((s) => ({ id: s.supplier, name: s.name })),
  );
  // Expedited modes and backup suppliers, so emergencies show their options (expedite-options.ts).
  const terms = await db.transaction((tx) => addDemoExpediteLanes(tx));
  log(`demo: ${terms.expedited} supply lanes with an expedited mode, ${terms.backups} backup lanes`);

  const lines = historyLines(company, split);
  const past = pastOrders(company, split);
  const customers = pastCustomerOrders(company, split);
  const { pastReceipts, stockouts } = await db.transaction(async (tx) => {
    await loadHistory(tx, DEMO_HISTORY_SOURCE, lines);
    await loadOrderHistory(tx, past);
    await insertCustomerOrderLines(tx, customers);
    return {
      pastReceipts: await linkHistoryReceipts(
        tx,
        DEMO_HISTORY_SOURCE,
        past.flatMap((o) => (o.qtyRejected > 0 ? [{ ...o, qty: o.qtyRejected }] : [])),
      ),
      stockouts: await episodesFromHistory(tx, DEMO_HISTORY_SOURCE),
    };
  });
  log(
    `demo: ${lines.length} ledger lines, ${past.length} past purchase orders (${pastReceipts} receipts), ${customers.length} customer order lines, ${stockouts} stockout episodes of history loaded`,
  );

  const open = company.purchaseOrders.filter(
    (p) => p.orderDay !== null && p.orderDay < split && (p.receivedDay === null || p.receivedDay >= split),
  );
  for (const p of open) await placeDemoOrder(db, company, p, split);
  log(`demo: ${open.length} open purchase orders placed`);

  const plan = await runPlanningJob(db, {
    asOf: split,
    trigger: "demo",
    actor: "demo",
    activate: "all",
    ...(o.threads !== undefined ? { threads: o.threads } : {}),
  });
  const automatic = await automateDemoOrdering(db, company, split);
  log(
    `demo: ${automatic} item × locations order automatically (reliable supplier, cheapest third, value ≤ ${DEMO_AUTO_ORDER_MAX_VALUE})`,
  );
  const late = await reevaluateLateOrders(db, split, "demo");
  const state: DemoState = { ...base, endDay: company.endDay, split, today: split };
  await putSetting(db, DEMO_STATE_KEY, state);
  return {
    state,
    historyLines: lines.length,
    pastOrders: past.length,
    pastReceipts,
    customerOrders: customers.length,
    stockouts,
    openOrders: open.length,
    automatic,
    plan,
    late,
  };
}

/**
 * Puts a sensible subset of the company on automatic ordering, the way a planner would start: the
 * item × locations whose primary supplier is reliable (on time ≥ 95 %) and whose unit cost is in the
 * cheapest third of those, with a value limit per order. Each is a new policy version (the active one's
 * figures, mode automatic) proposed, approved and activated by `demo` through the lifecycle.
 */
async function automateDemoOrdering(db: Db, c: DemoCompany, asOf: EpochDay): Promise<number> {
  const reliable = c.suppliers
    .filter((s) => s.behaviour.onTimeProb >= DEMO_RELIABLE_ON_TIME)
    .map((s) => s.supplier);
  const lanes = await db.query<{ location_id: string; sku: string }>(
    `SELECT l.location_id, l.sku FROM supply_lanes l
     JOIN policies p ON p.location_id = l.location_id AND p.sku = l.sku AND p.status = 'active'
     WHERE l.role = 'primary' AND l.supplier_id = ANY($1::text[]) AND l.unit_cost IS NOT NULL
     ORDER BY l.unit_cost, l.location_id, l.sku`,
    [reliable],
  );
  const picked = lanes.rows.slice(0, Math.ceil(lanes.rows.length / 3));
  for (const { location_id: location, sku } of picked) {
    const p = await activePolicy(db, location, sku);
    if (p === null) continue;
    const r = await proposeOrderingChange(
      db,
      p,
      { mode: "automatic", maxValue: DEMO_AUTO_ORDER_MAX_VALUE },
      "demo",
    );
    if (!r.ok) throw new Error(`demo automatic ordering ${sku}@${location}: ${r.issues[0]?.message}`);
    for (const to of ["approved", "active"] as const) {
      const t = await transitionPolicy(db, r.value, to, "demo", asOf);
      if (!t.ok) throw new Error(`demo automatic ordering ${sku}@${location}: ${t.issues[0]?.message}`);
    }
  }
  return picked.length;
}

/**
 * The orders delivered before `split`, closed: qty received as the supplier delivered it (a short
 * shipment closes the order short, as the replay does), the ASN when the supplier sent it before the
 * goods arrived.
 */
function pastOrders(c: DemoCompany, split: number): (HistoricalOrder & { readonly qtyRejected: number })[] {
  const out: (HistoricalOrder & { readonly qtyRejected: number })[] = [];
  for (const p of c.purchaseOrders) {
    if (p.orderDay === null || !receivedBefore(p, split)) continue;
    const sent = asnSentDay(c, p);
    out.push({
      location: p.location,
      poNumber: p.poId,
      supplier: p.supplier,
      orderedOn: formatIsoDate(p.orderDay),
      expedited: p.expedited,
      sku: p.sku,
      qtyOrdered: p.qtyOrdered,
      qtyReceived: accepted(p),
      qtyRejected: p.qtyRejected,
      dueOn: formatIsoDate(p.promisedDay ?? p.orderDay),
      unitCost: p.unitCost,
      asn:
        sent !== null && p.asnDay !== null && sent < p.receivedDay!
          ? {
              asnId: `ASN-${p.poId}`,
              qtyShipped: p.asnQty ?? p.qtyOrdered,
              shippedOn: formatIsoDate(sent),
              expectedOn: formatIsoDate(p.asnDay),
            }
          : null,
    });
  }
  return out;
}

/**
 * A customer order line of the shop as stored: closed as shipped with the units that left (0 when the
 * shop was out of stock: a lost sale), so fill rate = shipped ÷ ordered counts the lost units.
 */
const customerOrderLine = (o: DemoCustomerOrder): CustomerOrderLineInput => ({
  location: o.location,
  orderId: o.orderId,
  lineNo: 1,
  sku: o.sku,
  qtyOrdered: o.qty,
  qtyShipped: o.qtyShipped,
  status: "shipped",
  orderedAt: iso(o.day),
  dueOn: o.promisedDay === null ? null : formatIsoDate(o.promisedDay),
});

function pastCustomerOrders(c: DemoCompany, split: number): CustomerOrderLineInput[] {
  const out: CustomerOrderLineInput[] = [];
  for (const o of c.customerOrders) if (o.day < split) out.push(customerOrderLine(o));
  return out;
}

/**
 * The history as ledger lines: per item × location an opening balance, then per day receipts (the units
 * delivered, the PO as reference; rejected units scrapped with the same reference, as the replay does)
 * and sales.
 */
function historyLines(c: DemoCompany, split: number): HistoryLine[] {
  const first = split - 0;
  const receipts = new Map<string, DemoPurchaseOrder[]>();
  for (const p of c.purchaseOrders)
    if (receivedBefore(p, split)) {
      const k = `${p.location}\u0000${p.sku}`;
      receipts.set(k, [...(receipts.get(k) ?? []), p]);
    }
  const out: HistoryLine[] = [];
  for (const s of c.series) {
    const from = Math.max(s.start, first - (c.days - (c.endDay - split + 1)));
    if (from >= split) continue;
    const rs = (receipts.get(`${s.location}\u0000${s.sku}`) ?? []).filter((p) => p.receivedDay! >= from);
    const byDay = new Map<number, DemoPurchaseOrder[]>();
    for (const p of rs) byDay.set(p.receivedDay!, [...(byDay.get(p.receivedDay!) ?? []), p]);
    let sold = 0;
    for (let d = from; d < split; d++) sold += s.sales[d - s.start]!;
    const received = rs.reduce((a, p) => a + accepted(p), 0);
    const endOnHand = s.onHand[split - 1 - s.start]!;
    const opening = endOnHand - received + sold;
    const id = `${s.sku}@${s.location}`;
    if (opening !== 0)
      out.push({
        location: s.location,
        sku: s.sku,
        kind: "adjustment",
        qty: opening,
        occurredAt: `${formatIsoDate(from)}T00:00:00Z`,
        key: `${id}:opening`,
        reference: null,
      });
    for (let d = from; d < split; d++) {
      for (const p of byDay.get(d) ?? []) {
        const at = `${formatIsoDate(d)}T08:00:00Z`;
        out.push({
          location: s.location,
          sku: s.sku,
          kind: "receipt",
          qty: accepted(p),
          occurredAt: at,
          key: `${id}:receipt:${p.poId}`,
          reference: p.poId,
        });
      }
      const q = s.sales[d - s.start]!;
      if (q > 0)
        out.push({
          location: s.location,
          sku: s.sku,
          kind: "sale",
          qty: -q,
          occurredAt: iso(d),
          key: `${id}:sale:${formatIsoDate(d)}`,
          reference: null,
        });
    }
  }
  return out;
}

/** The day the supplier sends the ASN (its notice days before the announced arrival). */
function asnSentDay(c: DemoCompany, p: DemoPurchaseOrder): number | null {
  if (p.asnDay === null) return null;
  const notice = c.suppliers.find((s) => s.supplier === p.supplier)?.behaviour.asnNoticeDays ?? 2;
  return Math.max(p.orderDay ?? p.asnDay, p.asnDay - Math.round(notice));
}

/**
 * Places one of the company's orders (an open replenishment signal for the item is approved and
 * linked first: the buyer acted on it) and its ASN when already sent by `asOf`.
 */
async function placeDemoOrder(db: Db, c: DemoCompany, p: DemoPurchaseOrder, asOf: number): Promise<void> {
  const signal = (await openSignals(db, p.location, p.sku)).find((s) => s.kind === "replenishment");
  if (signal !== undefined) await decideSignal(db, signal.signalId, "approved", "demo-buyer");
  const r = await placePurchaseOrder(
    db,
    {
      location: p.location,
      poNumber: p.poId,
      supplier: p.supplier,
      orderedOn: formatIsoDate(p.orderDay!),
      expedited: p.expedited,
      signalId: signal?.signalId ?? null,
      lines: [
        {
          sku: p.sku,
          qty: p.qtyOrdered,
          dueOn: formatIsoDate(p.promisedDay ?? p.orderDay!),
          unitCost: p.unitCost,
        },
      ],
    },
    "demo-buyer",
  );
  if (!r.ok) throw new Error(`demo order ${p.poId}: ${r.issues.map((i) => i.message).join("; ")}`);
  const sent = asnSentDay(c, p);
  if (sent !== null && sent <= asOf && p.asnDay !== null) await sendAsn(db, p, sent);
}

async function sendAsn(db: Db, p: DemoPurchaseOrder, sent: number): Promise<void> {
  await db.transaction(async (tx) => {
    await insertAsn(tx, {
      location: p.location,
      asnId: `ASN-${p.poId}`,
      poNumber: p.poId,
      lineNo: 1,
      qtyShipped: p.asnQty ?? p.qtyOrdered,
      shippedOn: formatIsoDate(sent),
      expectedOn: formatIsoDate(p.asnDay!),
    });
  });
}

export interface DemoDay {
  readonly day: string;
  readonly ordersPlaced: number;
  /** Purchase orders takt placed by itself (policies in automatic mode) during the day's events. */
  readonly autoOrders: number;
  readonly asns: number;
  readonly batch: AppliedBatch | null;
  readonly late: LateOrderPass;
}

/**
 * Plays one simulated day of the company through the live system's own paths: the orders its buyer
 * placed that day (placePurchaseOrder), the ASNs its suppliers sent, then one batch of ledger events
 * (applyEvents: receipts of the orders that arrived, with the PO as reference, and the day's sales),
 * then the late-order check as of that day. Events are keyed by item, day and order, so a day played
 * twice (a restart mid-day) changes nothing the second time. Item × locations in automatic mode are
 * ordered by takt itself, not by the script: their scripted orders are skipped (with those orders'
 * ASNs and receipts), their automatic orders arrive on their due day (the suppliers are reliable), and
 * the proposals automatic ordering leaves to a person are approved by the demo's planner.
 */
export async function playDemoDay(db: Db, c: DemoCompany, day: EpochDay): Promise<DemoDay> {
  let ordersPlaced = 0;
  let asns = 0;
  const automatic = new Set(
    (
      await db.query<{ location_id: string; sku: string }>(
        "SELECT location_id, sku FROM policies WHERE status = 'active' AND ordering_mode = 'automatic'",
      )
    ).rows.map((r) => `${r.location_id}\u0000${r.sku}`),
  );
  const isAutomatic = (p: DemoPurchaseOrder): boolean => automatic.has(`${p.location}\u0000${p.sku}`);
  /** Whether a scripted order is in play: always, but for automatic pairs only the ones placed before. */
  const scripted = async (p: DemoPurchaseOrder): Promise<boolean> =>
    !isAutomatic(p) ||
    (
      await db.query("SELECT 1 FROM purchase_orders WHERE location_id = $1 AND po_number = $2", [
        p.location,
        p.poId,
      ])
    ).rows.length > 0;
  for (const p of c.purchaseOrders) {
    if (p.orderDay === day) {
      if (isAutomatic(p)) continue;
      const exists = await db.query(
        "SELECT 1 FROM purchase_orders WHERE location_id = $1 AND po_number = $2",
        [p.location, p.poId],
      );
      if (exists.rows.length === 0) {
        await placeDemoOrder(db, c, p, day);
        ordersPlaced++;
        continue;
      }
    }
    if (
      p.orderDay !== null &&
      p.orderDay < day &&
      asnSentDay(c, p) === day &&
      (p.receivedDay ?? day + 1) > day &&
      (await scripted(p))
    ) {
      const exists = await db.query("SELECT 1 FROM asns WHERE location_id = $1 AND asn_id = $2", [
        p.location,
        `ASN-${p.poId}`,
      ]);
      if (exists.rows.length === 0) {
        await sendAsn(db, p, day);
        asns++;
      }
    }
  }
  const events: LedgerEventInput[] = [];
  const arrived: DemoPurchaseOrder[] = [];
  for (const p of c.purchaseOrders) if (p.receivedDay === day && (await scripted(p))) arrived.push(p);
  // Automatic orders due today arrive in full.
  const due = await db.query<{ location_id: string; po_number: string; sku: string; open_qty: number }>(
    `SELECT p.location_id, p.po_number, l.sku, l.qty_ordered - l.qty_received AS open_qty
     FROM purchase_orders p JOIN purchase_order_lines l ON l.location_id = p.location_id AND l.po_number = p.po_number
     WHERE p.status = 'open' AND p.placed_by IN ('system:auto-order', '${DEMO_PLANNER}') AND l.due_on <= $1
       AND l.qty_received < l.qty_ordered
     ORDER BY p.location_id, p.po_number`,
    [formatIsoDate(day)],
  );
  for (const o of due.rows)
    events.push({
      key: `${o.sku}@${o.location_id}:receipt:${o.po_number}`,
      source: DEMO_SOURCE,
      kind: "receipt",
      sku: o.sku,
      location: o.location_id,
      qty: Number(o.open_qty),
      occurredAt: `${formatIsoDate(day)}T08:00:00Z`,
      reference: o.po_number,
    });
  for (const p of arrived) {
    if (accepted(p) <= 0) continue;
    const id = `${p.sku}@${p.location}`;
    const at = `${formatIsoDate(day)}T08:00:00Z`;
    events.push({
      key: `${id}:receipt:${p.poId}`,
      source: DEMO_SOURCE,
      kind: "receipt",
      sku: p.sku,
      location: p.location,
      qty: accepted(p),
      rejectedQty: p.qtyRejected,
      occurredAt: at,
      reference: p.poId,
    });
  }
  for (const s of c.series) {
    const i = day - s.start;
    const q = i >= 0 && i < s.sales.length ? s.sales[i]! : 0;
    if (q > 0)
      events.push({
        key: `${s.sku}@${s.location}:sale:${formatIsoDate(day)}`,
        source: DEMO_SOURCE,
        kind: "sale",
        sku: s.sku,
        location: s.location,
        qty: q,
        occurredAt: iso(day),
      });
  }
  let batch: AppliedBatch | null = null;
  if (events.length > 0) {
    const r = await applyEvents(db, events, { actor: "demo" });
    if (!r.ok)
      throw new Error(`demo day ${formatIsoDate(day)}: ${r.issues.map((x) => x.message).join("; ")}`);
    batch = r.value;
  }
  // What automatic ordering left to a person (over the limit): the
  // demo's planner approves the proposal on the primary lane (delivered on its due day, as above).
  const leftOver = await db.query<{ signal_id: number }>(
    `SELECT s.signal_id FROM signals s
     JOIN policies p ON p.location_id = s.location_id AND p.sku = s.sku AND p.status = 'active'
     WHERE s.status = 'open' AND s.kind = 'replenishment' AND p.ordering_mode = 'automatic'
     ORDER BY s.signal_id`,
  );
  for (const { signal_id } of leftOver.rows) {
    const r = await approveSignal(db, signal_id, DEMO_PLANNER, { orderedOn: formatIsoDate(day) });
    if (r.ok) ordersPlaced++;
  }
  // A short shipment, or units rejected at inspection, are not replaced in the demo: the buyer
  // closes the rest of the order (otherwise the line would stay open and late for ever).
  for (const p of arrived) if (accepted(p) < p.qtyOrdered) await closeShort(db, p, day);
  const shop = c.customerOrders.filter((o) => o.day === day).map(customerOrderLine);
  if (shop.length > 0) await db.transaction((tx) => insertCustomerOrderLines(tx, shop));
  const late = await reevaluateLateOrders(db, day, "scheduler");
  const autoOrders = (batch?.events ?? []).reduce(
    (n, e) => n + (e.status === "applied" ? e.signals.filter((x) => x.change === "ordered").length : 0),
    0,
  );
  return { day: formatIsoDate(day), ordersPlaced, autoOrders, asns, batch, late };
}

/**
 * Closes what is left of a short-shipped order: the order closes, its open units leave on order, and
 * the item's signals are re-evaluated — in one transaction under the position lock.
 */
async function closeShort(db: Db, p: DemoPurchaseOrder, day: EpochDay): Promise<void> {
  await db.transaction(async (tx) => {
    await lockPosition(tx, p.location, p.sku);
    const r = await tx.query<{ open_qty: number }>(
      `SELECT coalesce(sum(l.qty_ordered - l.qty_received), 0) AS open_qty FROM purchase_order_lines l
       JOIN purchase_orders o ON o.location_id = l.location_id AND o.po_number = l.po_number
       WHERE l.location_id = $1 AND l.po_number = $2 AND o.status = 'open'`,
      [p.location, p.poId],
    );
    const open = Number(r.rows[0]?.open_qty ?? 0);
    if (!(open > 0)) return;
    await tx.query("UPDATE purchase_orders SET status = 'closed' WHERE location_id = $1 AND po_number = $2", [
      p.location,
      p.poId,
    ]);
    const position = await changePosition(tx, p.location, p.sku, { onOrder: -open });
    await refreshSignals(tx, position, day, "demo-buyer");
    await appendAudit(tx, {
      actor: "demo-buyer",
      action: "purchase_order.closed_short",
      subject: "purchase_order",
      subjectId: `${p.location}/${p.poId}`,
      location: p.location,
      detail: { sku: p.sku, openUnitsCancelled: open },
    });
  });
}

export interface DemoReplay {
  readonly today: () => number;
  stop(): Promise<void>;
}

/**
 * Replays the company's demand in accelerated time: `speed` simulated days per real second (as fast
 * as the database allows when it cannot keep up). Each day is played by playDemoDay and the simulated
 * day is saved, so a restart continues. Stops by itself after the last generated day.
 */
export function startDemoReplay(
  db: Db,
  state: DemoState,
  o: {
    readonly speed: number;
    readonly onDay?: (d: DemoDay) => void;
    readonly onEnd?: () => void;
    readonly onError?: (e: unknown) => void;
  },
): DemoReplay {
  const company = demoCompany(state);
  let today = state.today;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const msPerDay = 1000 / o.speed;
  const run = (async () => {
    while (!stopped && today <= company.endDay) {
      const started = performance.now();
      try {
        const d = await playDemoDay(db, company, today as EpochDay);
        today++;
        await putSetting(db, DEMO_STATE_KEY, { ...state, today });
        o.onDay?.(d);
      } catch (e) {
        o.onError?.(e);
        stopped = true;
        break;
      }
      const wait = msPerDay - (performance.now() - started);
      if (wait > 0 && !stopped)
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, wait);
        });
    }
    if (!stopped) o.onEnd?.();
  })();
  return {
    today: () => today,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await run;
    },
  };
}
