import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/data/db";
import { compileSlice, parseSlice } from "@/lib/eval/slices";
import { binColumns, sliceConditions } from "@/lib/eval/slicing";
import { conditionsToSliceText } from "@/lib/eval/slicing/to-slice";
import { openNodeDuckDb } from "../duckdb-node";

/**
 * A discovered slice written in the slice language selects, through the
 * compiler and DuckDB, exactly the rows whose bin codes the search matched:
 * the reference is the codes themselves.
 */
let db: Awaited<ReturnType<typeof openNodeDuckDb>>;
const n = 500;
const age = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : (i * 37) % 90));
const city = Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : i % 25 === 1 ? "Rare1" : i % 25 === 2 ? "Rare2" : ["Paris", "Oslo", "Lima", "O'Hare"][i % 4]));

beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.query(`CREATE TABLE t AS SELECT * FROM (VALUES ${age.map((a, i) => `(${i}, ${a ?? "NULL"}, ${city[i] === null ? "NULL" : `'${city[i]!.replaceAll("'", "''")}'`})`).join(", ")}) AS v(r, "age (y)", city)`);
});
afterAll(() => db?.close());

describe("discovered slices as slice language", () => {
  it("selects exactly the rows of every single- and two-predicate slice", async () => {
    const { columns } = binColumns(
      [
        { kind: "numeric", name: "age (y)", values: age },
        { kind: "categorical", name: "city", values: city },
      ],
      { bins: 4, minSupport: 60 },
    );
    const types = { r: "INTEGER", "age (y)": "INTEGER", city: "VARCHAR" };
    const cases: { feature: number; value: number }[][] = [];
    for (let a = 0; a < columns[0].bins.length; a++) cases.push([{ feature: 0, value: a }]);
    for (let c = 0; c < columns[1].bins.length; c++) cases.push([{ feature: 1, value: c }]);
    for (let a = 0; a < columns[0].bins.length; a++) for (let c = 0; c < columns[1].bins.length; c++) cases.push([{ feature: 0, value: a }, { feature: 1, value: c }]);
    expect(columns[1].bins.some((b) => b.kind === "other")).toBe(true);
    expect(columns[0].bins.some((b) => b.kind === "missing")).toBe(true);
    for (const predicates of cases) {
      const text = conditionsToSliceText(sliceConditions(predicates, columns));
      const where = compileSlice(parseSlice(text), { columns: types });
      const got = (await queryRows(db, `SELECT r FROM t WHERE ${where} ORDER BY r`)).map((x) => Number(x.r));
      const want = Array.from({ length: n }, (_, i) => i).filter((i) => predicates.every((p) => columns[p.feature].codes[i] === p.value));
      expect(got, text).toEqual(want);
    }
  });
});
