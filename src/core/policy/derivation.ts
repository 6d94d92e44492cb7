/**
 * How a figure was obtained, so every number a planner sees can be explained: the inputs used (and
 * which of them were defaults rather than data), the formula or method, and intermediate values.
 */
export interface DerivationInput {
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
  /** True when the value came from a documented default, not from the items master or the data. */
  readonly defaulted: boolean;
  /** Where the value came from: "items master", "forecast", "supplier record", "policy", ... */
  readonly source: string;
}

export interface Intermediate {
  readonly name: string;
  readonly value: number | string;
  readonly unit: string;
}

export interface Derivation {
  readonly formula: string;
  readonly method: string;
  readonly inputs: readonly DerivationInput[];
  readonly intermediates: readonly Intermediate[];
  readonly notes: readonly string[];
}

/** A number with its unit and derivation. */
export interface Figure {
  readonly value: number;
  readonly unit: string;
  readonly derivation: Derivation;
}

export function figure(
  value: number,
  unit: string,
  formula: string,
  method: string,
  inputs: readonly DerivationInput[],
  intermediates: readonly Intermediate[] = [],
  notes: readonly string[] = [],
): Figure {
  return { value, unit, derivation: { formula, method, inputs, intermediates, notes } };
}

export function input(
  name: string,
  value: number | string,
  unit: string,
  source: string,
  defaulted = false,
): DerivationInput {
  return { name, value, unit, source, defaulted };
}

export function mid(name: string, value: number | string, unit: string): Intermediate {
  return { name, value, unit };
}

/** A number for people: integers as is, others to 4 significant digits, non-finite as words. */
export function formatNumber(x: number): string {
  if (Number.isNaN(x)) return "n/a";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 0.001) return withoutTrailingZeros(x.toPrecision(4));
  return x.toExponential(2);
}

/**
 * "12.30" → "12.3", "1.000" → "1", "1000" unchanged: what String(Number(s)) gives for toPrecision's
 * fixed-notation output (a decimal of at most 4 significant digits is the shortest string of its
 * nearest double), without the parse and the second conversion.
 */
function withoutTrailingZeros(s: string): string {
  if (s.indexOf(".") < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48) end--; // "0"
  if (s.charCodeAt(end - 1) === 46) end--; // "."
  return s.slice(0, end);
}

/** One line: "name = value unit (formula) [inputs: a = 1 (default), b = 2]". */
export function describeFigure(name: string, f: Figure): string {
  const ins = f.derivation.inputs
    .map(
      (i) =>
        `${i.name} = ${typeof i.value === "number" ? formatNumber(i.value) : i.value}${i.unit ? ` ${i.unit}` : ""}${i.defaulted ? " (default)" : ""}`,
    )
    .join(", ");
  const mids = f.derivation.intermediates
    .map(
      (m) =>
        `${m.name} = ${typeof m.value === "number" ? formatNumber(m.value) : m.value}${m.unit ? ` ${m.unit}` : ""}`,
    )
    .join(", ");
  const notes = f.derivation.notes.length ? ` (${f.derivation.notes.join("; ")})` : "";
  return `${name} = ${formatNumber(f.value)}${f.unit ? ` ${f.unit}` : ""} — ${f.derivation.formula}${ins ? `; from ${ins}` : ""}${mids ? `; giving ${mids}` : ""}${notes}`;
}
