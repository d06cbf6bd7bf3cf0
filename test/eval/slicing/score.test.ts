import { describe, expect, it } from "vitest";
import { scoreUpperBound, sliceScore } from "@/lib/eval/slicing/score";
import { sliceLineSync } from "@/lib/eval/slicing/sliceline";
import { Random } from "@/lib/train/random";

describe("sliceScore, worked by hand", () => {
  // sc = α·((se/|S|)/ē − 1) − (1 − α)·(n/|S| − 1), with n = 10, ē = 0.4.
  it.each([
    // size, se, α, expected: worked below each row
    [4, 3, 0.5, -0.3125], //   0.5·(0.75/0.4 − 1) − 0.5·(2.5 − 1) = 0.4375 − 0.75
    [4, 3, 0.9, 0.6375], //    0.9·0.875 − 0.1·1.5 = 0.7875 − 0.15
    [2, 2, 0.9, 0.95], //      0.9·(1/0.4 − 1) − 0.1·(5 − 1) = 1.35 − 0.4
    [5, 2, 0.9, -0.1], //      0.9·(0.4/0.4 − 1) − 0.1·(2 − 1)
    [10, 4, 0.3, 0], //        the whole data set scores 0 for every α
    [2, 2, 1, 1.5], //         α = 1: size does not matter, 1/0.4 − 1
  ])("size %d, error %d, α %d → %d", (size, se, alpha, expected) => {
    expect(sliceScore(size, se, 0.4, alpha, 10)).toBeCloseTo(expected, 12);
  });

  it("scores an empty slice, and any slice when there is no error, as −∞", () => {
    expect(sliceScore(0, 0, 0.4, 0.9, 10)).toBe(-Infinity);
    expect(sliceScore(3, 0, 0, 0.9, 10)).toBe(-Infinity);
  });
});

describe("SliceLine on a ten-row example worked by hand", () => {
  // Rows 0–9; f0 = 0 on rows 0–3; f1 alternates 0, 1; errors on rows 0, 1, 2, 7: ē = 0.4.
  // With α = 0.9 the only positive slices are
  //   f0=0 ∧ f1=0: rows {0, 2}, se 2  → 0.9·(1/0.4 − 1) − 0.1·(10/2 − 1) = 0.95
  //   f0=0:        rows {0..3}, se 3  → 0.9·(0.75/0.4 − 1) − 0.1·(10/4 − 1) = 0.6375
  // (f1=0 and f1=1 score −0.1, f0=1 −0.5917, f0=0 ∧ f1=1 −0.175, f0=1 ∧ f1=1 −0.3833).
  const data = {
    features: {
      layout: "columns" as const,
      columns: [Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]), Int32Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1])],
      domains: [2, 2],
    },
    errors: Float64Array.from([1, 1, 1, 0, 0, 0, 0, 1, 0, 0]),
  };

  it("returns the two positive slices with their hand-worked scores", () => {
    const result = sliceLineSync(data, { alpha: 0.9, minSupport: 1, maxLevel: 2, topK: 5 });
    expect(result.meanError).toBeCloseTo(0.4, 15);
    expect(result.topK.map((s) => s.predicates)).toEqual([
      [
        { feature: 0, value: 0 },
        { feature: 1, value: 0 },
      ],
      [{ feature: 0, value: 0 }],
    ]);
    expect(result.topK[0]).toMatchObject({ size: 2, errorSum: 2, maxError: 1 });
    expect(result.topK[0].score).toBeCloseTo(0.95, 12);
    expect(result.topK[1]).toMatchObject({ size: 4, errorSum: 3, maxError: 1 });
    expect(result.topK[1].score).toBeCloseTo(0.6375, 12);
  });

  it("drops the 2-row slice when σ = 3", () => {
    const result = sliceLineSync(data, { alpha: 0.9, minSupport: 3, maxLevel: 2, topK: 5 });
    expect(result.topK.map((s) => s.size)).toEqual([4]);
  });
});

describe("scoreUpperBound", () => {
  // n = 1000, ē = 0.1, σ = 10, parents' minima: size 50, error 20, max error 1.
  // Probes: s = 10 (σ), s = 20 (= error/max error, the knee), s = 50 (size):
  //   α = 0.95: s=10: 0.95·(10/10/0.1 − 1) − 0.05·(100 − 1) = 8.55 − 4.95 = 3.6
  //             s=20: 0.95·(20/20/0.1 − 1) − 0.05·(50 − 1)  = 8.55 − 2.45 = 6.1  ← max
  //             s=50: 0.95·(20/50/0.1 − 1) − 0.05·(20 − 1)  = 2.85 − 0.95 = 1.9
  //   α = 0.5:  s=10: 4.5 − 49.5 = −45; s=20: 4.5 − 24.5 = −20; s=50: 1.5 − 9.5 = −8 ← max
  it.each([
    [0.95, 6.1],
    [0.5, -8],
  ])("α %d → %d", (alpha, expected) => {
    expect(scoreUpperBound(50, 20, 1, 0.1, alpha, 1000, 10)).toBeCloseTo(expected, 12);
  });

  it("is −∞ when no child can have σ rows or any error", () => {
    expect(scoreUpperBound(9, 20, 1, 0.1, 0.95, 1000, 10)).toBe(-Infinity);
    expect(scoreUpperBound(50, 0, 0, 0.1, 0.95, 1000, 10)).toBe(-Infinity);
  });

  it("bounds every feasible child, checked by enumerating sizes and error sums", () => {
    // A child of parents with minima (S, E, M) has size s ∈ [σ, S] and error
    // at most min(E, s·M); the score grows with error, so the best child of
    // size s has exactly that error. Enumerate every integer s.
    const rng = new Random(42);
    for (let t = 0; t < 2000; t++) {
      const n = 100 + rng.int(5000);
      const sigma = 1 + rng.int(50);
      const S = sigma + rng.int(200);
      const M = 0.05 + rng.float() * 3;
      const E = rng.float() * S * M;
      const meanError = 0.01 + rng.float() * 0.5;
      const alpha = [0.3, 0.8, 0.95, 1][rng.int(4)];
      let best = -Infinity;
      for (let s = sigma; s <= S; s++) best = Math.max(best, sliceScore(s, Math.min(E, s * M), meanError, alpha, n));
      const ub = scoreUpperBound(S, E, M, meanError, alpha, n, sigma);
      expect(ub).toBeGreaterThanOrEqual(best - 1e-12 * Math.max(1, Math.abs(best)));
    }
  });
});
