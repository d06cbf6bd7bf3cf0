import { queryRows, type Db } from "@/lib/data/db";
import { quoteIdent } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "./held-out-table";
import { compileSlice, parseSlice, quantileEdgesSql, quantileRefs, type QuantileEdges } from "./slices";

/**
 * Which held-out rows each named slice selects: the slice language parsed,
 * its quantile bins' edges computed over the held-out table (so q(x, 4) = 1
 * means this split's lowest quarter), compiled to a DuckDB expression and
 * run. A slice that does not parse or names a missing column gets its
 * message instead of rows; the others are unaffected.
 */

export interface SliceDefinition {
  name: string;
  definition: string;
}

export type Members = Int32Array | { error: string };

export async function sliceMembers(db: Db, table: string, slices: readonly SliceDefinition[]): Promise<Members[]> {
  const context = await sliceContext(db, table);
  const out: Members[] = [];
  for (const s of slices) {
    try {
      const where = await sliceWhere(db, context, s.definition);
      const result = await db.query(`SELECT ${quoteIdent(EVAL_COLUMNS.row)} AS r FROM ${quoteIdent(table)} WHERE ${where}`);
      const col = result.getChild("r");
      out.push(col ? Int32Array.from(col.toArray() as ArrayLike<number>) : new Int32Array(0));
    } catch (e) {
      out.push({ error: `slice "${s.name}": ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` });
    }
  }
  return out;
}

/** The table's column types and the quantile edges computed so far (shared by the slices of one evaluation). */
export interface SliceContext {
  table: string;
  columns: Record<string, string>;
  edges: Map<string, QuantileEdges>;
}

export async function sliceContext(db: Db, table: string): Promise<SliceContext> {
  const columns = Object.fromEntries((await queryRows(db, `DESCRIBE ${quoteIdent(table)}`)).map((r) => [String(r.column_name), String(r.column_type)]));
  return { table, columns, edges: new Map() };
}

/** A slice's DuckDB WHERE expression over the held-out table; throws SliceError in words. */
export async function sliceWhere(db: Db, context: SliceContext, definition: string): Promise<string> {
  const ast = parseSlice(definition);
  for (const ref of quantileRefs(ast)) {
    const key = `${ref.column}\u0000${ref.bins}`;
    if (context.edges.has(key)) continue;
    const [row] = await queryRows(db, quantileEdgesSql(context.table, ref.column, ref.bins));
    const list = Array.isArray(row?.edges) ? (row.edges as number[]) : row?.edges ? Array.from(row.edges as ArrayLike<number>) : [];
    context.edges.set(key, { ...ref, edges: list });
  }
  return compileSlice(ast, { columns: context.columns, quantileEdges: [...context.edges.values()] });
}
