/**
 * A policy's life: proposed (computed by takt or written by a planner) → approved (a person signed it
 * off) → active (drives the live signals; at most one per item × location) → retired (replaced or
 * withdrawn). A proposal can be rejected straight to retired; an approved policy can be withdrawn.
 */
export const POLICY_STATUSES = ["proposed", "approved", "active", "retired"] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

/** Policy scope: the pilot (one product line proving the process) or the whole catalogue. */
export type PolicyScope = "pilot" | "all";

const NEXT: Readonly<Record<PolicyStatus, readonly PolicyStatus[]>> = {
  proposed: ["approved", "retired"],
  approved: ["active", "retired"],
  active: ["retired"],
  retired: [],
};

export const canTransition = (from: PolicyStatus, to: PolicyStatus): boolean => NEXT[from].includes(to);

/** The statuses a policy may move to next. */
export const nextStatuses = (from: PolicyStatus): readonly PolicyStatus[] => NEXT[from];
