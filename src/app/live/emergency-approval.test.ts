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

/**
 * The bug seen on the dashboard: approving an emergency whose stockout no option can avoid (on hand
 * lasts half a day, the fastest order lands tomorrow) opened a new emergency for the same item at once.
 */
describe.each(dbTargets())("approving an emergency on $name", (target) => {
  const db = useTestDb(target);
  beforeEach(async () => {
    await seedMasterData(db());
    await seedExpediteLanes(db());
    // d = 8/day, L = 5: 4 on hand covers half a day, an order placed now lands in 5 → emergency
    await activate(db(), ropPolicy());
    await applyEvent(db(), event({ kind: "receipt", qty: 4, occurredAt: "2026-03-02" }));
  });
  const emergencies = async () => (await listSignals(db())).filter((s) => s.kind === "emergency");

  for (const option of ["expedite:S1", "backup:S2"])
    it(`the order on ${option} answers it: no new emergency while that order is open`, async () => {
      const [s] = await emergencies();
      expect(s!.explanation.reasons).toEqual([
        "on hand 4 covers 0.5 days but the next receipt is 5 days away (expected demand 40)",
      ]);
      const r = await approveSignal(db(), s!.signalId, "planner", { orderedOn: "2026-03-02", option });
      expect(r.ok).toBe(true);
      expect(await emergencies()).toEqual([]);
      // once it is received the item is evaluated afresh: 4 + 36 on hand lasts 5 days, no emergency either
      const po = `SIG-${s!.signalId}`;
      await applyEvent(db(), event({ kind: "receipt", qty: 36, occurredAt: "2026-03-03", reference: po }));
      expect(await emergencies()).toEqual([]);
    });

  it("an ordinary order that still lands after the run-out leaves the emergency open", async () => {
    const rep = (await listSignals(db())).find((s) => s.kind === "replenishment")!;
    expect((await approveSignal(db(), rep.signalId, "planner", { orderedOn: "2026-03-02" })).ok).toBe(true);
    const open = (await emergencies()).filter((s) => s.status === "open");
    expect(open).toHaveLength(1);
  });
});
