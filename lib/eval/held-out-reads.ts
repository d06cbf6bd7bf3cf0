import type { Db } from "@/lib/data/db";
import { quoteIdent, quoteLiteral } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "./held-out-table";
import { findLabelIssues, type LabelIssues } from "./stats/label-issues";
import { fairnessReport, type FairnessReport, type GroupValue } from "./stats/fairness";

/**
 * Analyses read straight from the held-out table (lib/eval/held-out-table.ts)
 * with DuckDB: what they need is a few columns, and SQL gives them in the
 * table's own row order.
 */

/**
 * Confident-learning label issues among the held-out rows. Their
 * probabilities come from a model that never trained on them, which is what
 * the method needs (in-sample probabilities have memorised the noise).
 */
export async function heldOutLabelIssues(db: Db, table: string, classes: readonly string[]): Promise<LabelIssues & { rowIds: Int32Array }> {
  const probs = classes.map((c) => quoteIdent(`_p_${c}`)).join(", ");
  const t = await db.query(`SELECT ${quoteIdent(EVAL_COLUMNS.row)} AS r, ${quoteIdent(EVAL_COLUMNS.label)} AS y, ${probs} FROM ${quoteIdent(table)} ORDER BY r`);
  const n = t.numRows;
  const k = classes.length;
  const at = new Map(classes.map((c, i) => [c, i]));
  const labels = Int32Array.from(Array.from(t.getChild("y")!) as string[], (c) => at.get(c) ?? -1);
  const p = new Float64Array(n * k);
  classes.forEach((_, j) => {
    const col = t.getChildAt(2 + j)!.toArray() as ArrayLike<number>;
    for (let i = 0; i < n; i++) p[i * k + j] = col[i];
  });
  const rowIds = Int32Array.from(t.getChild("r")!.toArray() as ArrayLike<number>);
  return { ...findLabelIssues(p, labels, k), rowIds };
}

/**
 * Per-group selection, true- and false-positive rates for one sensitive
 * column, one class taken as the positive outcome; the demographic parity
 * and equal opportunity differences with bootstrap intervals.
 */
export async function heldOutFairness(db: Db, table: string, column: string, positive: string, options: { resamples: number; seed: number }): Promise<FairnessReport> {
  const t = await db.query(
    `SELECT ${quoteIdent(column)}::VARCHAR AS g, (${quoteIdent(EVAL_COLUMNS.label)} = ${quoteLiteral(positive)})::INTEGER AS y, (${quoteIdent(EVAL_COLUMNS.prediction)} = ${quoteLiteral(positive)})::INTEGER AS yhat FROM ${quoteIdent(table)} ORDER BY ${quoteIdent(EVAL_COLUMNS.row)}`,
  );
  const g = Array.from(t.getChild("g")!, (v) => (v ?? null) as GroupValue);
  return fairnessReport(g, Array.from(t.getChild("y")!.toArray() as ArrayLike<number>), Array.from(t.getChild("yhat")!.toArray() as ArrayLike<number>), options);
}
