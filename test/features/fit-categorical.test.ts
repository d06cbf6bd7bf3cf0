import { describe, expect, it } from "vitest";
import { fitFeatureSpec } from "@/lib/features/fit";
import type { FittedColumn } from "@/lib/features/spec";
import { bool, cat, date, num, rows, table } from "./tables";

/*
 * Training values (rows 0–6): b a c a b (missing) d; test row 7: "zed" (seen only there).
 * Counts: a 2, b 2, c 1, d 1, missing 1. The dictionary is in reverse order on
 * purpose: ties must follow value order, not dictionary order.
 */
const SPECIES = [...["b", "a", "c", "a", "b"], null, "d", "zed"];
const DICT = ["zed", "d", "c", "b", "a"];
const TRAIN = rows(0, 1, 2, 3, 4, 5, 6);

function fitSpecies(topK: number, impute: { strategy: "most_frequent" } | { strategy: "constant"; value: string }) {
  const spec = { columns: [{ name: "species", kind: "categorical" as const, impute, topK }] };
  return fitFeatureSpec(spec, table(cat("species", SPECIES, DICT)), TRAIN);
}

describe("fitFeatureSpec, categorical columns", () => {
  it("most_frequent tie (a 2, b 2) → the smaller value, a; then a 3, b 2, c 1, d 1; top 3 → a b c (c beats d on a tie)", () => {
    const fitted = fitSpecies(3, { strategy: "most_frequent" });
    expect(fitted.columns[0]).toEqual({ name: "species", kind: "categorical", fill: "a", categories: ["a", "b", "c"] });
    expect(fitted.outputs.map((o) => o.name)).toEqual(["species=a", "species=b", "species=c", "species=<other>"]);
    expect(fitted.outputs.every((o) => o.column === "species")).toBe(true);
  });

  it("never puts a value seen only in test rows among the categories", () => {
    const c = fitSpecies(1000, { strategy: "most_frequent" }).columns[0] as Extract<FittedColumn, { kind: "categorical" }>;
    expect(c.categories).toEqual(["a", "b", "c", "d"]);
  });

  it("a constant fill is counted once per missing row: 'zzz' (1) ties c and d, sorts after them and misses the top 4", () => {
    expect(fitSpecies(5, { strategy: "constant", value: "zzz" }).columns[0]).toMatchObject({ categories: ["a", "b", "c", "d", "zzz"] });
    const c = fitSpecies(4, { strategy: "constant", value: "zzz" }).columns[0];
    expect(c).toEqual({ name: "species", kind: "categorical", fill: "zzz", categories: ["a", "b", "c", "d"] });
  });

  it("a frequent constant fill earns a slot: 3 missing → '?' 3 > a 1, b 1", () => {
    const fitted = fitFeatureSpec(
      { columns: [{ name: "s", kind: "categorical", impute: { strategy: "constant", value: "?" }, topK: 2 }] },
      table(cat("s", [null, "b", null, "a", null])),
      rows(0, 1, 2, 3, 4),
    );
    expect(fitted.columns[0]).toMatchObject({ fill: "?", categories: ["?", "a"] });
  });
});

describe("fitFeatureSpec, boolean columns", () => {
  const spec = (impute: { strategy: "most_frequent" } | { strategy: "constant"; value: boolean }) => ({
    columns: [{ name: "flag", kind: "boolean" as const, impute }],
  });

  it("most_frequent: 2 true vs 2 false → false (the smaller, 0 < 1)", () => {
    const t = table(bool("flag", [true, false, null, true, false]));
    expect(fitFeatureSpec(spec({ strategy: "most_frequent" }), t, rows(0, 1, 2, 3, 4)).columns[0]).toMatchObject({ fill: false });
  });

  it("most_frequent: 2 true vs 1 false → true; one output named after the column", () => {
    const fitted = fitFeatureSpec(spec({ strategy: "most_frequent" }), table(bool("flag", [true, true, false, null])), rows(0, 1, 2, 3));
    expect(fitted.columns[0]).toEqual({ name: "flag", kind: "boolean", fill: true });
    expect(fitted.outputs).toEqual([{ name: "flag", column: "flag" }]);
  });

  it("constant", () => {
    const fitted = fitFeatureSpec(spec({ strategy: "constant", value: true }), table(bool("flag", [false, null])), rows(0, 1));
    expect(fitted.columns[0]).toMatchObject({ fill: true });
  });
});

describe("fitFeatureSpec, date columns", () => {
  /*
   * Parts (Python datetime, see date-parts.test.ts): month / dayofweek / hour
   *   2024-02-29T23:30Z  2 / 3 / 23
   *   2024-01-01T00:00Z  1 / 0 / 0
   *   2023-12-31T12:00Z 12 / 6 / 12
   *   2024-03-15T06:00Z  3 / 4 / 6
   * Medians: months 1 2 3 12 → 2.5; weekdays 0 3 4 6 → 3.5; hours 0 6 12 23 → 9.
   * Imputed (one missing row each): month 1…12 → min 1, range 11; weekday 0…6 → range 6; hour 0…23 → range 23.
   */
  const WHEN = ["2024-02-29T23:30:00Z", "2024-01-01T00:00:00Z", null, "2023-12-31T12:00:00Z", "2024-03-15T06:00:00Z", "1900-01-01T00:00:00Z"];

  it("median fill and minmax scale per part, from training rows only (row 5 is a test row)", () => {
    const fitted = fitFeatureSpec(
      { columns: [{ name: "when", kind: "date", parts: ["month", "dayofweek", "hour"], impute: { strategy: "median" }, scale: "minmax" }] },
      table(date("when", WHEN)),
      rows(0, 1, 2, 3, 4),
    );
    expect(fitted.columns[0]).toEqual({
      name: "when",
      kind: "date",
      parts: [
        { part: "month", fill: 2.5, scale: { method: "minmax", min: 1, range: 11 } },
        { part: "dayofweek", fill: 3.5, scale: { method: "minmax", min: 0, range: 6 } },
        { part: "hour", fill: 9, scale: { method: "minmax", min: 0, range: 23 } },
      ],
    });
    expect(fitted.outputs.map((o) => o.name)).toEqual(["when.month", "when.dayofweek", "when.hour"]);
  });

  it("a constant fill is a timestamp: each part is filled with that timestamp's part", () => {
    const fitted = fitFeatureSpec(
      { columns: [{ name: "when", kind: "date", parts: ["year", "day"], impute: { strategy: "constant", value: Date.parse("2000-01-31T00:00:00Z") }, scale: "none" }] },
      table(date("when", [null, "2024-02-29T23:30:00Z"])),
      rows(0, 1),
    );
    expect(fitted.columns[0]).toMatchObject({ parts: [{ part: "year", fill: 2000 }, { part: "day", fill: 31 }] });
  });

  it("columns keep the spec's order and outputs follow it", () => {
    const fitted = fitFeatureSpec(
      {
        columns: [
          { name: "flag", kind: "boolean", impute: { strategy: "most_frequent" } },
          { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "none" },
        ],
      },
      table(num("x", [1, 3]), bool("flag", [true, true])),
      rows(0, 1),
    );
    expect(fitted.outputs.map((o) => o.name)).toEqual(["flag", "x"]);
    expect(fitted.version).toBe(1);
  });
});
