import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../core/result.js";
import { detectKind } from "./detect-kind.js";
import { readCustomerOrdersCsv } from "./read-customer-orders.js";
import { readDemandCsv } from "./read-demand.js";
import { readItemsCsv } from "./read-items.js";
import { readLedgerCsv } from "./read-ledger.js";
import { readPurchaseOrdersCsv } from "./read-purchase-orders.js";
import { readSnapshotsCsv } from "./read-snapshots.js";

/**
 * Hostile input for every CSV reader: random bytes, invalid UTF-8, BOMs, stray and unbalanced
 * quotes, huge fields, formula-injection cells, gzip that is not. Whatever the bytes, a reader
 * returns a Result — a value, or issues that name the file and say what was wrong — and never
 * throws or hangs.
 */
const READERS: Record<string, (path: string) => Promise<Result<unknown>>> = {
  demand: (p) => readDemandCsv(p, { label: "in.csv" }),
  items: (p) => readItemsCsv(p, { label: "in.csv" }),
  purchaseOrders: (p) => readPurchaseOrdersCsv(p, { label: "in.csv" }),
  snapshots: (p) => readSnapshotsCsv(p, { label: "in.csv" }),
  customerOrders: (p) => readCustomerOrdersCsv(p, { label: "in.csv" }),
  ledger: (p) => readLedgerCsv(p, { label: "in.csv" }),
  kind: (p) => detectKind(p, "in.csv"),
};

const HEADERS = [
  "date,sku,location,qty,price",
  "sku,location,unit_cost,lead_time_days,moq",
  "po_id,supplier,sku,qty_ordered,order_date,promised_date,received_date,qty_received",
  "date,sku,location,on_hand",
  "order_id,date,sku,qty,qty_shipped,ship_date",
  "event_id,kind,sku,location,qty,occurred_at",
];

const nasty = fc.constantFrom(
  '"',
  '""',
  "\r",
  "\n",
  "\r\n",
  ",",
  ";",
  "\t",
  "\uFEFF",
  "=cmd|' /C calc'!A0",
  "+1+1",
  "@SUM(A1)",
  "-2",
  "1e309",
  "NaN",
  "2021-02-29",
  "0000-00-00",
  "\u0000",
  "é",
  "\uD800",
  "9".repeat(400),
);
const cell = fc.oneof(fc.string({ maxLength: 12 }), nasty);
const row = fc.array(cell, { minLength: 1, maxLength: 7 }).map((cells) => cells.join(","));
const text = fc
  .tuple(fc.constantFrom(...HEADERS, ""), fc.array(row, { maxLength: 12 }), fc.boolean())
  .map(([header, rows, bom]) => `${bom ? "\uFEFF" : ""}${[header, ...rows].join("\n")}`);
const bytes = fc.oneof(
  text.map((t) => Buffer.from(t, "utf8")),
  fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)),
  // a valid header followed by invalid UTF-8 and random bytes
  fc
    .tuple(fc.constantFrom(...HEADERS), fc.uint8Array({ maxLength: 200 }))
    .map(([h, b]) => Buffer.concat([Buffer.from(`${h}\n`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(b)])),
  // gzip magic bytes with a body that is not gzip
  fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(b)])),
  // real gzip of hostile text
  text.map((t) => gzipSync(t)),
);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "takt-hostile-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectWellFormed(r: Result<unknown>): void {
  expect(typeof r.ok).toBe("boolean");
  if (r.ok) return;
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(i.path.file).toBe("in.csv");
    expect(i.message.length).toBeGreaterThan(0);
    expect(i.code).toMatch(/^[a-z_]+$/);
  }
}

describe("hostile CSV input", () => {
  let n = 0;
  for (const [name, read] of Object.entries(READERS)) {
    it(`${name}: any bytes give a value or precise issues, never a throw`, async () => {
      await fc.assert(
        fc.asyncProperty(bytes, async (content) => {
          const path = join(dir, `f${n++}.csv`);
          await writeFile(path, content);
          expectWellFormed(await read(path));
        }),
        { numRuns: 150, seed: 20261123 },
      );
    });
  }

  it("refuses a record over 1 MiB (an unclosed quote) without reading the rest into memory", async () => {
    const path = join(dir, "huge.csv");
    await writeFile(path, `date,sku,qty\n2024-01-01,"${"x".repeat(2 * 1024 * 1024)}\n2024-01-02,A,1\n`);
    for (const read of Object.values(READERS)) {
      const r = await read(path);
      expectWellFormed(r);
      expect(r.ok).toBe(false);
    }
  });
});
