/** Number formatting for the pages (en-GB grouping; "—" for unknown). */
const nf = (digits: number) =>
  new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
const n0 = nf(0);
const n1 = nf(1);
const n2 = nf(2);

export const dash = "—";
export const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? dash
    : (digits === 0 ? n0 : digits === 1 ? n1 : n2).format(x);
export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? dash : `${(x * 100).toFixed(digits)} %`;
export const money = (x: number | null | undefined): string => num(x, 0);
export const signedPct = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x)
    ? dash
    : `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)} %`;
export const day = (d: string | Date | null | undefined): string =>
  d === null || d === undefined
    ? dash
    : typeof d === "string"
      ? d.slice(0, 10)
      : d.toISOString().slice(0, 10);

/** An epoch day (days since 1970-01-01) to seconds, for uPlot's time axis. */
export const daySeconds = (epochDay: number): number => epochDay * 86_400;
export const epochDayOf = (iso: string): number =>
  Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
