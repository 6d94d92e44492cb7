import { describe, expect, it } from "vitest";
import { jitReadiness } from "./readiness.js";

describe("jitReadiness", () => {
  it("jit when every known factor is good", () => {
    const v = jitReadiness({
      mape: 0.12,
      xyz: "X",
      pattern: "smooth",
      supplierOnTimeRate: 0.97,
      leadTimeCv: 0.1,
    });
    expect(v.verdict).toBe("jit");
    expect(v.reasons.join(" ")).toMatch(/MAPE 12 %/);
  });

  it("buffered when MAPE exceeds 40 %, with that reason", () => {
    const v = jitReadiness({ mape: 0.55, xyz: "X", pattern: "smooth" });
    expect(v.verdict).toBe("buffered");
    expect(v.reasons[0]).toMatch(/MAPE 55 % above 40 %/);
  });

  it("hybrid between the thresholds or with fair factors", () => {
    expect(jitReadiness({ mape: 0.3, xyz: "X", pattern: "smooth" }).verdict).toBe("hybrid");
    expect(jitReadiness({ mape: 0.1, xyz: "Y", pattern: "smooth" }).verdict).toBe("hybrid");
    expect(jitReadiness({ mape: null, xyz: "X", pattern: "smooth" }).verdict).toBe("hybrid");
  });

  it("unreliable suppliers, Z items, lumpy demand are buffered", () => {
    expect(jitReadiness({ mape: 0.1, xyz: "X", pattern: "smooth", supplierOnTimeRate: 0.8 }).verdict).toBe(
      "buffered",
    );
    expect(jitReadiness({ mape: 0.1, xyz: "Z", pattern: "smooth" }).verdict).toBe("buffered");
    expect(jitReadiness({ mape: 0.1, xyz: "X", pattern: "lumpy" }).verdict).toBe("buffered");
    expect(jitReadiness({ mape: 0.1, xyz: "X", pattern: "smooth", leadTimeCv: 0.5 }).verdict).toBe(
      "buffered",
    );
  });

  it("a calibration miss demotes jit to hybrid", () => {
    const v = jitReadiness({ mape: 0.1, xyz: "X", pattern: "smooth", calibrationMiss: true });
    expect(v.verdict).toBe("hybrid");
    expect(v.reasons[0]).toMatch(/simulation/);
  });

  it("thresholds are configurable", () => {
    expect(jitReadiness({ mape: 0.25, xyz: "X", pattern: "smooth" }, { mapeGood: 0.3 }).verdict).toBe("jit");
  });
});
