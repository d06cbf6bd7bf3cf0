import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { compileToTfjs } from "@/lib/features/compile-tfjs";
import { FeatureSpecError, type FeatureSpecErrorCode } from "@/lib/features/errors";
import { fitFeatureSpec } from "@/lib/features/fit";
import type { FeatureSpec } from "@/lib/features/spec";
import { bool, cat, date, num, rows, table } from "./tables";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function codeOf(f: () => unknown): { code: FeatureSpecErrorCode; message: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof FeatureSpecError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a FeatureSpecError");
}

const TABLE = table(
  num("x", [null, null, 3]),
  cat("species", [null, null, "a"]),
  bool("flag", [null, null, true]),
  date("when", [null, null, "2024-01-01T00:00:00Z"]),
);
const TRAIN = rows(0, 1); // every training value is missing; row 2 is a test row
const ALL_MISSING = `every value in the training split is missing; choose a constant fill or drop the feature`;

describe("FeatureSpecError", () => {
  const cases: [string, FeatureSpec["columns"][number]][] = [
    ["numeric mean", { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" }],
    ["numeric median", { name: "x", kind: "numeric", impute: { strategy: "median" }, scale: "none" }],
    ["categorical", { name: "species", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 5 }],
    ["boolean", { name: "flag", kind: "boolean", impute: { strategy: "most_frequent" } }],
    ["date", { name: "when", kind: "date", parts: ["year"], impute: { strategy: "median" }, scale: "none" }],
  ];
  for (const [label, column] of cases) {
    it(`all_missing: ${label}, with the message naming the feature`, () => {
      expect(codeOf(() => fitFeatureSpec({ columns: [column] }, TABLE, TRAIN))).toEqual({
        code: "all_missing",
        message: `feature "${column.name}": ${ALL_MISSING}`,
      });
    });
  }

  it("a constant fill makes an all-missing training column fittable", () => {
    const fitted = fitFeatureSpec(
      {
        columns: [
          { name: "x", kind: "numeric", impute: { strategy: "constant", value: 0 }, scale: "standard" },
          { name: "species", kind: "categorical", impute: { strategy: "constant", value: "?" }, topK: 5 },
          { name: "flag", kind: "boolean", impute: { strategy: "constant", value: false } },
          { name: "when", kind: "date", parts: ["year"], impute: { strategy: "constant", value: 0 }, scale: "minmax" },
        ],
      },
      TABLE,
      TRAIN,
    );
    expect(fitted.columns.map((c) => c.kind === "date" ? c.parts[0].fill : c.fill)).toEqual([0, "?", false, 1970]);
  });

  it("unknown_column", () => {
    const spec: FeatureSpec = { columns: [{ name: "nope", kind: "boolean", impute: { strategy: "most_frequent" } }] };
    expect(codeOf(() => fitFeatureSpec(spec, TABLE, rows(2)))).toEqual({
      code: "unknown_column",
      message: `feature "nope": no column of that name in the table`,
    });
  });

  it("kind_mismatch: spec says numeric, column is categorical", () => {
    const spec: FeatureSpec = { columns: [{ name: "species", kind: "numeric", impute: { strategy: "mean" }, scale: "none" }] };
    expect(codeOf(() => fitFeatureSpec(spec, TABLE, rows(2)))).toEqual({
      code: "kind_mismatch",
      message: `feature "species": the spec treats it as numeric but the column is categorical`,
    });
  });

  it("applying a fitted spec to a table whose column changed kind fails the same way", () => {
    const spec: FeatureSpec = { columns: [{ name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "none" }] };
    const compiled = compileToTfjs(fitFeatureSpec(spec, TABLE, rows(2)));
    expect(codeOf(() => compiled.apply(tf, table(cat("x", ["3"])), rows(0))).code).toBe("kind_mismatch");
    expect(codeOf(() => compiled.apply(tf, table(num("y", [3])), rows(0))).code).toBe("unknown_column");
    expect(codeOf(() => compiled.apply(tf, TABLE, rows(3))).code).toBe("invalid_rows");
  });

  it("invalid_rows: empty training split, or a row outside the table", () => {
    const spec: FeatureSpec = { columns: [{ name: "x", kind: "numeric", impute: { strategy: "constant", value: 1 }, scale: "none" }] };
    expect(codeOf(() => fitFeatureSpec(spec, TABLE, rows()))).toEqual({ code: "invalid_rows", message: "training split: no rows" });
    expect(codeOf(() => fitFeatureSpec(spec, TABLE, rows(0, 3)))).toEqual({
      code: "invalid_rows",
      message: "training split: row 3 is outside the table (3 rows)",
    });
  });

  it("non_finite: an infinite training value", () => {
    const spec: FeatureSpec = { columns: [{ name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" }] };
    expect(codeOf(() => fitFeatureSpec(spec, table(num("x", [1, Infinity])), rows(0, 1))).code).toBe("non_finite");
  });

  it("invalid_spec: schema violations are reported with their path", () => {
    const t = table(num("x", [1]), cat("c", ["a"]), date("d", ["2024-01-01T00:00:00Z"]));
    const bad: unknown[] = [
      { columns: [] },
      { columns: [{ name: "c", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 0 }] },
      { columns: [{ name: "c", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 1001 }] },
      { columns: [{ name: "x", kind: "numeric", impute: { strategy: "constant" }, scale: "none" }] },
      { columns: [{ name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "log" }] },
      { columns: [{ name: "d", kind: "date", parts: [], impute: { strategy: "median" }, scale: "none" }] },
      { columns: [{ name: "d", kind: "date", parts: ["year", "year"], impute: { strategy: "median" }, scale: "none" }] },
      { columns: [{ name: "d", kind: "date", parts: ["year"], impute: { strategy: "constant", value: 1e16 }, scale: "none" }] },
      {
        columns: [
          { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "none" },
          { name: "x", kind: "numeric", impute: { strategy: "median" }, scale: "none" },
        ],
      },
    ];
    for (const spec of bad) {
      expect(codeOf(() => fitFeatureSpec(spec as FeatureSpec, t, rows(0))).code, JSON.stringify(spec)).toBe("invalid_spec");
    }
    expect(codeOf(() => fitFeatureSpec(bad[1] as FeatureSpec, t, rows(0))).message).toMatch(/^invalid feature spec: columns\.0\.topK: /);
  });
});
