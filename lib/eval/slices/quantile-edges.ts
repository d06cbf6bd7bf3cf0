import { quoteIdent } from "@/lib/data/sql";
import { quantile7 } from "@/lib/labels/agreement/percentile";
import type { SliceExpr } from "./ast";
import { SliceError } from "./errors";

/*
 * How q(column, k) = b is defined. Quantile bins depend on the data, so the
 * slice text only names them; the caller measures the edges once, on the
 * reference table (the whole evaluated split, not the slice, and the same
 * edges for every run compared on that split), and passes them to
 * compileSlice.
 *
 *  - Edges: the k − 1 cut points e_i = Q(i/k), i = 1 … k − 1, where Q is
 *    the linearly interpolated sample quantile of the column's non-null
 *    values (Hyndman & Fan type 7: R's default, numpy's "linear", DuckDB's
 *    quantile_cont).
 *  - Bins are closed on the left: bin 1 is x < e_1, bin b is
 *    e_{b−1} ≤ x < e_b, bin k is x ≥ e_{k−1} — numpy.digitize's default
 *    (right=False) and R's cut(right = FALSE), and the rule SliceLine's
 *    numeric bins use (lib/eval/slicing/binning.ts), so a typed q() slice
 *    and a discovered bin agree at the edges. Unbounded outer bins keep
 *    values outside the reference data's range (another run's split) in
 *    bins 1 and k.
 *  - NULL is in no bin. With many ties, edges coincide and a bin can be
 *    empty; unlike SliceLine's binning, tied edges are not merged, so
 *    q(x, k) = b names the same bin whatever the data, and an empty one
 *    shows as support 0 rather than an error.
 */

export interface QuantileRef {
  column: string;
  bins: number;
}

export interface QuantileEdges extends QuantileRef {
  /** The k − 1 interior cut points, non-decreasing. */
  edges: readonly number[];
}

/** The quantile bins an expression uses, each (column, bins) once, in order of appearance. */
export function quantileRefs(ast: SliceExpr): QuantileRef[] {
  const out: QuantileRef[] = [];
  const visit = (e: SliceExpr): void => {
    if (e.kind === "and" || e.kind === "or") e.args.forEach(visit);
    else if (e.kind === "not") visit(e.arg);
    else if (e.kind === "quantile" && !out.some((r) => r.column === e.column && r.bins === e.bins)) {
      out.push({ column: e.column, bins: e.bins });
    }
  };
  visit(ast);
  return out;
}

/** The cut fractions 1/k … (k − 1)/k. */
function fractions(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => (i + 1) / bins);
}

/** The same fractions as SQL: DuckDB's `/` divides in DOUBLE, so `i / k` is bit-for-bit JS's (a decimal literal might not be). */
function fractionsSql(bins: number): string {
  return Array.from({ length: bins - 1 }, (_, i) => `${i + 1} / ${bins}`).join(", ");
}

/**
 * SQL giving the edges of q(column, bins) over `table`: one row, one
 * DOUBLE[] column `edges` (NULL when the column has no non-null values).
 */
export function quantileEdgesSql(table: string, column: string, bins: number): string {
  if (!Number.isInteger(bins) || bins < 2) throw new SliceError("invalid_slice", `slice: quantile bins must be a whole number ≥ 2: ${bins}`);
  return `SELECT quantile_cont(${quoteIdent(column)}, [${fractionsSql(bins)}])::DOUBLE[] AS edges FROM ${quoteIdent(table)}`;
}

/** The same edges computed from values in memory (NaN counts as missing); empty input gives an empty list. */
export function quantileEdges(values: ArrayLike<number>, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new SliceError("invalid_slice", `slice: quantile bins must be a whole number ≥ 2: ${bins}`);
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(values[i]);
  if (present.length === 0) return [];
  const sorted = Float64Array.from(present).sort();
  return fractions(bins).map((q) => quantile7(sorted, q));
}

/** The 1-based bin of x under `edges` (left-closed, as above); 0 for NaN. For drill-down labels. */
export function quantileBin(x: number, edges: readonly number[]): number {
  if (Number.isNaN(x)) return 0;
  let b = 1;
  while (b <= edges.length && x >= edges[b - 1]) b++;
  return b;
}
