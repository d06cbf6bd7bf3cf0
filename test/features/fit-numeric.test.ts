import { describe, expect, it } from "vitest";
import { fitFeatureSpec } from "@/lib/features/fit";
import type { ColumnSpec, FittedColumn } from "@/lib/features/spec";
import { num, rows, table } from "./tables";

/** Fits one numeric column named "x" and returns its fitted column. */
function fitX(values: (number | null)[], train: Int32Array, spec: Omit<Extract<ColumnSpec, { kind: "numeric" }>, "name" | "kind">) {
  const fitted = fitFeatureSpec({ columns: [{ name: "x", kind: "numeric", ...spec }] }, table(num("x", values)), train);
  return fitted.columns[0] as Extract<FittedColumn, { kind: "numeric" }>;
}

/*
 * Rows 0–3 are the training split, row 4 (1000) is a test row.
 * Observed training values 1, 2, 7 → mean 10/3. Imputed: 1, 2, 10/3, 7.
 * Mean of the imputed values is still 10/3; deviations −7/3, −4/3, 0, 11/3;
 * squares sum to (49 + 16 + 0 + 121)/9 = 62/3; population variance (ddof = 0,
 * as sklearn StandardScaler) = 62/3 / 4 = 31/6 → std = √(31/6) ≈ 2.2730.
 */
const X = [1, 2, null, 7, 1000];
const TRAIN = rows(0, 1, 2, 3);

describe("fitFeatureSpec, numeric columns", () => {
  it("mean + standard: hand-computed fill, mean and population std", () => {
    const c = fitX(X, TRAIN, { impute: { strategy: "mean" }, scale: "standard" });
    expect(c.fill).toBeCloseTo(10 / 3, 12);
    expect(c.scale).toMatchObject({ method: "standard" });
    if (c.scale.method !== "standard") throw new Error("unreachable");
    expect(c.scale.mean).toBeCloseTo(10 / 3, 12);
    expect(c.scale.std).toBeCloseTo(Math.sqrt(31 / 6), 12);
  });

  it("uses only training rows: the test row's value does not move any statistic", () => {
    const spec = { impute: { strategy: "mean" as const }, scale: "standard" as const };
    const a = fitX(X, TRAIN, spec);
    const b = fitX([1, 2, null, 7, -5e9], TRAIN, spec);
    expect(b).toEqual(a);
    // And including row 4 would have moved the mean: (1 + 2 + 7 + 1000) / 4 = 252.5.
    expect(fitX(X, rows(0, 1, 2, 3, 4), spec).fill).toBe(252.5);
  });

  it("reads training rows by index, in any order", () => {
    const c = fitX([1000, 7, null, 2, 1], rows(4, 3, 2, 1), { impute: { strategy: "mean" }, scale: "none" });
    expect(c.fill).toBeCloseTo(10 / 3, 12);
  });

  it("median + minmax: observed 1, 2, 7 → median 2; imputed 1, 2, 2, 7 → min 1, range 6", () => {
    const c = fitX(X, TRAIN, { impute: { strategy: "median" }, scale: "minmax" });
    expect(c).toEqual({ name: "x", kind: "numeric", fill: 2, scale: { method: "minmax", min: 1, range: 6 } });
  });

  it("median of an even count is the mean of the two middle values", () => {
    // observed 4, 1, 3, 10 → sorted 1 3 4 10 → (3 + 4) / 2
    expect(fitX([4, 1, null, 3, 10], rows(0, 1, 2, 3, 4), { impute: { strategy: "median" }, scale: "none" }).fill).toBe(3.5);
  });

  it("most_frequent: 3 and 1 both occur twice → the smaller, 1", () => {
    const c = fitX([3, 1, 3, 1, null, 2], rows(0, 1, 2, 3, 4, 5), { impute: { strategy: "most_frequent" }, scale: "none" });
    expect(c).toEqual({ name: "x", kind: "numeric", fill: 1, scale: { method: "none" } });
  });

  it("constant fill joins the scaling statistics: imputed 1, 2, −1, 7 → min −1, range 8", () => {
    const c = fitX(X, TRAIN, { impute: { strategy: "constant", value: -1 }, scale: "minmax" });
    expect(c).toEqual({ name: "x", kind: "numeric", fill: -1, scale: { method: "minmax", min: -1, range: 8 } });
  });

  it("constant column: std 0 → divisor 1, max = min → range 1", () => {
    const values = [5, 5, null, 5];
    const all = rows(0, 1, 2, 3);
    expect(fitX(values, all, { impute: { strategy: "mean" }, scale: "standard" }).scale).toEqual({ method: "standard", mean: 5, std: 1 });
    expect(fitX(values, all, { impute: { strategy: "mean" }, scale: "minmax" }).scale).toEqual({ method: "minmax", min: 5, range: 1 });
  });

  it("a column missing only outside the training split is fine with any strategy", () => {
    expect(fitX([null, 4, 6], rows(1, 2), { impute: { strategy: "mean" }, scale: "none" }).fill).toBe(5);
  });
});
