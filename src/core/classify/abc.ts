/**
 * ABC classification by annual consumption value (Pareto analysis, as in Silver, Pyke & Thomas 2017,
 * "Inventory and Production Management in Supply Chains", 4th ed., section on ABC classification;
 * takt's tests use a hand-built example, not the book's table).
 *
 * Conventions (see docs/demand-analytics.md):
 * - value = annual units × unit cost, in the items master's currency a year;
 * - items are ranked by value, descending; ties keep their input order;
 * - an item's *starting share* is the cumulative value of the items ranked before it ÷ total value;
 *   it is A when its starting share is below the A cut-off (default 0.80), B when below the B cut-off
 *   (default 0.95), else C. So the item that crosses a cut-off belongs to the class it starts in, and an
 *   item starting exactly on a cut-off belongs to the next class. Shares are compared with a tolerance
 *   of 1e−12 so that a start that is on a cut-off in exact arithmetic counts as on it;
 * - items whose value is zero, negative or not a number (unknown cost) are C and add nothing to the
 *   total.
 */
export type AbcClass = "A" | "B" | "C";

export interface AbcCutoffs {
  /** Cumulative value share closing class A, in (0, 1] (default 0.80). */
  readonly a: number;
  /** Cumulative value share closing class B, in [a, 1] (default 0.95). */
  readonly b: number;
}

export const DEFAULT_ABC_CUTOFFS: AbcCutoffs = { a: 0.8, b: 0.95 };

const SHARE_TOLERANCE = 1e-12;

export interface AbcAnalysis {
  /** Class of each item, in input order. */
  readonly classes: AbcClass[];
  /** Rank of each item by value, 0 = highest (input order breaks ties). */
  readonly rank: Int32Array;
  /** Cumulative value share up to and including each item, in [0, 1] (0 for items without value). */
  readonly cumulativeShare: Float64Array;
  /** Σ of the positive values, currency a year. */
  readonly totalValue: number;
}

/** Annual consumption value of each item: annual units × unit cost (currency a year). */
export function annualConsumptionValue(
  annualUnits: ArrayLike<number>,
  unitCost: ArrayLike<number>,
): Float64Array {
  if (annualUnits.length !== unitCost.length) {
    throw new RangeError(`annualUnits has ${annualUnits.length} items but unitCost has ${unitCost.length}`);
  }
  const out = new Float64Array(annualUnits.length);
  for (let i = 0; i < out.length; i++) out[i] = annualUnits[i]! * unitCost[i]!;
  return out;
}

function checkCutoffs(cut: AbcCutoffs): void {
  if (!(cut.a > 0 && cut.a <= cut.b && cut.b <= 1)) {
    throw new RangeError(`ABC cut-offs must satisfy 0 < a ≤ b ≤ 1, got a = ${cut.a}, b = ${cut.b}`);
  }
}

const usable = (v: number): number => (v > 0 && Number.isFinite(v) ? v : 0);

/**
 * ABC analysis of annual consumption values (currency a year): rank, cumulative share and class of each
 * item (Pareto analysis; Silver, Pyke & Thomas 2017). O(n log n). Throws RangeError on cut-offs
 * outside 0 < a ≤ b ≤ 1.
 */
export function abcAnalysis(values: ArrayLike<number>, cut: AbcCutoffs = DEFAULT_ABC_CUTOFFS): AbcAnalysis {
  checkCutoffs(cut);
  const n = values.length;
  const v = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    v[i] = usable(values[i]!);
    total += v[i]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((x, y) => v[y]! - v[x]! || x - y);
  const classes: AbcClass[] = new Array<AbcClass>(n).fill("C");
  const rank = new Int32Array(n);
  const cumulativeShare = new Float64Array(n);
  let cum = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    rank[i] = r;
    if (v[i]! === 0) continue;
    const start = cum / total;
    classes[i] = start < cut.a - SHARE_TOLERANCE ? "A" : start < cut.b - SHARE_TOLERANCE ? "B" : "C";
    cum += v[i]!;
    cumulativeShare[i] = cum / total;
  }
  return { classes, rank, cumulativeShare, totalValue: total };
}

/** ABC class of each item from its annual consumption value (see `abcAnalysis` for the conventions). */
export function classifyAbc(values: ArrayLike<number>, cut: AbcCutoffs = DEFAULT_ABC_CUTOFFS): AbcClass[] {
  return abcAnalysis(values, cut).classes;
}
