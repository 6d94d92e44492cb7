import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import { formatIssue } from "../core/result.js";
import { readCustomerOrdersCsv } from "./read-customer-orders.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-co-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string): string => {
  const p = join(dir, `co${fileNo++}.csv`);
  writeFileSync(p, content);
  return p;
};
const day = (iso: string) => parseIsoDate(iso)!;

describe("readCustomerOrdersCsv", () => {
  it("reads order lines; empty shipped quantity follows the ship date", async () => {
    const r = await readCustomerOrdersCsv(
      write(
        "order_id,date,sku,location,qty,qty_shipped,ship_date,promised_date\n" +
          "O1,2024-05-01,A,WEB,3,2,2024-05-02,2024-05-02\n" +
          "O1,2024-05-01,B,WEB,1,,2024-05-03,Not captured\n" +
          "O2,2024-05-02,A,WEB,4,0,,\n",
      ),
    );
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
    expect(r.value.lines).toEqual([
      {
        orderId: "O1",
        day: day("2024-05-01"),
        sku: "A",
        location: "WEB",
        qty: 3,
        qtyShipped: 2,
        shipDay: day("2024-05-02"),
        promisedDay: day("2024-05-02"),
      },
      {
        orderId: "O1",
        day: day("2024-05-01"),
        sku: "B",
        location: "WEB",
        qty: 1,
        qtyShipped: 1,
        shipDay: day("2024-05-03"),
        promisedDay: null,
      },
      {
        orderId: "O2",
        day: day("2024-05-02"),
        sku: "A",
        location: "WEB",
        qty: 4,
        qtyShipped: 0,
        shipDay: null,
        promisedDay: null,
      },
    ]);
    expect(r.value.blanked).toEqual([
      { column: "promised_date", reason: "not captured", example: "Not captured", count: 1 },
    ]);
    expect(r.value.lastDay).toBe(day("2024-05-03"));
  });

  it("reports shipped units without a ship date and a missing ship_date column", async () => {
    const r = await readCustomerOrdersCsv(
      write("order_id,date,sku,qty,qty_shipped,ship_date\nO1,2024-05-01,A,3,2,\n"),
    );
    expect(!r.ok && r.issues[0]).toMatchObject({
      code: "shipped_without_date",
      path: { line: 2, column: "qty_shipped" },
      received: "2",
    });
    const m = await readCustomerOrdersCsv(write("order_id,date,sku,qty\nO1,2024-05-01,A,3\n"));
    expect(!m.ok && m.issues.map((i) => i.path.field)).toEqual(["ship_date"]);
  });
});
