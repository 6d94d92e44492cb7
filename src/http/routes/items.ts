import type { FastifyInstance } from "fastify";
import { formatIsoDate } from "../../core/calendar.js";
import type { Db } from "../../db/db.js";
import { missingKeys } from "../../db/master-data.js";
import { activePolicy } from "../../db/policies-store.js";
import { positionsForSku } from "../../db/positions.js";
import { openSupply } from "../../db/purchase-orders-store.js";
import { openSignals } from "../../db/signals-store.js";
import { notFound } from "../errors.js";

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/**
 * GET /items/:sku/why[?location=L] — for each location holding the SKU: the position, the active
 * policy and its thresholds, the open supply, the open signals with their explanations, and a few
 * lines in words saying why the item stands where it does.
 */
export function itemRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { sku: string }; Querystring: { location?: string } }>(
    "/items/:sku/why",
    async (request) => {
      const { sku } = request.params;
      if ((await missingKeys(db, "items", [sku])).length > 0) throw notFound("item", "sku", sku);
      const wanted = request.query.location;
      const positions = (await positionsForSku(db, sku)).filter(
        (p) => wanted === undefined || p.location === wanted,
      );
      if (wanted !== undefined && positions.length === 0)
        throw notFound(`${sku} at location`, "location", wanted);
      const locations = [];
      for (const p of positions) {
        const policy = await activePolicy(db, p.location, sku);
        const signals = await openSignals(db, p.location, sku);
        const supply = await openSupply(db, p.location, sku);
        const why: string[] = [
          `on hand ${fmt(p.onHand)}, on order ${fmt(p.onOrder)}, allocated ${fmt(p.allocated)}: inventory position ${fmt(p.inventoryPosition)}`,
        ];
        if (policy === null) why.push("no active policy: no signals are raised");
        else {
          const t = policy.thresholds;
          why.push(
            `policy v${policy.version} (${policy.rule.kind}): replenish at position ≤ ${fmt(t.autoReplenishAt)}, review at on hand ≤ ${fmt(t.reviewAtOnHand)}, forecast ${fmt(policy.meanDailyDemand)}/day, lead time ${fmt(policy.leadTimeDays)} days`,
          );
          if (signals.length === 0) why.push("no trigger fired at the last evaluation");
          for (const s of signals)
            why.push(
              `${s.kind} signal ${s.signalId} (${s.causeKey})${s.quantity !== null ? ` for ${fmt(s.quantity)}` : ""}, need by ${s.needBy}: ${s.explanation.reasons.join("; ")}`,
            );
        }
        locations.push({
          location: p.location,
          position: p,
          policy,
          openOrders: supply.map((o) => ({
            id: o.id,
            quantity: o.quantity,
            expectedOn: formatIsoDate(o.dueDay),
          })),
          openSignals: signals,
          why,
        });
      }
      return { ok: true, sku, locations };
    },
  );
}
