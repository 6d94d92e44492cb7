import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../calendar.js";
import { type LedgerEventInput, ledgerLegs, parseOccurredAt, validateLedgerEvent } from "./ledger-event.js";

const base: LedgerEventInput = {
  key: "e1",
  source: "pos",
  kind: "sale",
  sku: "A",
  location: "L1",
  qty: 3,
  occurredAt: "2026-03-02",
};

describe("parseOccurredAt", () => {
  it("reads a civil date as midnight UTC and keeps the written date", () => {
    expect(parseOccurredAt("2026-03-02")).toEqual({
      iso: "2026-03-02T00:00:00.000Z",
      day: parseIsoDate("2026-03-02"),
    });
  });
  it("reads date-times with and without an offset", () => {
    expect(parseOccurredAt("2026-03-02T10:15:30Z")!.iso).toBe("2026-03-02T10:15:30.000Z");
    expect(parseOccurredAt("2026-03-02 10:15")!.iso).toBe("2026-03-02T10:15:00.000Z");
    const local = parseOccurredAt("2026-03-02T01:00:00.25+02:00")!;
    expect(local.iso).toBe("2026-03-01T23:00:00.250Z");
    expect(local.day).toBe(parseIsoDate("2026-03-02")); // the date as written
    expect(parseOccurredAt("2026-03-02T01:00+0200")!.iso).toBe("2026-03-01T23:00:00.000Z");
  });
  it("rejects what is not a real time", () => {
    for (const s of ["2026-02-30", "2026-03-02T24:00", "02/03/2026", "", "2026-03-02T10"])
      expect(parseOccurredAt(s)).toBeNull();
  });
});

describe("validateLedgerEvent", () => {
  it("normalises a good event", () => {
    const r = validateLedgerEvent({ ...base, kind: " Sale ", reference: " ", sku: " A " });
    expect(r).toMatchObject({
      ok: true,
      value: { kind: "sale", sku: "A", reference: null, toLocation: null },
    });
  });
  it("lists every problem with its field and origin", () => {
    const r = validateLedgerEvent({
      ...base,
      key: "",
      kind: "theft",
      qty: 0,
      occurredAt: "yesterday",
      origin: { file: "e.csv", line: 7 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.code, i.path.field])).toEqual([
      ["missing_value", "key"],
      ["invalid_kind", "kind"],
      ["invalid_quantity", "qty"],
      ["invalid_date", "occurred_at"],
    ]);
    expect(r.issues[0]!.path).toMatchObject({ file: "e.csv", line: 7 });
  });
  it("quantities are positive except adjustments", () => {
    expect(validateLedgerEvent({ ...base, qty: -3 })).toMatchObject({
      ok: false,
      issues: [{ code: "negative_quantity" }],
    });
    expect(validateLedgerEvent({ ...base, kind: "adjustment", qty: -3 }).ok).toBe(true);
    expect(validateLedgerEvent({ ...base, qty: Number.NaN })).toMatchObject({ ok: false });
  });
  it("transfers need another receiving location; other kinds have none", () => {
    expect(validateLedgerEvent({ ...base, kind: "transfer" })).toMatchObject({
      ok: false,
      issues: [{ code: "missing_value", path: { field: "to_location" } }],
    });
    expect(validateLedgerEvent({ ...base, kind: "transfer", toLocation: "L1" })).toMatchObject({
      ok: false,
      issues: [{ code: "same_location" }],
    });
    expect(validateLedgerEvent({ ...base, toLocation: "L2" })).toMatchObject({
      ok: false,
      issues: [{ code: "unexpected_value" }],
    });
  });
});

describe("validateLedgerEvent: rejected at inspection", () => {
  const receipt: LedgerEventInput = { ...base, kind: "receipt", qty: 90, reference: "PO-7" };
  it("defaults to 0 and keeps the units rejected on a receipt", () => {
    const none = validateLedgerEvent(receipt);
    expect(none.ok && none.value.rejectedQty).toBe(0);
    const some = validateLedgerEvent({ ...receipt, rejectedQty: 10 });
    expect(some.ok && [some.value.qty, some.value.rejectedQty]).toEqual([90, 10]);
    expect(some.ok && ledgerLegs(some.value)).toEqual([{ location: "L1", counterLocation: null, delta: 90 }]);
  });
  it("refuses a negative or non-numeric quantity and a rejection on another kind, naming the field", () => {
    const r = validateLedgerEvent({ ...receipt, rejectedQty: -1, origin: { line: 4 } });
    expect(!r.ok && r.issues).toEqual([
      {
        code: "invalid_quantity",
        path: { line: 4, field: "rejected_qty" },
        message: "the quantity rejected at inspection must be a number ≥ 0",
        expected: "units ≥ 0",
        received: "-1",
      },
    ]);
    const nan = validateLedgerEvent({ ...receipt, rejectedQty: Number.NaN });
    expect(!nan.ok && nan.issues.map((i) => [i.code, i.path.field])).toEqual([
      ["invalid_quantity", "rejected_qty"],
    ]);
    const sale = validateLedgerEvent({ ...base, rejectedQty: 2 });
    expect(!sale.ok && sale.issues.map((i) => [i.code, i.path.field, i.received])).toEqual([
      ["unexpected_value", "rejected_qty", "2"],
    ]);
    expect(validateLedgerEvent({ ...base, rejectedQty: 0 }).ok).toBe(true);
  });
});

describe("ledgerLegs", () => {
  const legs = (over: Partial<LedgerEventInput>) => {
    const r = validateLedgerEvent({ ...base, ...over });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return ledgerLegs(r.value);
  };
  it("signs the change to on hand by kind", () => {
    expect(legs({ kind: "sale" })).toEqual([{ location: "L1", counterLocation: null, delta: -3 }]);
    expect(legs({ kind: "consumption" })[0]!.delta).toBe(-3);
    expect(legs({ kind: "scrap" })[0]!.delta).toBe(-3);
    expect(legs({ kind: "receipt" })[0]!.delta).toBe(3);
    expect(legs({ kind: "adjustment", qty: -2 })[0]!.delta).toBe(-2);
  });
  it("a transfer is out here and in there", () => {
    expect(legs({ kind: "transfer", toLocation: "L2" })).toEqual([
      { location: "L1", counterLocation: "L2", delta: -3 },
      { location: "L2", counterLocation: "L1", delta: 3 },
    ]);
  });
});
