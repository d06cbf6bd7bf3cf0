/*
 * What a slice may do with a column, from its DuckDB type name (as
 * DESCRIBE or information_schema give it, e.g. "DECIMAL(18,3)",
 * "TIMESTAMP WITH TIME ZONE", "VARCHAR[]").
 */

export type ColumnKind = "number" | "string" | "boolean" | "date" | "timestamp" | "other";

const NUMBER_TYPES = new Set([
  "TINYINT", "SMALLINT", "INTEGER", "INT", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
  "INT1", "INT2", "INT4", "INT8", "SHORT", "LONG", "SIGNED", "FLOAT", "FLOAT4", "REAL", "DOUBLE", "FLOAT8", "DECIMAL", "NUMERIC", "VARINT", "BIGNUM",
]);
const STRING_TYPES = new Set(["VARCHAR", "TEXT", "STRING", "CHAR", "BPCHAR", "NVARCHAR", "ENUM", "UUID"]);
const TIMESTAMP_TYPES = new Set([
  "TIMESTAMP", "DATETIME", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_US", "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE",
]);

export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.trim().toUpperCase();
  // Lists, arrays, structs, maps and unions: only IS NULL makes sense on them.
  if (t.endsWith("]") || /^(STRUCT|MAP|UNION|LIST)\b/.test(t)) return "other";
  const base = t.replace(/\s*\(.*$/s, "");
  if (NUMBER_TYPES.has(base)) return "number";
  if (STRING_TYPES.has(base)) return "string";
  if (base === "BOOLEAN" || base === "BOOL" || base === "LOGICAL") return "boolean";
  if (base === "DATE") return "date";
  if (TIMESTAMP_TYPES.has(base)) return "timestamp";
  return "other";
}
