/**
 * Traffic lights: a value against a green and a yellow bound, with a direction. Higher-better:
 * green when value ≥ green, yellow when value ≥ yellow, else red. Lower-better: green when
 * value ≤ green, yellow when value ≤ yellow, else red. A value that is NaN (no data) gets "none".
 */
export type Light = "green" | "yellow" | "red" | "none";

export type Direction = "higher-better" | "lower-better";

export interface Threshold {
  readonly direction: Direction;
  /** Bound of the green band (inclusive). */
  readonly green: number;
  /** Bound of the yellow band (inclusive); beyond it is red. */
  readonly yellow: number;
}

/** The light of one value against one threshold (bounds inclusive; NaN → "none"). */
export function lightFor(value: number, t: Threshold): Light {
  if (Number.isNaN(value)) return "none";
  if (t.direction === "higher-better")
    return value >= t.green ? "green" : value >= t.yellow ? "yellow" : "red";
  return value <= t.green ? "green" : value <= t.yellow ? "yellow" : "red";
}

const RANK: Readonly<Record<Light, number>> = { none: 0, green: 1, yellow: 2, red: 3 };

/** The worst of several lights (red > yellow > green > none); "none" when all are none. */
export function worstLight(lights: Iterable<Light>): Light {
  let worst: Light = "none";
  for (const l of lights) if (RANK[l] > RANK[worst]) worst = l;
  return worst;
}

/** The KPIs takt rates with lights (see KpiValues in kpi/compute.ts for definitions and units). */
export type KpiName =
  | "turnoverAnnualised"
  | "dio"
  | "orderFulfilmentRate"
  | "unitFillRate"
  | "supplierOnTimeRate"
  | "stockoutFrequency"
  | "stockoutMeanDurationDays"
  | "carryingCostPct"
  | "leadTimeSdDays"
  | "mape"
  | "wape"
  | "emergencyFreightShare";

/**
 * Default thresholds (docs/suppliers-and-kpis.md gives the reasoning). Rates are fractions, days are
 * calendar days, turnover is turns a year, carrying cost % is a fraction of average inventory value a
 * year, stockout frequency is episodes per SKU-month.
 */
export const DEFAULT_KPI_THRESHOLDS: Readonly<Record<KpiName, Threshold>> = {
  turnoverAnnualised: { direction: "higher-better", green: 12, yellow: 8 },
  dio: { direction: "lower-better", green: 30, yellow: 45 },
  orderFulfilmentRate: { direction: "higher-better", green: 0.95, yellow: 0.9 },
  unitFillRate: { direction: "higher-better", green: 0.97, yellow: 0.95 },
  supplierOnTimeRate: { direction: "higher-better", green: 0.95, yellow: 0.9 },
  stockoutFrequency: { direction: "lower-better", green: 0.05, yellow: 0.1 },
  stockoutMeanDurationDays: { direction: "lower-better", green: 1, yellow: 3 },
  carryingCostPct: { direction: "lower-better", green: 0.25, yellow: 0.3 },
  leadTimeSdDays: { direction: "lower-better", green: 2, yellow: 4 },
  mape: { direction: "lower-better", green: 0.2, yellow: 0.4 },
  wape: { direction: "lower-better", green: 0.2, yellow: 0.4 },
  emergencyFreightShare: { direction: "lower-better", green: 0.05, yellow: 0.1 },
};

/** Lights for every rated KPI; `overrides` replaces thresholds per KPI. */
export function kpiLights(
  values: Readonly<Record<KpiName, number>>,
  overrides: Partial<Record<KpiName, Threshold>> = {},
): Record<KpiName, Light> {
  const out = {} as Record<KpiName, Light>;
  for (const name of Object.keys(DEFAULT_KPI_THRESHOLDS) as KpiName[]) {
    out[name] = lightFor(values[name], overrides[name] ?? DEFAULT_KPI_THRESHOLDS[name]);
  }
  return out;
}
