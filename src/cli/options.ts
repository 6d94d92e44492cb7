import { InvalidArgumentError } from "commander";
import { parseIsoDate } from "../core/calendar.js";

export function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${v}"`);
  return n;
}

export function parseThreads(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${v}"`);
  return n;
}

/** Parses `--map role=Column` pairs into a record. */
export function parseMap(pairs: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs ?? []) {
    const i = p.indexOf("=");
    if (i <= 0 || i === p.length - 1) throw new InvalidArgumentError(`--map expects role=Column, got "${p}"`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** A calendar date option (YYYY-MM-DD) as an epoch day. */
export function parseDateOption(v: string): number {
  const d = parseIsoDate(v.trim());
  if (d === null) throw new InvalidArgumentError(`expected a date YYYY-MM-DD, got "${v}"`);
  return d;
}
