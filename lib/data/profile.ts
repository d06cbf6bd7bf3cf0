import { queryRows, type Column, type Db } from "./db";
import { quoteIdent } from "./sql";

/**
 * Column profile of a table, computed in SQL in three statements: one
 * aggregate select for the statistics (one scan), one UNION ALL of each
 * column's top values, one of histogram bins (numeric columns only, equal
 * width between min and max). The UNION ALLs scan once per column; a single
 * scan with histogram() aggregates measured slower in DuckDB-WASM (1.4 s
 * against 0.8 s for 4 columns of 3M rows), and FILTERed counts far slower.
 */

export const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
export const TOP_K = 5;
export const BINS = 20;

export interface ColumnProfile {
  name: string;
  type: string;
  numeric: boolean;
  count: number;
  nulls: number;
  nullShare: number;
  distinct: number;
  min: string | number | null;
  max: string | number | null;
  mean: number | null;
  /** Sample standard deviation (n − 1). */
  std: number | null;
  /** quantile_cont (linear interpolation) at QUANTILES; null for non-numeric columns. */
  quantiles: number[] | null;
  top: { value: string | null; count: number }[];
  /** BINS equal-width counts from min to max; null for non-numeric or constant columns. */
  histogram: number[] | null;
}

export interface TableProfile {
  table: string;
  rows: number;
  columns: ColumnProfile[];
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i;
const ORDERED = /^(DATE|TIME|TIMESTAMP.*|INTERVAL|VARCHAR|BOOLEAN)$/i;

export function isNumericType(type: string): boolean {
  return NUMERIC.test(type.trim());
}

/** The single aggregate statement of scan 1. Aliases are positional (c0_…) so any column name works. */
export function statsSql(table: string, columns: Column[]): string {
  const parts = ["count(*)::DOUBLE AS n"];
  columns.forEach((c, i) => {
    const col = quoteIdent(c.name);
    parts.push(`count(${col})::DOUBLE AS c${i}_count`, `count(DISTINCT ${col})::DOUBLE AS c${i}_distinct`);
    if (isNumericType(c.type)) {
      parts.push(
        `min(${col})::DOUBLE AS c${i}_min`,
        `max(${col})::DOUBLE AS c${i}_max`,
        `avg(${col})::DOUBLE AS c${i}_mean`,
        `stddev_samp(${col})::DOUBLE AS c${i}_std`,
        // One aggregate for all quantiles: a single sort of the column.
        `quantile_cont(${col}, [${QUANTILES.join(", ")}])::DOUBLE[] AS c${i}_q`,
      );
    } else if (ORDERED.test(c.type.trim())) {
      parts.push(`min(${col})::VARCHAR AS c${i}_min`, `max(${col})::VARCHAR AS c${i}_max`);
    }
  });
  return `SELECT ${parts.join(",\n  ")}\nFROM ${quoteIdent(table)}`;
}

export function topValuesSql(table: string, columns: Column[]): string {
  return columns
    .map((c, i) => {
      const col = quoteIdent(c.name);
      return `(SELECT ${i} AS col, CAST(${col} AS VARCHAR) AS value, count(*)::DOUBLE AS n FROM ${quoteIdent(table)} GROUP BY ALL ORDER BY n DESC, value NULLS LAST LIMIT ${TOP_K})`;
    })
    .join("\nUNION ALL\n");
}

export function histogramSql(table: string, columns: { index: number; name: string; min: number; max: number }[]): string {
  return columns
    .map(({ index, name, min, max }) => {
      const col = quoteIdent(name);
      const width = (max - min) / BINS;
      // The maximum lands on bin BINS, so it is folded into the last bin.
      return `(SELECT ${index} AS col, least(floor((${col}::DOUBLE - ${min}) / ${width}), ${BINS - 1})::INTEGER AS bin, count(*)::DOUBLE AS n FROM ${quoteIdent(table)} WHERE ${col} IS NOT NULL GROUP BY ALL)`;
    })
    .join("\nUNION ALL\n");
}

export async function describeTable(db: Db, table: string): Promise<Column[]> {
  return (await queryRows(db, `DESCRIBE ${quoteIdent(table)}`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

export async function profileTable(db: Db, table: string): Promise<TableProfile> {
  const columns = await describeTable(db, table);
  const [stats] = await queryRows(db, statsSql(table, columns));
  const rows = Number(stats.n);
  const top = columns.length ? await queryRows(db, topValuesSql(table, columns)) : [];
  const profiles: ColumnProfile[] = columns.map((c, i) => {
    const numeric = isNumericType(c.type);
    const count = Number(stats[`c${i}_count`]);
    const num = (k: string) => (stats[k] === null || stats[k] === undefined ? null : Number(stats[k]));
    return {
      name: c.name,
      type: c.type,
      numeric,
      count,
      nulls: rows - count,
      nullShare: rows === 0 ? 0 : (rows - count) / rows,
      distinct: Number(stats[`c${i}_distinct`]),
      min: numeric ? num(`c${i}_min`) : ((stats[`c${i}_min`] as string | undefined) ?? null),
      max: numeric ? num(`c${i}_max`) : ((stats[`c${i}_max`] as string | undefined) ?? null),
      mean: numeric ? num(`c${i}_mean`) : null,
      std: numeric ? num(`c${i}_std`) : null,
      quantiles: numeric && count > 0 ? Array.from(stats[`c${i}_q`] as ArrayLike<number>, Number) : null,
      top: top.filter((r) => Number(r.col) === i).map((r) => ({ value: r.value === null ? null : String(r.value), count: Number(r.n) })),
      histogram: null,
    };
  });
  const binnable = profiles
    .map((p, index) => ({ index, name: p.name, min: p.min as number, max: p.max as number, ok: p.numeric && p.count > 0 && Number.isFinite(p.min) && Number.isFinite(p.max) && (p.max as number) > (p.min as number) }))
    .filter((c) => c.ok);
  if (binnable.length) {
    for (const c of binnable) profiles[c.index].histogram = new Array(BINS).fill(0);
    for (const r of await queryRows(db, histogramSql(table, binnable))) {
      const h = profiles[Number(r.col)].histogram!;
      h[Number(r.bin)] += Number(r.n);
    }
  }
  return { table, rows, columns: profiles };
}
