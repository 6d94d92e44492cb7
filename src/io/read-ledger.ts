import { createHash } from "node:crypto";
import { basename } from "node:path";
import { formatIsoDate } from "../core/calendar.js";
import {
  LEDGER_KINDS,
  type LedgerEventInput,
  type LedgerKind,
  parseOccurredAt,
} from "../core/ledger/ledger-event.js";
import { fail, type Issue, ok, type Result } from "../core/result.js";
import { DATE_FORMS, parseDateCell, parseDecimal } from "./cell-values.js";
import { type ColumnRole, type CsvTableOptions, scanCsvTable } from "./csv-table.js";
import { RowIssues } from "./row-issues.js";

/** The columns of a ledger-events file. */
export type LedgerRole =
  | "event_id"
  | "source"
  | "occurred_at"
  | "kind"
  | "sku"
  | "location"
  | "qty"
  | "reference"
  | "to_location"
  | "rejected_qty";

/** Roles and accepted header names (docs/live-events.md). */
export const LEDGER_COLUMNS: readonly ColumnRole[] = [
  {
    role: "event_id",
    aliases: ["key", "idempotency_key", "event_key", "id", "transaction_id"],
    required: false,
  },
  { role: "source", aliases: ["system", "origin"], required: false },
  {
    role: "occurred_at",
    aliases: ["date", "day", "timestamp", "time", "occurred", "posted_at"],
    required: true,
  },
  {
    role: "kind",
    aliases: ["type", "event", "movement", "movement_type", "transaction_type"],
    required: false,
  },
  { role: "sku", aliases: ["item", "item_id", "product", "product_id"], required: true },
  { role: "location", aliases: ["store", "store_id", "site", "warehouse"], required: true },
  { role: "qty", aliases: ["quantity", "units", "qty_change"], required: true },
  { role: "reference", aliases: ["po", "po_number", "document", "doc", "order"], required: false },
  { role: "to_location", aliases: ["to", "destination", "to_store", "to_site"], required: false },
  {
    role: "rejected_qty",
    aliases: ["rejected", "qty_rejected", "rejected_quantity", "quantity_rejected"],
    required: false,
  },
];

/** Kind spellings found in exports, mapped to ledger kinds. */
const KIND_ALIASES: Readonly<Record<string, LedgerKind>> = {
  sales: "sale",
  issue: "consumption",
  usage: "consumption",
  use: "consumption",
  receive: "receipt",
  received: "receipt",
  goods_receipt: "receipt",
  adjust: "adjustment",
  count: "adjustment",
  waste: "scrap",
  write_off: "scrap",
  writeoff: "scrap",
};

export interface ReadLedgerOptions extends CsvTableOptions {
  /** Source name for rows without a source column; default `file:<base name>`. */
  readonly source?: string;
  /** Kind for files without a kind column (e.g. a sales export: "sale"). */
  readonly kind?: LedgerKind;
  /** Stop after this many issues (default 20). */
  readonly maxIssues?: number;
}

export interface LedgerImport {
  readonly file: string;
  readonly rowsRead: number;
  readonly events: readonly LedgerEventInput[];
  readonly mapping: Readonly<Record<LedgerRole, string | null>>;
  /** Rows with quantity 0 (no movement; common in daily sales exports), left out. */
  readonly zeroRows: number;
  /** True when events got content keys because the file has no event_id column. */
  readonly derivedKeys: boolean;
}

/**
 * Reads ledger events from CSV / .csv.gz, streaming, strictly: any bad row fails the read with every
 * issue found (file, line, column, value, expected form), so an import is all or nothing. Quantities
 * are as people write them (positive; adjustments signed). Times: `YYYY-MM-DD`, `YYYY/MM/DD`, or a date
 * and time with optional offset. Without an event_id column each row's key is derived from its content
 * (`row:<hash>#<n>`, n counting identical rows), so re-importing the same file applies nothing twice.
 */
export async function readLedgerCsv(
  path: string,
  options: ReadLedgerOptions = {},
): Promise<Result<LedgerImport>> {
  const issues = new RowIssues(false, options.maxIssues);
  const events: LedgerEventInput[] = [];
  const seen = new Map<string, number>();
  let zeroRows = 0;
  let derivedKeys = false;
  const scan = await scanCsvTable(path, LEDGER_COLUMNS, options, (table) => {
    const file = table.file;
    const at = table.index as Record<LedgerRole, number>;
    const name = table.mapping as Record<LedgerRole, string | null>;
    const source = options.source ?? `file:${basename(file)}`;
    derivedKeys = at.event_id < 0;
    const cell = (f: readonly string[], role: LedgerRole): string =>
      at[role] >= 0 ? f[at[role]]!.trim() : "";
    return {
      issue: (issue: Issue) => issues.add(issue),
      row(f, line) {
        const bad = (role: LedgerRole, code: string, message: string, expected: string): boolean =>
          issues.add({
            code,
            path: { file, line, column: name[role]! },
            message,
            received: f[at[role]]!,
            expected,
          });
        if (at.kind < 0 && options.kind === undefined) {
          issues.add({
            code: "missing_column",
            path: { file, field: "kind" },
            message: `no column for kind (accepted names: kind, ${LEDGER_COLUMNS.find((c) => c.role === "kind")!.aliases.join(", ")}) and no default kind given`,
            expected: `a kind column, or a default kind for the whole file (one of ${LEDGER_KINDS.join(", ")})`,
          });
          return false;
        }
        const rawKind =
          at.kind >= 0
            ? cell(f, "kind")
                .toLowerCase()
                .replace(/[\s-]+/g, "_")
            : options.kind!;
        const kind = (LEDGER_KINDS as readonly string[]).includes(rawKind) ? rawKind : KIND_ALIASES[rawKind];
        if (kind === undefined)
          return bad("kind", "invalid_kind", "unknown event kind", `one of ${LEDGER_KINDS.join(", ")}`);
        const qty = parseDecimal(f[at.qty]!, table.decimalComma);
        if (Number.isNaN(qty))
          return bad("qty", "invalid_number", "quantity is not a number", "a number of units");
        const rejectedText = cell(f, "rejected_qty");
        const rejectedQty = rejectedText === "" ? 0 : parseDecimal(rejectedText, table.decimalComma);
        if (Number.isNaN(rejectedQty))
          return bad(
            "rejected_qty",
            "invalid_number",
            "rejected quantity is not a number",
            "units rejected at inspection, ≥ 0 (empty = 0)",
          );
        const when = cell(f, "occurred_at");
        let occurredAt = when;
        if (parseOccurredAt(when) === null) {
          const d = parseDateCell(when);
          if (d === null)
            return bad(
              "occurred_at",
              "invalid_date",
              "unparseable event time",
              `${DATE_FORMS}, or YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM`,
            );
          occurredAt = formatIsoDate(d);
        }
        if (qty === 0 && rejectedQty !== 0)
          return bad(
            "qty",
            "invalid_quantity",
            "a receipt with rejections needs the accepted quantity (a delivery rejected in full is not recorded)",
            "units accepted into stock, > 0",
          );
        if (qty === 0) {
          zeroRows++;
          return true;
        }
        const content = [
          kind,
          cell(f, "sku"),
          cell(f, "location"),
          qty,
          occurredAt,
          cell(f, "reference"),
          cell(f, "to_location"),
          ...(rejectedQty !== 0 ? [rejectedQty] : []),
        ];
        let key = cell(f, "event_id");
        if (at.event_id < 0) {
          const hash = createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 20);
          const n = (seen.get(hash) ?? 0) + 1;
          seen.set(hash, n);
          key = `row:${hash}#${n}`;
        }
        const rowSource = cell(f, "source");
        events.push({
          key,
          source: rowSource === "" ? source : rowSource,
          kind,
          sku: cell(f, "sku"),
          location: cell(f, "location"),
          qty,
          occurredAt,
          reference: cell(f, "reference"),
          toLocation: cell(f, "to_location"),
          rejectedQty,
          origin: { file, line },
        });
        return true;
      },
    };
  });
  if (!scan.ok) return fail(...issues.issues, ...scan.issues);
  if (issues.failed) return fail(...issues.issues);
  return ok({
    file: scan.value.table.file,
    rowsRead: scan.value.rowsRead,
    events,
    mapping: scan.value.table.mapping as Record<LedgerRole, string | null>,
    zeroRows,
    derivedKeys,
  });
}
