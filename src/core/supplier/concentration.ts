import { getOrInsert } from "../kpi/get-or-insert.js";
import type { PurchaseOrderLine } from "./purchase-order.js";

/**
 * Concentration risk in the supplier panel: single-sourced SKUs, each supplier's share of the spend on
 * A items, and the Herfindahl–Hirschman index of spend. Spend = qtyOrdered × unitCost (lines without a
 * unit cost carry no spend). The caller picks the lines (e.g. those ordered in the last 12 months).
 */

export interface SupplierShare {
  readonly supplier: string;
  /** Spend, in the items master's currency. */
  readonly value: number;
  /** value ÷ total, a fraction. */
  readonly share: number;
}

/**
 * Herfindahl–Hirschman index on the 0–10 000 scale: Σ (100 · sᵢ)² over shares sᵢ = amountᵢ ÷ Σ amounts
 * (U.S. DOJ & FTC, Horizontal Merger Guidelines 2010, §5.3). 10 000 = a single supplier; NaN when
 * nothing is spent.
 */
export function hhi(amounts: Iterable<number>): number {
  const a = [...amounts].filter((x) => x > 0);
  const total = a.reduce((s, x) => s + x, 0);
  if (total <= 0) return Number.NaN;
  let h = 0;
  for (const x of a) h += (100 * x) ** 2 / (total * total);
  return h;
}

/** HHI bands of the 2010 Horizontal Merger Guidelines §5.3: < 1 500, 1 500–2 500, > 2 500. */
export type HhiBand = "unconcentrated" | "moderately-concentrated" | "highly-concentrated";

/** The 2010 Horizontal Merger Guidelines band of an HHI (0–10 000 scale). */
export function hhiBand(h: number): HhiBand {
  return h < 1500 ? "unconcentrated" : h <= 2500 ? "moderately-concentrated" : "highly-concentrated";
}

const spend = (l: PurchaseOrderLine): number => (l.unitCost === null ? 0 : l.qtyOrdered * l.unitCost);

/** Spend per supplier, largest first, with shares of the total. */
export function spendShares(lines: readonly PurchaseOrderLine[]): SupplierShare[] {
  const by = new Map<string, number>();
  for (const l of lines) by.set(l.supplier, (by.get(l.supplier) ?? 0) + spend(l));
  const total = [...by.values()].reduce((s, x) => s + x, 0);
  return [...by]
    .map(([supplier, value]) => ({ supplier, value, share: total > 0 ? value / total : Number.NaN }))
    .sort((a, b) => b.value - a.value || a.supplier.localeCompare(b.supplier));
}

/**
 * SKUs bought from exactly one supplier in `lines` (any location), with that supplier. `approved`
 * (SKU → approved suppliers from the items master) adds qualified suppliers not seen in the lines:
 * a SKU with a qualified backup is not single-sourced.
 */
export function singleSourceSkus(
  lines: readonly PurchaseOrderLine[],
  approved: ReadonlyMap<string, readonly string[]> = new Map(),
): { sku: string; supplier: string }[] {
  const by = new Map<string, Set<string>>();
  for (const l of lines) {
    const s = getOrInsert(by, l.sku, () => new Set());
    s.add(l.supplier);
  }
  for (const [sku, sups] of approved) {
    const s = by.get(sku);
    if (s) for (const x of sups) s.add(x);
  }
  const out: { sku: string; supplier: string }[] = [];
  for (const [sku, s] of by) if (s.size === 1) out.push({ sku, supplier: [...s][0]! });
  return out.sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * Each supplier's share of the spend on A items (`isA(sku)` says which SKUs are class A, e.g. from
 * classifyAbc over annual consumption value). Largest first.
 */
export function aItemValueShares(
  lines: readonly PurchaseOrderLine[],
  isA: (sku: string) => boolean,
): SupplierShare[] {
  return spendShares(lines.filter((l) => isA(l.sku)));
}

export interface ConcentrationReport {
  /** HHI of spend across suppliers (0–10 000). */
  readonly spendHhi: number;
  readonly spendHhiBand: HhiBand | null;
  readonly spendShares: SupplierShare[];
  readonly aItemShares: SupplierShare[];
  /** HHI of the spend on A items. */
  readonly aItemHhi: number;
  readonly singleSource: { sku: string; supplier: string }[];
  /** Single-sourced SKUs that are A items. */
  readonly singleSourceA: { sku: string; supplier: string }[];
}

/** All concentration measures for one set of lines. */
export function concentrationReport(
  lines: readonly PurchaseOrderLine[],
  isA: (sku: string) => boolean,
  approved: ReadonlyMap<string, readonly string[]> = new Map(),
): ConcentrationReport {
  const shares = spendShares(lines);
  const aShares = aItemValueShares(lines, isA);
  const h = hhi(shares.map((s) => s.value));
  const single = singleSourceSkus(lines, approved);
  return {
    spendHhi: h,
    spendHhiBand: Number.isNaN(h) ? null : hhiBand(h),
    spendShares: shares,
    aItemShares: aShares,
    aItemHhi: hhi(aShares.map((s) => s.value)),
    singleSource: single,
    singleSourceA: single.filter((s) => isA(s.sku)),
  };
}
