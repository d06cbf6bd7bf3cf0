import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openNodeDuckDb } from "@/test/duckdb-node";
import type { Db } from "@/lib/data/db";
import { fetchWindow, runSql, SqlError } from "./run-sql";

let db: Db & { close(): void };
beforeAll(async () => {
  db = await openNodeDuckDb();
});
afterAll(() => db.close());

describe("runSql", () => {
  it("materialises a large final query and pages through it", async () => {
    const r = await runSql(db, "c1", "CREATE TABLE nums AS SELECT range AS i FROM range(1000000); SELECT i, i * 2 AS twice FROM nums");
    expect(r.kind).toBe("paged");
    if (r.kind !== "paged") return;
    expect(r.rowCount).toBe(1_000_000);
    expect(r.columns).toEqual([{ name: "i", type: "BIGINT" }, { name: "twice", type: "BIGINT" }]);
    expect(await fetchWindow(db, r.table, r.columns, 999_998, 50)).toEqual([[999_998, 1_999_996], [999_999, 1_999_998]]);
  });

  it("keeps DESCRIBE results in memory and reports plain statements as done", async () => {
    const d = await runSql(db, "c2", "DESCRIBE nums");
    expect(d.kind).toBe("rows");
    const done = await runSql(db, "c3", "CREATE TABLE t2 (a INT); INSERT INTO t2 VALUES (1)");
    expect(done.kind === "done" || done.kind === "rows").toBe(true);
  });

  it("reports DuckDB's message and which statement failed", async () => {
    const err = await runSql(db, "c4", "SELECT 1; SELECT no_such_column FROM nums").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SqlError);
    expect((err as SqlError).message).toMatch(/^statement 2 of 2: .*no_such_column/s);
    await expect(runSql(db, "c5", "  -- nothing\n")).rejects.toThrow(/empty/);
  });

  // The final query runs inside CREATE TEMP TABLE … AS; DuckDB's "LINE n" context
  // must show the user's text with the caret under the same character.
  const failing = (cell: string, sql: string) => runSql(db, cell, sql).then(() => "no error", (e: unknown) => (e as Error).message);
  const context = (message: string) => message.slice(message.indexOf("LINE "));

  it("points into the cell's own query, not the wrapper that materialises it", async () => {
    // Not a query, so not wrapped; DuckDB states its context twice, the cell once.
    expect(context(await failing("c6", "SELEC 1"))).toBe("LINE 1: SELEC 1\n        ^");
    const bound = await failing("c7", "SELECT nope FROM range(3)");
    expect(bound).toMatch(/^Binder Error: Referenced column "nope" not found/);
    expect(context(bound)).toBe("LINE 1: SELECT nope FROM range(3)\n               ^");
    expect(bound).not.toContain("__lathe_result_");
    // Line 2 of a multi-line query was never touched by the wrapper.
    expect(context(await failing("c8", "SELECT 1,\n  nope\nFROM range(2)"))).toBe("LINE 2:   nope\n          ^");
  });

  it("keeps the caret on the failing word when DuckDB shows only a window of a long line", async () => {
    const cols = Array.from({ length: 30 }, (_, i) => `range AS c${i}`).join(", ");
    const message = await failing("c9", `SELECT ${cols}, nope FROM range(2)`);
    const [line, caret] = context(message).split("\n");
    expect(line.startsWith("LINE 1: ...")).toBe(true);
    expect(line.slice(caret.indexOf("^"), caret.indexOf("^") + 4)).toBe("nope");
    expect(message).not.toContain("__lathe_result_");
  });
});
