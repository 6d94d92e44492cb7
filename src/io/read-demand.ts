import { epochDayFromParts, formatIsoDate, partsFromEpochDay } from "../core/calendar.js";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import { type DemandSeries, type Frequency, seriesId } from "../core/series.js";
import type { EpochDay } from "../core/units.js";
import { DATE_FORMS, DateCache, parseDecimal } from "./cell-values.js";
import { type ColumnRole, type CsvTableOptions, scanCsvTable } from "./csv-table.js";
import { DaySlots } from "./day-slots.js";
import { detectFrequency, fitsFrequency } from "./detect-frequency.js";
import { RowIssues, type SkippedRows } from "./row-issues.js";

/** The columns of a demand history file. */
export type DemandRole = "sku" | "location" | "date" | "quantity" | "price";

/** Roles and accepted header names (docs/csv-formats.md). */
export const DEMAND_COLUMNS: readonly ColumnRole[] = [
  { role: "sku", aliases: ["item", "item_id", "product", "product_id"], required: true },
  { role: "location", aliases: ["store", "store_id", "site", "warehouse"], required: false },
  { role: "date", aliases: ["day"], required: true },
  { role: "quantity", aliases: ["qty", "units", "sales", "demand"], required: true },
  { role: "price", aliases: ["sell_price", "unit_price"], required: false },
];

export interface ReadDemandOptions extends CsvTableOptions {
  /** Skip bad rows (and report them) instead of failing. Default false: any bad row fails the read. */
  readonly lenient?: boolean;
  /** Strict: stop after this many issues (default 20). Lenient: keep this many examples (default 100). */
  readonly maxIssues?: number;
  /** Insist on a frequency instead of detecting it (the dates must fit it). */
  readonly frequency?: Frequency;
}

/** A demand file read into series, with what was read and how. */
export interface DemandImport {
  readonly file: string;
  /** One series per SKU × location that sold at least once, sorted by series id. */
  readonly series: readonly DemandSeries[];
  /** Data rows in the file (header and blank lines excluded). */
  readonly rowsRead: number;
  /** Rows that went into a series (leading zeros before the first sale included, then trimmed). */
  readonly rowsUsed: number;
  /** Rows with an empty price and zero quantity: not on sale, not demand history. */
  readonly rowsNotOnSale: number;
  /** Header used for each role, null when the file has no such column. */
  readonly mapping: Readonly<Record<DemandRole, string | null>>;
  readonly delimiter: string;
  readonly hasLocation: boolean;
  readonly hasPrice: boolean;
  readonly frequency: Frequency;
  /** Earliest and latest date of the rows used. */
  readonly firstDate: EpochDay;
  readonly lastDate: EpochDay;
  /** Ids of series whose rows were all zero: no sale, no series. */
  readonly seriesWithoutSales: readonly string[];
  /** Rows left out by a lenient read (count 0 for strict reads, which fail instead). */
  readonly skipped: SkippedRows;
}

interface SeriesAcc {
  readonly sku: string;
  readonly location: string;
  slots: DaySlots | null;
  firstSale: number;
  /** Running mean of the price cells (Welford's update: exact when the price never changes). */
  priceMean: number;
  priceCount: number;
}

const clean = (s: string): string =>
  s.length > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(s.length - 1) <= 32) ? s.trim() : s;

const monthIndex = (d: number): number => {
  const p = partsFromEpochDay(d);
  return p.year * 12 + p.month - 1;
};

/**
 * Reads a demand history CSV (or .csv.gz) into one DemandSeries per SKU × location, streaming.
 *
 * Semantics (docs/csv-formats.md): quantities are units per period (non-negative, decimals allowed);
 * a row whose price cell is empty while the file has a price column, with zero quantity, is "not on
 * sale" and not history; each series starts at its first positive quantity and runs to the file's
 * last date, periods without a row being zero demand; rows may come in any order; the frequency
 * (day, week, month) is detected from the spacing of all dates. `unitPrice` is the mean of the
 * series' price cells (money per unit), null without prices. Memory: 12 bytes per series-day slot.
 */
export async function readDemandCsv(
  path: string,
  options: ReadDemandOptions = {},
): Promise<Result<DemandImport>> {
  const issues = new RowIssues(options.lenient === true, options.maxIssues);
  const dates = new DateCache();
  const bySku = new Map<string, Map<string, SeriesAcc>>();
  let lastSku = "";
  let lastLocation = "";
  let lastAcc: SeriesAcc | null = null;
  let rowsUsed = 0;
  let rowsNotOnSale = 0;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;

  const scan = await scanCsvTable(path, DEMAND_COLUMNS, options, (table) => {
    const file = table.file;
    const iSku = table.index.sku!;
    const iLoc = table.index.location!;
    const iDate = table.index.date!;
    const iQty = table.index.quantity!;
    const iPrice = table.index.price!;
    const col = table.mapping as Record<DemandRole, string | null>;
    const dc = table.decimalComma;
    const bad = (
      line: number,
      role: DemandRole,
      code: string,
      message: string,
      received: string,
      expected: string,
    ) => issues.add({ code, path: { file, line, column: col[role]! }, message, received, expected });

    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const sku = clean(f[iSku]!);
        if (sku === "") return bad(line, "sku", "missing_value", "empty SKU", f[iSku]!, "a SKU code");
        const location = iLoc >= 0 ? clean(f[iLoc]!) : "";
        const day = dates.parse(f[iDate]!);
        if (Number.isNaN(day))
          return bad(line, "date", "invalid_date", "unparseable date", f[iDate]!, DATE_FORMS);
        const qText = f[iQty]!;
        const q = parseDecimal(qText, dc);
        if (Number.isNaN(q))
          return qText.trim() === ""
            ? bad(
                line,
                "quantity",
                "missing_value",
                "empty quantity",
                qText,
                "a non-negative number (0 for no sales)",
              )
            : bad(
                line,
                "quantity",
                "invalid_number",
                "quantity is not a number",
                qText,
                "a non-negative number",
              );
        if (q < 0)
          return bad(
            line,
            "quantity",
            "negative_quantity",
            "negative quantity",
            qText,
            "a non-negative number",
          );
        let price = Number.NaN;
        if (iPrice >= 0) {
          const pText = f[iPrice]!;
          if (pText.length === 0 || pText.trim() === "") {
            if (q === 0) {
              rowsNotOnSale++;
              return true;
            }
          } else {
            price = parseDecimal(pText, dc);
            if (!(price >= 0))
              return bad(
                line,
                "price",
                "invalid_price",
                "price is not a non-negative number",
                pText,
                "a non-negative number, or empty when not on sale",
              );
          }
        }
        let acc: SeriesAcc;
        if (lastAcc !== null && sku === lastSku && location === lastLocation) acc = lastAcc;
        else {
          let locs = bySku.get(sku);
          if (locs === undefined) {
            locs = new Map();
            bySku.set(sku, locs);
          }
          let found = locs.get(location);
          if (found === undefined) {
            found = {
              sku,
              location,
              slots: new DaySlots(),
              firstSale: Number.POSITIVE_INFINITY,
              priceMean: 0,
              priceCount: 0,
            };
            locs.set(location, found);
          }
          acc = found;
          lastAcc = found;
          lastSku = sku;
          lastLocation = location;
        }
        const earlier = acc.slots!.set(day, q, line);
        if (earlier !== 0)
          return issues.add({
            code: "duplicate_date",
            path: { file, line, column: col.date! },
            message: `duplicate date ${formatIsoDate(day)} for series ${seriesId(acc)}: lines ${earlier} and ${line}`,
            received: f[iDate]!,
            expected: "one row per series and date (sum the quantities beforehand)",
          });
        if (!Number.isNaN(price)) {
          acc.priceCount++;
          acc.priceMean += (price - acc.priceMean) / acc.priceCount;
        }
        if (q > 0 && day < acc.firstSale) acc.firstSale = day;
        if (day < minDay) minDay = day;
        if (day > maxDay) maxDay = day;
        rowsUsed++;
        return true;
      },
    };
  });
  if (!scan.ok) return fail(...issues.issues, ...scan.issues);
  if (issues.failed) return fail(...issues.issues);
  const { table, rowsRead } = scan.value;
  const file = table.file;

  if (rowsUsed === 0) {
    const why =
      rowsRead === 0
        ? "no data rows after the header"
        : rowsNotOnSale === rowsRead
          ? `no demand history: all ${rowsRead} rows have an empty price and zero quantity (not on sale)`
          : `no usable rows: ${issues.count} of ${rowsRead} rows were skipped`;
    return fail(
      { code: "no_data", path: { file }, message: why, expected: "at least one row of demand history" },
      ...issues.issues,
    );
  }

  // Distinct dates over all series, for frequency detection.
  const seen = new Uint8Array(maxDay - minDay + 1);
  const accs: SeriesAcc[] = [];
  for (const locs of bySku.values())
    for (const acc of locs.values()) {
      accs.push(acc);
      acc.slots!.forEach((d) => {
        seen[d - minDay] = 1;
      });
    }
  let distinct = 0;
  for (let i = 0; i < seen.length; i++) distinct += seen[i]!;
  const days = new Int32Array(distinct);
  for (let i = 0, k = 0; i < seen.length; i++) if (seen[i] === 1) days[k++] = minDay + i;

  let frequency = detectFrequency(days);
  if (options.frequency !== undefined) {
    if (!fitsFrequency(days, options.frequency))
      return fail({
        code: "frequency_mismatch",
        path: { file, column: table.mapping.date! },
        message: `the dates do not fit the requested frequency "${options.frequency}"`,
        received: `dates that look ${frequency === "day" ? "daily" : `${frequency}ly`}`,
        expected:
          options.frequency === "week"
            ? "dates a whole number of weeks apart (one weekday)"
            : "at most one date per calendar month",
      });
    frequency = options.frequency;
  }

  const hasPrice = table.index.price! >= 0;
  accs.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.location < b.location ? -1 : 1));
  const series: DemandSeries[] = [];
  const seriesWithoutSales: string[] = [];
  for (const acc of accs) {
    const slots = acc.slots!;
    acc.slots = null;
    if (acc.firstSale === Number.POSITIVE_INFINITY) {
      seriesWithoutSales.push(seriesId(acc));
      continue;
    }
    let start: number;
    let quantities: Float64Array;
    if (frequency === "month") {
      const p = partsFromEpochDay(acc.firstSale);
      start = epochDayFromParts(p.year, p.month, 1);
      const m0 = monthIndex(acc.firstSale);
      quantities = new Float64Array(monthIndex(maxDay) - m0 + 1);
      slots.forEach((d, v) => {
        const m = monthIndex(d) - m0;
        if (m >= 0) quantities[m] = v;
      });
    } else {
      const step = frequency === "week" ? 7 : 1;
      start = acc.firstSale;
      quantities = new Float64Array(Math.floor((maxDay - start) / step) + 1);
      for (let i = 0; i < quantities.length; i++) {
        const v = slots.get(start + i * step);
        quantities[i] = Number.isNaN(v) ? 0 : v;
      }
    }
    series.push({
      sku: acc.sku,
      location: acc.location,
      frequency,
      start: start as EpochDay,
      quantities,
      unitPrice: hasPrice && acc.priceCount > 0 ? acc.priceMean : null,
    });
  }

  return ok({
    file,
    series,
    rowsRead,
    rowsUsed,
    rowsNotOnSale,
    mapping: table.mapping as Record<DemandRole, string | null>,
    delimiter: table.delimiter,
    hasLocation: table.index.location! >= 0,
    hasPrice,
    frequency,
    firstDate: minDay as EpochDay,
    lastDate: maxDay as EpochDay,
    seriesWithoutSales,
    skipped: issues.summary(),
  });
}
