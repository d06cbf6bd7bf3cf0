import { describe, expect, it } from "vitest";
import { binomial, stirlingCorrection } from "@/lib/labels/agreement/binomial";
import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import { createRandom, Xoshiro128 } from "@/lib/labels/agreement/random";

describe("xoshiro128**", () => {
  it("reproduces the reference C implementation's outputs", () => {
    // State and first four xoshiro128** outputs from the reference code
    // (prng.di.unimi.it/xoshiro128starstar.c) as recorded in the test data
    // of edorfaus/xoshiro-6502 (test-rom/testdata.asm).
    const g = new Xoshiro128(0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0);
    expect([g.uint32(), g.uint32(), g.uint32(), g.uint32()]).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
  });

  it("is reproducible per seed, differs across seeds, and floats lie in [0, 1)", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 1000 }, () => a.float());
    expect(Array.from({ length: 1000 }, () => b.float())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c.float())).not.toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it("fork gives a stream different from its parent's", () => {
    const root = createRandom(1);
    const child = root.fork();
    expect(child.uint32()).not.toBe(root.uint32());
  });
});

/** ln k! for k = 0..n, summed directly. */
function logFactorials(n: number): Float64Array {
  const f = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) f[k] = f[k - 1] + Math.log(k);
  return f;
}

/** Chi-square upper quantile by the Wilson–Hilferty approximation; z = 3.09 for 0.999. */
function chiSquareCritical(df: number, z = 3.0902): number {
  const c = 2 / (9 * df);
  return df * (1 - c + z * Math.sqrt(c)) ** 3;
}

/**
 * Pearson goodness of fit of `draws` to the exact B(n, p) pmf, bins
 * merged from each tail until every expected count is at least 5.
 */
function binomialChiSquare(draws: Int32Array, n: number, p: number): { statistic: number; df: number } {
  const lf = logFactorials(n);
  const pmf = (k: number) => Math.exp(lf[n] - lf[k] - lf[n - k] + k * Math.log(p) + (n - k) * Math.log1p(-p));
  const observed = new Float64Array(n + 1);
  for (const x of draws) observed[x]++;
  const total = draws.length;
  const bins: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  for (let k = 0; k <= n; k++) {
    o += observed[k];
    e += pmf(k) * total;
    if (e >= 5) {
      bins.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  bins[bins.length - 1].o += o;
  bins[bins.length - 1].e += e;
  const statistic = bins.reduce((s, b) => s + (b.o - b.e) ** 2 / b.e, 0);
  return { statistic, df: bins.length - 1 };
}

describe("binomial variates fit the exact binomial distribution (Pearson χ², α = 0.001)", () => {
  it.each([
    ["inversion, small n", 20, 0.3],
    ["inversion, tiny p", 5000, 0.001],
    ["BTRD, moderate n", 200, 0.3],
    ["BTRD, large n", 100000, 0.03],
    ["BTRD, p = 1/2", 1000, 0.5],
    ["reflected p > 1/2", 300, 0.93],
  ])("%s: n = %i, p = %s", (_name, n, p) => {
    const rng = createRandom(n + Math.round(p * 1000));
    const draws = Int32Array.from({ length: 200_000 }, () => binomial(rng, n, p));
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    // Mean within 5 standard errors of np.
    expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt((n * p * (1 - p)) / draws.length));
    const { statistic, df } = binomialChiSquare(draws, n, p);
    expect(statistic).toBeLessThan(chiSquareCritical(df));
  });

  it("handles the edges n = 0, p = 0 and p = 1 exactly", () => {
    const rng = createRandom(0);
    expect(binomial(rng, 0, 0.4)).toBe(0);
    expect(binomial(rng, 17, 0)).toBe(0);
    expect(binomial(rng, 17, 1)).toBe(17);
  });

  it("Stirling correction equals ln k! − [(k + ½)ln(k + 1) − (k + 1) + ½ ln 2π] computed from summed logs", () => {
    const lf = logFactorials(500);
    for (const k of [0, 1, 5, 9, 10, 11, 20, 100, 499]) {
      const exact = lf[k] - ((k + 0.5) * Math.log(k + 1) - (k + 1) + 0.5 * Math.log(2 * Math.PI));
      expect(stirlingCorrection(k)).toBeCloseTo(exact, 9);
    }
  });
});

describe("multinomial resampling", () => {
  const counts = Int32Array.of(250, 150, 0, 75, 25);
  const n = 500;

  it.each(["binomial", "direct"] as const)("%s draws have the moments of Multinomial(n, counts / n)", (method) => {
    const resampler = new MultinomialResampler(counts, method);
    const rng = createRandom(method === "binomial" ? 1 : 2);
    const B = 20_000;
    const out = new Int32Array(counts.length);
    const sum = new Float64Array(counts.length);
    const sumSq = new Float64Array(counts.length);
    let cross = 0;
    for (let b = 0; b < B; b++) {
      resampler.draw(rng, out);
      expect(out.reduce((a, x) => a + x, 0)).toBe(n);
      for (let c = 0; c < counts.length; c++) {
        sum[c] += out[c];
        sumSq[c] += out[c] * out[c];
      }
      cross += out[0] * out[1];
    }
    expect(sum[2]).toBe(0);
    for (let c = 0; c < counts.length; c++) {
      const p = counts[c] / n;
      const mean = sum[c] / B;
      const variance = sumSq[c] / B - mean * mean;
      expect(Math.abs(mean - n * p)).toBeLessThanOrEqual(5 * Math.sqrt((n * p * (1 - p)) / B));
      if (p > 0) expect(variance / (n * p * (1 - p))).toBeCloseTo(1, 1);
    }
    // Cov(x_0, x_1) = −n p_0 p_1 = −500 · 0.5 · 0.3 = −75
    const covariance = cross / B - (sum[0] / B) * (sum[1] / B);
    expect(covariance / -75).toBeCloseTo(1, 1);
  });

  it("chooses binomial draws when categories are few and direct draws when nearly every unit is its own", () => {
    expect((new MultinomialResampler(counts) as unknown as { useBinomial: boolean }).useBinomial).toBe(true);
    const many = new Int32Array(100).fill(1);
    expect((new MultinomialResampler(many) as unknown as { useBinomial: boolean }).useBinomial).toBe(false);
  });
});
