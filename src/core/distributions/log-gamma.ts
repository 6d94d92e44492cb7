/**
 * ln Γ(x) for x > 0 by the Lanczos approximation with g = 7, n = 9 (C. Lanczos, "A precision
 * approximation of the gamma function", SIAM J. Numer. Anal. B 1 (1964) 86–96; coefficients as in
 * Press et al. / Godfrey), relative accuracy about 1e-15. Small integers use the exact factorial.
 */
const G = 7;
const COEF = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];

const FACT_LOG: number[] = [0];
for (let i = 1; i <= 30; i++) FACT_LOG.push(FACT_LOG[i - 1]! + Math.log(i));

/** ln Γ(x), x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  if (Number.isInteger(x) && x <= 31) return FACT_LOG[x - 1]!;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = COEF[0]!;
  const t = z + G + 0.5;
  for (let i = 1; i < G + 2; i++) a += COEF[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}
