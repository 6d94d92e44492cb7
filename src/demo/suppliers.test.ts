import { describe, expect, it } from "vitest";
import { createRng } from "../core/random.js";
import {
  DEMO_SUPPLIERS,
  deliveryOffset,
  expeditedLeadTimeDays,
  leadTimeMoments,
  supplierLeadTime,
} from "./suppliers.js";

describe("leadTimeMoments", () => {
  it("matches a hand computation when every delivery is on time", () => {
    // Offsets 0, −1, −2 with weights 0.75, 0.15, 0.10: E = −0.35, E[o²] = 0.15 + 0.4 = 0.55,
    // Var = 0.55 − 0.1225 = 0.4275.
    const m = leadTimeMoments(10, 1, 0, 3);
    expect(m.mean).toBeCloseTo(9.65, 12);
    expect(m.sd).toBeCloseTo(Math.sqrt(0.4275), 12);
  });
  for (const s of DEMO_SUPPLIERS) {
    it(`agrees with 200 000 simulated deliveries for ${s.supplier}`, () => {
      const rng = createRng(17);
      const b = s.behaviour;
      const n = 200_000;
      let sum = 0;
      let sum2 = 0;
      let onTime = 0;
      for (let i = 0; i < n; i++) {
        const o = deliveryOffset(rng, b.onTimeProb, b.earlyMissShare, b.lateMeanDays);
        sum += o;
        sum2 += o * o;
        if (o >= -2 && o <= 0) onTime++;
      }
      const mean = s.quotedLeadTimeDays + sum / n;
      const sd = Math.sqrt(sum2 / n - (sum / n) ** 2);
      const m = supplierLeadTime(s);
      expect(Math.abs(mean - m.mean)).toBeLessThan((5 * m.sd) / Math.sqrt(n));
      expect(Math.abs(sd / m.sd - 1)).toBeLessThan(0.02);
      // On time = within the DEFAULT_DELIVERY_TERMS window (2 days early … 0 days late).
      const p = b.onTimeProb;
      expect(Math.abs(onTime / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  }
});

describe("demo suppliers", () => {
  it("never deliver before the day after ordering, normal or expedited", () => {
    for (const s of DEMO_SUPPLIERS) {
      const earliest = s.behaviour.earlyMissShare > 0 ? 4 : 2;
      expect(s.quotedLeadTimeDays - earliest).toBeGreaterThanOrEqual(1);
      expect(expeditedLeadTimeDays(s)).toBeGreaterThanOrEqual(2);
    }
  });
  it("range from reliable to unreliable", () => {
    const p = DEMO_SUPPLIERS.map((s) => s.behaviour.onTimeProb);
    expect(Math.max(...p) - Math.min(...p)).toBeGreaterThan(0.35);
    const cv = DEMO_SUPPLIERS.map((s) => supplierLeadTime(s).sd / supplierLeadTime(s).mean);
    expect(Math.max(...cv) / Math.min(...cv)).toBeGreaterThan(2);
  });
});
