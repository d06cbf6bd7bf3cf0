import { describe, expect, it } from "vitest";
import { fitFeatureSpec } from "@/lib/features/fit";
import type { RawColumn, RawTable } from "@/lib/features/raw";
import { recastColumn, recastTable, specWithSettings } from "@/lib/features/settings";

const num = (name: string, v: number[]): RawColumn => ({ kind: "numeric", name, values: Float64Array.from(v) });
const cat = (name: string, dictionary: string[], codes: number[]): RawColumn => ({ kind: "categorical", name, dictionary, codes: Int32Array.from(codes) });
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

describe("per-column feature settings over the defaults", () => {
  it("median fill and min-max scaling, as fitted on the training rows (hand-computed)", () => {
    // Training values 1, (missing), 3, 10: median of the present ones is 3; min 1, range 10 − 1 = 9.
    const table: RawTable = { rowCount: 4, columns: [num("x", [1, NaN, 3, 10])] };
    const fitted = fitFeatureSpec(specWithSettings(table.columns, { x: { impute: "median", scale: "minmax" } }), table, all(4));
    expect(fitted.columns[0]).toEqual({ name: "x", kind: "numeric", fill: 3, scale: { method: "minmax", min: 1, range: 9 } });
  });

  it("a constant fill, and the defaults (mean, standard) for columns without settings", () => {
    const table: RawTable = { rowCount: 3, columns: [num("a", [NaN, 2, 4]), num("b", [NaN, 2, 4])] };
    const fitted = fitFeatureSpec(specWithSettings(table.columns, { a: { impute: "constant", constant: "-1", scale: "none" } }), table, all(3));
    expect(fitted.columns[0]).toEqual({ name: "a", kind: "numeric", fill: -1, scale: { method: "none" } });
    // b: mean of 2 and 4 is 3; imputed values 3, 2, 4 have population std sqrt(2/3).
    expect(fitted.columns[1]).toMatchObject({ fill: 3, scale: { method: "standard", mean: 3 } });
    expect((fitted.columns[1] as { scale: { std: number } }).scale.std).toBeCloseTo(Math.sqrt(2 / 3), 12);
  });

  it("top-K and a constant fill for categories; mean is refused for them", () => {
    const table: RawTable = { rowCount: 5, columns: [cat("c", ["a", "b", "z"], [0, 0, 1, 2, -1])] };
    const fitted = fitFeatureSpec(specWithSettings(table.columns, { c: { topK: 1, impute: "constant", constant: "b" } }), table, all(5));
    expect(fitted.columns[0]).toEqual({ name: "c", kind: "categorical", fill: "b", categories: ["a"] });
    expect(() => specWithSettings(table.columns, { c: { impute: "mean" } })).toThrow(/categories cannot be filled with the mean/);
  });

  it("names a constant that is not a number", () => {
    expect(() => specWithSettings([num("x", [1])], { x: { impute: "constant", constant: "ten" } })).toThrow(/feature "x": the constant fill "ten" is not a number/);
  });
});

describe("date parts", () => {
  it("are the ones chosen, fitted per part: 2024-03-15 and 2024-03-17 give day medians of 16 (hand-computed)", () => {
    const table: RawTable = { rowCount: 2, columns: [{ kind: "date", name: "d", values: Float64Array.from([Date.UTC(2024, 2, 15), Date.UTC(2024, 2, 17)]) }] };
    const fitted = fitFeatureSpec(specWithSettings(table.columns, { d: { parts: ["day", "month"], scale: "none" } }), table, all(2));
    expect(fitted.columns[0]).toEqual({
      name: "d",
      kind: "date",
      parts: [
        { part: "day", fill: 16, scale: { method: "none" } },
        { part: "month", fill: 3, scale: { method: "none" } },
      ],
    });
  });
});

describe("treating a column as another kind", () => {
  it("numbers as categories, by their text; missing stays missing", () => {
    expect(recastColumn(num("zip", [10115, 80331, 10115, NaN]), "categorical")).toEqual(cat("zip", ["10115", "80331"], [0, 1, 0, -1]));
  });

  it("text as numbers when every value parses; else the error names the row and the value", () => {
    expect(recastColumn(cat("n", ["1.5", "2", ""], [0, 1, 2]), "numeric")).toEqual(num("n", [1.5, 2, NaN]));
    expect(() => recastColumn(cat("price", ["3", "n/a"], [0, 0, 1]), "numeric")).toThrow(/feature "price" was chosen as numeric, but row 3 holds "n\/a"/);
  });

  it("recasts only the columns whose settings ask", () => {
    const t: RawTable = { rowCount: 1, columns: [num("a", [1]), num("b", [2])] };
    const r = recastTable(t, { b: { treatAs: "categorical" } });
    expect(r.columns.map((c) => c.kind)).toEqual(["numeric", "categorical"]);
  });
});
