import type { FastifyInstance } from "fastify";
import type { Db } from "../../db/db.js";
import { getSignal } from "../../db/signals-store.js";
import { HttpError, notFound } from "../errors.js";

/** GET /signals/:id — one signal with its explanation (why it fired, with the numbers). */
export function signalRoutes(app: FastifyInstance, db: Db): void {
  app.get<{ Params: { id: string } }>("/signals/:id", async (request) => {
    const id = Number(request.params.id);
    if (!/^\d+$/.test(request.params.id) || !Number.isSafeInteger(id))
      throw new HttpError(400, [
        {
          code: "invalid_id",
          path: { field: "id" },
          message: "a signal id is a whole number",
          received: request.params.id,
        },
      ]);
    const s = await getSignal(db, id);
    if (s === null) throw notFound("signal", "id", request.params.id);
    return { ok: true, signal: s };
  });
}
