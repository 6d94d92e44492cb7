/**
 * ABC classification by annual consumption value (Pareto analysis; Silver, Pyke & Thomas 2017, §2.4).
 * Items are ranked by value, descending; an item is A while the cumulative share *before* it is below
 * the A cut-off (so the item that crosses 80 % is still A), B while below the B cut-off, else C.
 * Items with zero value are always C.
 */
export type AbcClass = "A" | "B" | "C";

export interface AbcCutoffs {
  /** Cumulative value share closing class A (default 0.80). */
  readonly a: number;
  /** Cumulative value share closing class B (default 0.95). */
  readonly b: number;
}

export const DEFAULT_ABC_CUTOFFS: AbcCutoffs = { a: 0.8, b: 0.95 };

export function classifyAbc(values: ArrayLike<number>, cut: AbcCutoffs = DEFAULT_ABC_CUTOFFS): AbcClass[] {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => values[y]! - values[x]! || x - y);
  let total = 0;
  for (let i = 0; i < n; i++) total += Math.max(0, values[i]!);
  const out: AbcClass[] = new Array(n).fill("C");
  let cum = 0;
  for (const i of order) {
    const v = Math.max(0, values[i]!);
    if (v <= 0 || total <= 0) break;
    const before = cum / total;
    out[i] = before < cut.a ? "A" : before < cut.b ? "B" : "C";
    cum += v;
  }
  return out;
}
