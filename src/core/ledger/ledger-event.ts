import { parseIsoDate } from "../calendar.js";
import { fail, type Issue, type IssuePath, ok, type Result } from "../result.js";
import type { EpochDay } from "../units.js";

/**
 * Stock movements the live system records in its append-only ledger. Quantities in units. The
 * quantity of an event is as people say it (a sale of 3, a receipt of 50): positive for every kind
 * but `adjustment`, which is signed (+ found, − lost). The ledger stores the signed change to on hand.
 */
export const LEDGER_KINDS = ["consumption", "sale", "receipt", "adjustment", "transfer", "scrap"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** An event as received (CSV row, API body), before validation. */
export interface LedgerEventInput {
  /** Idempotency key: an event with a key already applied from the same source is applied once. */
  readonly key: string;
  /** Who sends it (a POS, an ERP export, a file); keys are unique per source. */
  readonly source: string;
  readonly kind: string;
  readonly sku: string;
  readonly location: string;
  readonly qty: number;
  /** `YYYY-MM-DD`, or a date and time `YYYY-MM-DDTHH:MM[:SS[.fff]]` with `Z` or `±HH:MM` (none = UTC). */
  readonly occurredAt: string;
  /** A document number: the purchase order a receipt is against, a delivery note, a ticket. */
  readonly reference?: string | undefined;
  /** Transfers only: the receiving location. */
  readonly toLocation?: string | undefined;
  /**
   * Receipts only: units refused at inspection and sent back (not in `qty`, which is what was
   * accepted into stock). Absent = 0.
   */
  readonly rejectedQty?: number | undefined;
  /** Where the event came from, used in issues (e.g. file and line of a CSV row). */
  readonly origin?: IssuePath | undefined;
}

export interface LedgerEvent {
  readonly key: string;
  readonly source: string;
  readonly kind: LedgerKind;
  readonly sku: string;
  readonly location: string;
  readonly qty: number;
  /** The instant, ISO 8601 in UTC. */
  readonly occurredAt: string;
  /** The civil date written in the event (its local date), for day-based planning. */
  readonly day: EpochDay;
  readonly reference: string | null;
  readonly toLocation: string | null;
  /** Receipts: units rejected at inspection (delivered = qty + rejectedQty); 0 for every other kind. */
  readonly rejectedQty: number;
  readonly origin: IssuePath;
}

/** One ledger line: the signed change to on hand at a location. A transfer has two. */
export interface LedgerLeg {
  readonly location: string;
  readonly counterLocation: string | null;
  readonly delta: number;
}

/** The signed changes to on hand an event makes: out at `location`, and for transfers in at `toLocation`. */
export function ledgerLegs(e: LedgerEvent): LedgerLeg[] {
  switch (e.kind) {
    case "receipt":
    case "adjustment":
      return [{ location: e.location, counterLocation: null, delta: e.qty }];
    case "transfer":
      return [
        { location: e.location, counterLocation: e.toLocation, delta: -e.qty },
        { location: e.toLocation!, counterLocation: e.location, delta: e.qty },
      ];
    default:
      return [{ location: e.location, counterLocation: null, delta: -e.qty }];
  }
}

/** Largest quantity the ledger stores (numeric(18, 4)). */
export const MAX_QTY = 1e14;

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an event time: a civil date (midnight UTC) or a date and time with an optional offset
 * (UTC when absent). Returns the instant in ISO form and the civil date as written, or null.
 */
export function parseOccurredAt(text: string): { readonly iso: string; readonly day: EpochDay } | null {
  const s = text.trim();
  const date = parseIsoDate(s);
  if (date !== null) return { iso: `${s}T00:00:00.000Z`, day: date };
  const m = TIMESTAMP.exec(s);
  if (!m) return null;
  const day = parseIsoDate(m[1]!);
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (day === null || hh > 23 || mm > 59 || ss > 59) return null;
  let zone = m[6] ?? "Z";
  if (zone !== "Z" && !zone.includes(":")) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(
    `${m[1]}T${m[2]}:${m[3]}:${String(ss).padStart(2, "0")}${(m[5] ?? "").slice(0, 4)}${zone}`,
  );
  if (Number.isNaN(ms)) return null;
  return { iso: new Date(ms).toISOString(), day };
}

const KIND_LIST = LEDGER_KINDS.join(", ");

/** Checks one event; every problem is an issue at the event's origin and field. */
export function validateLedgerEvent(input: LedgerEventInput): Result<LedgerEvent> {
  const origin = input.origin ?? {};
  const issues: Issue[] = [];
  const bad = (field: string, code: string, message: string, expected: string, received?: string): void => {
    issues.push({
      code,
      path: { ...origin, field },
      message,
      expected,
      ...(received !== undefined ? { received } : {}),
    });
  };
  const text = (field: string, v: string | undefined, what: string): string => {
    const t = (v ?? "").trim();
    if (t === "") bad(field, "missing_value", `empty ${what}`, what);
    return t;
  };
  const key = text("key", input.key, "idempotency key");
  const source = text("source", input.source, "source name");
  const sku = text("sku", input.sku, "SKU");
  const location = text("location", input.location, "location");
  const kind = input.kind.trim().toLowerCase();
  if (!(LEDGER_KINDS as readonly string[]).includes(kind))
    bad("kind", "invalid_kind", "unknown event kind", `one of ${KIND_LIST}`, input.kind);
  const qty = input.qty;
  if (!Number.isFinite(qty) || qty === 0 || Math.abs(qty) >= MAX_QTY)
    bad(
      "qty",
      "invalid_quantity",
      "quantity must be a non-zero number",
      "a number of units other than 0",
      String(qty),
    );
  else if (kind !== "adjustment" && qty < 0)
    bad(
      "qty",
      "negative_quantity",
      `a ${kind} quantity is positive (the kind says the direction)`,
      "units > 0; use an adjustment for a signed correction",
      String(qty),
    );
  const when = parseOccurredAt(input.occurredAt);
  if (when === null)
    bad(
      "occurred_at",
      "invalid_date",
      "unparseable event time",
      "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM",
      input.occurredAt,
    );
  const toLocation = (input.toLocation ?? "").trim();
  if (kind === "transfer") {
    if (toLocation === "")
      bad("to_location", "missing_value", "a transfer needs the receiving location", "a location");
    else if (toLocation === location)
      bad(
        "to_location",
        "same_location",
        "a transfer must go to another location",
        "a different location",
        toLocation,
      );
  } else if (toLocation !== "")
    bad(
      "to_location",
      "unexpected_value",
      `only transfers have a receiving location, not a ${kind}`,
      "empty",
      toLocation,
    );
  const rejectedQty = input.rejectedQty ?? 0;
  if (!Number.isFinite(rejectedQty) || rejectedQty < 0 || rejectedQty >= MAX_QTY)
    bad(
      "rejected_qty",
      "invalid_quantity",
      "the quantity rejected at inspection must be a number ≥ 0",
      "units ≥ 0",
      String(rejectedQty),
    );
  else if (rejectedQty > 0 && kind !== "receipt")
    bad(
      "rejected_qty",
      "unexpected_value",
      `only receipts have a quantity rejected at inspection, not a ${kind}`,
      "0 or absent",
      String(rejectedQty),
    );
  if (issues.length > 0) return fail(...issues);
  const reference = (input.reference ?? "").trim();
  return ok({
    key,
    source,
    kind: kind as LedgerKind,
    sku,
    location,
    qty,
    occurredAt: when!.iso,
    day: when!.day,
    reference: reference === "" ? null : reference,
    toLocation: toLocation === "" ? null : toLocation,
    rejectedQty,
    origin,
  });
}
