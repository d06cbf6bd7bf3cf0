import { describe, expect, it } from "vitest";
import type { RawColumn, RawTable, RawTarget } from "@/lib/features/raw";
import { SplitError, splitRows, splitSpecSchema, type SplitErrorCode, type SplitResult, type SplitSpecInput } from "@/lib/train/split";
import { apportion, splitSizes } from "@/lib/train/split-apportion";

function classes(labels: (string | null)[], name = "y"): Extract<RawTarget, { kind: "classes" }> {
  const names = [...new Set(labels.filter((l): l is string => l !== null))];
  return { kind: "classes", name, classes: names, codes: Int32Array.from(labels, (l) => (l === null ? -1 : names.indexOf(l))) };
}

function table(n: number, columns: RawColumn[] = []): RawTable {
  return { rowCount: n, columns };
}

const twoClasses = (n: number) => classes(Array.from({ length: n }, (_, i) => (i % 2 ? "A" : "B")));

function expectPartition(r: SplitResult, rows: number[]): void {
  const all = [...r.train, ...r.validation, ...r.test].sort((a, b) => a - b);
  expect(all).toEqual(rows);
  for (const part of [r.train, r.validation, r.test]) {
    expect(part.length).toBeGreaterThan(0);
    for (let k = 1; k < part.length; k++) expect(part[k]).toBeGreaterThan(part[k - 1]);
  }
}

function expectSplitError(f: () => unknown, code: SplitErrorCode, message?: string): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SplitError);
    expect((e as SplitError).code).toBe(code);
    if (message !== undefined) expect((e as SplitError).message).toBe(message);
    return;
  }
  throw new Error(`expected SplitError ${code}`);
}

// Reference: the Hare-quota (largest remainder) example of Wikipedia's
// "Largest remainder method": 100,000 votes, 10 seats → 5, 2, 1, 1, 1, 0.
describe("apportion (largest remainder)", () => {
  it("matches the textbook example", () => {
    expect(apportion(10, [47_000, 16_000, 15_800, 12_000, 6_100, 3_100])).toEqual([5, 2, 1, 1, 1, 0]);
  });

  it("always sums to the total and keeps each count within one of its quota", () => {
    for (let n = 3; n <= 200; n++) {
      for (const [v, t] of [[0.15, 0.15], [0.1, 0.2], [1 / 3, 1 / 3], [0.01, 0.01]]) {
        const sizes = splitSizes(n, v, t);
        expect(sizes[0] + sizes[1] + sizes[2]).toBe(n);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
        // Within one row of the quota, unless a quota below 1 had to be raised
        // to one row (taken from the largest part).
        const fractions = [1 - v - t, v, t];
        if (Math.min(...fractions) * n < 1) continue;
        fractions.forEach((f, s) => expect(Math.abs(sizes[s] - n * f)).toBeLessThan(1 + 1e-9));
      }
    }
  });
});

describe("splitSpecSchema", () => {
  it("fills the default fractions", () => {
    expect(splitSpecSchema.parse({ kind: "random", seed: 1 })).toEqual({ kind: "random", seed: 1, validation: 0.15, test: 0.15 });
  });

  it.each([
    ["a negative seed", { kind: "random", seed: -1 }],
    ["a seed past uint32", { kind: "random", seed: 2 ** 32 }],
    ["a fractional seed", { kind: "random", seed: 1.5 }],
    ["a zero fraction", { kind: "random", seed: 1, validation: 0 }],
    ["fractions summing to 1", { kind: "random", seed: 1, validation: 0.5, test: 0.5 }],
    ["a group split without a column", { kind: "group", seed: 1 }],
    ["a time split without a column", { kind: "time", seed: 1 }],
    ["an unknown kind", { kind: "kfold", seed: 1 }],
  ])("rejects %s", (_, input) => {
    expect(splitSpecSchema.safeParse(input).success).toBe(false);
  });
});

describe("random split", () => {
  const rows = Array.from({ length: 100 }, (_, i) => i);

  it("cuts 100 rows 70/15/15 into sorted, disjoint, complete parts", () => {
    const r = splitRows({ kind: "random", seed: 42 }, table(100), twoClasses(100));
    expectPartition(r, rows);
    expect([r.train.length, r.validation.length, r.test.length]).toEqual([70, 15, 15]);
    expect(r.droppedRows).toBe(0);
    expect(r.note).toBeUndefined();
  });

  it("repeats for the same seed and changes with the seed", () => {
    const spec = (seed: number): SplitSpecInput => ({ kind: "random", seed, validation: 0.2, test: 0.2 });
    const a = splitRows(spec(1), table(100), twoClasses(100));
    const b = splitRows(spec(1), table(100), twoClasses(100));
    const c = splitRows(spec(2), table(100), twoClasses(100));
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it("drops rows without a target and counts them", () => {
    const labels = Array.from({ length: 30 }, (_, i) => (i % 6 === 0 ? null : i % 2 ? "A" : "B"));
    const r = splitRows({ kind: "random", seed: 3 }, table(30), classes(labels));
    expect(r.droppedRows).toBe(5);
    expectPartition(r, rows.slice(0, 30).filter((i) => i % 6 !== 0));
    expect(r.note).toContain("5 rows without a target");
  });

  it("drops NaN targets of a regression", () => {
    const values = Float64Array.from({ length: 12 }, (_, i) => (i < 2 ? NaN : i));
    const r = splitRows({ kind: "random", seed: 3 }, table(12), { kind: "values", name: "price", values });
    expect(r.droppedRows).toBe(2);
    expectPartition(r, rows.slice(2, 12));
  });
});

describe("splitRows errors", () => {
  it("too few rows", () => {
    const labels = Array.from({ length: 12 }, (_, i) => (i < 5 ? null : i % 2 ? "A" : "B"));
    expectSplitError(
      () => splitRows({ kind: "random", seed: 1 }, table(12), classes(labels)),
      "too_few_rows",
      "too few rows for the split: 7 rows with a target; need at least 10 for train/validation/test",
    );
  });

  it("a target with one class only", () => {
    const labels = Array.from({ length: 20 }, (_, i) => (i % 3 ? "A" : null));
    expectSplitError(
      () => splitRows({ kind: "stratified", seed: 1 }, table(20), classes(labels)),
      "one_class",
      'target "y" has one class only ("A"); a classifier needs at least two',
    );
  });

  it.each([
    [{ validation: 0.6, test: 0.4 }],
    [{ validation: 0, test: 0.2 }],
    [{ validation: 0.2, test: 1.2 }],
    [{ validation: Number.NaN }],
  ])("fractions out of range or summing to ≥ 1: %j", (fractions) => {
    expectSplitError(() => splitRows({ kind: "random", seed: 1, ...fractions }, table(20), twoClasses(20)), "bad_fractions");
  });

  it("a seed that is not a uint32", () => {
    expectSplitError(() => splitRows({ kind: "random", seed: -3 }, table(20), twoClasses(20)), "bad_seed");
  });

  it("stratifying a regression target", () => {
    const target: RawTarget = { kind: "values", name: "price", values: Float64Array.from({ length: 20 }, (_, i) => i) };
    expectSplitError(() => splitRows({ kind: "stratified", seed: 1 }, table(20), target), "stratify_regression");
  });

  it("an unknown group or time column", () => {
    expectSplitError(
      () => splitRows({ kind: "group", seed: 1, groupColumn: "author" }, table(20), twoClasses(20)),
      "unknown_column",
      'unknown group column: "author"',
    );
    expectSplitError(() => splitRows({ kind: "time", seed: 1, timeColumn: "when" }, table(20), twoClasses(20)), "unknown_column");
  });

  it("a group or time split without its column", () => {
    expectSplitError(() => splitRows({ kind: "group", seed: 1 }, table(20), twoClasses(20)), "missing_option");
  });

  it("a time column that is neither date nor numeric", () => {
    const when: RawColumn = { kind: "categorical", name: "when", codes: new Int32Array(20), dictionary: ["x"] };
    expectSplitError(
      () => splitRows({ kind: "time", seed: 1, timeColumn: "when" }, table(20, [when]), twoClasses(20)),
      "bad_column_kind",
      'time column "when" is categorical: a time split needs a date or numeric column',
    );
  });

  it("a target whose length is not the table's", () => {
    expectSplitError(() => splitRows({ kind: "random", seed: 1 }, table(21), twoClasses(20)), "length_mismatch");
  });
});
