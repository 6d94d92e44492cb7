import { describe, expect, it } from "vitest";
import { normal, normalCdf, normalPdf } from "../distributions/normal.js";
import { poisson } from "../distributions/poisson.js";
import { criticalRatio, newsvendorQuantity } from "./newsvendor.js";

describe("newsvendor / base stock", () => {
  // Nahmias, Production and Operations Analysis (6th ed.), Example 5.1–5.3: Mac's newsstand,
  // demand N(11.73, 4.74²), cost 25¢, price 75¢, no salvage: cᵤ = 0.5, cₒ = 0.25,
  // critical ratio 0.667, z = 0.43, Q* = 11.73 + 0.43·4.74 = 13.77 ≈ 14.
  it("Mac's newsstand: critical ratio 2/3 and Q* ≈ 13.77", () => {
    expect(criticalRatio(0.5, 0.25)).toBeCloseTo(2 / 3, 15);
    const q = newsvendorQuantity(normal(11.73, 4.74), 0.5, 0.25);
    expect(q).toBeCloseTo(13.77, 1);
    expect(Math.round(q)).toBe(14);
  });

  it("minimises the expected cost cₒ·E(Q − D)+ + cᵤ·E(D − Q)+ (independent grid search)", () => {
    const mu = 11.73;
    const sd = 4.74;
    const cost = (q: number): number => {
      const z = (q - mu) / sd;
      const over = (q - mu) * normalCdf(z) + sd * normalPdf(z); // E(Q − D)+
      const under = over - (q - mu); // E(D − Q)+
      return 0.25 * over + 0.5 * under;
    };
    let best = 0;
    for (let q = 0; q < 30; q += 0.001) if (cost(q) < cost(best)) best = q;
    expect(Math.abs(best - newsvendorQuantity(normal(mu, sd), 0.5, 0.25))).toBeLessThan(0.002);
  });

  it("discrete demand: smallest Q with F(Q) ≥ ratio (R: qpois(0.8, 6) = 8)", () => {
    expect(newsvendorQuantity(poisson(6), 4, 1)).toBe(8);
  });
});
