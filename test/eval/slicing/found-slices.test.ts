import { describe, expect, it } from "vitest";
import { SlicingError } from "@/lib/eval/slicing/errors";
import { explainSlices, planSliceSearch } from "@/lib/eval/slicing/found-slices";
import { sliceLineSync } from "@/lib/eval/slicing/sliceline";
import type { RawColumn } from "@/lib/eval/slicing/binning";

/**
 * The page's pipeline, binning → SliceLine → words, on ten rows small
 * enough to work out by hand:
 *   hour 1 … 10, two bins cut at the type-7 median 5.5: rows 0–4 "< 5.5", rows 5–9 "≥ 5.5";
 *   city a (rows 0, 1, 4, 6, 8), b (2, 3, 7), c (5), d (9); with σ = 2, c and d are "other";
 *   errors 1 on rows 0, 1 and 4 only, so ē = 0.3 and n = 10.
 * Score (α = 0.95) = 0.95·(mean / 0.3 − 1) − 0.05·(10 / size − 1):
 *   hour < 5.5 and city = a: rows 0, 1, 4, mean 1 → 0.95·7/3 − 0.05·7/3 = 2.1
 *   hour < 5.5: rows 0–4, mean 0.6 → 0.95·1 − 0.05·1 = 0.9
 *   city = a: rows 0, 1, 4, 6, 8, mean 0.6 → 0.9 (ties rank by size, then feature order: hour first)
 * Every other slice has no error, so a negative score.
 */
const raw: RawColumn[] = [
  { kind: "numeric", name: "hour", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { kind: "categorical", name: "city", values: ["a", "a", "b", "b", "a", "c", "a", "b", "a", "d"] },
];
const errors = Float64Array.from([1, 1, 0, 0, 1, 0, 0, 0, 0, 0]);
const params = { alpha: 0.95, minSupport: 2, maxLevel: 2, topK: 3 };

describe("planSliceSearch and explainSlices", () => {
  it("bins with σ as the rare-category threshold", () => {
    const plan = planSliceSearch(raw, errors, params, 2);
    expect(plan.columns[0].bins.map((b) => b.label)).toEqual(["< 5.5", "≥ 5.5"]);
    expect(plan.columns[1].bins.map((b) => [b.label, b.count])).toEqual([
      ["a", 5],
      ["b", 3],
      ["other", 2],
    ]);
    expect(plan.input.features.domains).toEqual([2, 3]);
    expect(plan.input.errors).toBe(errors);
  });

  it("puts the hand-computed top 3 into words and conditions", () => {
    const plan = planSliceSearch(raw, errors, params, 2);
    const found = explainSlices(sliceLineSync(plan.input, plan.input.params), plan.columns);
    expect(found.map((f) => f.description)).toEqual(["hour < 5.5 and city = a", "hour < 5.5", "city = a"]);
    expect(found[0].conditions).toEqual([
      { column: "hour", op: "<", values: [5.5] },
      { column: "city", op: "=", values: ["a"] },
    ]);
    const expected = [
      { rank: 1, size: 3, share: 0.3, meanError: 1, lift: 1 / 0.3, score: 2.1 },
      { rank: 2, size: 5, share: 0.5, meanError: 0.6, lift: 2, score: 0.9 },
      { rank: 3, size: 5, share: 0.5, meanError: 0.6, lift: 2, score: 0.9 },
    ];
    found.forEach((f, i) => {
      const e = expected[i];
      expect(f.rank).toBe(e.rank);
      expect(f.size).toBe(e.size);
      expect(f.share).toBeCloseTo(e.share, 12);
      expect(f.meanError).toBeCloseTo(e.meanError, 12);
      expect(f.lift).toBeCloseTo(e.lift, 12);
      expect(f.score).toBeCloseTo(e.score, 12);
    });
  });

  it("gives no lift when no row has an error", () => {
    const result = { topK: [{ predicates: [{ feature: 1, value: 0 }], score: 1, size: 5, errorSum: 0, maxError: 0 }], rows: 10, meanError: 0, levels: [], evaluated: 1 };
    expect(explainSlices(result, planSliceSearch(raw, errors, params).columns)[0].lift).toBeNull();
  });

  it("refuses errors of another length than the columns", () => {
    expect(() => planSliceSearch(raw, errors.subarray(0, 9), params)).toThrow(SlicingError);
  });
});
