import type { Column, Db } from "@/lib/data/db";
import { normalizeValue } from "@/lib/data/db";
import { isQueryStatement, quoteIdent, splitStatements } from "@/lib/data/sql";
import { dropRepeatedContext, withoutWrapper } from "./error-context";

/**
 * Runs a SQL cell. Earlier statements run as they are; a final query is
 * materialised into a temp table so the grid can page through any result size
 * without re-running the query, fetching only the visible window.
 */
export type SqlResult =
  | { kind: "paged"; table: string; columns: Column[]; rowCount: number; elapsedMs: number }
  | { kind: "rows"; columns: Column[]; rows: unknown[][]; rowCount: number; elapsedMs: number }
  | { kind: "done"; statements: number; elapsedMs: number };

/** Prefix of the temp tables holding cell results; they are not user tables. */
export const RESULT_TABLE_PREFIX = "__lathe_result_";

export function resultTableName(cellId: string): string {
  return `${RESULT_TABLE_PREFIX}${cellId}`;
}

export class SqlError extends Error {
  readonly statement: number;
  constructor(message: string, statement: number) {
    super(message);
    this.name = "SqlError";
    this.statement = statement;
  }
}

/** Statements that DuckDB refuses inside CREATE TABLE AS; their results are small, kept in memory. */
const NOT_MATERIALISABLE = /^\s*(describe|show|summarize|explain|pragma)\b/i;

export async function runSql(db: Db, cellId: string, source: string, now: () => number = () => performance.now()): Promise<SqlResult> {
  const statements = splitStatements(source);
  if (statements.length === 0) throw new SqlError("nothing to run: the cell is empty", 0);
  const t0 = now();
  for (let i = 0; i < statements.length - 1; i++) await exec(db, statements[i], i, statements.length);
  const last = statements[statements.length - 1];
  const lastIndex = statements.length - 1;
  if (isQueryStatement(last) && !NOT_MATERIALISABLE.test(last)) {
    const table = resultTableName(cellId);
    const wrapper = `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS `;
    await exec(db, wrapper + last, lastIndex, statements.length, (message) => withoutWrapper(message, wrapper, last));
    const elapsedMs = now() - t0;
    const count = await db.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
    const rowCount = Number(count.get(0)?.toJSON().n ?? 0);
    const described = await db.query(`DESCRIBE ${quoteIdent(table)}`);
    const columns = described.toArray().map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    return { kind: "paged", table, columns, rowCount, elapsedMs };
  }
  const t = await exec(db, last, lastIndex, statements.length);
  const elapsedMs = now() - t0;
  if (t.numCols === 0 || (t.schema.fields.length === 1 && t.schema.fields[0].name === "Count" && !isQueryStatement(last))) {
    return { kind: "done", statements: statements.length, elapsedMs };
  }
  const columns = t.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const rows = t.toArray().map((r) => columns.map((c) => normalizeValue((r.toJSON() as Record<string, unknown>)[c.name])));
  return { kind: "rows", columns, rows, rowCount: rows.length, elapsedMs };
}

async function exec(db: Db, sql: string, index: number, total: number, explain: (message: string) => string = (m) => m) {
  try {
    return await db.query(sql);
  } catch (err) {
    const message = dropRepeatedContext(explain(err instanceof Error ? err.message : String(err)));
    const where = total > 1 ? `statement ${index + 1} of ${total}: ` : "";
    throw new SqlError(`${where}${message}`, index);
  }
}

/** One window of a paged result, as rows of display values. */
export async function fetchWindow(db: Db, table: string, columns: Column[], offset: number, limit: number): Promise<unknown[][]> {
  const t = await db.query(`SELECT * FROM ${quoteIdent(table)} LIMIT ${Math.max(0, Math.floor(limit))} OFFSET ${Math.max(0, Math.floor(offset))}`);
  return t.toArray().map((r) => {
    const o = r.toJSON() as Record<string, unknown>;
    return columns.map((c) => normalizeValue(o[c.name]));
  });
}
