/**
 * XYZ classification by the coefficient of variation of demand per period:
 * X when CV ≤ x (default 0.5), Y when CV ≤ y (default 1.0), Z above, and Z when CV is undefined
 * (no demand). Boundaries belong to the steadier class.
 */
export type XyzClass = "X" | "Y" | "Z";

export interface XyzCutoffs {
  readonly x: number;
  readonly y: number;
}

export const DEFAULT_XYZ_CUTOFFS: XyzCutoffs = { x: 0.5, y: 1.0 };

export function classifyXyz(cv: number, cut: XyzCutoffs = DEFAULT_XYZ_CUTOFFS): XyzClass {
  if (!Number.isFinite(cv)) return "Z";
  return cv <= cut.x ? "X" : cv <= cut.y ? "Y" : "Z";
}
