import type { AbcClass } from "./abc.js";
import type { XyzClass } from "./xyz.js";

/** Row order of the matrix. */
export const ABC_ORDER: readonly AbcClass[] = ["A", "B", "C"];
/** Column order of the matrix. */
export const XYZ_ORDER: readonly XyzClass[] = ["X", "Y", "Z"];

const ROW: Readonly<Record<AbcClass, number>> = { A: 0, B: 1, C: 2 };
const COL: Readonly<Record<XyzClass, number>> = { X: 0, Y: 1, Z: 2 };

/** The 3 × 3 ABC × XYZ matrix; rows A, B, C and columns X, Y, Z. */
export interface AbcXyzMatrix {
  /** Number of items in each cell: counts[row][col]. */
  readonly counts: readonly (readonly number[])[];
  /** Σ annual consumption value of the items in each cell (currency a year): value[row][col]. */
  readonly value: readonly (readonly number[])[];
  /** Number of items in all cells. */
  readonly totalCount: number;
  /** Σ value over all cells (currency a year). */
  readonly totalValue: number;
}

/**
 * Cross-tabulates items by ABC class (rows A, B, C) and XYZ class (columns X, Y, Z): the count and the
 * summed annual consumption value of each cell. The three arrays are parallel, one entry per item;
 * a non-finite value (unknown cost) adds to the count but not to the value. Throws RangeError when the
 * lengths differ.
 */
export function abcXyzMatrix(
  abc: readonly AbcClass[],
  xyz: readonly XyzClass[],
  value: ArrayLike<number>,
): AbcXyzMatrix {
  if (abc.length !== xyz.length || abc.length !== value.length) {
    throw new RangeError(
      `abc, xyz and value must have equal lengths, got ${abc.length}, ${xyz.length}, ${value.length}`,
    );
  }
  const counts = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const val = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  let totalValue = 0;
  for (let i = 0; i < abc.length; i++) {
    const r = ROW[abc[i]!];
    const c = COL[xyz[i]!];
    counts[r]![c]!++;
    const v = value[i]!;
    if (Number.isFinite(v)) {
      val[r]![c]! += v;
      totalValue += v;
    }
  }
  return { counts, value: val, totalCount: abc.length, totalValue };
}
