import type { Queryable } from "./db.js";

/** Stock figures of one item × location, units. inventoryPosition = onHand + onOrder − allocated. */
export interface Position {
  readonly location: string;
  readonly sku: string;
  readonly onHand: number;
  readonly onOrder: number;
  readonly allocated: number;
  readonly inventoryPosition: number;
}

interface PositionRow {
  location_id: string;
  sku: string;
  on_hand: number;
  on_order: number;
  allocated: number;
  inventory_position: number;
}

const COLUMNS = "location_id, sku, on_hand, on_order, allocated, inventory_position";

const toPosition = (r: PositionRow): Position => ({
  location: r.location_id,
  sku: r.sku,
  onHand: r.on_hand,
  onOrder: r.on_order,
  allocated: r.allocated,
  inventoryPosition: r.inventory_position,
});

/**
 * Creates the position when missing and locks its row until the transaction ends (SELECT … FOR
 * UPDATE): every writer of an item × location's stock, orders or signals takes this lock first, so
 * they run one after another and never lose an update.
 */
export async function lockPosition(tx: Queryable, location: string, sku: string): Promise<Position> {
  await tx.query("INSERT INTO positions (location_id, sku) VALUES ($1, $2) ON CONFLICT DO NOTHING", [
    location,
    sku,
  ]);
  const r = await tx.query<PositionRow>(
    `SELECT ${COLUMNS} FROM positions WHERE location_id = $1 AND sku = $2 FOR UPDATE`,
    [location, sku],
  );
  return toPosition(r.rows[0]!);
}

/** Adds to on hand and on order atomically in SQL (never read-modify-write from JS); returns the new figures. */
export async function changePosition(
  tx: Queryable,
  location: string,
  sku: string,
  change: { readonly onHand?: number; readonly onOrder?: number },
): Promise<Position> {
  const r = await tx.query<PositionRow>(
    `UPDATE positions SET on_hand = on_hand + $3, on_order = on_order + $4, updated_at = now()
     WHERE location_id = $1 AND sku = $2 RETURNING ${COLUMNS}`,
    [location, sku, change.onHand ?? 0, change.onOrder ?? 0],
  );
  if (r.rows.length === 0) throw new Error(`no position for ${sku} at ${location}: lock it first`);
  return toPosition(r.rows[0]!);
}

export async function getPosition(q: Queryable, location: string, sku: string): Promise<Position | null> {
  const r = await q.query<PositionRow>(
    `SELECT ${COLUMNS} FROM positions WHERE location_id = $1 AND sku = $2`,
    [location, sku],
  );
  return r.rows.length > 0 ? toPosition(r.rows[0]!) : null;
}

/** A position whose on hand differs from the sum of its ledger entries. */
export interface PositionMismatch {
  readonly location: string;
  readonly sku: string;
  readonly onHand: number;
  readonly ledgerSum: number;
}

/** Every position whose on hand is not the sum of the ledger (should be none), and ledger items without a position. */
export async function positionMismatches(q: Queryable): Promise<PositionMismatch[]> {
  const r = await q.query<{ location_id: string; sku: string; on_hand: number; ledger_sum: number }>(
    `SELECT coalesce(p.location_id, l.location_id) AS location_id, coalesce(p.sku, l.sku) AS sku,
            coalesce(p.on_hand, 0) AS on_hand, coalesce(l.total, 0) AS ledger_sum
     FROM positions p
     FULL JOIN (SELECT location_id, sku, sum(qty) AS total FROM inventory_ledger GROUP BY location_id, sku) l
       ON l.location_id = p.location_id AND l.sku = p.sku
     WHERE coalesce(p.on_hand, 0) <> coalesce(l.total, 0)
     ORDER BY 1, 2`,
  );
  return r.rows.map((x) => ({
    location: x.location_id,
    sku: x.sku,
    onHand: x.on_hand,
    ledgerSum: x.ledger_sum,
  }));
}

/** Every position of a SKU, by location. */
export async function positionsForSku(q: Queryable, sku: string): Promise<Position[]> {
  const r = await q.query<PositionRow>(
    `SELECT ${COLUMNS} FROM positions WHERE sku = $1 ORDER BY location_id`,
    [sku],
  );
  return r.rows.map(toPosition);
}
