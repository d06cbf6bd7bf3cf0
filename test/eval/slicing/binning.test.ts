import { describe, expect, it } from "vitest";
import { binCategorical, binColumns, binNumeric, type BinnedColumn } from "@/lib/eval/slicing/binning";
import { SlicingError } from "@/lib/eval/slicing/errors";
import { binConditions, describeSlice, sliceConditions, type Condition } from "@/lib/eval/slicing/predicates";
import { quantile7 as quantileType7 } from "@/lib/labels/agreement/percentile";
import { sliceLineSync } from "@/lib/eval/slicing/sliceline";
import { Random } from "@/lib/train/random";

const sorted = (xs: number[]) => Float64Array.from(xs).sort();

describe("quantileType7", () => {
  // References: R 4.x `quantile(x, p)` (type 7 is its default) and NumPy
  // `np.quantile(x, p)` (method "linear" is its default) print these values.
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.2, 2.8],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.25, 3.25],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5, 5.5],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.8, 8.2],
    [[1, 3, 7, 15], 0.5, 5],
    [[1, 3, 7, 15], 0, 1],
    [[1, 3, 7, 15], 1, 15],
    [[42], 0.3, 42],
  ])("quantile(%j, %d) = %d", (xs, p, q) => {
    expect(quantileType7(sorted(xs), p)).toBeCloseTo(q, 12);
  });
});

/** Whether raw value `x` satisfies every condition: written apart from the binning code. */
function satisfies(x: number | string | null | undefined, conds: Condition[]): boolean {
  const missing = x === null || x === undefined || (typeof x === "number" && !Number.isFinite(x));
  return conds.every((c) => {
    switch (c.op) {
      case "is_null":
        return missing;
      case "is_not_null":
        return !missing;
      case "=":
        return !missing && x === c.values[0];
      case "in":
        return !missing && c.values.includes(x as string);
      case ">=":
        return !missing && (x as number) >= (c.values[0] as number);
      case "<":
        return !missing && (x as number) < (c.values[0] as number);
    }
  });
}

function expectRoundTrip(column: BinnedColumn, values: ArrayLike<number | string | null | undefined>): void {
  column.bins.forEach((bin, code) => {
    const conds = binConditions(column, code);
    let count = 0;
    for (let r = 0; r < values.length; r++) {
      expect(satisfies(values[r], conds)).toBe(column.codes[r] === code);
      if (column.codes[r] === code) count++;
    }
    expect(bin.count).toBe(count);
  });
}

describe("binNumeric", () => {
  it("cuts 1 … 10 into quintiles at R's type-7 quantiles 2.8, 4.6, 6.4, 8.2", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const col = binNumeric("x", values, 5);
    expect(col.bins.map((b) => b.label)).toEqual(["< 2.8", "[2.8, 4.6)", "[4.6, 6.4)", "[6.4, 8.2)", "≥ 8.2"]);
    expect([...col.codes]).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(binConditions(col, 1)).toEqual([
      { column: "x", op: ">=", values: [2.8] },
      { column: "x", op: "<", values: [4.6] },
    ]);
    expect(binConditions(col, 0)).toEqual([{ column: "x", op: "<", values: [2.8] }]);
    expectRoundTrip(col, values);
  });

  it("defaults to 5 bins", () => {
    expect(binNumeric("x", Array.from({ length: 100 }, (_, i) => i)).bins).toHaveLength(5);
  });

  it("gives missing values (null, undefined, NaN, ±∞) their own last bin", () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, null, NaN, undefined, Infinity];
    const col = binNumeric("x", values, 5);
    expect(col.bins.at(-1)).toEqual({ kind: "missing", label: "missing", count: 4 });
    expect([...col.codes.slice(10)]).toEqual([5, 5, 5, 5]);
    expect(binConditions(col, 5)).toEqual([{ column: "x", op: "is_null", values: [] }]);
    expectRoundTrip(col, values);
  });

  it("merges tied quantiles", () => {
    // n = 8: quantiles at 0.2 … 0.8 are 0, 0, 10, 10 → one cut at 10 (a cut at the minimum would leave an empty bin).
    const col = binNumeric("x", [0, 0, 0, 0, 10, 10, 10, 10], 5);
    expect(col.bins.map((b) => [b.label, b.count])).toEqual([
      ["< 10", 4],
      ["≥ 10", 4],
    ]);
  });

  it("folds bins left empty by interpolation into their left neighbour", () => {
    // Quantiles of {0, 10} at 0.2 … 0.8 are 2, 4, 6, 8: [2, 4), [4, 6) and [6, 8) hold nothing.
    const col = binNumeric("x", [0, 10], 5);
    expect(col.bins.map((b) => [b.label, b.count])).toEqual([
      ["< 8", 1],
      ["≥ 8", 1],
    ]);
  });

  it("keeps a constant column in one bin, and an all-missing one in the missing bin", () => {
    const constant = binNumeric("x", [5, 5, 5]);
    expect(constant.bins).toEqual([{ kind: "range", label: "= 5", lo: null, hi: null, count: 3 }]);
    expect(binConditions(constant, 0)).toEqual([{ column: "x", op: "is_not_null", values: [] }]);
    const none = binNumeric("x", [null, NaN]);
    expect(none.bins).toEqual([{ kind: "missing", label: "missing", count: 2 }]);
  });

  it("prints close cuts with enough digits to tell them apart", () => {
    const values = Array.from({ length: 50 }, (_, i) => 1 + i * 1e-9);
    const labels = binNumeric("x", values, 5).bins.map((b) => b.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("round-trips on random data with missing values", () => {
    const rng = new Random(3);
    const values = Array.from({ length: 2000 }, () => (rng.float() < 0.05 ? null : Math.round(rng.float() * rng.float() * 1000) / 10));
    for (const bins of [2, 5, 10]) expectRoundTrip(binNumeric("x", values, bins), values);
  });

  it.each([1, 0, 2.5, 101])("refuses %d bins", (bins) => {
    expect(() => binNumeric("x", [1, 2, 3], bins)).toThrow(SlicingError);
  });
});

describe("binCategorical", () => {
  it("keeps frequent values, most frequent first, groups rare ones into other, and missing last", () => {
    const values = ["a", "b", "a", "c", "a", "b", null, "d", undefined];
    const col = binCategorical("city", values, 2);
    expect(col.bins).toEqual([
      { kind: "category", label: "a", value: "a", count: 3 },
      { kind: "category", label: "b", value: "b", count: 2 },
      { kind: "other", label: "other", values: ["c", "d"], count: 2 },
      { kind: "missing", label: "missing", count: 2 },
    ]);
    expect([...col.codes]).toEqual([0, 1, 0, 2, 0, 1, 3, 2, 3]);
    expect(binConditions(col, 2)).toEqual([{ column: "city", op: "in", values: ["c", "d"] }]);
    expect(binConditions(col, 0)).toEqual([{ column: "city", op: "=", values: ["a"] }]);
    expectRoundTrip(col, values);
  });

  it("groups nothing with the default minimum support of 1, and orders ties by value", () => {
    const col = binCategorical("c", ["y", "x", "z", "x"]);
    expect(col.bins.map((b) => b.label)).toEqual(["x", "y", "z"]);
  });
});

describe("binColumns and slices back to conditions", () => {
  it("refuses columns of different lengths", () => {
    expect(() =>
      binColumns([
        { kind: "numeric", name: "a", values: [1, 2] },
        { kind: "categorical", name: "b", values: ["x"] },
      ]),
    ).toThrow(/column b has 1 values, a has 2/);
  });

  it("finds a planted slice on raw columns and describes it in words and conditions", () => {
    const rng = new Random(9);
    const n = 5000;
    const age = Array.from({ length: n }, () => (rng.float() < 0.02 ? null : 18 + Math.floor(rng.float() * 60)));
    const cities = ["Paris", "Lyon", "Nice", "Lille", "Brest", "Metz"];
    const city = Array.from({ length: n }, () => (rng.float() < 0.01 ? "Sète" : cities[rng.int(cities.length)]));
    const errors = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const bad = age[r] !== null && age[r]! >= 60 && city[r] === "Paris";
      errors[r] = rng.float() < (bad ? 0.7 : 0.08) ? 1 : 0;
    }
    const { features, columns } = binColumns(
      [
        { kind: "numeric", name: "age", values: age },
        { kind: "categorical", name: "city", values: city },
      ],
      { bins: 5, minSupport: 100 },
    );
    expect(columns[1].bins.map((b) => b.label)).toContain("other");
    const result = sliceLineSync({ features, errors }, { alpha: 0.95, minSupport: 50, maxLevel: 2, topK: 5 });
    const best = result.topK[0];
    const text = describeSlice(best.predicates, columns);
    expect(text).toMatch(/^age ≥ \d+ and city = Paris$/);
    // The conditions select exactly the slice's rows.
    const conds = sliceConditions(best.predicates, columns);
    let size = 0;
    for (let r = 0; r < n; r++) {
      const ageConds = conds.filter((c) => c.column === "age");
      const cityConds = conds.filter((c) => c.column === "city");
      if (satisfies(age[r], ageConds) && satisfies(city[r], cityConds)) size++;
    }
    expect(size).toBe(best.size);
  });
});
