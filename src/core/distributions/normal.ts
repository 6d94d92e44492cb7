import type { DemandDistribution } from "./distribution.js";

/**
 * The standard normal distribution: density, distribution function, quantile, and the standard
 * normal loss function used for fill-rate (type 2 service) safety stocks.
 *
 * - Φ(x) uses W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations for
 *   the error function", Math. Comp. 23 (1969) 631–637), in the arrangement of R's `pnorm` (nmath
 *   pnorm.c), accurate to about 1e-16 relative in both tails.
 * - Φ⁻¹(p) is Wichura's algorithm AS 241 PPND16 (Applied Statistics 37 (1988) 477–484), about
 *   1e-16 relative accuracy.
 * - G(z) = φ(z) − z·(1 − Φ(z)), the unit normal loss function E[(Z − z)+] (Silver, Pyke & Thomas,
 *   "Inventory and Production Management in Supply Chains", 4th ed., 2017, App. B; Nahmias calls it
 *   L(z)).
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const INV_SQRT_2PI = 1 / SQRT_2PI;

/** Standard normal density φ(x) = exp(−x²/2)/√(2π). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

// Coefficients as published (Cody 1969 / R nmath), written as their nearest double-precision values.
const A = [
  2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356, 0.06568233791820745,
];
const B = [47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673];
const C = [
  0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726,
  6848.190450536283, 11602.65143764735, 9842.714838383978, 1.0765576773720192e-8,
];
const D = [
  22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097,
  34900.95272114598, 38912.00328609327, 19685.429676859992,
];
const P = [
  0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934,
  0.000029112874951168793, 0.023073441764940174,
];
const Q = [
  1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662,
];

/** Lower and upper tail [Φ(x), 1 − Φ(x)], each computed without cancellation (Cody 1969). */
export function normalTails(x: number): [number, number] {
  if (Number.isNaN(x)) return [Number.NaN, Number.NaN];
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > 1.1102230246251565e-16) {
      const xsq = x * x;
      xnum = A[4]! * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + A[i]!) * xsq;
        xden = (xden + B[i]!) * xsq;
      }
    }
    const t = (x * (xnum + A[3]!)) / (xden + B[3]!);
    return [0.5 + t, 0.5 - t];
  }
  let tail: number;
  if (y <= Math.sqrt(32)) {
    let xnum = C[8]! * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + C[i]!) * y;
      xden = (xden + D[i]!) * y;
    }
    tail = (xnum + C[7]!) / (xden + D[7]!);
  } else if (y < 38.5) {
    const xsq = 1 / (x * x);
    let xnum = P[5]! * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + P[i]!) * xsq;
      xden = (xden + Q[i]!) * xsq;
    }
    tail = (xsq * (xnum + P[4]!)) / (xden + Q[4]!);
    tail = (INV_SQRT_2PI - tail) / y;
  } else {
    return x > 0 ? [1, 0] : [0, 1];
  }
  // exp(−y²/2) split as exp(−ys²/2)·exp(−(y−ys)(y+ys)/2) with ys = y rounded to 1/16 (Cody's trick).
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  const small = Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5) * tail;
  return x > 0 ? [1 - small, small] : [small, 1 - small];
}

/** Standard normal distribution function Φ(x). */
export function normalCdf(x: number): number {
  return normalTails(x)[0];
}

/** Standard normal survival function 1 − Φ(x), accurate in the upper tail. */
export function normalSurvival(x: number): number {
  return normalTails(x)[1];
}

/**
 * Standard normal quantile Φ⁻¹(p) for p in [0, 1] (Wichura 1988, AS 241, PPND16).
 * Returns −∞ at 0, +∞ at 1; throws RangeError outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301227 + 33430.57558358813) * r + 67265.7709270087) * r + 45921.95393154987) *
          r +
          13731.69376550946) *
          r +
          1971.5909503065513) *
          r +
          133.14166789178438) *
          r +
          3.3871328727963665)) /
      (((((((r * 5226.495278852546 + 28729.085735721943) * r + 39307.89580009271) * r + 21213.794301586597) *
        r +
        5394.196021424751) *
        r +
        687.1870074920579) *
        r +
        42.31333070160091) *
        r +
        1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 0.0007745450142783414 + 0.022723844989269184) * r + 0.2417807251774506) * r +
        1.2704582524523684) *
        r +
        3.6478483247632045) *
        r +
        5.769497221460691) *
        r +
        4.630337846156546) *
        r +
        1.4234371107496835) /
      (((((((r * 1.0507500716444169e-9 + 0.0005475938084995345) * r + 0.015198666563616457) * r +
        0.14810397642748008) *
        r +
        0.6897673349851) *
        r +
        1.6763848301838038) *
        r +
        2.053191626637759) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.0103343992922881e-7 + 0.000027115555687434876) * r + 0.0012426609473880784) * r +
        0.026532189526576124) *
        r +
        0.29656057182850487) *
        r +
        1.7848265399172913) *
        r +
        5.463784911164114) *
        r +
        6.657904643501103) /
      (((((((r * 2.0442631033899397e-15 + 1.421511758316446e-7) * r + 0.000018463183175100548) * r +
        0.0007868691311456133) *
        r +
        0.014875361290850615) *
        r +
        0.1369298809227358) *
        r +
        0.599832206555888) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/**
 * Standard normal loss function G(z) = E[(Z − z)+] = φ(z) − z·(1 − Φ(z)), in units of σ
 * (Silver, Pyke & Thomas 2017, App. B, eq. B.6; Nahmias's L(z)). For z < 0 it uses the identity
 * G(z) = G(−z) − z, so the tail term is always computed without cancellation.
 */
export function normalLoss(z: number): number {
  if (z < 0) return normalLoss(-z) - z;
  return normalPdf(z) - z * normalSurvival(z);
}

/**
 * Inverse of the standard normal loss: the z with G(z) = g, for g > 0 (G is strictly decreasing from
 * +∞ to 0). Newton's method on log G (G'(z) = −(1 − Φ(z))), started from a bracketing bisection;
 * converges to ~1e-14 relative. Throws RangeError for g ≤ 0 or non-finite g.
 */
export function normalLossInverse(g: number): number {
  if (!(g > 0) || !Number.isFinite(g))
    throw new RangeError(`loss must be a positive finite number, got ${g}`);
  // Bracket: G(z) ≥ −z for all z, and G(z) ≤ φ(z)/z² ... use a simple expanding bracket.
  let lo = -1;
  while (normalLoss(lo) < g) lo *= 2;
  let hi = 1;
  while (normalLoss(hi) > g && hi < 40) hi *= 2;
  if (normalLoss(hi) > g) return hi;
  // Bisection to a narrow bracket, then Newton on h(z) = ln G(z) − ln g (well scaled in the tail).
  for (let i = 0; i < 30; i++) {
    const mid = 0.5 * (lo + hi);
    if (normalLoss(mid) > g) lo = mid;
    else hi = mid;
  }
  let z = 0.5 * (lo + hi);
  for (let i = 0; i < 50; i++) {
    const G = normalLoss(z);
    const step = ((Math.log(G) - Math.log(g)) * G) / normalSurvival(z);
    let next = z + step;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (normalLoss(next) > g) lo = next;
    else hi = next;
    if (Math.abs(next - z) <= 1e-15 * Math.max(1, Math.abs(z))) return next;
    z = next;
  }
  return z;
}

/**
 * A normal lead-time-demand distribution with mean μ and standard deviation σ ≥ 0 (units):
 * cdf(x) = Φ((x − μ)/σ), quantile(p) = μ + σ·Φ⁻¹(p), loss(r) = σ·G((r − μ)/σ)
 * (Silver, Pyke & Thomas 2017, ch. 7: expected shortage per replenishment cycle ESPRC = σ_L·G(k)). σ = 0 is the point mass at μ.
 */
export function normal(mean: number, sd: number): DemandDistribution {
  if (!Number.isFinite(mean)) throw new RangeError(`normal mean must be finite, got ${mean}`);
  if (!(sd >= 0) || !Number.isFinite(sd)) throw new RangeError(`normal sd must be ≥ 0, got ${sd}`);
  if (sd === 0) {
    return {
      kind: "normal",
      discrete: false,
      mean,
      variance: 0,
      cdf: (x) => (x >= mean ? 1 : 0),
      quantile: (p) => {
        if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
        return mean;
      },
      loss: (r) => Math.max(0, mean - r),
    };
  }
  return {
    kind: "normal",
    discrete: false,
    mean,
    variance: sd * sd,
    cdf: (x) => normalCdf((x - mean) / sd),
    quantile: (p) => mean + sd * normalQuantile(p),
    loss: (r) => sd * normalLoss((r - mean) / sd),
  };
}
