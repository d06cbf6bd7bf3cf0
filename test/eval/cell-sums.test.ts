import { describe, expect, it } from "vitest";
import { CellSums } from "@/lib/eval/cell-sums";
import { NormalSampler } from "@/lib/eval/normal";
import { createRandom } from "@/lib/labels/agreement/random";

/**
 * Reference: under the multinomial row bootstrap (n picks with replacement),
 * Σ mᵢxᵢ has mean Σ xᵢ and variance n·Var_pop(x), and Cov(Σ m x, Σ m s) =
 * n·Cov_pop(x, s) — Efron & Tibshirani (1993) §5, worked from mᵢ ~
 * Multinomial(n, 1/n). Checked by simulation with stated tolerances.
 */
function popMoments(x: ArrayLike<number>, s: ArrayLike<number>) {
  const n = x.length;
  let mx = 0;
  let ms = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    ms += s[i] / n;
  }
  let vx = 0;
  let vs = 0;
  let cxs = 0;
  for (let i = 0; i < n; i++) {
    vx += (x[i] - mx) ** 2 / n;
    vs += (s[i] - ms) ** 2 / n;
    cxs += ((x[i] - mx) * (s[i] - ms)) / n;
  }
  return { sumX: mx * n, sumS: ms * n, varX: n * vx, varS: n * vs, cov: n * cxs };
}

function simulate(sums: CellSums, B: number, seed: number, group = 0) {
  const rng = createRandom(seed);
  const normal = new NormalSampler(rng);
  const x = new Float64Array(sums.groups);
  const s = new Float64Array(sums.groups);
  const xs: number[] = [];
  const ss: number[] = [];
  for (let b = 0; b < B; b++) {
    sums.draw(rng, normal, x, s);
    xs.push(x[group]);
    ss.push(s[group]);
  }
  const mean = (a: number[]) => a.reduce((u, v) => u + v, 0) / a.length;
  const mx = mean(xs);
  const ms = mean(ss);
  return {
    meanX: mx,
    meanS: ms,
    varX: mean(xs.map((v) => (v - mx) ** 2)),
    varS: mean(ss.map((v) => (v - ms) ** 2)),
    cov: mean(xs.map((v, i) => (v - mx) * (ss[i] - ms))),
  };
}

describe("CellSums", () => {
  it("is exact with one cell per distinct value: moments of the row bootstrap", () => {
    const rng = createRandom(1);
    const x = new Float64Array(400);
    for (let i = 0; i < x.length; i++) x[i] = Math.floor(rng.float() * 6);
    const sums = new CellSums({ values: x, weights: null, group: null, groups: 1, cellsPerGroup: 16 });
    expect(sums.exact).toBe(true);
    expect(sums.cells).toBe(6);
    const ref = popMoments(x, new Float64Array(400).fill(1));
    const sim = simulate(sums, 20_000, 2);
    // SE of the mean √(var/B); of the variance ≈ var·√(2/B) = 1 % here.
    expect(Math.abs(sim.meanX - ref.sumX)).toBeLessThan(4 * Math.sqrt(ref.varX / 20_000));
    expect(sim.varX / ref.varX).toBeGreaterThan(0.95);
    expect(sim.varX / ref.varX).toBeLessThan(1.05);
    expect(sim.meanS).toBe(400);
    expect(sim.varS).toBe(0);
  });

  it("keeps the row bootstrap's variance and covariance with many rows per cell (heavy tail, unequal weights)", () => {
    const rng = createRandom(3);
    const n = 20_000;
    const x = new Float64Array(n);
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      // A log-loss-like heavy tail: most values small, a few near 30.
      const u = rng.float();
      w[i] = 0.5 + rng.float();
      x[i] = w[i] * (u < 0.01 ? 15 + 20 * rng.float() : -Math.log(1 - 0.9 * rng.float()));
    }
    const sums = new CellSums({ values: x, weights: w, group: null, groups: 1, cellsPerGroup: 32 });
    expect(sums.exact).toBe(false);
    expect(sums.cells).toBeLessThanOrEqual(32);
    const ref = popMoments(x, w);
    const sim = simulate(sums, 8000, 4);
    expect(Math.abs(sim.meanX - ref.sumX)).toBeLessThan(4 * Math.sqrt(ref.varX / 8000));
    expect(Math.abs(sim.meanS - ref.sumS)).toBeLessThan(4 * Math.sqrt(ref.varS / 8000));
    // SE of a variance estimate ≈ √(2/B) ≈ 1.6 %.
    expect(sim.varX / ref.varX).toBeGreaterThan(0.93);
    expect(sim.varX / ref.varX).toBeLessThan(1.07);
    expect(sim.varS / ref.varS).toBeGreaterThan(0.93);
    expect(sim.varS / ref.varS).toBeLessThan(1.07);
    expect(sim.cov / ref.cov).toBeGreaterThan(0.9);
    expect(sim.cov / ref.cov).toBeLessThan(1.1);
  });

  it("gives per-group sums whose moments are those of Σ m·x·[row in group]", () => {
    const rng = createRandom(5);
    const n = 5000;
    const x = new Float64Array(n);
    const g = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      g[i] = rng.uint32() % 3;
      x[i] = g[i] + rng.float();
    }
    const sums = new CellSums({ values: x, weights: null, group: g, groups: 3, cellsPerGroup: 8 });
    const masked = Float64Array.from(x, (v, i) => (g[i] === 1 ? v : 0));
    const ref = popMoments(masked, Float64Array.from(g, (v) => (v === 1 ? 1 : 0)));
    const sim = simulate(sums, 8000, 6, 1);
    expect(Math.abs(sim.meanX - ref.sumX)).toBeLessThan(4 * Math.sqrt(ref.varX / 8000));
    expect(sim.varX / ref.varX).toBeGreaterThan(0.93);
    expect(sim.varX / ref.varX).toBeLessThan(1.07);
    expect(sim.varS / ref.varS).toBeGreaterThan(0.93);
    expect(sim.varS / ref.varS).toBeLessThan(1.07);
  });
});
