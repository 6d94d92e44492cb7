/**
 * Branded unit types. A `Days` is not a `Qty`: mixing them is a compile error.
 * Brands exist only at compile time; at run time these are plain numbers.
 *
 * Conventions used throughout takt (see docs/conventions.md):
 * - time is measured in days; lead times are calendar days;
 * - quantities are in stock-keeping units (the unit the demand file counts);
 * - money is in the currency of the items master, with no conversion;
 * - probabilities and rates are fractions in [0, 1], never percentages.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A span of calendar days. */
export type Days = Brand<number, "Days">;
/** A quantity in stock-keeping units. */
export type Qty = Brand<number, "Qty">;
/** A probability or rate in [0, 1]. */
export type Probability = Brand<number, "Probability">;
/** An amount of money in the items master's currency. */
export type Money = Brand<number, "Money">;
/** A day as an integer count of days since 1970-01-01 (UTC). */
export type EpochDay = Brand<number, "EpochDay">;

export const days = (n: number): Days => n as Days;
export const qty = (n: number): Qty => n as Qty;
export const money = (n: number): Money => n as Money;
export const epochDay = (n: number): EpochDay => n as EpochDay;

/** Checks and brands a probability; throws RangeError outside [0, 1]. */
export function probability(p: number): Probability {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  return p as Probability;
}
