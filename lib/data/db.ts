import type { Table } from "apache-arrow";

/**
 * The seam between Lathe's data logic and a DuckDB instance. In the browser it
 * is DuckDB-WASM in its own worker; in unit tests, DuckDB-WASM's Node build.
 */
export interface Db {
  query(sql: string): Promise<Table>;
  /**
   * A result as Arrow IPC bytes, straight from the engine: for handing on to
   * another worker (training) without decoding and re-encoding it on the page.
   */
  queryIpc(sql: string): Promise<Uint8Array>;
  /** Makes bytes readable by SQL under `name` (e.g. read_csv('name')); the engine copies them, the caller keeps its own. */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** Creates `table` from an Arrow IPC *stream*; ownership of the bytes may pass to the engine. */
  insertArrowStream(bytes: Uint8Array, table: string): Promise<void>;
}

export interface Column {
  name: string;
  type: string;
}

/** Rows of a small result as plain objects (numbers, strings, booleans, null). */
export async function queryRows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  const t = await db.query(sql);
  return t.toArray().map((r) => normalizeRow(r.toJSON() as Record<string, unknown>));
}

function normalizeRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = normalizeValue(v);
  return out;
}

export function normalizeValue(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object" && "toJSON" in v && typeof (v as { toJSON: unknown }).toJSON === "function") {
    return (v as { toJSON(): unknown }).toJSON();
  }
  return v;
}
