import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { formatIsoDate } from "../../core/calendar.js";
import { activePolicy } from "../../db/policies-store.js";
import { positionsForSku } from "../../db/positions.js";
import { openAutoOrders, openSupply } from "../../db/purchase-orders-store.js";
import { getItem, listItems, listPositions } from "../../db/read-models.js";
import { openSignals } from "../../db/signals-store.js";
import type { RouteContext } from "../context.js";
import { notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { PageQuery, QueryBool } from "../validation.js";

const fmt = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(2));

const READ = ["admin", "planner", "viewer"] as const;

const SkuParams = z.strictObject({ sku: z.string().min(1) });
const ItemsQuery = z.strictObject({
  ...PageQuery,
  category: z.string().min(1).optional().describe("exact category"),
  q: z.string().min(1).optional().describe("part of the SKU or name, any case"),
});
const WhyQuery = z.strictObject({ location: z.string().min(1).optional() });
const PositionsQuery = z.strictObject({
  ...PageQuery,
  sku: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  below_reorder: QueryBool.optional().describe("only positions at or below the active policy's auto level"),
});

/**
 * Items and positions: GET /items (filters category, q), GET /items/:sku (with its positions),
 * GET /items/:sku/why[?location=L] (position, active policy and thresholds, open supply, open signals
 * with explanations and a few lines in words), GET /positions (filters sku, location, below_reorder).
 */
export function itemRoutes(app: FastifyInstance, { db }: RouteContext): void {
  app.get(
    "/items",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "List items", tags: ["items"], querystring: ItemsQuery }),
    },
    async (request) => {
      const q = request.query as z.output<typeof ItemsQuery>;
      return pageBody(request, q, await listItems(db, { category: q.category, search: q.q }, q));
    },
  );

  app.get(
    "/items/:sku",
    {
      config: { roles: [...READ] },
      schema: doc({ summary: "One item with its positions", tags: ["items"], params: SkuParams }),
    },
    async (request) => {
      const { sku } = request.params as z.output<typeof SkuParams>;
      const item = await getItem(db, sku);
      if (item === null) throw notFound("item", "sku", sku);
      return { ok: true, item, positions: await positionsForSku(db, sku) };
    },
  );

  app.get(
    "/items/:sku/why",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "Why an item stands where it does, per location",
        tags: ["items"],
        params: SkuParams,
        querystring: WhyQuery,
      }),
    },
    async (request) => {
      const { sku } = request.params as z.output<typeof SkuParams>;
      if ((await getItem(db, sku)) === null) throw notFound("item", "sku", sku);
      const wanted = (request.query as z.output<typeof WhyQuery>).location;
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
            `policy v${policy.version} (${policy.rule.kind}): replenish at position ≤ ${fmt(t.autoReplenishAt)}, review at on hand ≤ ${fmt(t.reviewAtOnHand)}, forecast ${fmt(policy.meanDailyDemand)}/day, lead time ${fmt(policy.leadTimeDays)} days, ordering ${policy.orderingMode}${policy.orderingMode === "automatic" ? (policy.autoOrderMaxValue === null ? " (no value limit)" : ` up to value ${fmt(policy.autoOrderMaxValue)}`) : " (a planner approves each proposal)"}`,
          );
          for (const o of await openAutoOrders(db, p.location, sku))
            why.push(`on order ${o.poNumber} (signal ${o.signalId}): ${o.reason ?? "placed automatically"}`);
          if (signals.length === 0) why.push("no trigger fired at the last evaluation");
          for (const s of signals)
            why.push(
              `${s.kind} signal ${s.signalId} (${s.causeKey})${s.quantity !== null ? ` for ${fmt(s.quantity)}` : ""}, need by ${s.needBy}: ${s.explanation.reasons.join("; ")}${s.explanation.ordering !== undefined ? ` — ${s.explanation.ordering.reason}` : ""}`,
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

  app.get(
    "/positions",
    {
      config: { roles: [...READ] },
      schema: doc({
        summary: "List positions (on hand, on order, allocated, inventory position)",
        tags: ["positions"],
        querystring: PositionsQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof PositionsQuery>;
      return pageBody(
        request,
        q,
        await listPositions(db, { sku: q.sku, location: q.location, belowReorder: q.below_reorder }, q),
      );
    },
  );
}
