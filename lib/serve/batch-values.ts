import "server-only";
import { DuckDBTypeId } from "@duckdb/node-api";
import type { InputSchema } from "@/lib/onnx/inputs";
import { sqlIdent } from "./batch-format";

/**
 * A file column's values as /predict's JSON records would carry them, so
 * lib/serve/records.ts judges a file exactly as it judges a request: the
 * same rules, the same "row, column: expected …, got …" messages. DuckDB
 * types the file's columns (sniffed from a CSV, declared in a Parquet); this
 * file bridges its types to the JSON values records.ts accepts, and leaves
 * anything it cannot bridge as it is, for records.ts to refuse by row.
 */

/** Types whose JavaScript values (number, bigint, boolean, string) need no help from SQL. */
const PLAIN = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.VARCHAR,
]);

const WALL_CLOCK = new Set<DuckDBTypeId>([DuckDBTypeId.DATE, DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_NS]);

/**
 * The SELECT expression that reads one model input from its file column.
 * Dates and timestamps become epoch milliseconds in SQL (records.ts takes
 * those): a timestamp without a zone counts as UTC, as records.ts and
 * training read one; infinite ones become NULL (missing). Anything else
 * not plain (lists, structs, blobs, a date where a number belongs) is read
 * as its text, so the refusal quotes the value the user can find in the file
 * — and JavaScript never sees a DuckDB value it cannot convert.
 */
export function selectExpression(input: InputSchema, type: DuckDBTypeId): string {
  const col = sqlIdent(input.name);
  if (input.kind === "date" && WALL_CLOCK.has(type)) return `epoch_ms(CAST(${col} AS TIMESTAMP))`;
  if (input.kind === "date" && type === DuckDBTypeId.TIMESTAMP_TZ) return `epoch_ms(${col})`;
  if (PLAIN.has(type)) return col;
  return `CAST(${col} AS VARCHAR)`;
}

// A decimal number as text, e.g. "47.5", "-3", ".5", "1e-3", with spaces around allowed.
const NUMBER_TEXT = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * One value from selectExpression's column, as a JSON record would hold it
 * for an input of this kind. Text in a numeric or boolean input is read as
 * the number or flag it spells: a CSV column with one stray word is typed
 * VARCHAR as a whole, and its other rows must still count as numbers so the
 * refusal names the row with the word.
 */
export function recordValue(kind: InputSchema["kind"], v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return kind === "categorical" ? String(v) : Number(v);
  if (typeof v !== "string") return v;
  switch (kind) {
    case "numeric":
      return NUMBER_TEXT.test(v) ? Number(v) : v;
    case "boolean": {
      const t = v.trim().toLowerCase();
      return t === "true" ? true : t === "false" ? false : t === "1" ? 1 : t === "0" ? 0 : v;
    }
    case "categorical":
    case "date":
      return v;
  }
}
