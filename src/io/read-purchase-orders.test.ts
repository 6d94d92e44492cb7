import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import { formatIssue, type Issue } from "../core/result.js";
import {
  type PurchaseOrderImport,
  type ReadPurchaseOrdersOptions,
  readPurchaseOrdersCsv,
} from "./read-purchase-orders.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-po-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string, gz = false): string => {
  const p = join(dir, `po${fileNo++}.csv${gz ? ".gz" : ""}`);
  writeFileSync(p, gz ? gzipSync(content) : content);
  return p;
};
async function read(path: string, options: ReadPurchaseOrdersOptions = {}): Promise<PurchaseOrderImport> {
  const r = await readPurchaseOrdersCsv(path, options);
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
  return r.value;
}
async function issues(content: string, options: ReadPurchaseOrdersOptions = {}): Promise<readonly Issue[]> {
  const r = await readPurchaseOrdersCsv(write(content), options);
  if (r.ok) throw new Error("expected a failure");
  return r.issues;
}
const day = (iso: string) => parseIsoDate(iso)!;

// The SCMS delivery history's header and four of its kinds of line (values shortened), gzipped.
const SCMS =
  "ID,Project Code,PQ #,PO / SO #,ASN/DN #,Country,Managed By,Fulfill Via,Vendor INCO Term,Shipment Mode,PQ First Sent to Client Date,PO Sent to Vendor Date,Scheduled Delivery Date,Delivered to Client Date,Delivery Recorded Date,Product Group,Sub Classification,Vendor,Item Description,Molecule/Test Type,Brand,Dosage,Dosage Form,Unit of Measure (Per Pack),Line Item Quantity,Line Item Value,Pack Price,Unit Price,Manufacturing Site,First Line Designation,Weight (Kilograms),Freight Cost (USD),Line Item Insurance (USD)\n" +
  '1,100-CI-T01,Pre-PQ Process,SCMS-4,ASN-8,Côte d\'Ivoire,PMO - US,Direct Drop,EXW,Air,Pre-PQ Process,Date Not Captured,2-Jun-06,2-Jun-06,2-Jun-06,HRDT,HIV test,RANBAXY Fine Chemicals LTD.,"HIV, Reveal G3 Rapid HIV-1 Antibody Test, 30 Tests",x,Reveal,N/A,Test kit,30,19,551,29,0.97,Ranbaxy,Yes,13,780.34,\n' +
  "2,108-VN-T01,Pre-PQ Process,SCMS-13,ASN-85,Vietnam,PMO - US,Direct Drop,EXW,Air,Pre-PQ Process,8/27/14,14-Nov-14,16-Nov-14,16-Nov-14,ARV,Pediatric,Aurobindo Pharma Limited,Nevirapine 10mg/ml,x,Generic,10mg/ml,Oral suspension,240,1000,6200,6.2,0.03,Aurobindo,Yes,358,See ASN-93 (ID#:1281),\n" +
  "3,102-NG-T01,Pre-PQ Process,SO-50,DN-304,Nigeria,PMO - US,From RDC,N/A - From RDC,N/A,Pre-PQ Process,N/A - From RDC,1-Sep-14,1-Sep-14,1-Sep-14,ARV,Adult,SCMS from RDC,Lamivudine 150mg,x,Generic,150mg,Tablet,60,0,0,3.99,0.07,Ranbaxy,Yes,1855,Freight Included in Commodity Cost,\n" +
  "4,102-NG-T01,Pre-PQ Process,SO-51,DN-305,Nigeria,PMO - US,Direct Drop,EXW,Truck,Pre-PQ Process,12/20/14,1-Dec-14,3-Dec-14,3-Dec-14,ARV,Adult,Aurobindo Pharma Limited,Lamivudine 150mg,x,Generic,150mg,Tablet,60,100,250,2.5,0.04,Ranbaxy,Yes,10,Invoiced Separately,\n";

describe("readPurchaseOrdersCsv", () => {
  it("maps the SCMS header by itself and turns its placeholders into unknowns, counted", async () => {
    const po = await read(write(SCMS, true));
    expect(po.rowsRead).toBe(4);
    expect(po.mapping).toMatchObject({
      po_id: "PO / SO #",
      supplier: "Vendor",
      sku: "Item Description",
      location: "Country",
      qty_ordered: "Line Item Quantity",
      line_value: "Line Item Value",
      order_date: "PO Sent to Vendor Date",
      promised_date: "Scheduled Delivery Date",
      received_date: "Delivered to Client Date",
      mode: "Shipment Mode",
      freight_cost: "Freight Cost (USD)",
      unit_cost: null,
      qty_received: null,
    });
    const [a, b, c, d] = po.lines;
    expect(a).toEqual({
      poId: "SCMS-4",
      supplier: "RANBAXY Fine Chemicals LTD.",
      sku: "HIV, Reveal G3 Rapid HIV-1 Antibody Test, 30 Tests",
      location: "Côte d'Ivoire",
      qtyOrdered: 19,
      unitCost: 29, // 551 ÷ 19
      orderDay: null,
      promisedDay: day("2006-06-02"),
      asnDay: null,
      asnQty: null,
      receivedDay: day("2006-06-02"),
      qtyReceived: 19, // no received-quantity column: delivered in full
      qtyRejected: null, // no rejected-quantity column: inspection results unknown, not 0
      mode: "Air",
      freightCost: 780.34,
      expedited: null, // no expedited column: unknown
    });
    expect([b!.orderDay, b!.promisedDay, b!.receivedDay, b!.freightCost, b!.unitCost]).toEqual([
      day("2014-08-27"),
      day("2014-11-14"),
      day("2014-11-16"),
      null,
      6.2,
    ]);
    // Zero quantity: no unit cost. "N/A" mode is unknown.
    expect([c!.unitCost, c!.mode, c!.orderDay, c!.freightCost]).toEqual([null, "", null, null]);
    // Ordered 20 Dec after the 3 Dec receipt: the order date is dropped, not a negative lead time.
    expect(d!.orderDay).toBeNull();
    expect(po.blanked.map((x) => [x.column, x.reason, x.count])).toEqual(
      expect.arrayContaining([
        ["PO Sent to Vendor Date", "not captured", 1],
        ["PO Sent to Vendor Date", "not applicable: from regional distribution centre", 1],
        ["PO Sent to Vendor Date", "order date after the receipt date: ignored", 1],
        ["Freight Cost (USD)", "recorded on another line", 1],
        ["Freight Cost (USD)", "included in commodity cost", 1],
        ["Freight Cost (USD)", "invoiced separately", 1],
        ["Shipment Mode", "not applicable", 1],
      ]),
    );
    expect(po.blanked).toHaveLength(7);
    expect([po.firstDay, po.lastDay]).toEqual([day("2006-06-02"), day("2014-12-03")]);
  });

  it("reads a full receipts file: ASN, received and rejected quantities, expedite flags, open lines", async () => {
    const po = await read(
      write(
        "po_id,supplier,sku,location,qty_ordered,unit_cost,order_date,promised_date,asn_date,asn_qty,received_date,qty_received,qty_rejected,mode,freight_cost,expedited\n" +
          "P1,S1,A,W,100,2.5,2024-01-02,2024-01-12,2024-01-11,90,2024-01-12,90,3,Truck,40,false\n" +
          "P2,S1,A,W,50,2.5,2024-01-20,2024-01-30,,,,0,,Air,,yes\n",
      ),
    );
    expect(po.lines[0]).toMatchObject({
      asnDay: day("2024-01-11"),
      asnQty: 90,
      qtyReceived: 90,
      qtyRejected: 3,
      unitCost: 2.5,
      freightCost: 40,
    });
    expect(po.lines[1]).toMatchObject({
      receivedDay: null,
      qtyReceived: 0,
      qtyRejected: 0,
      expedited: true,
      freightCost: null,
      asnDay: null,
    });
  });

  it("fails on a bad cell with file, line, column, value and the expected form", async () => {
    const is = await issues("supplier,sku,qty,promised_date\nS,A,5,2024-01-02\nS,A,5,soon\n");
    expect(is).toHaveLength(1);
    const text = formatIssue(is[0]!);
    expect(text).toMatch(/po\d+\.csv:3 column "promised_date": unparseable date \(got "soon"\)/);
    expect(text).toMatch(/D-Mon-YY/);
    const neg = await issues("supplier,sku,qty,received_date\nS,A,-5,2024-01-02\n");
    expect(neg[0]).toMatchObject({
      code: "negative_quantity",
      path: { line: 2, column: "qty" },
      received: "-5",
    });
    const rej = await issues(
      "supplier,sku,qty,received_date,qty_received,qty_rejected\nS,A,5,2024-01-02,5,6\n",
    );
    expect(rej[0]).toMatchObject({ code: "out_of_range", path: { column: "qty_rejected" } });
    const open = await issues("supplier,sku,qty,received_date,qty_received\nS,A,5,,5\n");
    expect(open[0]).toMatchObject({ code: "received_without_date" });
    const flag = await issues("supplier,sku,qty,received_date,expedited\nS,A,5,2024-01-02,maybe\n");
    expect(flag[0]).toMatchObject({ code: "invalid_value", path: { column: "expedited" } });
  });

  it("names the missing required columns and what they may be called", async () => {
    const is = await issues("vendor,item,date\nS,A,2024-01-01\n");
    expect(is.map((i) => i.path.field)).toEqual(["qty_ordered"]);
    expect(is[0]!.message).toMatch(/line item quantity/);
  });

  it("skips bad rows under --lenient and counts them by code", async () => {
    const po = await read(
      write("supplier,sku,qty,received_date\nS,A,5,2024-01-02\nS,A,x,2024-01-02\n,A,5,2024-01-02\n"),
      {
        lenient: true,
      },
    );
    expect(po.lines).toHaveLength(1);
    expect(po.skipped.count).toBe(2);
    expect(po.skipped.byCode).toEqual({ invalid_number: 1, missing_value: 1 });
  });
});
