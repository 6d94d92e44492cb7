import type { DemandPattern } from "../stats/demand-pattern.js";

/**
 * JIT-readiness verdict for one SKU × location: `jit` (run pull replenishment with a thin buffer),
 * `hybrid` (JIT with a safety stock, or JIT after fixing the flagged factor), `buffered` (keep a
 * classic safety stock, or make to order, until the flagged factor improves). Each factor rates
 * good / fair / bad / unknown; the verdict is `buffered` if any factor is bad, `jit` if every known
 * factor is good (and forecast accuracy is known), `hybrid` otherwise. A calibration miss from
 * simulation (the policy did not reach its service target when replayed) demotes `jit` to `hybrid`.
 * Defaults (docs/policies.md; the forecastability rule of thumb): MAPE < 20 %
 * good, > 40 % bad; XYZ X good, Y fair, Z bad; pattern smooth good, erratic/intermittent fair,
 * lumpy/no demand bad; supplier on-time ≥ 95 % good, < 85 % bad; lead-time CV ≤ 0.15 good, > 0.3 bad.
 */
export type Readiness = "jit" | "hybrid" | "buffered";
export type Rating = "good" | "fair" | "bad" | "unknown";

export interface ReadinessThresholds {
  readonly mapeGood: number;
  readonly mapeBad: number;
  readonly onTimeGood: number;
  readonly onTimeBad: number;
  readonly leadTimeCvGood: number;
  readonly leadTimeCvBad: number;
}

export const DEFAULT_READINESS_THRESHOLDS: ReadinessThresholds = {
  mapeGood: 0.2,
  mapeBad: 0.4,
  onTimeGood: 0.95,
  onTimeBad: 0.85,
  leadTimeCvGood: 0.15,
  leadTimeCvBad: 0.3,
};

export interface ReadinessInput {
  /** Mean absolute percentage error as a fraction; null when undefined (e.g. no non-zero actuals). */
  readonly mape: number | null;
  readonly xyz: "X" | "Y" | "Z";
  readonly pattern: DemandPattern;
  /** Share of supplier deliveries on time, fraction. */
  readonly supplierOnTimeRate?: number;
  /** Lead-time coefficient of variation σL / L. */
  readonly leadTimeCv?: number;
  /** True when simulation found the policy missing its service target. */
  readonly calibrationMiss?: boolean;
}

export interface ReadinessFactor {
  readonly factor:
    | "forecast_accuracy"
    | "variability"
    | "demand_pattern"
    | "supplier_on_time"
    | "lead_time_cv"
    | "calibration";
  readonly rating: Rating;
  readonly reason: string;
}

export interface ReadinessVerdict {
  readonly verdict: Readiness;
  readonly factors: readonly ReadinessFactor[];
  /** Sentences a planner reads, most decisive first. */
  readonly reasons: readonly string[];
}

/** The verdict and its reasons (rule in the module comment). */
export function jitReadiness(
  input: ReadinessInput,
  thresholds: Partial<ReadinessThresholds> = {},
): ReadinessVerdict {
  const t = { ...DEFAULT_READINESS_THRESHOLDS, ...thresholds };
  const f: ReadinessFactor[] = [];
  const m = input.mape;
  if (m === null || !Number.isFinite(m)) {
    f.push({
      factor: "forecast_accuracy",
      rating: "unknown",
      reason: "forecast accuracy unknown (lead-time MAPE undefined)",
    });
  } else {
    const rating: Rating = m < t.mapeGood ? "good" : m > t.mapeBad ? "bad" : "fair";
    const words =
      rating === "good"
        ? `below ${pc(t.mapeGood)}: forecastable`
        : rating === "bad"
          ? `above ${pc(t.mapeBad)}: keep a buffer until forecasting improves`
          : `between ${pc(t.mapeGood)} and ${pc(t.mapeBad)}`;
    f.push({ factor: "forecast_accuracy", rating, reason: `lead-time MAPE ${pc(m)} ${words}` });
  }
  const xyzRating: Rating = input.xyz === "X" ? "good" : input.xyz === "Y" ? "fair" : "bad";
  f.push({
    factor: "variability",
    rating: xyzRating,
    reason: `XYZ class ${input.xyz} (${input.xyz === "X" ? "steady" : input.xyz === "Y" ? "variable" : "erratic"} demand)`,
  });
  const p = input.pattern;
  const patRating: Rating =
    p === "smooth" ? "good" : p === "erratic" || p === "intermittent" ? "fair" : "bad";
  f.push({
    factor: "demand_pattern",
    rating: patRating,
    reason: p === "no_demand" ? "no demand in the history" : `${p} demand pattern`,
  });
  if (input.supplierOnTimeRate !== undefined) {
    const r = input.supplierOnTimeRate;
    const rating: Rating = r >= t.onTimeGood ? "good" : r < t.onTimeBad ? "bad" : "fair";
    f.push({
      factor: "supplier_on_time",
      rating,
      reason: `supplier on time ${pc(r)} (good ≥ ${pc(t.onTimeGood)})`,
    });
  }
  if (input.leadTimeCv !== undefined) {
    const c = input.leadTimeCv;
    const rating: Rating = c <= t.leadTimeCvGood ? "good" : c > t.leadTimeCvBad ? "bad" : "fair";
    f.push({
      factor: "lead_time_cv",
      rating,
      reason: `lead-time CV ${c.toFixed(2)} (good ≤ ${t.leadTimeCvGood}, bad > ${t.leadTimeCvBad})`,
    });
  }
  if (input.calibrationMiss === true)
    f.push({
      factor: "calibration",
      rating: "fair",
      reason: "the policy missed its service target in simulation",
    });

  const bad = f.filter((x) => x.rating === "bad");
  const fair = f.filter((x) => x.rating === "fair" || x.rating === "unknown");
  let verdict: Readiness;
  const reasons: string[] = [];
  if (bad.length > 0) {
    verdict = "buffered";
    for (const x of bad) reasons.push(x.reason);
  } else if (fair.length > 0) {
    verdict = "hybrid";
    for (const x of fair) reasons.push(x.reason);
  } else {
    verdict = "jit";
    reasons.push(...f.map((x) => x.reason));
  }
  return { verdict, factors: f, reasons };
}

const pc = (x: number): string => `${Math.round(1000 * x) / 10} %`;
