import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatIssue, type Issue } from "../core/result.js";
import { type LedgerImport, type ReadLedgerOptions, readLedgerCsv } from "./read-ledger.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-ledger-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string): string => {
  const p = join(dir, `events${fileNo++}.csv`);
  writeFileSync(p, content);
  return p;
};
async function read(content: string, options: ReadLedgerOptions = {}): Promise<LedgerImport> {
  const r = await readLedgerCsv(write(content), options);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
  return r.value;
}
async function issues(content: string, options: ReadLedgerOptions = {}): Promise<readonly Issue[]> {
  const r = await readLedgerCsv(write(content), { label: "events.csv", ...options });
  if (r.ok) throw new Error("expected a failure");
  return r.issues;
}

describe("readLedgerCsv", () => {
  it("reads events by column aliases, with kinds as exports spell them", async () => {
    const r = await read(
      "Event ID,Date,Type,Item,Store,Quantity,PO Number,To\n" +
        "e1,2026-03-02,Sales,A,L1,3,,\n" +
        "e2,2026/03/03,goods receipt,A,L1,50,PO-1,\n" +
        "e3,2026-03-04T10:00:00+01:00,transfer,A,L1,5,,L2\n" +
        "e4,2026-03-04,adjustment,A,L1,-2,,\n",
      { source: "erp" },
    );
    expect(r.derivedKeys).toBe(false);
    expect(r.events.map((e) => [e.key, e.kind, e.qty, e.occurredAt, e.reference, e.toLocation])).toEqual([
      ["e1", "sale", 3, "2026-03-02", "", ""],
      ["e2", "receipt", 50, "2026-03-03", "PO-1", ""],
      ["e3", "transfer", 5, "2026-03-04T10:00:00+01:00", "", "L2"],
      ["e4", "adjustment", -2, "2026-03-04", "", ""],
    ]);
    expect(r.events[0]).toMatchObject({ source: "erp", sku: "A", location: "L1", origin: { line: 2 } });
  });

  it("derives stable content keys when there is no event id, counting identical rows", async () => {
    const text =
      "date,sku,location,qty\n2026-03-02,A,L1,1\n2026-03-02,A,L1,1\n2026-03-02,A,L1,0\n2026-03-03,A,L1,1\n";
    const a = await read(text, { kind: "sale" });
    const b = await read(`${text}2026-03-04,A,L1,9\n`, { kind: "sale" });
    expect(a.derivedKeys).toBe(true);
    expect(a.zeroRows).toBe(1);
    expect(a.events).toHaveLength(3);
    expect(a.events[0]!.key).toMatch(/^row:[0-9a-f]{20}#1$/);
    expect(a.events[1]!.key).toBe(a.events[0]!.key.replace("#1", "#2"));
    expect(b.events.slice(0, 3).map((e) => e.key)).toEqual(a.events.map((e) => e.key));
    expect(a.events[0]!.source).toMatch(/^file:events\d+\.csv$/);
  });

  it("names file, line, column, value and expected form for bad cells, all at once", async () => {
    const found = await issues(
      "date,kind,sku,location,qty\n2026-13-01,sale,A,L1,1\n2026-03-02,theft,A,L1,1\n2026-03-02,sale,A,L1,x\n",
    );
    expect(found.map(formatIssue)).toEqual([
      'events.csv:2 column "date": unparseable event time (got "2026-13-01") (expected a date YYYY-MM-DD or YYYY/MM/DD, or YYYY-MM-DDTHH:MM[:SS] with Z or ±HH:MM)',
      'events.csv:3 column "kind": unknown event kind (got "theft") (expected one of consumption, sale, receipt, adjustment, transfer, scrap)',
      'events.csv:4 column "qty": quantity is not a number (got "x") (expected a number of units)',
    ]);
  });

  it("reads the units rejected at inspection (empty = 0) and names a bad one by file, line and column", async () => {
    const ok = await read(
      "date,kind,sku,location,qty,po,rejected\n2026-03-02,receipt,A,L1,90,PO-7,10\n2026-03-02,receipt,A,L1,5,PO-8,\n",
    );
    expect(ok.events.map((e) => [e.qty, e.reference, e.rejectedQty])).toEqual([
      [90, "PO-7", 10],
      [5, "PO-8", 0],
    ]);
    const found = await issues(
      "date,kind,sku,location,qty,rejected_qty\n2026-03-02,receipt,A,L1,90,ten\n2026-03-02,receipt,A,L1,0,4\n",
    );
    expect(found.map(formatIssue)).toEqual([
      'events.csv:2 column "rejected_qty": rejected quantity is not a number (got "ten") (expected units rejected at inspection, ≥ 0 (empty = 0))',
      'events.csv:3 column "qty": a receipt with rejections needs the accepted quantity (a delivery rejected in full is not recorded) (got "0") (expected units accepted into stock, > 0)',
    ]);
  });

  it("needs a kind column or a default kind, and the required columns", async () => {
    const noKind = await issues("date,sku,location,qty\n2026-03-02,A,L1,1\n");
    expect(noKind).toMatchObject([{ code: "missing_column", path: { field: "kind" } }]);
    const noQty = await issues("date,kind,sku,location\n");
    expect(noQty).toMatchObject([{ code: "missing_column", path: { field: "qty" } }]);
  });
});
