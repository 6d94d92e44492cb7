import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { confirmPurchaseOrder, submitAsn } from "../../app/live/supplier-portal.js";
import { listAsns, listPurchaseOrders } from "../../db/read-models.js";
import { principal, supplierScope } from "../auth.js";
import type { RouteContext } from "../context.js";
import { HttpError, notFound } from "../errors.js";
import { doc } from "../openapi.js";
import { pageBody } from "../pagination.js";
import { IsoDate, PageQuery } from "../validation.js";
import { failure } from "./failure.js";

const PORTAL = ["admin", "planner", "viewer", "supplier"] as const;
const SUPPLY = ["admin", "planner", "supplier"] as const;

const PoParams = z.strictObject({ id: z.string().min(1).describe("the purchase-order number") });
const PoQuery = z.strictObject({
  location: z.string().min(1).optional().describe("needed when the number exists at several locations"),
});
const OrdersQuery = z.strictObject({
  ...PageQuery,
  status: z.enum(["open", "closed", "cancelled"]).optional(),
  supplier: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  sku: z.string().min(1).optional(),
});
const AsnsQuery = z.strictObject({
  ...PageQuery,
  po_number: z.string().min(1).optional(),
  location: z.string().min(1).optional(),
  supplier: z.string().min(1).optional(),
});
const LineNo = z.number().int().positive();
const AsnBody = z.strictObject({
  asn_id: z.string().min(1).max(64),
  po_number: z.string().min(1),
  location: z.string().min(1).optional().describe("needed when the number exists at several locations"),
  lines: z
    .array(
      z.strictObject({
        line_no: LineNo,
        qty_shipped: z.number().positive(),
        shipped_on: IsoDate.optional(),
        expected_on: IsoDate,
      }),
    )
    .min(1)
    .max(1000),
});
const ConfirmBody = z
  .strictObject({
    location: z.string().min(1).optional(),
    confirmed_on: IsoDate.optional().describe("one date for every open line (default: the due dates)"),
    lines: z
      .array(z.strictObject({ line_no: LineNo, confirmed_on: IsoDate }))
      .min(1)
      .optional()
      .describe("per line: the date confirmed or proposed"),
  })
  .refine((b) => b.confirmed_on === undefined || b.lines === undefined, {
    message: "give confirmed_on or lines, not both",
    path: ["lines"],
  })
  .default({});

/**
 * Purchase orders and ASNs, shared by planners and the supplier portal. A supplier token sees and
 * changes only its own orders and ASNs: another supplier's order is "not found" (404), the `supplier`
 * filter is forced to its own.
 */
export function orderRoutes(app: FastifyInstance, { db, today }: RouteContext): void {
  app.get(
    "/purchase-orders",
    {
      config: { roles: [...PORTAL] },
      schema: doc({
        summary: "List purchase orders with their lines",
        tags: ["purchase orders"],
        querystring: OrdersQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof OrdersQuery>;
      const own = supplierScope(request);
      return pageBody(request, q, await listPurchaseOrders(db, { ...q, supplier: own ?? q.supplier }, q));
    },
  );

  app.get(
    "/purchase-orders/:id",
    {
      config: { roles: [...PORTAL] },
      schema: doc({
        summary: "One purchase order with its lines and ASNs",
        tags: ["purchase orders"],
        params: PoParams,
        querystring: PoQuery,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof PoParams>;
      const { location } = request.query as z.output<typeof PoQuery>;
      const own = supplierScope(request) ?? undefined;
      const found = await listPurchaseOrders(
        db,
        { poNumber: id, location, supplier: own },
        { limit: 10, offset: 0 },
      );
      if (found.rows.length === 0) throw notFound("purchase order", "id", id);
      if (found.rows.length > 1)
        throw new HttpError(409, [
          {
            code: "ambiguous",
            path: { field: "location" },
            message: `purchase order ${id} exists at several locations: add ?location=`,
            expected: found.rows.map((o) => o.location).join(" | "),
          },
        ]);
      const order = found.rows[0]!;
      const asns = await listAsns(db, { poNumber: id, location: order.location }, { limit: 500, offset: 0 });
      return { ok: true, purchaseOrder: order, asns: asns.rows };
    },
  );

  app.post(
    "/purchase-orders/:id/confirm",
    {
      config: { roles: [...SUPPLY] },
      schema: doc({
        summary: "Confirm the due dates of an open order, or propose other dates per line",
        tags: ["purchase orders"],
        params: PoParams,
        body: ConfirmBody,
      }),
    },
    async (request) => {
      const { id } = request.params as z.output<typeof PoParams>;
      const b = request.body as z.output<typeof ConfirmBody>;
      const r = await confirmPurchaseOrder(
        db,
        {
          poNumber: id,
          location: b.location,
          confirmedOn: b.confirmed_on,
          lines: b.lines?.map((l) => ({ lineNo: l.line_no, confirmedOn: l.confirmed_on })),
        },
        supplierScope(request),
        principal(request).actor,
        today(),
      );
      if (!r.ok) throw failure(r.issues);
      return { ok: true, ...r.value };
    },
  );

  app.get(
    "/asns",
    {
      config: { roles: [...PORTAL] },
      schema: doc({
        summary: "List advance ship notices",
        tags: ["purchase orders"],
        querystring: AsnsQuery,
      }),
    },
    async (request) => {
      const q = request.query as z.output<typeof AsnsQuery>;
      const own = supplierScope(request);
      return pageBody(
        request,
        q,
        await listAsns(db, { poNumber: q.po_number, location: q.location, supplier: own ?? q.supplier }, q),
      );
    },
  );

  app.post(
    "/asns",
    {
      config: { roles: [...SUPPLY] },
      schema: doc({
        summary: "Announce a shipment (ASN) for lines of an open order",
        tags: ["purchase orders"],
        body: AsnBody,
        successStatus: 201,
      }),
    },
    async (request, reply) => {
      const b = request.body as z.output<typeof AsnBody>;
      const r = await submitAsn(
        db,
        {
          asnId: b.asn_id,
          poNumber: b.po_number,
          location: b.location,
          lines: b.lines.map((l) => ({
            lineNo: l.line_no,
            qtyShipped: l.qty_shipped,
            shippedOn: l.shipped_on,
            expectedOn: l.expected_on,
          })),
        },
        supplierScope(request),
        principal(request).actor,
        today(),
      );
      if (!r.ok) throw failure(r.issues);
      reply.code(201);
      return { ok: true, ...r.value };
    },
  );
}
