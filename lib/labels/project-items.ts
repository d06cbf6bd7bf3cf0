import type { Db } from "@/lib/data/db";
import { normalizeValue } from "@/lib/data/db";
import { quoteIdent } from "@/lib/data/sql";
import type { DisplayColumn } from "@/lib/api/labels";

/** Turning a DuckDB table (a notebook result or a loaded dataset) into labeling items. */

export type ItemScalar = string | number | boolean | null;
export interface NewItem {
  id: string;
  data: Record<string, ItemScalar>;
}

export class ItemSourceError extends Error {
  override readonly name = "ItemSourceError";
}

/**
 * Refuses a source whose id column has nulls or repeats, before anything is
 * sent: item ids must name one row each, or labels could not be joined back.
 */
export async function checkItemIds(db: Db, table: string, idColumn: string): Promise<number> {
  const t = quoteIdent(table);
  const id = quoteIdent(idColumn);
  const stats = (await db.query(`SELECT count(*)::DOUBLE AS n, count(${id})::DOUBLE AS ids FROM ${t}`)).get(0)?.toJSON();
  const n = Number(stats?.n ?? 0);
  if (n === 0) throw new ItemSourceError(`no rows: the result is empty, so there is nothing to label`);
  if (Number(stats?.ids) < n) throw new ItemSourceError(`item id column "${idColumn}": ${n - Number(stats?.ids)} row(s) have no id; pick a column with a value in every row`);
  const dup = (await db.query(`SELECT CAST(${id} AS VARCHAR) AS v, count(*)::DOUBLE AS c FROM ${t} GROUP BY 1 HAVING count(*) > 1 LIMIT 1`)).get(0)?.toJSON();
  if (dup) throw new ItemSourceError(`item id column "${idColumn}": "${String(dup.v)}" appears ${Number(dup.c)} times; item ids must be unique`);
  return n;
}

/** JSON-safe cell values: numbers, strings, booleans, null; anything else as text. */
export function itemScalar(v: unknown): ItemScalar {
  const n = normalizeValue(v);
  if (n === null || n === undefined) return null;
  if (typeof n === "number") return Number.isFinite(n) ? n : String(n);
  if (typeof n === "string" || typeof n === "boolean") return n;
  return JSON.stringify(n);
}

/** Reads the items in batches of `batchSize`, in the table's row order (rowid), so item order is the result's order. */
export async function* readItems(
  db: Db,
  table: string,
  idColumn: string,
  columns: readonly DisplayColumn[],
  batchSize: number,
): AsyncGenerator<NewItem[]> {
  const names = [...new Set(columns.map((c) => c.name))];
  const select = [`CAST(${quoteIdent(idColumn)} AS VARCHAR) AS "__lathe_item_id"`, ...names.map(quoteIdent)].join(", ");
  for (let offset = 0; ; offset += batchSize) {
    const t = await db.query(`SELECT ${select} FROM ${quoteIdent(table)} LIMIT ${batchSize} OFFSET ${offset}`);
    if (t.numRows === 0) return;
    const batch: NewItem[] = [];
    for (const row of t.toArray()) {
      const o = row.toJSON() as Record<string, unknown>;
      const data: Record<string, ItemScalar> = {};
      for (const name of names) data[name] = itemScalar(o[name]);
      batch.push({ id: String(o.__lathe_item_id), data });
    }
    yield batch;
    if (t.numRows < batchSize) return;
  }
}
