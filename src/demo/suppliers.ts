import type { Rng } from "../core/random.js";
import { chance, geometric } from "./sampling.js";

/**
 * The demo company's suppliers: contract terms (what was agreed) and true behaviour (what the
 * generator makes them do). Days are calendar days; rates and probabilities are fractions.
 *
 * Delivery model, per purchase-order line: the supplier promises `quotedLeadTimeDays` after the
 * order day. With probability `onTimeProb` the goods arrive on time, i.e. 0 (75 %), 1 (15 %) or
 * 2 (10 %) days before the promised day — the on-time window of DEFAULT_DELIVERY_TERMS in
 * src/core/supplier/purchase-order.ts (2 days early to 0 days late). Otherwise the delivery misses:
 * with probability `earlyMissShare` it comes 3 or 4 days early (early stock is a JIT miss too), else
 * it is late by 1 + G days, G geometric with mean `lateMeanDays` − 1. The true mean and standard
 * deviation of the lead time follow exactly from these (leadTimeMoments).
 */
export interface DemoSupplier {
  readonly supplier: string;
  readonly name: string;
  /** ISO 3166 alpha-2 country code. */
  readonly country: string;
  /** Transport mode of normal orders. */
  readonly mode: string;
  /** Lead time the supplier quotes and promises, days. */
  readonly quotedLeadTimeDays: number;
  readonly contract: {
    readonly onTimeTarget: number;
    /** Maximum coefficient of variation of the lead time. */
    readonly leadTimeCvMax: number;
    /** Maximum share of received units rejected. */
    readonly rejectionMax: number;
    /** Minimum share of ASNs that are accurate. */
    readonly asnAccuracyMin: number;
  };
  readonly behaviour: {
    readonly onTimeProb: number;
    readonly earlyMissShare: number;
    /** Mean days late of a late delivery (≥ 1). */
    readonly lateMeanDays: number;
    /** Probability a line ships short (50–95 % of the ordered quantity). */
    readonly shortShipProb: number;
    /** Probability a received unit fails inspection. */
    readonly rejectionRate: number;
    /** Probability an ASN is sent. */
    readonly asnSendProb: number;
    /** Probability a sent ASN is accurate (quantity = received and day = receipt day). */
    readonly asnAccuracyProb: number;
    /** Days before arrival the ASN is sent (the ship day for ocean freight). */
    readonly asnNoticeDays: number;
    /** Freight cost of a line: fixed part, currency units. */
    readonly freightFixed: number;
    /** Freight cost of a line: share of the goods value. */
    readonly freightRate: number;
  };
}

/** Six suppliers from near-perfect to unreliable. */
export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  {
    supplier: "SUP-01",
    name: "Nordwerk Logistik GmbH",
    country: "DE",
    mode: "Truck",
    quotedLeadTimeDays: 5,
    contract: { onTimeTarget: 0.95, leadTimeCvMax: 0.2, rejectionMax: 0.01, asnAccuracyMin: 0.95 },
    behaviour: {
      onTimeProb: 0.97,
      earlyMissShare: 0,
      lateMeanDays: 1.5,
      shortShipProb: 0.02,
      rejectionRate: 0.002,
      asnSendProb: 0.99,
      asnAccuracyProb: 0.98,
      asnNoticeDays: 1,
      freightFixed: 60,
      freightRate: 0.02,
    },
  },
  {
    supplier: "SUP-02",
    name: "Shenzhen Brightway Trading Co.",
    country: "CN",
    mode: "Ocean",
    quotedLeadTimeDays: 35,
    contract: { onTimeTarget: 0.9, leadTimeCvMax: 0.2, rejectionMax: 0.02, asnAccuracyMin: 0.9 },
    behaviour: {
      onTimeProb: 0.55,
      earlyMissShare: 0.15,
      lateMeanDays: 7,
      shortShipProb: 0.12,
      rejectionRate: 0.025,
      asnSendProb: 0.8,
      asnAccuracyProb: 0.7,
      asnNoticeDays: 25,
      freightFixed: 180,
      freightRate: 0.06,
    },
  },
  {
    supplier: "SUP-03",
    name: "Alpen Paket AG",
    country: "AT",
    mode: "Parcel",
    quotedLeadTimeDays: 3,
    contract: { onTimeTarget: 0.95, leadTimeCvMax: 0.25, rejectionMax: 0.01, asnAccuracyMin: 0.95 },
    behaviour: {
      onTimeProb: 0.92,
      earlyMissShare: 0,
      lateMeanDays: 1.5,
      shortShipProb: 0.04,
      rejectionRate: 0.005,
      asnSendProb: 0.95,
      asnAccuracyProb: 0.93,
      asnNoticeDays: 1,
      freightFixed: 12,
      freightRate: 0.04,
    },
  },
  {
    supplier: "SUP-04",
    name: "Iberia Jardín S.L.",
    country: "ES",
    mode: "Truck",
    quotedLeadTimeDays: 9,
    contract: { onTimeTarget: 0.95, leadTimeCvMax: 0.2, rejectionMax: 0.015, asnAccuracyMin: 0.95 },
    behaviour: {
      onTimeProb: 0.74,
      earlyMissShare: 0.2,
      lateMeanDays: 4,
      shortShipProb: 0.15,
      rejectionRate: 0.04,
      asnSendProb: 0.85,
      asnAccuracyProb: 0.8,
      asnNoticeDays: 2,
      freightFixed: 90,
      freightRate: 0.03,
    },
  },
  {
    supplier: "SUP-05",
    name: "Baltic Components UAB",
    country: "LT",
    mode: "LTL",
    quotedLeadTimeDays: 12,
    contract: { onTimeTarget: 0.95, leadTimeCvMax: 0.2, rejectionMax: 0.01, asnAccuracyMin: 0.95 },
    behaviour: {
      onTimeProb: 0.88,
      earlyMissShare: 0.1,
      lateMeanDays: 3,
      shortShipProb: 0.06,
      rejectionRate: 0.01,
      asnSendProb: 0.92,
      asnAccuracyProb: 0.9,
      asnNoticeDays: 3,
      freightFixed: 70,
      freightRate: 0.03,
    },
  },
  {
    supplier: "SUP-06",
    name: "Hanoi Precision Parts JSC",
    country: "VN",
    mode: "Ocean",
    quotedLeadTimeDays: 28,
    contract: { onTimeTarget: 0.9, leadTimeCvMax: 0.2, rejectionMax: 0.02, asnAccuracyMin: 0.9 },
    behaviour: {
      onTimeProb: 0.68,
      earlyMissShare: 0.15,
      lateMeanDays: 5,
      shortShipProb: 0.08,
      rejectionRate: 0.015,
      asnSendProb: 0.85,
      asnAccuracyProb: 0.82,
      asnNoticeDays: 20,
      freightFixed: 150,
      freightRate: 0.05,
    },
  },
];

/** Which suppliers serve each category (first = usual). */
export const CATEGORY_SUPPLIERS: Readonly<Record<string, readonly string[]>> = {
  Beverages: ["SUP-01", "SUP-03"],
  Snacks: ["SUP-01", "SUP-05"],
  Household: ["SUP-05", "SUP-02"],
  Garden: ["SUP-04", "SUP-02"],
  Electronics: ["SUP-02", "SUP-06"],
  "Spare parts": ["SUP-06", "SUP-05", "SUP-03"],
};

/** Expedited (air or express) orders: quoted lead time, on-time probability, freight multiplier. */
export const EXPEDITE = { mode: "Air", onTimeProb: 0.95, freightMultiplier: 4 } as const;

/** Quoted lead time of an expedited order from this supplier, days: a fifth of the normal one, at least 2. */
export const expeditedLeadTimeDays = (s: DemoSupplier): number =>
  Math.max(2, Math.ceil(s.quotedLeadTimeDays / 5));

/** On-time offsets (days relative to the promised day) and their probabilities within the on-time case. */
const ON_TIME_OFFSETS = [
  [0, 0.75],
  [-1, 0.15],
  [-2, 0.1],
] as const;

/**
 * Days between the promised and the actual arrival (negative = early) for one line, per the
 * delivery model above.
 */
export function deliveryOffset(
  rng: Rng,
  onTimeProb: number,
  earlyMissShare: number,
  lateMeanDays: number,
): number {
  if (chance(rng, onTimeProb)) {
    const u = rng.next();
    return u < 0.75 ? 0 : u < 0.9 ? -1 : -2;
  }
  if (chance(rng, earlyMissShare)) return chance(rng, 0.5) ? -3 : -4;
  return 1 + geometric(rng, lateMeanDays - 1);
}

/**
 * Exact mean and standard deviation (days) of the lead time under the delivery model:
 * lead time = quoted + offset, offset a mixture of the on-time offsets, the early misses (−3, −4 with
 * equal weight) and 1 + G with G geometric of mean m = lateMeanDays − 1 (E[G] = m, E[G²] = m(1 + m) + m²).
 */
export function leadTimeMoments(
  quoted: number,
  onTimeProb: number,
  earlyMissShare: number,
  lateMeanDays: number,
): { mean: number; sd: number } {
  let e1 = 0;
  let e2 = 0;
  for (const [o, w] of ON_TIME_OFFSETS) {
    e1 += onTimeProb * w * o;
    e2 += onTimeProb * w * o * o;
  }
  const miss = 1 - onTimeProb;
  e1 += miss * earlyMissShare * -3.5;
  e2 += miss * earlyMissShare * ((9 + 16) / 2);
  const m = lateMeanDays - 1;
  const late = miss * (1 - earlyMissShare);
  const g2 = m * (1 + m) + m * m;
  e1 += late * (1 + m);
  e2 += late * (1 + 2 * m + g2);
  return { mean: quoted + e1, sd: Math.sqrt(Math.max(0, e2 - e1 * e1)) };
}

/** True lead-time moments of a supplier's normal orders. */
export const supplierLeadTime = (s: DemoSupplier): { mean: number; sd: number } =>
  leadTimeMoments(
    s.quotedLeadTimeDays,
    s.behaviour.onTimeProb,
    s.behaviour.earlyMissShare,
    s.behaviour.lateMeanDays,
  );
