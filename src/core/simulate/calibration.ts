import type { ServiceType } from "../item.js";
import type { SimulationResult } from "./types.js";

/** Float slack so that a miss of exactly the tolerance (e.g. 0.95 − 0.93 vs 0.02) is not flagged. */
const SLACK = 1e-12;

export type CalibrationStatus = "ok" | "below_target" | "above_target" | "no_demand";

/** Target versus achieved service of a replay; fractions in [0, 1]. */
export interface Calibration {
  readonly serviceType: ServiceType;
  readonly target: number;
  /** Fill rate or cycle service level achieved in the replay (NaN without demand / days). */
  readonly achieved: number;
  /** target − achieved: positive when service fell short. */
  readonly miss: number;
  readonly tolerance: number;
  readonly status: CalibrationStatus;
  /** True when |miss| > tolerance (service short of target, or buffer larger than needed). */
  readonly flagged: boolean;
}

export interface CalibrationOptions {
  /** Which service the target is for (default "fill_rate"). */
  readonly serviceType?: ServiceType;
  /** Allowed |target − achieved|, a fraction (default 0.02). */
  readonly tolerance?: number;
}

/**
 * Calibration check: compares a policy's service target with what the replay achieved (fill rate =
 * units served from stock ÷ demand; cycle = share of replenishment cycles without a stockout day, see
 * docs/simulation.md). Flags "below_target" when achieved < target − tolerance (the policy
 * under-protects) and "above_target" when achieved > target + tolerance (the buffer could be cut);
 * "no_demand" when the replay had nothing to measure (never flagged).
 */
export function calibration(
  result: SimulationResult,
  target: number,
  options: CalibrationOptions = {},
): Calibration {
  if (!(target >= 0 && target <= 1)) throw new RangeError(`service target must be in [0, 1], got ${target}`);
  const serviceType = options.serviceType ?? "fill_rate";
  const tolerance = options.tolerance ?? 0.02;
  if (!(tolerance >= 0 && Number.isFinite(tolerance)))
    throw new RangeError(`tolerance must be finite and ≥ 0, got ${tolerance}`);
  const achieved = serviceType === "fill_rate" ? result.fillRate : result.cycleServiceLevel;
  const miss = target - achieved;
  let status: CalibrationStatus = "ok";
  if (Number.isNaN(achieved)) status = "no_demand";
  else if (miss > tolerance + SLACK) status = "below_target";
  else if (-miss > tolerance + SLACK) status = "above_target";
  return {
    serviceType,
    target,
    achieved,
    miss,
    tolerance,
    status,
    flagged: status === "below_target" || status === "above_target",
  };
}
