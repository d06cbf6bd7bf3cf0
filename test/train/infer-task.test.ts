import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/lib/data/db";
import { inferTask, kindOfDuckType, taskFor } from "@/lib/train/raw-from-arrow";
import { openNodeDuckDb } from "../duckdb-node";

let db: Awaited<ReturnType<typeof openNodeDuckDb>>;
beforeAll(async () => {
  db = await openNodeDuckDb();
  await db.query(`CREATE TABLE t AS SELECT
      i::INTEGER AS many, (i % 2)::BIGINT AS two, (i % 3)::DOUBLE AS three, i % 2 = 0 AS flag,
      CASE WHEN i % 4 = 0 THEN NULL ELSE ['a','b'][1 + i % 2] END AS ab, ['x','y','z'][1 + i % 3] AS xyz,
      DATE '2024-01-01' + i::INTEGER AS day, (i / 7)::DECIMAL(8,2) AS price
    FROM range(40) r(i)`);
});
afterAll(() => db.close());

describe("the task a target suggests, from DuckDB's statistics and from the decoded column", () => {
  it("agree on every kind of column (the page uses the first, tests and the worker the second)", async () => {
    const expected = { many: "regression", two: "binary", three: "multiclass", flag: "binary", ab: "binary", xyz: "multiclass", day: "regression", price: "regression" };
    const table = await db.query("SELECT * FROM t");
    for (const [col, task] of Object.entries(expected)) {
      const [s] = await queryRows(db, `SELECT count(DISTINCT "${col}") AS k, typeof(any_value("${col}")) AS t FROM t`);
      expect([col, taskFor(kindOfDuckType(String(s.t)), Number(s.k))]).toEqual([col, task]);
      expect([col, inferTask(table, col)]).toEqual([col, task]);
    }
  });
});
