import { describe, expect, it } from "vitest";
import { createRng } from "../random.js";
import {
  derivedContainerSize,
  kanbanCards,
  kanbanSafetyFactor,
  kanbanSafetyFactorForService,
} from "./kanban.js";

describe("kanbanCards N = ⌈D·L·(1 + α)/C⌉", () => {
  // Heizer & Render, Operations Management (JIT chapter, kanban example): daily demand 500, lead
  // time 2 days, safety stock ½ day (250), container 250 → (1000 + 250)/250 = 5 kanbans.
  it("Heizer & Render's bakery example: 5 cards, with α = SS/(D·L) = 0.25", () => {
    const alpha = kanbanSafetyFactor(250, 500, 2);
    expect(alpha).toBe(0.25);
    expect(kanbanCards(500, 2, alpha, 250)).toBe(5);
  });

  it("rounds up, exact multiples are not bumped by float noise", () => {
    // 12·3·1.1/10 = 3.96 → 4; 10·3·(1 + 0.2)/12 = 3 exactly → 3
    expect(kanbanCards(12, 3, 0.1, 10)).toBe(4);
    expect(kanbanCards(10, 3, 0.2, 12)).toBe(3);
  });

  it("at least one card when there is demand, none without", () => {
    expect(kanbanCards(0.1, 1, 0, 100)).toBe(1);
    expect(kanbanCards(0, 5, 0.1, 10)).toBe(0);
  });

  it("α falls back when D·L = 0 and is floored at 0", () => {
    expect(kanbanSafetyFactor(10, 0, 5)).toBe(0.1);
    expect(kanbanSafetyFactor(-5, 10, 2)).toBe(0);
  });

  it("derived container = days of cover with MOQ/multiple", () => {
    expect(derivedContainerSize(37, 1, { moq: 10, orderMultiple: 12 })).toBe(48);
    expect(derivedContainerSize(7.5, 2, { moq: 20, orderMultiple: 1 })).toBe(20);
    expect(derivedContainerSize(0, 1, { moq: 6, orderMultiple: 1 })).toBe(6);
  });

  it("service-equivalent α makes (N − 1)·C ≥ r", () => {
    // d = 20, L = 7 (D·L = 140), r = 150, C = 20: α = 170/140 − 1 → N = ⌈170/20⌉ = 9, (N − 1)·C = 160 ≥ 150
    const a = kanbanSafetyFactorForService(150, 20, 20, 7);
    expect(a).toBeCloseTo(170 / 140 - 1, 12);
    const n = kanbanCards(20, 7, a, 20);
    expect(n).toBe(9);
    expect((n - 1) * 20).toBeGreaterThanOrEqual(150);
    expect(kanbanSafetyFactorForService(10, 5, 20, 7)).toBe(0);
  });

  it("the service-equivalent loop meets its cycle-service target in a Monte Carlo (seed 5)", () => {
    // Unit Poisson demand 4/day, L = 3 days → LTD ~ Poisson(12); C = 4; cycle service 95 %:
    // r = qpois(0.95, 12) = 18 (R). α = 22/12 − 1 → N = ⌈5.5⌉ = 6 cards, an equivalent reorder point
    // (N − 1)·C = 20, so the loop's cycle service is P(LTD ≤ 20) = ppois(20, 12) = 0.9884 (R).
    // Simulate the card loop; a demand finding no stock marks the cycle of the next arriving card.
    const r = 18;
    const C = 4;
    const n = kanbanCards(4, 3, kanbanSafetyFactorForService(r, C, 4, 3), C);
    const rng = createRng(5);
    let onHand = n * C;
    let open = 0; // units consumed from the open container
    const arrivals: number[] = [];
    let t = 0;
    let cycles = 0;
    let stockoutCycles = 0;
    const pending: { arrive: number; stockout: boolean }[] = [];
    for (let i = 0; i < 200_000; i++) {
      t += -Math.log(1 - rng.next()) / 4;
      while (arrivals.length > 0 && arrivals[0]! <= t) {
        arrivals.shift();
        onHand += C;
        const p = pending.shift()!;
        cycles++;
        if (p.stockout) stockoutCycles++;
      }
      if (onHand <= 0 && pending.length > 0) pending[0]!.stockout = true;
      onHand--;
      open++;
      if (open === C) {
        open = 0;
        arrivals.push(t + 3);
        pending.push({ arrive: t + 3, stockout: false });
      }
    }
    expect(n).toBe(6);
    expect(Math.abs(1 - stockoutCycles / cycles - 0.9884)).toBeLessThan(0.004);
  });

  it("rejects a non-positive container", () => {
    expect(() => kanbanCards(10, 2, 0.1, 0)).toThrow(RangeError);
  });
});
