/**
 * Stepwise buffer reduction: the JIT practice of lowering safety stock 10–20 % at a time while
 * watching service, and backing off when service slips (docs/policies.md; Ohno's "lower the water
 * to expose the rocks"). Pure function over observed service levels, one per review period.
 */
export interface BufferReductionOptions {
  /** Fractional cut per period while service holds (default 0.15). */
  readonly step: number;
  /** On a slip: restore the last level that held ("last_held", default) or raise by ×(1 + step). */
  readonly raise: "last_held" | "step";
  /** Periods to hold the level after a slip before cutting again (default 2). */
  readonly cooldownPeriods: number;
  /** Never go below this safety stock, units (default 0). */
  readonly floor: number;
  /** A raise adds at least this many units (so a level near 0 can recover), default 1. */
  readonly minimumRaiseUnits: number;
}

export const DEFAULT_BUFFER_REDUCTION: BufferReductionOptions = {
  step: 0.15,
  raise: "last_held",
  cooldownPeriods: 2,
  floor: 0,
  minimumRaiseUnits: 1,
};

export type BufferAction = "cut" | "raise" | "hold";

export interface BufferStep {
  /** Safety stock in force during the period, units. */
  readonly level: number;
  /** Service observed in the period (fraction). */
  readonly observed: number;
  readonly action: BufferAction;
  /** Safety stock for the next period, units. */
  readonly next: number;
  readonly reason: string;
}

/**
 * Runs the schedule: period i uses level_i and observes service s_i. If s_i ≥ target and no
 * cooldown is pending, cut: level_{i+1} = max(floor, level_i·(1 − step)). If s_i < target, raise:
 * back to the most recent level at which service held when that is higher (otherwise, or when
 * raise = "step", by max(×(1 + step), + minimumRaiseUnits)), and hold for `cooldownPeriods` periods
 * of held service before cutting again.
 * Levels in units; service and target fractions in [0, 1].
 */
export function bufferReductionSchedule(
  initialSafetyStock: number,
  observedService: ArrayLike<number>,
  target: number,
  options: Partial<BufferReductionOptions> = {},
): BufferStep[] {
  const o = { ...DEFAULT_BUFFER_REDUCTION, ...options };
  if (!(o.step > 0 && o.step < 1)) throw new RangeError(`step must be in (0, 1), got ${o.step}`);
  const out: BufferStep[] = [];
  let level = Math.max(o.floor, initialSafetyStock);
  let lastHeld: number | null = null;
  let cooldown = 0;
  for (let i = 0; i < observedService.length; i++) {
    const s = observedService[i]!;
    let next: number;
    let action: BufferAction;
    let reason: string;
    if (s >= target) {
      lastHeld = level;
      if (cooldown > 0) {
        cooldown--;
        next = level;
        action = "hold";
        reason = `service ${pct(s)} ≥ target ${pct(target)}; holding after a slip (${cooldown} more)`;
      } else {
        next = Math.max(o.floor, level * (1 - o.step));
        action = next < level ? "cut" : "hold";
        reason =
          action === "cut"
            ? `service ${pct(s)} ≥ target ${pct(target)}: cut ${pct(o.step)}`
            : `service ${pct(s)} ≥ target ${pct(target)} but already at the floor`;
      }
    } else {
      const byStep = Math.max(level * (1 + o.step), level + o.minimumRaiseUnits);
      if (o.raise === "last_held" && lastHeld !== null && lastHeld > level) {
        next = lastHeld;
        reason = `service ${pct(s)} < target ${pct(target)}: back to the last level that held`;
      } else {
        next = byStep;
        reason = `service ${pct(s)} < target ${pct(target)}: raise ${pct(o.step)}`;
      }
      // The level that failed is not one that holds; forget held levels at or below it.
      if (lastHeld !== null && lastHeld <= level) lastHeld = null;
      action = "raise";
      cooldown = o.cooldownPeriods;
    }
    out.push({ level, observed: s, action, next, reason });
    level = next;
  }
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
