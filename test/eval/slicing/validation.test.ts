import { describe, expect, it } from "vitest";
import { bruteForceSlices } from "@/lib/eval/slicing/brute-force";
import { SlicingError, type SlicingErrorCode } from "@/lib/eval/slicing/errors";
import { sliceLine, sliceLineSync } from "@/lib/eval/slicing/sliceline";
import type { SliceData, SliceLineParams } from "@/lib/eval/slicing/types";

const good = (): SliceData => ({
  features: {
    layout: "columns",
    columns: [Int32Array.from([0, 1, 0, 1]), Int32Array.from([0, 0, 1, 2])],
    domains: [2, 3],
  },
  errors: Float64Array.from([1, 0, 0, 1]),
});
const params: SliceLineParams = { alpha: 0.95, minSupport: 1, maxLevel: 2, topK: 3 };
const withErrors = (errors: number[]) => (): SliceData => ({ ...good(), errors: Float64Array.from(errors) });
const withColumns =
  (columns: number[][], domains: number[]) =>
  (): SliceData => ({
    ...good(),
    features: { layout: "columns", columns: columns.map((c) => Int32Array.from(c)), domains },
  });

type Row = [string, () => SliceData, SliceLineParams, SlicingErrorCode, RegExp];

const rows: Row[] = [
  ["a column shorter than the errors", withErrors([1, 0, 0, 1, 0]), params, "length_mismatch", /feature 0 has 4 codes but there are 5 errors/],
  [
    "row-major codes of the wrong length",
    () => ({ features: { layout: "rows", codes: new Int32Array(7), domains: [2, 2] }, errors: new Float64Array(4) }),
    params,
    "length_mismatch",
    /hold 7 values but 4 rows × 2 features need 8/,
  ],
  ["more columns than domains", withColumns([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], [2, 3]), params, "length_mismatch", /columns \(3\) differ from domains \(2\)/],
  ["no rows", withErrors([]), params, "empty_data", /no rows/],
  ["a negative error", withErrors([1, -0.5, 0, 1]), params, "invalid_error", /row 1 error must be finite and ≥ 0: -0.5/],
  ["a NaN error", withErrors([1, NaN, 0, 1]), params, "invalid_error", /row 1 .*NaN/],
  ["an infinite error", withErrors([Infinity, 0, 0, 1]), params, "invalid_error", /row 0/],
  ["a code outside its domain", withColumns([[0, 1, 2, 1], [0, 0, 1, 2]], [2, 3]), params, "code_out_of_range", /feature 0 row 2 code outside \[0, 2\): 2/],
  ["a negative code", withColumns([[0, 1, 0, 1], [0, -1, 1, 2]], [2, 3]), params, "code_out_of_range", /feature 1 row 1/],
  ["a zero domain", withColumns([[0, 0, 0, 0]], [0]), params, "invalid_domain", /feature 0 domain size/],
  ["α = 0", good, { ...params, alpha: 0 }, "invalid_alpha", /alpha must be in \(0, 1\]: 0/],
  ["α > 1", good, { ...params, alpha: 1.5 }, "invalid_alpha", /1.5/],
  ["α NaN", good, { ...params, alpha: NaN }, "invalid_alpha", /NaN/],
  ["σ = 0", good, { ...params, minSupport: 0 }, "invalid_min_support", /minimum support/],
  ["σ fractional", good, { ...params, minSupport: 2.5 }, "invalid_min_support", /2.5/],
  ["L = 0", good, { ...params, maxLevel: 0 }, "invalid_max_level", /maximum predicates/],
  ["K = 0", good, { ...params, topK: 0 }, "invalid_top_k", /top K/],
];

describe("bad input", () => {
  it.each(rows)("%s → %s", (_, data, p, code, message) => {
    for (const run of [() => sliceLineSync(data(), p), () => bruteForceSlices(data(), p)]) {
      let error: unknown;
      try {
        run();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SlicingError);
      expect((error as SlicingError).code).toBe(code);
      expect((error as SlicingError).message).toMatch(message);
    }
  });

  it("rejects the async search's promise rather than throwing", async () => {
    const promise = sliceLine(good(), { ...params, alpha: 2 });
    await expect(promise).rejects.toMatchObject({ code: "invalid_alpha" });
  });

  it("returns nothing, not an error, when no row has any error", () => {
    const data = { ...good(), errors: new Float64Array(4) };
    expect(sliceLineSync(data, params).topK).toEqual([]);
    expect(bruteForceSlices(data, params).topK).toEqual([]);
  });

  it("refuses a brute force that would be too large", () => {
    expect(() => bruteForceSlices(good(), params, { maxRowVisits: 10 })).toThrow(/over the limit of 10/);
  });
});
