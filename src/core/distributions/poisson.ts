import { type TabulatedCount, tabulate } from "./discrete.js";
import { logGamma } from "./log-gamma.js";

/**
 * Poisson distribution with mean λ ≥ 0 (units): p(k) = e^{−λ} λ^k / k!, variance λ. Used for slow
 * movers whose lead-time demand variance is close to its mean (Silver, Pyke & Thomas 2017, §6.7 and
 * App. B; Axsäter, "Inventory Control", 3rd ed., §5.3). pmf, cdf, quantile and loss
 * E[(X − r)+] = λ·P(X ≥ r) − r·P(X > r) are tabulated (see discrete.ts).
 */
export function poisson(lambda: number): TabulatedCount {
  if (!(lambda >= 0) || !Number.isFinite(lambda))
    throw new RangeError(`Poisson mean must be ≥ 0, got ${lambda}`);
  if (lambda === 0) {
    return tabulate({
      kind: "poisson",
      mean: 0,
      variance: 0,
      mode: 0,
      logPmf: () => 0,
      ratio: () => 0,
      limitRatio: 0,
    });
  }
  return tabulate({
    kind: "poisson",
    mean: lambda,
    variance: lambda,
    mode: Math.floor(lambda),
    logPmf: (k) => k * Math.log(lambda) - lambda - logGamma(k + 1),
    ratio: (k) => lambda / (k + 1),
    limitRatio: 0,
  });
}
