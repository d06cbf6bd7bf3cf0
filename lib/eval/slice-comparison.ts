import type { RowOutcomes } from "./held-out-table";
import type { BootstrapOptions } from "./intervals";
import { mcnemarFromCorrect } from "./stats/mcnemar";
import { pairedMeanDifference } from "./stats/paired-bootstrap";
import { studentTTwoSidedP } from "./stats/student-t";

/**
 * Two runs on the same held-out rows, slice by slice: each one's accuracy
 * (or mean absolute error), the paired difference B − A with a paired
 * bootstrap interval, and a paired test — McNemar's on which rows each got
 * right, or a paired t test on the per-row absolute errors. Where the run
 * that wins overall does worse on a slice, the row is flagged: "clearly"
 * when the interval excludes 0 (Simpson's paradox in practice).
 */

export interface ComparedSlice {
  name: string;
  rows: number;
  a: number | null;
  b: number | null;
  /** b − a, in the metric's units. */
  difference: number | null;
  lower: number | null;
  upper: number | null;
  test: "mcnemar" | "paired-t";
  p: number | null;
  /** The overall winner is worse here: by point estimate, or clearly (interval excludes 0). */
  winnerLoses: "clearly" | "point" | null;
}

export interface SliceComparisonResult {
  metric: "accuracy" | "mae";
  /** Which run is better on every held-out row together; null on an exact tie. */
  winner: "a" | "b" | null;
  overall: ComparedSlice;
  slices: ComparedSlice[];
}

export function compareBySlice(
  a: RowOutcomes,
  b: RowOutcomes,
  slices: readonly { name: string; members: Int32Array | { error: string } }[],
  options: BootstrapOptions = {},
): SliceComparisonResult {
  const classification = a.correct !== null && b.correct !== null;
  const va = classification ? a.correct! : a.absError!;
  const vb = classification ? b.correct! : b.absError!;
  if (va.length !== vb.length) throw new Error(`the two runs scored different numbers of held-out rows (${va.length} and ${vb.length}); compare runs trained with the same split on the same data`);
  const higherIsBetter = classification;
  const all = Int32Array.from({ length: va.length }, (_, i) => i);
  const compare = (name: string, rows: Int32Array, winner: "a" | "b" | null): ComparedSlice => {
    const x = Float64Array.from(rows, (i) => va[i]);
    const y = Float64Array.from(rows, (i) => vb[i]);
    if (rows.length === 0) return { name, rows: 0, a: null, b: null, difference: null, lower: null, upper: null, test: classification ? "mcnemar" : "paired-t", p: null, winnerLoses: null };
    const mean = (v: Float64Array) => v.reduce((s, z) => s + z, 0) / v.length;
    const boot = pairedMeanDifference(y, x, options);
    const p = classification ? mcnemarFromCorrect(x, y).pValue : pairedT(y, x);
    const d = boot.difference;
    // B − A helps B when accuracy rises or error falls.
    const bBetter = higherIsBetter ? d > 0 : d < 0;
    const aBetter = higherIsBetter ? d < 0 : d > 0;
    const loses = winner === "a" ? bBetter : winner === "b" ? aBetter : false;
    const clear = boot.lower > 0 || boot.upper < 0;
    const num = (z: number) => (Number.isFinite(z) ? z : null);
    return { name, rows: rows.length, a: mean(x), b: mean(y), difference: d, lower: num(boot.lower), upper: num(boot.upper), test: classification ? "mcnemar" : "paired-t", p: num(p), winnerLoses: loses ? (clear ? "clearly" : "point") : null };
  };
  const overall = compare("All held-out rows", all, null);
  const d = overall.difference ?? 0;
  const winner = d === 0 ? null : (higherIsBetter ? d > 0 : d < 0) ? "b" : "a";
  return {
    metric: classification ? "accuracy" : "mae",
    winner,
    overall,
    slices: slices.map((s) => (s.members instanceof Int32Array ? compare(s.name, s.members, winner) : { ...compare(s.name, new Int32Array(0), winner) })),
  };
}

/** Two-sided paired t test of mean(x − y) = 0. */
function pairedT(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  if (n < 2) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] - y[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - y[i] - mean) ** 2;
  const se = Math.sqrt(ss / (n - 1) / n);
  if (se === 0) return mean === 0 ? 1 : 0;
  return studentTTwoSidedP(mean / se, n - 1);
}
