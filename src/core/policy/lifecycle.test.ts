import { describe, expect, it } from "vitest";
import { canTransition, nextStatuses } from "./lifecycle.js";

describe("policy lifecycle", () => {
  it("moves forward only: proposed → approved → active → retired", () => {
    expect(canTransition("proposed", "approved")).toBe(true);
    expect(canTransition("approved", "active")).toBe(true);
    expect(canTransition("active", "retired")).toBe(true);
    expect(canTransition("proposed", "active")).toBe(false);
    expect(canTransition("active", "approved")).toBe(false);
    expect(nextStatuses("retired")).toEqual([]);
  });
  it("a proposal can be rejected and an approval withdrawn", () => {
    expect(canTransition("proposed", "retired")).toBe(true);
    expect(canTransition("approved", "retired")).toBe(true);
  });
});
