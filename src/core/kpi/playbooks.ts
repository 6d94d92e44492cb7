import type { KpiName, Light } from "./traffic-light.js";

/** What to do beside a red (or yellow) KPI: the situation it signals and the steps, in order. */
export interface Playbook {
  readonly situation: string;
  readonly actions: readonly string[];
}

const TURNS_FALL: Playbook = {
  situation: "Turns are falling: stock grows faster than consumption.",
  actions: [
    "List the SKUs whose inventory value rose most against their COGS; check aging for slow-moving and dead stock.",
    "Stop or shrink open purchase orders on over-covered items; pull forward promotions or transfers to use them.",
    "Recompute buffers from current demand: lower safety stock 10–20 % at a time on stable A items while watching fill rate.",
    "Check for order-quantity inflation (MOQ, price breaks) and renegotiate smaller, more frequent deliveries.",
  ],
};

const STOCKOUTS_RISE: Playbook = {
  situation: "Stockouts are rising or service is falling.",
  actions: [
    "Run the stockout root cause for the period and read the Pareto: act on the top cause first.",
    "Supplier or transit causes: expedite open orders on affected A items and raise it at the supplier review.",
    "Demand-spike causes: check promotions and forecast bias; raise buffers temporarily for the items concerned.",
    "Threshold causes: restore the recommended reorder points; process causes: check that triggers became orders.",
  ],
};

const SUPPLIER_DEGRADES: Playbook = {
  situation: "Supplier delivery is degrading (on-time rate down or lead times more variable).",
  actions: [
    "Open the supplier scorecard: find which suppliers and which modes moved, and whether lateness is new or chronic.",
    "Share the scorecard with the supplier and agree a dated recovery plan; move to weekly review.",
    "Size buffers from the measured lead-time distribution (mean and sd), not the contractual lead time, until it recovers.",
    "On sustained red, start qualifying a backup supplier for single-sourced A items.",
  ],
};

const FORECAST_DECLINES: Playbook = {
  situation: "Forecast accuracy is declining.",
  actions: [
    "Find the SKUs contributing most absolute error (WAPE weight) and check for events: promotions, new listings, lost customers.",
    "Check bias: persistent over- or under-forecasting calls for re-selection of the method, not just a re-fit.",
    "Re-run method selection on the latest history; for items above 40 % MAPE keep safety stock or make to order.",
    "Feed known events (promotions, price changes) into the plan ahead of time.",
  ],
};

const CARRYING_HIGH: Playbook = {
  situation: "Carrying cost is high relative to inventory value.",
  actions: [
    "Check which component grew: capital (rate), storage (space, handling), insurance, obsolescence (write-offs).",
    "Clear dead stock (return to supplier, liquidate, donate) and stop buying slow movers.",
    "Review storage: consolidate locations and move slow items to cheaper space.",
    "Lower stock on high-value items first: the saving is the carrying rate times the value released.",
  ],
};

const FREIGHT_HIGH: Playbook = {
  situation: "Emergency freight is a growing share of freight: the flow is under stress.",
  actions: [
    "List the expedited lines and their root cause (late supplier, stockout, forecast miss).",
    "Where the same items are expedited repeatedly, raise their buffer or change the regular mode.",
    "Agree the authorisation level for emergency procurement in advance, so expedites are decisions, not habits.",
  ],
};

/** The playbook for each rated KPI. */
export const PLAYBOOKS: Readonly<Record<KpiName, Playbook>> = {
  turnoverAnnualised: TURNS_FALL,
  dio: TURNS_FALL,
  orderFulfilmentRate: STOCKOUTS_RISE,
  unitFillRate: STOCKOUTS_RISE,
  stockoutFrequency: STOCKOUTS_RISE,
  stockoutMeanDurationDays: STOCKOUTS_RISE,
  supplierOnTimeRate: SUPPLIER_DEGRADES,
  leadTimeSdDays: SUPPLIER_DEGRADES,
  mape: FORECAST_DECLINES,
  wape: FORECAST_DECLINES,
  carryingCostPct: CARRYING_HIGH,
  emergencyFreightShare: FREIGHT_HIGH,
};

/**
 * The playbooks to show beside a set of lights: one per distinct situation, for the KPIs at `level`
 * or worse (default red only), each with the KPIs that triggered it.
 */
export function playbooksFor(
  lights: Readonly<Record<KpiName, Light>>,
  level: "red" | "yellow" = "red",
): { playbook: Playbook; kpis: KpiName[] }[] {
  const out = new Map<Playbook, KpiName[]>();
  for (const name of Object.keys(PLAYBOOKS) as KpiName[]) {
    const l = lights[name];
    if (l === "red" || (level === "yellow" && l === "yellow")) {
      const pb = PLAYBOOKS[name];
      const a = out.get(pb);
      if (a) a.push(name);
      else out.set(pb, [name]);
    }
  }
  return [...out].map(([playbook, kpis]) => ({ playbook, kpis }));
}
