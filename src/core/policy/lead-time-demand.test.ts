import { describe, expect, it } from "vitest";
import { type EmpiricalDistribution, empirical } from "../distributions/empirical.js";
import { createRng } from "../random.js";
import { leadTimeDemand, leadTimeDemandVariance, sortedSums } from "./lead-time-demand.js";

describe("leadTimeDemandVariance: Var = L·σd² + d²·σL²", () => {
  // Silver, Pyke & Thomas (2017), probabilistic lead time: σ² = E(L)·σ_D² + [E(D)]²·σ_LT².
  // Hand: d = 100, σd = 20, L = 4, σL = 1 → 4·400 + 10 000·1 = 11 600.
  it("hand-computed example", () => {
    const [a, b] = leadTimeDemandVariance(100, 20, 4, 1);
    expect(a).toBe(1600);
    expect(b).toBe(10000);
  });

  it("matches a Monte Carlo of a random sum (seed 11, 200 000 replications, 2 % tolerance)", () => {
    // Lead time 3 or 5 days with probability ½ each (mean 4, variance 1); daily demand N(100, 20²).
    const rng = createRng(11);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const L = rng.next() < 0.5 ? 3 : 5;
      let x = 0;
      for (let k = 0; k < L; k++) x += 100 + 20 * rng.normal();
      s += x;
      s2 += x * x;
    }
    const mean = s / n;
    const v = s2 / n - mean * mean;
    expect(mean).toBeCloseTo(400, 0);
    expect(Math.abs(v / 11600 - 1)).toBeLessThan(0.02);
  });
});

const base = { meanDailyDemand: 10, dailyErrorSd: 4, leadTimeDays: 5, leadTimeSdDays: 1 };

describe("leadTimeDemand: the distribution choice rule", () => {
  it("fast mover → normal with mean d·L and the combined sd", () => {
    const m = leadTimeDemand({ ...base, pattern: "smooth" });
    expect(m.kind).toBe("normal");
    expect(m.mean).toBe(50);
    expect(m.variance).toBeCloseTo(5 * 16 + 100 * 1, 12);
    expect(m.distribution.mean).toBe(50);
    expect(m.reason).toMatch(/fast mover/);
  });

  it("slow mover with variance ≈ mean → Poisson", () => {
    // d = 1, σd = 1, L = 4, σL = 0: mean 4, variance 4 → dispersion 1.
    const m = leadTimeDemand({ meanDailyDemand: 1, dailyErrorSd: 1, leadTimeDays: 4, leadTimeSdDays: 0 });
    expect(m.kind).toBe("poisson");
    expect(m.dispersion).toBeCloseTo(1, 12);
    expect(m.distribution.quantile(0.95)).toBe(8); // R: qpois(0.95, 4)
  });

  it("slow, over-dispersed → negative binomial with the model's mean and variance", () => {
    const m = leadTimeDemand({
      meanDailyDemand: 1,
      dailyErrorSd: 3,
      leadTimeDays: 4,
      leadTimeSdDays: 0,
      pattern: "intermittent",
    });
    expect(m.kind).toBe("negative_binomial");
    expect(m.distribution.mean).toBe(4);
    expect(m.distribution.variance).toBe(36);
    expect(m.reason).toMatch(/over-dispersed/);
  });

  it("no expected demand → point mass at 0", () => {
    const m = leadTimeDemand({ ...base, meanDailyDemand: 0 });
    expect(m.distribution.quantile(0.99)).toBe(0);
    expect(m.reason).toMatch(/no expected demand/);
  });

  it("uses the forecaster's lead-time error sd for the demand part, scaled to R + L", () => {
    const m = leadTimeDemand({ ...base, errorSdOverLeadTime: 6 });
    expect(m.demandVariance).toBeCloseTo(36, 12);
    const p = leadTimeDemand({ ...base, errorSdOverLeadTime: 6 }, { extraDays: 5 });
    expect(p.demandVariance).toBeCloseTo(72, 12);
    expect(p.mean).toBe(100);
    expect(p.horizonDays).toBe(10);
  });

  it("forceKind overrides the rule", () => {
    expect(leadTimeDemand(base, { forceKind: "poisson" }).kind).toBe("poisson");
  });
});

/** A lumpy 120-day history: demand every ~4th day, sizes 1..30. */
function lumpyHistory(seed: number): Float64Array {
  const rng = createRng(seed);
  const h = new Float64Array(120);
  for (let i = 0; i < h.length; i++) h[i] = rng.next() < 0.25 ? 1 + rng.int(30) : 0;
  return h;
}

describe("leadTimeDemand: bootstrap for lumpy items", () => {
  it("is deterministic for a seed and changes with it", () => {
    const h = lumpyHistory(3);
    const a = leadTimeDemand({ ...base, history: h, pattern: "lumpy" }, { seed: 5 });
    const b = leadTimeDemand({ ...base, history: h, pattern: "lumpy" }, { seed: 5 });
    const c = leadTimeDemand({ ...base, history: h, pattern: "lumpy" }, { seed: 6 });
    expect(a.kind).toBe("empirical");
    const sa = (a.distribution as EmpiricalDistribution).sorted;
    expect(Array.from(sa)).toEqual(Array.from((b.distribution as EmpiricalDistribution).sorted));
    expect(Array.from(sa)).not.toEqual(Array.from((c.distribution as EmpiricalDistribution).sorted));
    expect(a.bootstrap?.leadTimeSource).toBe("normal_lead_time");
  });

  it("rescales to the forecast level: bootstrap mean ≈ d·L", () => {
    const h = lumpyHistory(4);
    const m = leadTimeDemand({ ...base, history: h, pattern: "lumpy" }, { bootstrapReplicates: 20000 });
    // Sampling error of the mean of 20 000 windows is well under 5 %.
    expect(Math.abs(m.distribution.mean / 50 - 1)).toBeLessThan(0.05);
  });

  it("draws window lengths from the observed lead times (constant history makes sums exact)", () => {
    const h = new Float64Array(100).fill(2);
    const m = leadTimeDemand(
      {
        ...base,
        meanDailyDemand: 2,
        history: h,
        pattern: "lumpy",
        leadTimeSamples: new Float64Array([2, 4]),
      },
      { bootstrapReplicates: 1000 },
    );
    const values = new Set((m.distribution as EmpiricalDistribution).sorted);
    expect([...values].sort()).toEqual([4, 8]);
    expect(m.bootstrap?.leadTimeSource).toBe("observed_lead_times");
    expect(m.bootstrap?.scale).toBe(1);
  });

  it("adds the review period to every window", () => {
    const h = new Float64Array(100).fill(1);
    const m = leadTimeDemand(
      { ...base, meanDailyDemand: 1, history: h, pattern: "lumpy", leadTimeSamples: new Float64Array([3]) },
      { extraDays: 7, bootstrapReplicates: 50 },
    );
    expect((m.distribution as EmpiricalDistribution).sorted[0]).toBe(10);
  });

  it("equals the reference bootstrap (draw, scale, then sort a copy) value for value", () => {
    // the reference: the procedure as it was before the sorted fast path, each replicate scaled as drawn
    // and the sample handed to empirical(), which sorts a copy
    const reference = (
      h: Float64Array,
      d: number,
      L: number,
      sdL: number,
      R: number,
      seed: number,
      B: number,
      lts?: Float64Array,
    ) => {
      const rng = createRng(seed);
      const prefix = new Float64Array(h.length + 1);
      for (let i = 0; i < h.length; i++) prefix[i + 1] = prefix[i]! + h[i]!;
      const scale = d / (prefix[h.length]! / h.length);
      const maxWindow = lts
        ? Math.max(1, ...Array.from(lts, Math.round)) + R
        : Math.max(1, Math.round(L + 4 * sdL)) + R;
      const out = new Float64Array(B);
      let total = 0;
      for (let b = 0; b < B; b++) {
        const ell = lts
          ? Math.max(1, Math.round(lts[rng.int(lts.length)]!))
          : Math.min(maxWindow - R, Math.max(1, Math.round(L + sdL * rng.normal())));
        const start = rng.int(h.length - (ell + R) + 1);
        const sum = prefix[start + ell + R]! - prefix[start]!;
        out[b] = sum * scale;
        total += out[b]!;
      }
      return { dist: empirical(out), sampleMean: total / B };
    };
    const rng = createRng(21);
    for (let trial = 0; trial < 30; trial++) {
      const n = 120 + rng.int(900);
      const h = new Float64Array(n);
      const big = trial % 3 === 0 ? 5000 : 30; // wide ranges take the typed-array sort
      for (let i = 0; i < n; i++) h[i] = rng.next() < 0.2 ? 1 + rng.int(big) : 0;
      if (trial % 5 === 1) for (let i = 0; i < n; i++) h[i] = h[i]! * 0.37; // not whole units
      const d = 0.5 + 20 * rng.next();
      const L = 1 + rng.int(20);
      const sdL = 3 * rng.next();
      const R = rng.int(8);
      const lts = trial % 4 === 2 ? Float64Array.from({ length: 5 }, () => 1 + rng.int(15)) : undefined;
      const seed = rng.int(1e6);
      const B = 500 + rng.int(3000);
      // the lead time, then the protection interval: the second reuses the first's draws (same seed)
      for (const extra of [0, R, R + 3]) {
        const fast = leadTimeDemand(
          {
            meanDailyDemand: d,
            dailyErrorSd: 1,
            leadTimeDays: L,
            leadTimeSdDays: sdL,
            history: h,
            pattern: "lumpy",
            ...(lts ? { leadTimeSamples: lts } : {}),
          },
          { extraDays: extra, seed, bootstrapReplicates: B },
        );
        expect(fast.kind).toBe("empirical");
        const ref = reference(h, d, L, sdL, extra, seed, B, lts);
        const got = fast.distribution as EmpiricalDistribution;
        expect(Array.from(got.sorted)).toEqual(Array.from(ref.dist.sorted));
        expect(got.mean).toBe(ref.dist.mean);
        expect(got.variance).toBe(ref.dist.variance);
        expect(fast.bootstrap?.sampleMean).toBe(ref.sampleMean);
      }
      if (lts) lts[0] = lts[0]! + 1; // the same array, changed in place: new draws, not the kept ones
      const changed = leadTimeDemand(
        {
          meanDailyDemand: d,
          dailyErrorSd: 1,
          leadTimeDays: L,
          leadTimeSdDays: sdL,
          history: h,
          pattern: "lumpy",
          ...(lts ? { leadTimeSamples: lts } : {}),
        },
        { extraDays: R, seed, bootstrapReplicates: B },
      );
      expect(Array.from((changed.distribution as EmpiricalDistribution).sorted)).toEqual(
        Array.from(reference(h, d, L, sdL, R, seed, B, lts).dist.sorted),
      );
    }
  });

  it("sortedSums equals the typed-array sort (counting sort for narrow whole numbers)", () => {
    const rng = createRng(9);
    const cases: Float64Array[] = [
      new Float64Array(0),
      Float64Array.of(3),
      Float64Array.of(0, -0, 0, 2),
      Float64Array.of(-3, 5, -3, 0, 7),
      Float64Array.of(1.5, 0.5, 2),
      Float64Array.of(1e9, 0, 5),
    ];
    for (let i = 0; i < 40; i++) {
      const width = [3, 100, 5000, 1e7][i % 4]!;
      cases.push(
        Float64Array.from(
          { length: 1 + rng.int(3000) },
          () => rng.int(width) - (i % 8 === 5 ? width / 2 : 0),
        ),
      );
    }
    for (const c of cases) {
      const got = sortedSums(c);
      const want = c.slice().sort();
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(Object.is(got[i], want[i])).toBe(true);
    }
  });

  it("falls back with a reason when the history is too short", () => {
    const m = leadTimeDemand({ ...base, history: new Float64Array(20).fill(3), pattern: "lumpy" });
    expect(m.kind).toBe("normal");
    expect(m.reason).toMatch(/20 days/);
  });
  it("falls back to a normal when a negative binomial is too dispersed to tabulate", () => {
    const r = leadTimeDemand({
      meanDailyDemand: 1,
      dailyErrorSd: 2000,
      leadTimeDays: 7,
      leadTimeSdDays: 0,
      pattern: "erratic",
    });
    expect(r.kind).toBe("normal");
    expect(r.reason).toMatch(/too wide to tabulate/);
    expect(r.distribution.mean).toBeCloseTo(7, 9);
    expect(r.distribution.variance).toBeCloseTo(7 * 2000 * 2000, 3);
  });
});
