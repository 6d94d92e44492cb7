import type { AbcClass } from "./abc.js";
import type { XyzClass } from "./xyz.js";

export const ABC_ORDER: readonly AbcClass[] = ["A", "B", "C"];
export const XYZ_ORDER: readonly XyzClass[] = ["X", "Y", "Z"];

/** The 3 × 3 ABC × XYZ matrix: counts[abc][xyz] and summed value, rows A, B, C and columns X, Y, Z. */
export interface AbcXyzMatrix {
  readonly counts: number[][];
  readonly value: number[][];
}

export function abcXyzMatrix(
  abc: readonly AbcClass[],
  xyz: readonly XyzClass[],
  value: ArrayLike<number>,
): AbcXyzMatrix {
  const counts = ABC_ORDER.map(() => [0, 0, 0]);
  const val = ABC_ORDER.map(() => [0, 0, 0]);
  for (let i = 0; i < abc.length; i++) {
    const r = ABC_ORDER.indexOf(abc[i]!);
    const c = XYZ_ORDER.indexOf(xyz[i]!);
    counts[r]![c]!++;
    val[r]![c]! += value[i]!;
  }
  return { counts, value: val };
}
