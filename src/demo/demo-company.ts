import type { ServiceType } from "../core/item.js";
import type { EpochDay } from "../core/units.js";
import type { DemandArchetype, DemandProfile } from "./demand-profile.js";
import type { DemoSupplier } from "./suppliers.js";

/**
 * The generated demo company, in memory. Days are epoch days, quantities units, money the company's
 * currency (EUR in the README), rates fractions. Record types mirror the core's input records
 * (PurchaseOrderLine in src/core/supplier/purchase-order.ts; InventorySnapshot and CustomerOrderLine
 * in src/core/kpi/records.ts) field for field, so they can be passed to the scorecards and KPIs.
 */
export interface DemoOptions {
  /** Default 42. */
  readonly seed?: number;
  /** Number of SKUs. Default 60. */
  readonly skus?: number;
  /** Number of locations. Default 3. */
  readonly locations?: number;
  /** Days of daily history. Default 730. */
  readonly days?: number;
  /** Last day of history (epoch day). Default 2026-10-31. */
  readonly endDate?: number;
  /** Days at the end of the history for which customer order lines are kept. Default 91. */
  readonly customerOrderDays?: number;
}

export interface DemoLocation {
  readonly location: string;
  readonly name: string;
  /** Multiplier of the order rate (store size). */
  readonly sizeFactor: number;
  /** Customer order lines are recorded here (the online shop). */
  readonly recordsOrders: boolean;
}

export interface DemoSku {
  readonly sku: string;
  readonly category: string;
  readonly supplier: string;
  /** The archetype the demand was drawn from (the realised class can differ per location). */
  readonly archetype: DemandArchetype;
  /** First day on sale at the first location (epoch day), or null when on sale throughout. */
  readonly launchDay: EpochDay | null;
  /** Day demand starts to die away, or null. */
  readonly decayStart: EpochDay | null;
  readonly listPrice: number;
  readonly unitCost: number;
}

/** One SKU × location: daily arrays from `start` (the launch day for launches) to the end. */
export interface DemoSeries {
  readonly sku: string;
  readonly location: string;
  readonly start: EpochDay;
  /** True demand per day, units (what customers asked for). */
  readonly demand: Int32Array;
  /** Units sold per day (demand served from stock; lost sales are not sold). */
  readonly sales: Int32Array;
  /** Selling price per day, currency units. */
  readonly price: Float64Array;
  /** Stock on hand at the end of each day, units. */
  readonly onHand: Int32Array;
  readonly profile: DemandProfile;
}

/** An items-master row; undefined = the cell is left empty on purpose (the default applies). */
export interface DemoItemRow {
  readonly sku: string;
  readonly location: string;
  readonly unitCost: number | undefined;
  readonly unitPrice: number | undefined;
  readonly leadTimeDays: number | undefined;
  readonly leadTimeSdDays: number | undefined;
  readonly moq: number | undefined;
  readonly orderMultiple: number | undefined;
  readonly orderingCost: number | undefined;
  readonly holdingCostRate: number | undefined;
  readonly serviceTarget: number | undefined;
  readonly serviceType: ServiceType | undefined;
  readonly reviewPeriodDays: number | undefined;
  readonly containerSize: number | undefined;
  readonly supplier: string;
  readonly category: string;
  /** The reorder point in force at the end of the history (ReplenishResult.reorderPoint), units. */
  readonly reorderPoint: number;
}

export interface DemoPurchaseOrder {
  readonly poId: string;
  readonly supplier: string;
  readonly sku: string;
  readonly location: string;
  readonly qtyOrdered: number;
  readonly unitCost: number | null;
  readonly orderDay: EpochDay | null;
  readonly promisedDay: EpochDay | null;
  readonly asnDay: EpochDay | null;
  readonly asnQty: number | null;
  readonly receivedDay: EpochDay | null;
  readonly qtyReceived: number;
  readonly qtyRejected: number;
  readonly mode: string;
  readonly freightCost: number | null;
  readonly expedited: boolean;
}

export interface DemoInventorySnapshot {
  readonly day: EpochDay;
  readonly sku: string;
  readonly location: string;
  readonly onHand: number;
  readonly unitCost: number | null;
}

export interface DemoCustomerOrder {
  readonly orderId: string;
  readonly day: EpochDay;
  readonly sku: string;
  readonly location: string;
  readonly qty: number;
  readonly qtyShipped: number;
  readonly shipDay: EpochDay | null;
  readonly promisedDay: EpochDay | null;
}

export interface DemoCompany {
  readonly seed: number;
  /** First and last day of the history (epoch days) and its length. */
  readonly startDay: EpochDay;
  readonly endDay: EpochDay;
  readonly days: number;
  readonly locations: readonly DemoLocation[];
  readonly suppliers: readonly DemoSupplier[];
  readonly skus: readonly DemoSku[];
  readonly series: readonly DemoSeries[];
  readonly items: readonly DemoItemRow[];
  /** Sorted by order day; ids PO-000001… in that order. */
  readonly purchaseOrders: readonly DemoPurchaseOrder[];
  /** Weekly, on the end day's weekday, for every series on sale. */
  readonly inventory: readonly DemoInventorySnapshot[];
  /** Lines of the online shop (the first location) over the last `customerOrderDays` days. */
  readonly customerOrders: readonly DemoCustomerOrder[];
}
