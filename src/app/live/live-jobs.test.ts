import { describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import { activate, count, ropPolicy, seedMasterData } from "../../../test/support/live-fixture.js";
import { manualClock } from "./clock.js";
import { parseInterval, startLiveJobs } from "./live-jobs.js";
import { placePurchaseOrder } from "./purchase-orders.js";

describe("parseInterval", () => {
  it("reads seconds by default and the usual units; 0 is off", () => {
    expect(["90", "500ms", "30s", "5m", "1h", "1d", "0", "1.5h"].map(parseInterval)).toEqual([
      90_000, 500, 30_000, 300_000, 3_600_000, 86_400_000, 0, 5_400_000,
    ]);
    expect(parseInterval("soon")).toBeNull();
  });
});

describe.each(dbTargets())("the serve scheduler on $name", (target) => {
  const db = useTestDb(target);
  it("re-evaluates late orders on start, as of the injected clock's day", async () => {
    await seedMasterData(db());
    await activate(db(), ropPolicy());
    await placePurchaseOrder(
      db(),
      {
        location: "L1",
        poNumber: "PO-9",
        supplier: "S1",
        orderedOn: "2026-03-01",
        lines: [{ sku: "A", qty: 50, dueOn: "2026-03-04" }],
      },
      "buyer",
    );
    const seen: number[] = [];
    const jobs = startLiveJobs(db(), {
      clock: manualClock(new Date("2026-03-10T09:00:00Z")),
      lateEveryMs: 0,
      planEveryMs: 0,
      webhookEveryMs: 60_000,
      onLate: (p) => seen.push(p.lateLines),
    });
    await jobs.started;
    await jobs.stop();
    expect(seen).toEqual([1]);
    expect(await count(db(), "SELECT 1 FROM alerts WHERE kind = 'late_order' AND supplier_id = 'S1'")).toBe(
      1,
    );
    expect(
      await count(db(), "SELECT 1 FROM signals WHERE status = 'open' AND cause_key = 'late_order:PO-9/1'"),
    ).toBe(1);
  });
});
