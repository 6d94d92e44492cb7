import type { ReplenishmentRule } from "../policy/rule.js";
import { checkQuantities, defaultInitialOnHand, ReplayEngine } from "./engine.js";
import type { SimulateOptions, SimulationResult } from "./types.js";

/** Options of a walk-forward backtest: the replay options plus the re-planning cadence. */
export interface WalkForwardOptions extends SimulateOptions {
  /**
   * Re-plan every this many days (an integer ≥ 1) after the cut; omitted = plan once at the cut.
   * `firstDay` is the calendar day of history[0] (periodic reviews follow the history's calendar).
   */
  readonly replanEveryDays?: number;
}

/** A plan made during the backtest: the rule in force from `day` (a history index) on. */
export interface PlanRecord {
  readonly day: number;
  readonly rule: ReplenishmentRule;
}

export interface WalkForwardResult {
  /** Replay of days cutIndex … n−1 (trace index i = history day cutIndex + i). */
  readonly result: SimulationResult;
  readonly plans: readonly PlanRecord[];
}

/**
 * Walk-forward backtest (rolling-origin evaluation, Tashman 2000, "Out-of-sample tests of forecasting
 * accuracy", IJF 16: plan only on data available at the origin). `plan` receives a copy of
 * history[0 … cutIndex) and returns the rule replayed from day cutIndex; with `replanEveryDays` = N
 * it is called again at the start of days cutIndex + N, cutIndex + 2N, … with a copy of
 * history[0 … day), before that day's receipts and demand, so the new rule first reviews at the end
 * of that day. On hand, backorders, the pipeline of open orders (which keep their due days), the
 * lead-time random stream and every accumulator carry over across re-plans. Initial on hand
 * defaults to the first rule's top level. Units and figures as in `simulate`.
 */
export function walkForward(
  history: Float64Array,
  cutIndex: number,
  plan: (past: Float64Array) => ReplenishmentRule,
  options: WalkForwardOptions,
): WalkForwardResult {
  const n = history.length;
  if (!(Number.isInteger(cutIndex) && cutIndex >= 0 && cutIndex <= n))
    throw new RangeError(`cutIndex must be an integer in [0, ${n}], got ${cutIndex}`);
  const every = options.replanEveryDays;
  if (every !== undefined && !(Number.isInteger(every) && every >= 1))
    throw new RangeError(`replanEveryDays must be an integer ≥ 1, got ${every}`);
  const firstDay = options.firstDay ?? 0;
  if (!Number.isInteger(firstDay)) throw new RangeError(`firstDay must be an integer, got ${firstDay}`);
  checkQuantities("history", history);

  let rule = plan(history.slice(0, cutIndex));
  const plans: PlanRecord[] = [{ day: cutIndex, rule }];
  const engine = new ReplayEngine(
    cutIndex,
    n - cutIndex,
    options.initialOnHand ?? defaultInitialOnHand(rule),
    options,
    firstDay,
  );
  let day = cutIndex;
  while (day < n) {
    const end = every === undefined ? n : Math.min(n, day + every);
    engine.run(history, end, rule);
    day = end;
    if (day < n) {
      rule = plan(history.slice(0, day));
      plans.push({ day, rule });
    }
  }
  return { result: engine.result(), plans };
}
