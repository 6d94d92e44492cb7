import { describe, expect, it } from "vitest";
import { applyOrderConstraints } from "./rule.js";

describe("applyOrderConstraints", () => {
  it("lifts to MOQ then rounds up to the multiple", () => {
    expect(applyOrderConstraints(3, { moq: 10, orderMultiple: 1 })).toBe(10);
    expect(applyOrderConstraints(13, { moq: 10, orderMultiple: 6 })).toBe(18);
    expect(applyOrderConstraints(12, { moq: 10, orderMultiple: 6 })).toBe(12);
    expect(applyOrderConstraints(0, { moq: 10, orderMultiple: 6 })).toBe(0);
    expect(applyOrderConstraints(-2, { moq: 10, orderMultiple: 6 })).toBe(0);
  });
});
