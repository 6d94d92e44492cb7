import { type TabulatedCount, tabulate } from "./discrete.js";
import { logGamma } from "./log-gamma.js";

/**
 * Negative binomial distribution parameterised by its mean μ and variance v > μ (units), for
 * over-dispersed counts (Agrawal & Smith 1996, "Estimating negative binomial demand for retail
 * inventory management with unobservable lost sales", NRL 43; Axsäter 2015 §5.3.3):
 * size n = μ² / (v − μ), success probability p = μ / v,
 * p(k) = Γ(k + n) / (Γ(n)·k!) · p^n · (1 − p)^k (R's dnbinom(k, size = n, prob = p)).
 * Throws RangeError when v ≤ μ (not over-dispersed: use the Poisson).
 */
export function negativeBinomial(mean: number, variance: number): TabulatedCount {
  if (!(mean > 0) || !Number.isFinite(mean))
    throw new RangeError(`negative binomial mean must be > 0, got ${mean}`);
  if (!(variance > mean) || !Number.isFinite(variance))
    throw new RangeError(`negative binomial needs variance > mean, got mean ${mean}, variance ${variance}`);
  const p = mean / variance;
  const size = (mean * mean) / (variance - mean);
  const q = 1 - p;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const lgSize = logGamma(size);
  return tabulate({
    kind: "negative_binomial",
    mean,
    variance,
    mode: size > 1 ? Math.floor(((size - 1) * q) / p) : 0,
    logPmf: (k) => logGamma(k + size) - lgSize - logGamma(k + 1) + size * logP + k * logQ,
    ratio: (k) => ((k + size) / (k + 1)) * q,
    limitRatio: q,
  });
}
