/**
 * How both adapters turn PostgreSQL text values into JS values (see db.ts): bigint and numeric as
 * numbers, date as its `YYYY-MM-DD` text (a civil date, no time zone). Timestamptz stays a Date and
 * jsonb a parsed value (both drivers' defaults).
 */

export const OID = { int8: 20, numeric: 1700, date: 1082 } as const;

/** bigint → number; throws beyond 2^53 rather than lose digits. */
export function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${text} does not fit a JS number exactly`);
  return n;
}

/** numeric → number (quantities are stored with 4 decimals, well inside a double's precision). */
export const parseNumeric = (text: string): number => Number(text);

/** date → `YYYY-MM-DD` as PostgreSQL prints it (DateStyle ISO). */
export const parseDate = (text: string): string => text;

export const TEXT_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: parseNumeric,
  [OID.date]: parseDate,
};
