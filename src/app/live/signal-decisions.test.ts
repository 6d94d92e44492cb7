import { beforeEach, describe, expect, it } from "vitest";
import { dbTargets, useTestDb } from "../../../test/support/db-targets.js";
import {
  activate,
  event,
  ropPolicy,
  seedExpediteLanes,
  seedMasterData,
} from "../../../test/support/live-fixture.js";
import { listSignals } from "../../db/signals-store.js";
import { applyEvent } from "./apply-events.js";
import { approveSignal } from "./signal-decisions.js";

describe.each(dbTargets())("emergency expedite options on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
    await seedExpediteLanes(db(), { moq: 20, orderMultiple: 10 });
    await activate(db(), ropPolicy());
    // On hand 30 on 03-02, nothing on order, d = 8, L = 5: 30 < 40 → emergency for ⌈40 − 30⌉ = 10 units,
    // run-out ⌊30 / 8⌋ = 3 days → 03-05; waiting for an order placed now (5 days, 03-07) = 2 days out.
    await applyEvent(db(), event({ kind: "receipt", qty: 30, occurredAt: "2026-03-02" }));
  });

  const emergency = async () => (await listSignals(db())).find((s) => s.kind === "emergency")!;

  it("stores the options with the signal when it opens", async () => {
    const s = await emergency();
    expect(s).toMatchObject({ quantity: 10, needBy: "2026-03-05" });
    // expedite S1: 1 day → 03-03, 10 × (4 + 2) = 60, premium 20; backup S2: 10 → MOQ 20, 2 days → 03-04,
    // 20 × 4.5 = 90, premium 20 × 0.5 = 10 → the cheaper in time.
    expect(s.explanation.expedite).toMatchObject({
      recommended: "backup:S2",
      options: [
        { id: "wait", arrival: "2026-03-07", stockoutDays: 2, orderable: false },
        {
          id: "expedite:S1",
          quantity: 10,
          arrival: "2026-03-03",
          inTime: true,
          stockoutDaysAvoided: 2,
          unitCost: 6,
          totalCost: 60,
          premium: 20,
          recommended: false,
        },
        {
          id: "backup:S2",
          quantity: 20,
          arrival: "2026-03-04",
          inTime: true,
          unitCost: 4.5,
          totalCost: 90,
          premium: 10,
          recommended: true,
        },
      ],
    });
  });

  it("approving orders on the recommended option by default, audited", async () => {
    const s = await emergency();
    const r = await approveSignal(db(), s.signalId, "planner", { orderedOn: "2026-03-02" });
    expect(r.ok).toBe(true);
    const po = await db().query(
      `SELECT p.supplier_id, p.expedited, l.qty_ordered, l.due_on, l.unit_cost
       FROM purchase_orders p JOIN purchase_order_lines l USING (location_id, po_number)`,
    );
    expect(po.rows).toEqual([
      { supplier_id: "S2", expedited: false, qty_ordered: 20, due_on: "2026-03-04", unit_cost: 4.5 },
    ]);
    const audit = await db().query<{ detail: Record<string, unknown> }>(
      "SELECT detail FROM audit_log WHERE action = 'signal.approved'",
    );
    expect(audit.rows[0]!.detail).toMatchObject({
      option: "backup:S2",
      supplier: "S2",
      mode: "parcel",
      expedited: false,
      premium: 10,
    });
  });

  it("approving a chosen option: its supplier, mode, units, lead time and cost", async () => {
    const s = await emergency();
    const r = await approveSignal(db(), s.signalId, "planner", {
      orderedOn: "2026-03-02",
      option: "expedite:S1",
    });
    expect(r.ok && r.value.purchaseOrder).toMatchObject({
      supplier: "S1",
      expedited: true,
      lines: [{ sku: "A", qty: 10, dueOn: "2026-03-03", unitCost: 6 }],
    });
  });

  it("refuses an unknown option, waiting, an option with a supplier, and options on a replenishment", async () => {
    const s = await emergency();
    for (const option of ["backup:S9", "wait"])
      expect(await approveSignal(db(), s.signalId, "planner", { orderedOn: "2026-03-02", option })).toEqual({
        ok: false,
        issues: [
          {
            code: "invalid_option",
            path: { field: "option" },
            message: `signal ${s.signalId} has no orderable expedite option ${option}`,
            expected: "one of expedite:S1, backup:S2",
            received: option,
          },
        ],
      });
    expect(
      await approveSignal(db(), s.signalId, "planner", {
        orderedOn: "2026-03-02",
        option: "backup:S2",
        supplier: "S1",
      }),
    ).toMatchObject({ ok: false, issues: [{ code: "invalid_option", expected: "option or supplier" }] });
    const rep = (await listSignals(db())).find((x) => x.kind === "replenishment")!;
    expect(
      await approveSignal(db(), rep.signalId, "planner", { orderedOn: "2026-03-02", option: "backup:S2" }),
    ).toMatchObject({ ok: false, issues: [{ code: "invalid_option", received: "backup:S2" }] });
    expect((await emergency()).status).toBe("open");
  });
});
