import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tabulate } from "./discrete.js";
import { logGamma } from "./log-gamma.js";
import { negativeBinomial, walkCannotEnd } from "./negative-binomial.js";
import { poisson } from "./poisson.js";

const close = (a: number, b: number, relTol: number, absTol = 1e-25): boolean =>
  Math.abs(a - b) <= relTol * Math.abs(b) + absTol;

describe("logGamma (Lanczos)", () => {
  // R: x <- c(0.1, 0.5, 1.5, 7.3, 31.5, 100, 1000.5, 1e6); sprintf("%.17g", lgamma(x))
  const table: [number, number][] = [
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247001],
    [1.5, -0.12078223763524518],
    [7.3, 7.147892523022249],
    [31.5, 76.37119786778275],
    [100, 359.1342053695754],
    [1000.5, 5908.674175848678],
    [1e6, 12815504.569147611],
  ];
  it.each(table)("lnΓ(%s) matches R to 1e-13 relative", (x, v) => {
    expect(close(logGamma(x), v, 1e-13, 1e-14)).toBe(true);
  });
  it("is exact on factorials: lnΓ(11) = ln 10!", () => {
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
  });
});

// Reference values from R 4.x; loss by direct summation in R:
//   loss <- function(d, r, upto) sum(pmax(0:upto - r, 0) * d(0:upto))
//   sprintf("[%s,%s,%.17g,%.17g,%.17g]", l, k, dpois(k, l), ppois(k, l),
//           loss(function(j) dpois(j, l), k, ceiling(l + 60 * sqrt(l) + 60)))
const poissonTable: [number, number, number, number, number][] = [
  [0.3, 0, 0.7408182206817179, 0.7408182206817179, 0.3],
  [0.3, 1, 0.22224546620451535, 0.9630636868862332, 0.04081822068171787],
  [0.3, 3, 0.0033336819930677307, 0.9997341888099782, 0.00028241438486162183],
  [4, 0, 0.01831563888873418, 0.01831563888873418, 4],
  [4, 1, 0.07326255555493674, 0.09157819444367093, 3.018315638888734],
  [4, 2, 0.14652511110987346, 0.23810330555354436, 2.1098938333324053],
  [4, 4, 0.1953668148131646, 0.6288369351798735, 0.7814672592526585],
  [4, 8, 0.02977018130486318, 0.9786365655120158, 0.033626987267516055],
  [4, 14, 0.00005639668786062066, 0.9999800682725173, 0.000026269476615382363],
  [25, 0, 1.3887943864964021e-11, 1.3887943864964021e-11, 25],
  [25, 1, 3.471985966241006e-10, 3.6108654048906463e-10, 24.000000000013888],
  [25, 12, 0.0017281486340165585, 0.0031441216080975876, 13.002330134945145],
  [25, 25, 0.07952295146806544, 0.5529214200244148, 1.9880737867016363],
  [25, 35, 0.011384281016307627, 0.9775419142541294, 0.060026167948984896],
  [25, 50, 0.0000036021642652022015, 0.9999966488590176, 0.000006275582069707608],
  [900, 450, 2.019317348207996e-62, 4.029757899653467e-62, 450],
  [900, 900, 0.013296844767100208, 0.5088641254682182, 11.967160290390188],
  [900, 960, 0.00181899291753683, 0.9772595067162619, 0.27266402875886325],
  [900, 1050, 8.716138484319148e-8, 0.9999994988557632, 0.0000032736108368502434],
];

describe("poisson", () => {
  it.each(poissonTable)("λ=%s, k=%s: pmf, cdf and loss match R", (l, k, pmf, cdf, loss) => {
    const d = poisson(l);
    expect(close(d.pmf(k), pmf, 1e-10, 1e-20)).toBe(true);
    expect(Math.abs(d.cdf(k) - cdf)).toBeLessThan(1e-12);
    expect(close(d.loss(k), loss, 1e-9, 1e-14)).toBe(true);
  });

  // R: qpois(p, l)
  const quantiles: [number, number, number][] = [
    [0.3, 0.5, 0],
    [0.3, 0.9, 1],
    [0.3, 0.99, 2],
    [0.3, 0.999, 3],
    [4, 0.5, 4],
    [4, 0.9, 7],
    [4, 0.95, 8],
    [4, 0.99, 9],
    [25, 0.95, 33],
    [25, 0.999, 42],
    [900, 0.5, 900],
    [900, 0.95, 950],
    [900, 0.999, 994],
  ];
  it.each(quantiles)("λ=%s: quantile(%s) = %s as qpois", (l, p, q) => {
    expect(poisson(l).quantile(p)).toBe(q);
  });

  it("Poisson(4): p(2) = e⁻⁴·4²/2! computed exactly by hand", () => {
    expect(poisson(4).pmf(2)).toBeCloseTo(Math.exp(-4) * 8, 15);
  });

  it("λ = 0 is the point mass at 0", () => {
    const d = poisson(0);
    expect(d.cdf(0)).toBe(1);
    expect(d.loss(0)).toBe(0);
    expect(d.quantile(0.99)).toBe(0);
  });

  it("loss obeys E[(X−r)+] = λ·P(X ≥ r) − r·P(X > r) for λ in (0, 60)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 60, noNaN: true }),
        fc.integer({ min: 0, max: 120 }),
        (l, r) => {
          const d = poisson(l);
          const expected = l * (1 - d.cdf(r - 1)) - r * (1 - d.cdf(r));
          return Math.abs(d.loss(r) - expected) < 1e-9;
        },
      ),
    );
  });

  it("rejects negative means", () => {
    expect(() => poisson(-1)).toThrow(RangeError);
  });
});

// R: s <- m^2/(v-m); pr <- m/v; dnbinom(k, size = s, prob = pr), pnbinom(...), loss as above
const nbTable: [number, number, number, number, number, number][] = [
  [2, 5, 0, 0.294722519891231, 0.294722519891231, 1.9999999999999996],
  [2, 5, 1, 0.23577801591298472, 0.5305005358042157, 1.2947225198912307],
  [2, 5, 2, 0.16504461113908925, 0.6955451469433052, 0.8252230556954465],
  [2, 5, 6, 0.028989169032074647, 0.9518557603842854, 0.1263039008899635],
  [2, 5, 13, 0.0010306731522852235, 0.9983673168934963, 0.004199958602592583],
  [3.5, 40, 0, 0.44148963397281177, 0.44148963397281177, 3.500000000000001],
  [3.5, 40, 1, 0.1352062004041736, 0.5766958343769852, 2.9414896339728123],
  [3.5, 40, 4, 0.044539298259393074, 0.7621585483506115, 1.8948918311892948],
  [3.5, 40, 16, 0.006035930850785882, 0.9529751271027036, 0.4404530230069592],
  [3.5, 40, 35, 0.0006323587401406797, 0.9943984170892357, 0.05657433405276223],
  [12, 30, 0, 0.0006553600000000003, 0.0006553599999999999, 11.999999999999998],
  [12, 30, 6, 0.05246923309056004, 0.15014010290175994, 6.201013277491198],
  [12, 30, 12, 0.07188231510187573, 0.5841070624424646, 2.1564694530562707],
  [12, 30, 23, 0.010536437600043153, 0.9670123186034882, 0.12707985304037783],
  [12, 30, 39, 0.00007815068249766331, 0.9998179080704096, 0.0005931410171440064],
  [200, 2500, 0, 8.381159806887203e-20, 8.381159806887148e-20, 200.00000000000003],
  [200, 2500, 100, 0.0007455517233076389, 0.00918272747573024, 100.08822207889231],
  [200, 2500, 200, 0.007940444594890645, 0.5358911640222371, 19.85111148722661],
  [200, 2500, 300, 0.0011652528734390516, 0.9665727657314738, 0.9104495611999044],
  [200, 2500, 450, 0.000002846151802223476, 0.9999434147701078, 0.0011517584639003724],
];

describe("negativeBinomial(mean, variance)", () => {
  it.each(nbTable)("μ=%s, v=%s, k=%s: pmf, cdf and loss match R", (m, v, k, pmf, cdf, loss) => {
    const d = negativeBinomial(m, v);
    expect(close(d.pmf(k), pmf, 1e-10, 1e-20)).toBe(true);
    expect(Math.abs(d.cdf(k) - cdf)).toBeLessThan(1e-12);
    expect(close(d.loss(k), loss, 1e-9, 1e-14)).toBe(true);
  });

  // R: qnbinom(p, size = m^2/(v-m), prob = m/v)
  const quantiles: [number, number, number, number][] = [
    [2, 5, 0.5, 1],
    [2, 5, 0.95, 6],
    [2, 5, 0.99, 10],
    [3.5, 40, 0.9, 10],
    [3.5, 40, 0.95, 16],
    [3.5, 40, 0.99, 30],
    [12, 30, 0.5, 11],
    [12, 30, 0.95, 22],
    [200, 2500, 0.5, 196],
    [200, 2500, 0.95, 288],
    [200, 2500, 0.99, 334],
  ];
  it.each(quantiles)("μ=%s, v=%s: quantile(%s) = %s as qnbinom", (m, v, p, q) => {
    expect(negativeBinomial(m, v).quantile(p)).toBe(q);
  });

  it("reproduces its mean and variance from the tabulated mass", () => {
    const d = negativeBinomial(3.5, 40);
    let m = 0;
    let m2 = 0;
    for (let k = d.lo; k <= d.hi; k++) {
      m += k * d.pmf(k);
      m2 += k * k * d.pmf(k);
    }
    expect(m).toBeCloseTo(3.5, 10);
    expect(m2 - m * m).toBeCloseTo(40, 8);
  });

  it("rejects variance ≤ mean", () => {
    expect(() => negativeBinomial(5, 5)).toThrow(RangeError);
    expect(() => negativeBinomial(0, 5)).toThrow(RangeError);
  });
});

describe("tabulate's reused walk buffers", () => {
  it("a table is the same before and after a too-wide refusal grew the buffers, and matches dnbinom term by term", () => {
    const pmfOf = (d: ReturnType<typeof negativeBinomial>) =>
      Array.from({ length: d.hi - d.lo + 1 }, (_, i) => d.pmf(d.lo + i));
    const before = negativeBinomial(40, 900);
    const table = pmfOf(before);
    expect(() => negativeBinomial(1, 2e8)).toThrow(/too wide/);
    const after = negativeBinomial(40, 900);
    expect(pmfOf(after)).toEqual(table);
    expect([after.lo, after.hi]).toEqual([before.lo, before.hi]);
    // independent: R's dnbinom(k, size, prob) from log-gamma, where the mass is not negligible
    const size = (40 * 40) / (900 - 40);
    const prob = 40 / 900;
    for (let k = 0; k <= 200; k += 7) {
      const ref = Math.exp(
        logGamma(k + size) - logGamma(size) - logGamma(k + 1) + size * Math.log(prob) + k * Math.log1p(-prob),
      );
      expect(Math.abs(after.pmf(k) - ref)).toBeLessThan(1e-12 * Math.max(ref, 1e-3));
    }
  });
});

describe("negative binomial: refusing a too-wide table without walking it", () => {
  // the table as negativeBinomial builds it, without the up-front check: the reference
  const walked = (mean: number, variance: number) => {
    const p = mean / variance;
    const size = (mean * mean) / (variance - mean);
    const q = 1 - p;
    const lg = logGamma(size);
    return () =>
      tabulate({
        kind: "negative_binomial",
        mean,
        variance,
        mode: size > 1 ? Math.floor(((size - 1) * q) / p) : 0,
        logPmf: (k) => logGamma(k + size) - lg - logGamma(k + 1) + size * Math.log(p) + k * Math.log1p(-p),
        ratio: (k) => ((k + size) / (k + 1)) * q,
        limitRatio: q,
      });
  };
  const decides = (mean: number, variance: number) => {
    const p = mean / variance;
    const size = (mean * mean) / (variance - mean);
    const mode = size > 1 ? Math.floor(((size - 1) * (1 - p)) / p) : 0;
    return walkCannotEnd(mode, size, Math.log(p), Math.log1p(-p));
  };
  it("refuses only tables the walk would refuse, and agrees with it across the boundary", () => {
    let refused = 0;
    let agreed = 0;
    for (const mean of [0.05, 0.5, 1, 3, 20, 300, 5000]) {
      for (let e = 0.2; e <= 9; e += 0.4) {
        const variance = mean * (1 + 10 ** e);
        const walkThrows = (() => {
          try {
            walked(mean, variance)();
            return false;
          } catch (err) {
            expect(err).toBeInstanceOf(RangeError);
            return true;
          }
        })();
        if (decides(mean, variance)) {
          expect(walkThrows).toBe(true);
          expect(() => negativeBinomial(mean, variance)).toThrow(/too wide to tabulate/);
          refused++;
        } else if (!walkThrows) {
          expect(negativeBinomial(mean, variance).hi).toBe(walked(mean, variance)().hi);
        }
        if (decides(mean, variance) === walkThrows) agreed++;
      }
    }
    expect(refused).toBeGreaterThan(20);
    // the bound is close: it misses (and walks) only tables within a few powers of ten of the limit
    expect(agreed).toBeGreaterThan(7 * 23 - 12);
  });
});
