import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/labels/agreement/random";
import { normalisedWasserstein, wasserstein, wassersteinAgainstQuantiles } from "@/lib/serve/drift/wasserstein";

function sample(seed: number, n: number, f: (u: number) => number): number[] {
  const rng = createRandom(seed);
  return Array.from({ length: n }, () => f(rng.float()));
}

describe("wasserstein", () => {
  /*
   * The examples of the scipy.stats.wasserstein_distance documentation
   * (scipy 1.x), checked with scipy 1.17.1. The first by hand: every point
   * of [0, 1, 3] moves 5 to reach [5, 6, 8], so W1 = 5. The second: u puts
   * 3/4 on 0 and 1/4 on 1, v 1/2 on each; 1/4 of the mass moves a distance
   * of 1, W1 = 0.25.
   */
  it.each([
    ["[0, 1, 3] vs [5, 6, 8]", [0, 1, 3], [5, 6, 8], undefined, undefined, 5],
    ["weighted [0, 1] vs [0, 1]", [0, 1], [0, 1], [3, 1], [2, 2], 0.25],
    ["weighted, scipy's third example", [3.4, 3.9, 7.5, 7.8], [4.5, 1.4], [1.4, 0.9, 3.1, 7.2], [3.2, 3.5], 4.0781331438047861],
    ["identical samples in another order", [2, 1, 3], [3, 2, 1], undefined, undefined, 0],
  ])("%s (scipy documentation)", (_name, u, v, uw, vw, want) => {
    expect(wasserstein(u, v, uw, vw)).toBeCloseTo(want, 12);
  });

  // For two samples of one size, W1 is the mean distance between order statistics
  // (the optimal transport matches them in sorted order): an independent route.
  it.each([
    ["uniform vs shifted exponential", sample(1, 100, (u) => u), sample(2, 100, (u) => 0.5 - Math.log(1 - u))],
    ["with ties", sample(3, 57, (u) => Math.floor(4 * u)), sample(4, 57, (u) => Math.floor(3 * u * u))],
  ])("equals the mean gap between order statistics: %s", (_name, u, v) => {
    const a = [...u].sort((x, y) => x - y);
    const b = [...v].sort((x, y) => x - y);
    const want = a.reduce((s, x, i) => s + Math.abs(x - b[i]), 0) / a.length;
    expect(wasserstein(u, v)).toBeCloseTo(want, 12);
  });

  it("drops missing values with their weights", () => {
    expect(wasserstein([0, NaN, 1], [0, 1], [3, 100, 1], [2, 2])).toBeCloseTo(0.25, 14);
    expect(wasserstein([NaN], [1])).toBeNaN();
  });

  it.each([
    ["weights of another length", [1, 2], [1], /u weights: 1 for 2 values/],
    ["a negative weight", [1, 2], [1, -1], /u weight 1 is not a finite non-negative number: -1/],
    ["weights summing to zero", [1, 2], [0, 0], /u weights sum to zero/],
  ])("rejects %s", (_name, u, uw, message) => {
    expect(() => wasserstein(u, [1], uw)).toThrow(message);
  });
});

describe("wassersteinAgainstQuantiles", () => {
  const uniform = Array.from({ length: 11 }, (_, i) => i / 10);

  /*
   * Hand-worked against U(0, 1) (deciles 0, 0.1, …, 1, so G(x) = x):
   * - one live value 0.5: ∫₀^½ x dx + ∫½^1 (1 − x) dx = 1/8 + 1/8 = 0.25
   * - live 0.05, 0.15, …, 0.95: in each bin two triangles of legs 0.05,
   *   2·0.05²/2 = 0.0025, times 10 bins = 0.025
   * - live all at 2: ∫₀^1 x dx + ∫₁^2 1 dx = 0.5 + 1 = 1.5
   */
  it.each([
    ["one value at the median", [0.5], 0.25],
    ["the bin midpoints", Array.from({ length: 10 }, (_, i) => i / 10 + 0.05), 0.025],
    ["everything beyond the maximum", [2, 2, 2], 1.5],
  ])("hand-worked: %s", (_name, live, want) => {
    expect(wassersteinAgainstQuantiles(live, uniform)).toBeCloseTo(want, 14);
  });

  /** The piecewise-linear CDF written independently as a sum of per-bin ramps (a step where quantiles tie). */
  const ramps = (q: number[], x: number) =>
    q.slice(0, -1).reduce((s, lo, i) => s + (q[i + 1] === lo ? (x >= lo ? 1 : 0) : Math.min(Math.max((x - lo) / (q[i + 1] - lo), 0), 1)), 0) / (q.length - 1);

  it.each([
    ["skewed deciles", [0, 0.1, 0.2, 0.4, 0.7, 1, 1.5, 2.2, 3, 5, 20], sample(21, 60, (u) => -2 * Math.log(1 - u))],
    ["tied deciles", [1, 2, 3, 3, 3, 3, 4, 5, 6, 7, 9], sample(23, 50, (u) => 12 * u - 1)],
  ])("matches a midpoint-rule integral of |F − G| for %s", (_name, q, live) => {
    const lo = Math.min(...q, ...live);
    const hi = Math.max(...q, ...live);
    const steps = 400_000;
    const h = (hi - lo) / steps;
    let area = 0;
    for (let s = 0; s < steps; s++) {
      const x = lo + (s + 0.5) * h;
      area += Math.abs(live.filter((v) => v <= x).length / live.length - ramps(q, x)) * h;
    }
    expect(wassersteinAgainstQuantiles(live, q)).toBeCloseTo(area, 3);
  }, 60_000);

  it("is NaN without live values or quantiles", () => {
    expect(wassersteinAgainstQuantiles([], uniform)).toBeNaN();
    expect(wassersteinAgainstQuantiles([1], [])).toBeNaN();
  });
});

describe("normalisedWasserstein", () => {
  it.each([
    ["W1 in training std", 2, 4, 0.5],
    ["a constant input that stayed put", 0, 0, 0],
    ["a constant input that moved", 0.3, 0, Infinity],
    ["no training values", 1, null, NaN],
  ])("%s", (_name, w, std, want) => {
    expect(normalisedWasserstein(w, std)).toBe(want);
  });
});
