import { MAX_SPAN, TAIL, type TabulatedCount, tabulate } from "./discrete.js";
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
  const mode = size > 1 ? Math.floor(((size - 1) * q) / p) : 0;
  if (walkCannotEnd(mode, size, logP, logQ)) throw new RangeError("distribution too wide to tabulate");
  return tabulate({
    kind: "negative_binomial",
    mean,
    variance,
    mode,
    logPmf: (k) => logGamma(k + size) - lgSize - logGamma(k + 1) + size * logP + k * logQ,
    ratio: (k) => ((k + size) / (k + 1)) * q,
    limitRatio: q,
  });
}

/**
 * True when tabulate's upward walk from the mode could not stop within MAX_SPAN terms, so it would
 * refuse the distribution after walking them all (≈ 200,000 ratio calls for a variance/mean of 10⁸):
 * the same refusal, decided in O(1). Past the mode the ratios r_k = (k + n)/(k + 1)·(1 − p) are ≤ 1,
 * so the walk's running product falls monotonically to its value after K = MAX_SPAN + 1 terms,
 * ln Q_K = K·ln(1 − p) + ln Γ(mode + K + n) − ln Γ(mode + n) − ln Γ(mode + K + 1) + ln Γ(mode + 1);
 * the walk stops only when Q·b/(1 − b) < TAIL with b ≥ 1 − p, so Q_K·(1 − p)/p ≥ e·TAIL (a margin
 * of a factor e for rounding) means it cannot stop.
 */
export function walkCannotEnd(mode: number, size: number, logP: number, logQ: number): boolean {
  const K = MAX_SPAN + 1;
  const logQK =
    K * logQ +
    logGamma(mode + K + size) -
    logGamma(mode + size) -
    logGamma(mode + K + 1) +
    logGamma(mode + 1);
  return logQK + logQ - logP >= Math.log(TAIL) + 1;
}
