import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/labels/agreement/random";
import { kolmogorovSurvival, ksAgainstQuantiles, ksPValue, ksTwoSample } from "@/lib/serve/drift/ks";

/**
 * The Kolmogorov CDF by its other, theta-function series (Kolmogorov 1933;
 * also NR3 §6.14): P(K ≤ λ) = √(2π)/λ Σ_{j≥1} e^(−(2j−1)²π²/(8λ²)).
 * It converges fast where the alternating series under test is slow, and
 * shares no code with it.
 */
function kolmogorovCdf(lambda: number): number {
  let s = 0;
  for (let j = 1; j <= 50; j++) s += Math.exp(-((2 * j - 1) ** 2) * Math.PI ** 2 / (8 * lambda * lambda));
  return (Math.sqrt(2 * Math.PI) / lambda) * s;
}

/** D by brute force: both empirical CDFs evaluated at every pooled value. */
function bruteD(x: number[], y: number[]): number {
  const ecdf = (s: number[], t: number) => s.filter((v) => v <= t).length / s.length;
  return Math.max(...[...x, ...y].map((t) => Math.abs(ecdf(x, t) - ecdf(y, t))));
}

function sample(seed: number, n: number, f: (u: number) => number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => f(rng.float()));
}

describe("Kolmogorov distribution", () => {
  it.each([0.3, 0.5, 0.8, 1, 1.2, 1.5, 2, 3])("Q_KS(%d) = 1 − the theta-series CDF", (lambda) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(1 - kolmogorovCdf(lambda), 12);
  });

  /*
   * Published asymptotic critical values: Smirnov (1948), "Table for
   * estimating the goodness of fit of empirical distributions", Annals of
   * Mathematical Statistics 19(2) 279–281: P(K > 1.2238) = 0.10,
   * P(K > 1.3581) = 0.05, P(K > 1.6276) = 0.01, and K(1.00) = 0.7300.
   * (scipy 1.17 stats.kstwobign.sf gives 0.100023, 0.0499996, 0.0100015, 0.2699997.)
   */
  it.each([
    [1.2238, 0.1],
    [1.3581, 0.05],
    [1.6276, 0.01],
    [1.0, 0.27],
  ])("Q_KS(%d) ≈ %d (Smirnov 1948)", (lambda, p) => {
    expect(kolmogorovSurvival(lambda)).toBeCloseTo(p, 4);
  });

  it("is 1 at λ = 0 and falls to 0", () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    expect(kolmogorovSurvival(0.1)).toBe(1);
    expect(kolmogorovSurvival(10)).toBeLessThan(1e-80);
  });

  it("applies Stephens' correction λ = (√Ne + 0.12 + 0.11/√Ne)·D", () => {
    // Ne = 25: λ = (5 + 0.12 + 0.022)·0.2 = 1.0284
    expect(ksPValue(0.2, 25)).toBeCloseTo(1 - kolmogorovCdf(1.0284), 12);
  });
});

describe("ksTwoSample", () => {
  /*
   * Hand-worked: x = 1 2 3 4, y = 3 4 5 6 7 8. At t = 2: F_x = 2/4, F_y = 0;
   * at 3: 3/4 and 1/6; at 4: 1 and 2/6, the widest gap, D = 2/3.
   * Ne = 24/10 = 2.4. (scipy.stats.ks_2samp gives statistic 0.6667 too.)
   */
  it("hand-worked D = 2/3", () => {
    const r = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6, 7, 8]);
    expect(r.d).toBeCloseTo(2 / 3, 14);
    expect(r.effectiveN).toBeCloseTo(2.4, 14);
  });

  // Brute force: no published two-sample example with a fixed sample and
  // exact D was at hand, so D is checked against both ECDFs at every point,
  // and p against λ through the independent theta series.
  it.each([
    ["continuous, 5 vs 7", sample(1, 5, (u) => u), sample(2, 7, (u) => u + 0.3)],
    ["continuous, 50 vs 30", sample(3, 50, (u) => -Math.log(1 - u)), sample(4, 30, (u) => 2 * u)],
    ["heavy ties, 200 vs 200", sample(5, 200, (u) => Math.floor(u * 5)), sample(6, 200, (u) => Math.floor(u * u * 5))],
    ["identical samples", [1, 2, 2, 3], [3, 2, 1, 2]],
  ])("%s: D and p by brute force", (_name, x, y) => {
    const r = ksTwoSample(x, y);
    const d = bruteD(x, y);
    expect(r.d).toBeCloseTo(d, 14);
    const ne = (x.length * y.length) / (x.length + y.length);
    const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * d;
    expect(r.pValue).toBeCloseTo(lambda < 0.2 ? 1 : 1 - kolmogorovCdf(lambda), 10);
  });

  it("drops missing values and is NaN for an empty sample", () => {
    expect(ksTwoSample([1, NaN, 2], [1, 2]).d).toBe(0);
    expect(ksTwoSample([NaN], [1, 2]).d).toBeNaN();
  });
});

describe("ksAgainstQuantiles", () => {
  /*
   * With deciles 0, 0.1, …, 1 the piecewise-linear CDF is exactly the
   * uniform CDF G(x) = x, so D is the one-sample statistic against U(0, 1),
   * max_i max(i/n − F(x_(i)), F(x_(i)) − (i − 1)/n) with F(x) = x clamped to
   * [0, 1] (NR §14.3, ksone).
   */
  const uniform = Array.from({ length: 11 }, (_, i) => i / 10);
  const oneSampleUniformD = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const F = (x: number) => Math.min(Math.max(x, 0), 1);
    return Math.max(...s.map((x, i) => Math.max((i + 1) / s.length - F(x), F(x) - i / s.length)));
  };

  it.each([
    ["uniform", sample(11, 40, (u) => u)],
    ["squared uniform", sample(12, 300, (u) => u * u)],
    ["partly outside [0, 1]", sample(13, 25, (u) => 1.4 * u - 0.2)],
  ])("matches the one-sample formula against U(0, 1): %s", (_name, live) => {
    const r = ksAgainstQuantiles(live, uniform);
    expect(r.d).toBeCloseTo(oneSampleUniformD(live), 14);
    expect(r.effectiveN).toBe(live.length);
  });

  /**
   * The piecewise-linear CDF written independently as a sum of per-bin ramps
   * (a vertical step where two quantiles tie), right-continuous.
   */
  const ramps = (q: number[], x: number) =>
    q.slice(0, -1).reduce((s, lo, i) => s + (q[i + 1] === lo ? (x >= lo ? 1 : 0) : Math.min(Math.max((x - lo) / (q[i + 1] - lo), 0), 1)), 0) / (q.length - 1);

  it.each([
    ["skewed deciles", [0, 0.1, 0.2, 0.4, 0.7, 1, 1.5, 2.2, 3, 5, 20], sample(21, 60, (u) => -2 * Math.log(1 - u))],
    ["tied deciles (a 0/1 input)", [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1], sample(22, 80, (u) => (u < 0.45 ? 0 : 1))],
    ["tied inner deciles", [1, 2, 3, 3, 3, 3, 4, 5, 6, 7, 9], sample(23, 50, (u) => Math.round(10 * u))],
  ])("D by brute force for %s", (_name, q, live) => {
    const ecdf = (t: number) => live.filter((v) => v <= t).length / live.length;
    const ecdfBelow = (t: number) => live.filter((v) => v < t).length / live.length;
    const points = [...live, ...q];
    const d = Math.max(...points.flatMap((t) => [Math.abs(ecdf(t) - ramps(q, t)), Math.abs(ecdfBelow(t) - ramps(q, t - 1e-12))]));
    expect(ksAgainstQuantiles(live, q).d).toBeCloseTo(d, 9);
  });

  it("with the training count, uses the two-sample effective size", () => {
    const r = ksAgainstQuantiles([0.05, 0.5, 0.9, 0.3], uniform, 12);
    expect(r.effectiveN).toBeCloseTo((4 * 12) / 16, 14);
  });

  it("is NaN without quantiles or live values", () => {
    expect(ksAgainstQuantiles([1, 2], []).d).toBeNaN();
    expect(ksAgainstQuantiles([NaN], uniform).pValue).toBeNaN();
  });
});
