import { type ItemParams, resolveItem, type ServiceType } from "../core/item.js";
import { createRng, type Rng } from "../core/random.js";
import type { EpochDay } from "../core/units.js";
import {
  ARCHETYPE_SHARES,
  categoryFor,
  DEMAND_ARCHETYPES,
  type DemandArchetype,
  type DemandProfile,
  drawProfile,
  fillMultiplier,
  fillPrice,
  meanOrderSize,
  newYearDays,
  orderSizeVariance,
  sampleDailyDemand,
  sampleOrders,
} from "./demand-profile.js";
import type {
  DemoCompany,
  DemoCustomerOrder,
  DemoInventorySnapshot,
  DemoItemRow,
  DemoLocation,
  DemoOptions,
  DemoPurchaseOrder,
  DemoSeries,
  DemoSku,
} from "./demo-company.js";
import { DEFAULT_END_DATE } from "./generate-demand-series.js";
import { type ReplenishResult, replenish } from "./replenish.js";
import { chance, pick, shuffle, streamSeed, uniform } from "./sampling.js";
import { CATEGORY_SUPPLIERS, DEMO_SUPPLIERS, type DemoSupplier, supplierLeadTime } from "./suppliers.js";

/** Shares of SKUs that are launched mid-history and that die away (deterministic counts, rounded). */
export const DEMO_LAUNCH_SHARE = 0.1;
export const DEMO_DYING_SHARE = 0.06;

/** Location codes and names; the first is the online shop whose order lines are kept. */
const LOCATIONS: readonly (readonly [string, string])[] = [
  ["WEB", "Online shop"],
  ["BER", "Store Berlin"],
  ["HAM", "Store Hamburg"],
  ["MUC", "Store Munich"],
  ["CGN", "Store Cologne"],
  ["FRA", "Store Frankfurt"],
];

/** Probability that each optional items-master cell is left empty (so defaults get exercised). */
export const EMPTY_CELL_SHARE: Readonly<Record<string, number>> = {
  unitCost: 0.05,
  unitPrice: 0.05,
  leadTimeDays: 0.03,
  leadTimeSdDays: 0.3,
  moq: 0.2,
  orderMultiple: 0.15,
  orderingCost: 0.25,
  holdingCostRate: 0.4,
  serviceTarget: 0.15,
  serviceType: 0.3,
  reviewPeriodDays: 0.2,
  containerSize: 0.5,
};

const positiveInt = (name: string, v: number): number => {
  if (!(Number.isInteger(v) && v > 0)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
};

/** Largest-remainder counts of `total` items by shares (sums to total). */
export function quotaCounts(total: number, shares: Readonly<Record<DemandArchetype, number>>): number[] {
  const sum = DEMAND_ARCHETYPES.reduce((s, a) => s + shares[a], 0);
  const exact = DEMAND_ARCHETYPES.map((a) => (total * shares[a]) / sum);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  let left = total - counts.reduce((s, c) => s + c, 0);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/**
 * A deterministic demo company (see docs/demo-data.md): SKUs × locations of daily demand covering
 * the four Syntetos–Boylan classes, with weekday and yearly seasonality, trends, promotions, launches
 * and dying items; an items master with deliberate gaps; six suppliers of very different
 * reliability; and the purchase orders, weekly stock snapshots and customer order lines of a daily
 * replenishment loop run against that demand. Same options ⇒ same company. Pure: no I/O, no clock.
 */
export function generateDemo(options: DemoOptions = {}): DemoCompany {
  const seed = options.seed ?? 42;
  const skuCount = positiveInt("skus", options.skus ?? 60);
  const locCount = positiveInt("locations", options.locations ?? 3);
  const days = positiveInt("days", options.days ?? 730);
  const endDay = (options.endDate ?? DEFAULT_END_DATE) as EpochDay;
  const coDays = options.customerOrderDays ?? 91;
  const startDay = (endDay - days + 1) as EpochDay;
  const window = { start: startDay, days };
  const years = newYearDays(startDay, days);
  const rng = createRng(seed);

  const locations: DemoLocation[] = [];
  for (let l = 0; l < locCount; l++) {
    const [code, name] = LOCATIONS[l] ?? [`LOC-${String(l + 1).padStart(2, "0")}`, `Store ${l + 1}`];
    locations.push({
      location: code,
      name,
      sizeFactor: l === 0 ? 1 : Math.round(uniform(rng, 0.45, 0.9) * 100) / 100,
      recordsOrders: l === 0,
    });
  }

  const archetypes: DemandArchetype[] = [];
  quotaCounts(skuCount, ARCHETYPE_SHARES).forEach((c, i) => {
    for (let k = 0; k < c; k++) archetypes.push(DEMAND_ARCHETYPES[i]!);
  });
  shuffle(rng, archetypes);
  const order = shuffle(
    rng,
    Array.from({ length: skuCount }, (_, i) => i),
  );
  const launches = new Set(order.slice(0, Math.round(skuCount * DEMO_LAUNCH_SHARE)));
  const dying = new Set(order.slice(launches.size, launches.size + Math.round(skuCount * DEMO_DYING_SHARE)));
  const supplierById = new Map(DEMO_SUPPLIERS.map((s) => [s.supplier, s]));

  const skus: DemoSku[] = [];
  const series: DemoSeries[] = [];
  const items: DemoItemRow[] = [];
  const pos: DemoPurchaseOrder[] = [];
  const inventory: DemoInventorySnapshot[] = [];
  const cos: Omit<DemoCustomerOrder, "orderId">[] = [];
  const coFrom = endDay - coDays + 1;
  const width = Math.max(4, String(skuCount).length);

  for (let i = 0; i < skuCount; i++) {
    const skuRng = createRng(streamSeed(seed, i));
    const archetype = archetypes[i]!;
    const category = categoryFor(skuRng, archetype);
    const supplierIds = CATEGORY_SUPPLIERS[category.name]!;
    const supplier = supplierById.get(chance(skuRng, 0.75) ? supplierIds[0]! : pick(skuRng, supplierIds))!;
    const launchDay = launches.has(i) ? startDay + Math.floor(uniform(skuRng, 0.2, 0.8) * days) : null;
    const decayStart = dying.has(i) ? startDay + Math.floor(uniform(skuRng, 0.35, 0.7) * days) : null;
    const base = drawProfile(skuRng, archetype, category, window, { launchDay, decayStart });
    const sku = `${category.code}-${String(i + 1).padStart(width, "0")}`;
    const unitCost = Math.round(base.listPrice * uniform(skuRng, 0.45, 0.75) * 100) / 100;
    skus.push({
      sku,
      category: category.name,
      supplier: supplier.supplier,
      archetype,
      launchDay: launchDay as EpochDay | null,
      decayStart: decayStart as EpochDay | null,
      listPrice: base.listPrice,
      unitCost,
    });

    for (let l = 0; l < locCount; l++) {
      const loc = locations[l]!;
      const sRng = createRng(streamSeed(seed ^ 0x6a09e667, i * locCount + l));
      const profile: DemandProfile = {
        ...base,
        orderRate: base.orderRate * loc.sizeFactor,
        weekday: base.weekday.map((x) => x * uniform(sRng, 0.95, 1.05)),
        launchDay: base.launchDay === null ? null : base.launchDay + (l === 0 ? 0 : sRng.int(15)),
      };
      const first = profile.launchDay === null ? 0 : Math.min(days - 1, profile.launchDay - startDay);
      const start = (startDay + first) as EpochDay;
      const n = days - first;
      const mult = new Float64Array(n);
      fillMultiplier(profile, start, mult);
      const price = new Float64Array(n);
      fillPrice(profile, start, price, years);
      const orders = loc.recordsOrders ? sampleOrders(sRng, profile, mult) : null;
      let demand: Int32Array;
      if (orders !== null) demand = orders.daily;
      else {
        demand = new Int32Array(n);
        sampleDailyDemand(sRng, profile, mult, demand);
      }

      const currentList = Math.round(base.listPrice * (1 + base.priceIncrease) ** years.length * 100) / 100;
      const row = itemRow(sRng, sku, loc.location, category.name, supplier, base, unitCost, currentList);
      const params = planningParams(row, base.listPrice);
      let mSum = 0;
      for (let k = 0; k < n; k++) mSum += mult[k]!;
      const rate = (profile.orderRate * mSum) / n;
      const res: ReplenishResult = replenish({
        rng: sRng,
        start,
        endDay,
        demand,
        orders,
        params,
        supplier,
        priorMean: rate * meanOrderSize(profile.size),
        priorVariance: rate * (orderSizeVariance(profile.size) + meanOrderSize(profile.size) ** 2),
      });
      items.push({ ...row, reorderPoint: res.reorderPoint });
      series.push({
        sku,
        location: loc.location,
        start,
        demand,
        sales: res.sales,
        price,
        onHand: res.onHand,
        profile,
      });
      for (const po of res.purchaseOrders) {
        pos.push({
          poId: "",
          supplier: supplier.supplier,
          sku,
          location: loc.location,
          unitCost,
          ...po,
          orderDay: po.orderDay as EpochDay,
          promisedDay: po.promisedDay as EpochDay,
          asnDay: po.asnDay as EpochDay | null,
          receivedDay: po.receivedDay as EpochDay | null,
        });
      }
      for (let k = 0; k < n; k++) {
        const t = start + k;
        if ((endDay - t) % 7 === 0)
          inventory.push({
            day: t as EpochDay,
            sku,
            location: loc.location,
            onHand: res.onHand[k]!,
            unitCost,
          });
      }
      for (const co of res.customerOrders) {
        if (co.day < coFrom) continue;
        cos.push({
          sku,
          location: loc.location,
          day: co.day as EpochDay,
          qty: co.qty,
          qtyShipped: co.qtyShipped,
          shipDay: co.shipDay as EpochDay | null,
          promisedDay: co.promisedDay as EpochDay,
        });
      }
    }
  }

  const byKey = (a: { sku: string; location: string }, b: { sku: string; location: string }) =>
    a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.location < b.location ? -1 : a.location > b.location ? 1 : 0;
  pos.sort((a, b) => a.orderDay! - b.orderDay! || byKey(a, b) || Number(a.expedited) - Number(b.expedited));
  const poWidth = Math.max(6, String(pos.length).length);
  const purchaseOrders = pos.map((p, k) => ({ ...p, poId: `PO-${String(k + 1).padStart(poWidth, "0")}` }));
  // Stable sort keeps each day's lines in arrival order.
  cos.sort((a, b) => a.day - b.day || byKey(a, b));
  const coWidth = Math.max(7, String(cos.length).length);
  const customerOrders = cos.map((c, k) => ({ orderId: `CO-${String(k + 1).padStart(coWidth, "0")}`, ...c }));
  inventory.sort((a, b) => a.day - b.day || byKey(a, b));

  return {
    seed,
    startDay,
    endDay,
    days,
    locations,
    suppliers: DEMO_SUPPLIERS,
    skus,
    series,
    items,
    purchaseOrders,
    inventory,
    customerOrders,
  };
}

const SERVICE_BY_ARCHETYPE: Readonly<Record<DemandArchetype, readonly number[]>> = {
  smooth: [0.97, 0.98, 0.99],
  erratic: [0.95, 0.97],
  intermittent: [0.9, 0.95],
  lumpy: [0.9, 0.95],
};

const ORDERING_COST_BY_MODE: Readonly<Record<string, number>> = {
  Truck: 60,
  Parcel: 25,
  LTL: 80,
  Ocean: 150,
};

/**
 * The items-master row of one SKU × location, with cells emptied at EMPTY_CELL_SHARE; the reorder
 * point in force is added once the replenishment loop has run.
 */
function itemRow(
  rng: Rng,
  sku: string,
  location: string,
  category: string,
  supplier: DemoSupplier,
  p: DemandProfile,
  unitCost: number,
  currentListPrice: number,
): Omit<DemoItemRow, "reorderPoint"> {
  const price = p.listPrice;
  const multiple = price < 5 ? pick(rng, [12, 24]) : price < 30 ? pick(rng, [6, 12]) : 1;
  const moq = multiple * (1 + rng.int(3));
  const lt = supplierLeadTime(supplier);
  const keep = <T>(field: string, v: T): T | undefined =>
    chance(rng, EMPTY_CELL_SHARE[field]!) ? undefined : v;
  const serviceType: ServiceType =
    p.archetype === "smooth" || p.archetype === "erratic" ? "fill_rate" : "cycle";
  return {
    sku,
    location,
    unitCost: keep("unitCost", unitCost),
    unitPrice: keep("unitPrice", currentListPrice),
    leadTimeDays: keep("leadTimeDays", supplier.quotedLeadTimeDays),
    leadTimeSdDays: keep("leadTimeSdDays", Math.round(lt.sd * 10) / 10),
    moq: keep("moq", moq),
    orderMultiple: keep("orderMultiple", multiple),
    orderingCost: keep(
      "orderingCost",
      Math.round((ORDERING_COST_BY_MODE[supplier.mode] ?? 50) * uniform(rng, 0.8, 1.2)),
    ),
    holdingCostRate: keep("holdingCostRate", Math.round(uniform(rng, 0.18, 0.3) * 100) / 100),
    serviceTarget: keep("serviceTarget", pick(rng, SERVICE_BY_ARCHETYPE[p.archetype])),
    serviceType: keep("serviceType", serviceType),
    reviewPeriodDays: keep("reviewPeriodDays", supplier.quotedLeadTimeDays <= 12 ? 1 : 7),
    containerSize: keep("containerSize", p.archetype === "smooth" ? multiple * (1 + rng.int(4)) : 0),
    supplier: supplier.supplier,
    category,
  };
}

/** The parameters the planner ran with: the row's values, defaults (DEFAULT_ITEM) for empty cells. */
function planningParams(row: Omit<DemoItemRow, "reorderPoint">, listPrice: number): ItemParams {
  const given: Partial<Record<keyof ItemParams, unknown>> = {};
  for (const [k, v] of Object.entries(row))
    if (v !== undefined && k !== "sku" && k !== "location") given[k as keyof ItemParams] = v;
  return resolveItem(given as Partial<ItemParams>, listPrice).params;
}
