import { describe, expect, it } from "vitest";
import { pairedBootstrap, pairedMeanDifference } from "@/lib/eval/stats/paired-bootstrap";
import { createRandom } from "@/lib/labels/agreement/random";

/** Two models' per-row correctness on the same 4,000 rows: mostly agreeing, A right on 6 % more rows (seeded). */
function twoModels(n: number, seed: number) {
  const rng = createRandom(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const hard = rng.float() < 0.25; // rows both models tend to miss: shared difficulty
    const u = rng.float();
    a[i] = hard ? (u < 0.45 ? 1 : 0) : rng.float() < 0.95 ? 1 : 0;
    b[i] = hard ? (u < 0.3 ? 1 : 0) : a[i] === 1 && rng.float() < 0.97 ? 1 : 0;
  }
  return { a, b };
}

const mean = (x: ArrayLike<number>) => Array.from(x).reduce((s, v) => s + v, 0) / x.length;

describe("paired bootstrap of a metric difference", () => {
  const n = 4000;
  const { a, b } = twoModels(n, 11);

  it("matches the normal-theory interval of a mean of paired differences, d̄ ± 1.96 s_d/√n, within 10 % of its width", () => {
    const d = Array.from(a, (x, i) => x - b[i]);
    const dbar = mean(d);
    const sd = Math.sqrt(d.reduce((s, x) => s + (x - dbar) ** 2, 0) / (n - 1));
    const half = (1.959963984540054 * sd) / Math.sqrt(n);
    const r = pairedMeanDifference(a, b, { resamples: 2000, seed: 3 });
    expect(r.difference).toBeCloseTo(dbar, 14);
    expect(Math.abs(r.lower - (dbar - half))).toBeLessThan(0.1 * half);
    expect(Math.abs(r.upper - (dbar + half))).toBeLessThan(0.1 * half);
  });

  it("is narrower than an unpaired interval, √(s_a²/n + s_b²/n), because shared difficulty cancels", () => {
    const va = mean(Array.from(a, (x) => (x - mean(a)) ** 2));
    const vb = mean(Array.from(b, (x) => (x - mean(b)) ** 2));
    const unpairedHalf = 1.96 * Math.sqrt(va / n + vb / n);
    const r = pairedMeanDifference(a, b, { seed: 3 });
    expect((r.upper - r.lower) / 2).toBeLessThan(0.75 * unpairedHalf);
  });

  it("the general form draws the same rows: accuracy(A) − accuracy(B) gives the same interval as the per-row form", () => {
    const accuracy = (x: Float64Array) => (rows: Int32Array) => {
      let s = 0;
      for (let i = 0; i < rows.length; i++) s += x[rows[i]];
      return s / rows.length;
    };
    const general = pairedBootstrap(n, accuracy(a), accuracy(b), { resamples: 500, seed: 9 });
    const perRow = pairedMeanDifference(a, b, { resamples: 500, seed: 9 });
    expect(general.lower).toBeCloseTo(perRow.lower, 12);
    expect(general.upper).toBeCloseTo(perRow.upper, 12);
  });

  it("replays with its seed and changes with another; counts undefined resamples", () => {
    const one = pairedMeanDifference(a, b, { resamples: 200, seed: 1 });
    expect(pairedMeanDifference(a, b, { resamples: 200, seed: 1 })).toEqual(one);
    expect(pairedMeanDifference(a, b, { resamples: 200, seed: 2 }).lower).not.toBe(one.lower);
    const r = pairedBootstrap(3, () => NaN, () => 0, { resamples: 10 });
    expect(r.undefinedResamples).toBe(10);
    expect(r.lower).toBeNaN();
  });

  it("refuses rows of different lengths and bad options", () => {
    expect(() => pairedMeanDifference([1, 0], [1])).toThrow(/same rows: 2 and 1/);
    expect(() => pairedMeanDifference([1], [1], { level: 1 })).toThrow(/level must be between 0 and 1/);
    expect(() => pairedMeanDifference([1], [1], { resamples: 0 })).toThrow(/resamples/);
  });
});
