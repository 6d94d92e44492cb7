/**
 * XYZ classification by demand variability: the coefficient of variation of demand per period
 * (sample sd ÷ mean). A practitioners' convention rather than a published formula; the default cut-offs
 * 0.5 and 1.0 are the ones in takt's domain notes.
 *
 * Conventions (see docs/demand-analytics.md): X when CV ≤ x (default 0.5), Y when x < CV ≤ y (default
 * 1.0), Z when CV > y. A CV exactly on a cut-off belongs to the steadier class (≤). An undefined CV
 * (NaN: no demand) is Z: nothing about the item can be forecast.
 */
export type XyzClass = "X" | "Y" | "Z";

export interface XyzCutoffs {
  /** Largest CV still X (default 0.5). */
  readonly x: number;
  /** Largest CV still Y (default 1.0); must be ≥ x. */
  readonly y: number;
}

export const DEFAULT_XYZ_CUTOFFS: XyzCutoffs = { x: 0.5, y: 1.0 };

/**
 * XYZ class of a coefficient of variation (dimensionless, sample sd ÷ mean of demand per period):
 * X if cv ≤ x, Y if cv ≤ y, else Z; Z for NaN.
 * Throws RangeError when y < x.
 */
export function classifyXyz(cv: number, cut: XyzCutoffs = DEFAULT_XYZ_CUTOFFS): XyzClass {
  if (!(cut.x <= cut.y))
    throw new RangeError(`XYZ cut-offs must satisfy x ≤ y, got x = ${cut.x}, y = ${cut.y}`);
  if (Number.isNaN(cv)) return "Z";
  return cv <= cut.x ? "X" : cv <= cut.y ? "Y" : "Z";
}
