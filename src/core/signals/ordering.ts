/**
 * A policy's ordering mode and the note automatic ordering leaves on a replenishment proposal
 * (auto-order.ts decides; evaluate.ts's explanation carries the note).
 */

/** approval: a planner approves each proposal; automatic: the trigger places the order. */
export type OrderingMode = "approval" | "automatic";

/** Stored in the proposal's explanation (`ordering`): what automatic ordering did and why. */
export interface OrderingNote {
  readonly mode: "automatic";
  readonly policyVersion: number;
  readonly placed: boolean;
  readonly supplier: string | null;
  readonly quantity: number;
  readonly unitCost: number | null;
  /** quantity × unit cost; null when the unit cost is unknown. */
  readonly value: number | null;
  readonly limit: number | null;
  /** The purchase order placed (set by the caller once numbered); null when none was. */
  readonly poNumber: string | null;
  /** In words, with the numbers. */
  readonly reason: string;
}
