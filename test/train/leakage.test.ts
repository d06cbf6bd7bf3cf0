import { describe, expect, it } from "vitest";
import type { RawColumn, RawTable, RawTarget } from "@/lib/features/raw";
import { checkLeakage, type SplitRows } from "@/lib/train/leakage";
import { checkFeature } from "@/lib/train/leakage-proxy";
import { Random } from "@/lib/train/random";
import { SplitError, splitRows } from "@/lib/train/split";

type NumericColumn = Extract<RawColumn, { kind: "numeric" }>;
type CategoricalColumn = Extract<RawColumn, { kind: "categorical" }>;
type BooleanColumn = Extract<RawColumn, { kind: "boolean" }>;

const N = 200;
const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

/** Two noisy numeric features, a 4-level category and a flag, all drawn with a fixed seed. */
function baseTable(n = N, seed = 1): { columns: RawColumn[]; target: Extract<RawTarget, { kind: "classes" }> } {
  const rng = new Random(seed);
  const y = Int32Array.from({ length: n }, () => rng.int(2));
  const columns: RawColumn[] = [
    { kind: "numeric", name: "x1", values: Float64Array.from(y, (c) => c + 2 * rng.float()) },
    { kind: "numeric", name: "x2", values: Float64Array.from({ length: n }, () => rng.float() * 100) },
    { kind: "categorical", name: "colour", codes: Int32Array.from({ length: n }, () => rng.int(4)), dictionary: ["r", "g", "b", "k"] },
    { kind: "boolean", name: "flag", values: Int8Array.from({ length: n }, () => rng.int(2)) },
  ];
  return { columns, target: { kind: "classes", name: "churn", classes: ["no", "yes"], codes: y } };
}

const tableOf = (columns: RawColumn[]): RawTable => ({ rowCount: columns.length > 0 ? valuesLength(columns[0]) : 0, columns });
const valuesLength = (c: RawColumn) => (c.kind === "categorical" ? c.codes.length : c.values.length);

/** Copies row `from` over row `to` in every column. */
function copyRow(columns: RawColumn[], from: number, to: number): void {
  for (const c of columns) {
    if (c.kind === "categorical") c.codes[to] = c.codes[from];
    else c.values[to] = c.values[from];
  }
}

const fixedSplit: SplitRows = { train: rows(140), validation: rows(170).slice(140), test: rows(200).slice(170) };
const names = ["x1", "x2", "colour", "flag"];

describe("checkLeakage: identical rows across splits", () => {
  it("finds nothing in distinct rows, and nothing to flag in noisy features", () => {
    const { columns, target } = baseTable();
    expect(checkLeakage(tableOf(columns), target, fixedSplit, names)).toEqual([]);
  });

  it("counts test and validation rows identical to a training row, with examples", () => {
    const { columns, target } = baseTable();
    for (const [from, to] of [[3, 171], [10, 180], [10, 199], [55, 150]]) copyRow(columns, from, to);
    const warnings = checkLeakage(tableOf(columns), target, fixedSplit, names);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ kind: "identical_rows", split: "test", count: 3, examples: [[3, 171], [10, 180], [10, 199]] });
    expect(warnings[0].message).toMatch(/^3 of 30 test rows are identical to a training row in all 4 features/);
    expect(warnings[1]).toMatchObject({ kind: "identical_rows", split: "validation", count: 1, examples: [[55, 150]] });
    expect(JSON.parse(JSON.stringify(warnings))).toEqual(warnings);
  });

  it("treats missing as a value, and only a full match as identical", () => {
    const { columns, target } = baseTable();
    copyRow(columns, 7, 175);
    copyRow(columns, 8, 176);
    // Row 7 and its copy both miss x2 and colour: still identical.
    const [, x2, colour, flagColumn] = columns as [RawColumn, NumericColumn, CategoricalColumn, BooleanColumn];
    for (const i of [7, 175]) {
      x2.values[i] = NaN;
      colour.codes[i] = -1;
    }
    // Row 176 differs from row 8 in the flag only: not identical.
    const flag = flagColumn.values;
    flag[176] = flag[8] === 1 ? 0 : 1;
    const [w] = checkLeakage(tableOf(columns), target, fixedSplit, names);
    expect(w).toMatchObject({ kind: "identical_rows", split: "test", count: 1, examples: [[7, 175]] });
  });

  it("caps examples at 5 and handles many duplicates in O(n)", () => {
    const { columns, target } = baseTable(20_000, 5);
    const split: SplitRows = { train: rows(14_000), validation: rows(17_000).slice(14_000), test: rows(20_000).slice(17_000) };
    for (let k = 0; k < 1000; k++) copyRow(columns, k, 17_000 + k);
    const [w] = checkLeakage(tableOf(columns), target, split, ["x2", "colour", "flag"]);
    expect(w.count).toBe(1000);
    expect(w.examples).toHaveLength(5);
  });

  it("stays quiet when the features take few combinations, so rows match by chance", () => {
    const { columns, target } = baseTable();
    // colour × flag: 8 combinations for 140 training rows.
    expect(checkLeakage(tableOf(columns), target, fixedSplit, ["colour", "flag"])).toEqual([]);
  });

  it("refuses a feature the table does not have", () => {
    const { columns, target } = baseTable();
    expect(() => checkLeakage(tableOf(columns), target, fixedSplit, ["nope"])).toThrow(SplitError);
  });
});

describe("checkLeakage: features that give the target away", () => {
  it("flags a categorical copy of the target", () => {
    const { columns, target } = baseTable();
    columns.push({ kind: "categorical", name: "churn_copy", codes: Int32Array.from(target.codes), dictionary: ["n", "y"] });
    const warnings = checkLeakage(tableOf(columns), target, fixedSplit, ["x2", "churn_copy"]);
    expect(warnings).toEqual([expect.objectContaining({ kind: "target_proxy", feature: "churn_copy", score: 1 })]);
    expect(warnings[0].message).toContain('feature "churn_copy" alone predicts target "churn" on 100.0% of training rows');
  });

  it("flags a numeric feature one threshold separates (0/1 copy, and a shifted copy)", () => {
    const { columns, target } = baseTable();
    columns.push({ kind: "numeric", name: "refund", values: Float64Array.from(target.codes, (c, i) => c * 50 + (i % 7)) });
    const w = checkLeakage(tableOf(columns), target, fixedSplit, ["x1", "x2", "refund"]);
    expect(w.map((x) => [x.kind, x.feature])).toEqual([["target_proxy", "refund"]]);
  });

  it("flags an identifier as id-like, not as a proxy", () => {
    const { columns, target } = baseTable();
    columns.push({ kind: "categorical", name: "user_id", codes: rows(N), dictionary: Array.from({ length: N }, (_, i) => `u${i}`) });
    const w = checkLeakage(tableOf(columns), target, fixedSplit, ["user_id", "colour"]);
    expect(w).toEqual([expect.objectContaining({ kind: "id_like", feature: "user_id", score: 1 })]);
    expect(w[0].message).toMatch(/different value on 100\.0% of training rows, like an identifier/);
  });

  it("does not flag a strong but noisy feature (matches the target on ~90% of rows)", () => {
    const { columns, target } = baseTable();
    const rng = new Random(3);
    columns.push({ kind: "categorical", name: "hint", codes: Int32Array.from(target.codes, (c) => (rng.float() < 0.1 ? 1 - c : c)), dictionary: ["a", "b"] });
    expect(checkLeakage(tableOf(columns), target, fixedSplit, ["hint", "x1"])).toEqual([]);
  });

  it("does not flag features on a target that is almost all one class", () => {
    const n = 1000;
    const rng = new Random(4);
    const codes = Int32Array.from({ length: n }, (_, i) => (i % 200 === 0 ? 1 : 0));
    const target: RawTarget = { kind: "classes", name: "fraud", classes: ["no", "yes"], codes };
    const noise: RawColumn = { kind: "boolean", name: "weekend", values: Int8Array.from({ length: n }, () => rng.int(2)) };
    const r = splitRows({ kind: "stratified", seed: 1 }, { rowCount: n, columns: [noise] }, target);
    expect(checkLeakage({ rowCount: n, columns: [noise] }, target, r, ["weekend"])).toEqual([]);
  });

  it("flags a numeric feature that is a linear function of a regression target", () => {
    const n = 100;
    const rng = new Random(6);
    const y = Float64Array.from({ length: n }, () => rng.float() * 1000);
    const target: RawTarget = { kind: "values", name: "price", values: y };
    const columns: RawColumn[] = [
      { kind: "numeric", name: "price_eur", values: Float64Array.from(y, (v) => 0.9 * v + 3) },
      { kind: "numeric", name: "rooms", values: Float64Array.from(y, (v) => v / 100 + rng.float() * 4) },
    ];
    const r = splitRows({ kind: "random", seed: 2 }, { rowCount: n, columns }, target);
    const w = checkLeakage({ rowCount: n, columns }, target, r, ["price_eur", "rooms"]);
    expect(w.map((x) => [x.kind, x.feature])).toEqual([["target_proxy", "price_eur"]]);
    expect(w[0].score).toBeCloseTo(1, 12);
  });
});

// Reference values computed independently with NumPy (np.corrcoef; the
// correlation ratio from its definition) for the exact data below.
describe("checkFeature: reference values", () => {
  it("one threshold misses one of 200 rows: accuracy 199/200", () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => i + 1);
    const codes = Int32Array.from(x, (v) => (v > 100 || v === 50 ? 1 : 0));
    const f = checkFeature({ kind: "numeric", name: "x", values: x }, { kind: "classes", name: "y", classes: ["a", "b"], codes }, rows(200));
    expect(f).toEqual({ kind: "proxy", score: 0.995, measure: "accuracy" });
  });

  it("|r| = 0.9963444906735487 for x = 1..20, y = x ± 0.5 (flagged)", () => {
    const x = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const y = Float64Array.from(x, (v) => v + 0.5 * (-1) ** v);
    const f = checkFeature({ kind: "numeric", name: "x", values: x }, { kind: "values", name: "y", values: y }, rows(20));
    expect(f?.kind === "proxy" && f.score).toBeCloseTo(0.9963444906735487, 12);
  });

  it("r = 0.9694696278887306 for x = 1..50, y = x² (not flagged)", () => {
    const x = Float64Array.from({ length: 50 }, (_, i) => i + 1);
    const f = checkFeature({ kind: "numeric", name: "x", values: x }, { kind: "values", name: "y", values: x.map((v) => v * v) }, rows(50));
    expect(f).toBeUndefined();
  });

  it("correlation ratio 0.9996252108057505 for three tight groups", () => {
    const codes = Int32Array.from({ length: 15 }, (_, i) => Math.floor(i / 5));
    const y = Float64Array.of(1, 1.1, 0.9, 1, 1, 5, 5.2, 4.8, 5, 5, 9, 9, 9.1, 8.9, 9);
    const f = checkFeature({ kind: "categorical", name: "g", codes, dictionary: ["a", "b", "c"] }, { kind: "values", name: "y", values: y }, rows(15));
    expect(f?.kind === "proxy" && f.score).toBeCloseTo(0.9996252108057505, 12);
  });
});
