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
  const columns = Object.fromEntries((await queryRows(db, `DESCRIBE ${quoteIdent(table)}`)).map((r) => [String(r.column_name), String(r.column_type)]));
  const edges = new Map<string, QuantileEdges>();
  const out: Members[] = [];
  for (const s of slices) {
    try {
      const ast = parseSlice(s.definition);
      for (const ref of quantileRefs(ast)) {
        const key = `${ref.column}\u0000${ref.bins}`;
        if (edges.has(key)) continue;
        const [row] = await queryRows(db, quantileEdgesSql(table, ref.column, ref.bins));
        const list = Array.isArray(row?.edges) ? (row.edges as number[]) : row?.edges ? Array.from(row.edges as ArrayLike<number>) : [];
        edges.set(key, { ...ref, edges: list });
      }
      const where = compileSlice(ast, { columns, quantileEdges: [...edges.values()] });
      const ipc = await db.query(`SELECT ${quoteIdent(EVAL_COLUMNS.row)} AS r FROM ${quoteIdent(table)} WHERE ${where}`);
      const col = ipc.getChild("r");
      out.push(col ? Int32Array.from(col.toArray() as ArrayLike<number>) : new Int32Array(0));
    } catch (e) {
      out.push({ error: `slice "${s.name}": ${e instanceof Error ? e.message.split("\n")[0] : String(e)}` });
    }
  }
  return out;
}
