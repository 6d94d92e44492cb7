import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar.js";
import { formatIssue } from "../core/result.js";
import { readSnapshotsCsv } from "./read-snapshots.js";

const dir = mkdtempSync(join(tmpdir(), "takt-read-snap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (content: string, gz = false): string => {
  const p = join(dir, `inv${fileNo++}.csv${gz ? ".gz" : ""}`);
  writeFileSync(p, gz ? gzipSync(content) : content);
  return p;
};

describe("readSnapshotsCsv", () => {
  it("reads snapshots by aliases, any date form, negative balances kept, placeholder costs unknown", async () => {
    const r = await readSnapshotsCsv(
      write(
        "Day;Item;Warehouse;Stock on hand;Cost\n2024-03-01;A;W1;12,5;2,25\n2-Mar-24;A;W1;-3;N/A\n3/3/2024;B;W1;0;\n",
        true,
      ),
    );
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join("\n"));
    const s = r.value;
    expect(s.mapping).toEqual({
      date: "Day",
      sku: "Item",
      location: "Warehouse",
      on_hand: "Stock on hand",
      unit_cost: "Cost",
    });
    expect(s.snapshots).toEqual([
      { day: parseIsoDate("2024-03-01"), sku: "A", location: "W1", onHand: 12.5, unitCost: 2.25 },
      { day: parseIsoDate("2024-03-02"), sku: "A", location: "W1", onHand: -3, unitCost: null },
      { day: parseIsoDate("2024-03-03"), sku: "B", location: "W1", onHand: 0, unitCost: null },
    ]);
    expect(s.blanked).toEqual([{ column: "Cost", reason: "not applicable", example: "N/A", count: 1 }]);
    expect([s.firstDay, s.lastDay]).toEqual([parseIsoDate("2024-03-01"), parseIsoDate("2024-03-03")]);
  });

  it("fails on a bad on-hand cell naming file, line and column; skips it when lenient", async () => {
    const p = write("date,sku,on_hand\n2024-01-01,A,4\n2024-01-02,A,lots\n");
    const r = await readSnapshotsCsv(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatIssue(r.issues[0]!)).toMatch(
      /inv\d+\.csv:3 column "on_hand": on hand is not a number \(got "lots"\)/,
    );
    const l = await readSnapshotsCsv(p, { lenient: true });
    expect(l.ok && [l.value.snapshots.length, l.value.skipped.count]).toEqual([1, 1]);
  });
});
