import type { SliceEvaluation, SliceMetricName, SliceThreshold, StoredEstimate } from "@/lib/api/evaluation";
import type { Baseline } from "@/lib/train/baseline";
import type { RowOutcomes } from "./held-out-table";
import type { BootstrapOptions } from "./intervals";
import { evaluate, type EvaluationReport } from "./report";
import type { ScoredSplit } from "./score-run";
import { bhAdjust } from "./stats/benjamini-hochberg";
import { twoProportionZTest } from "./stats/two-proportion";
import { moments, welchTTest } from "./stats/welch";

/**
 * One row per named slice: its support, the headline metrics with their
 * intervals (the same evaluate() as the whole split, on the slice's rows),
 * and a test of the slice against the rest of the split — two-proportion z
 * on accuracy for classification, Welch's t on absolute error for
 * regression — with Benjamini–Hochberg adjusted p-values across every
 * slice tested together (a slice search would otherwise find "significant"
 * slices by chance).
 */

export interface SliceMembers {
  name: string;
  definition: string;
  pinned: boolean;
  threshold: SliceThreshold | null;
  /** Positions in the scored rows (not query rows), or why the slice could not be selected. */
  members: Int32Array | { error: string };
}

export interface SliceEvaluationOptions extends BootstrapOptions {
  /** Slices with fewer rows are reported, flagged lowSupport. */
  minSupport: number;
  baseline: Baseline;
}

export function headlineMetrics(report: EvaluationReport): Partial<Record<SliceMetricName, StoredEstimate>> {
  if (report.task === "regression") return { mae: report.mae, rmse: report.rmse, r2: report.r2 };
  return { accuracy: report.accuracy, macroF1: report.macro.f1, rocAuc: report.rocAuc, logLoss: report.logLoss };
}

export function evaluateSlices(s: ScoredSplit, o: RowOutcomes, slices: readonly SliceMembers[], options: SliceEvaluationOptions): SliceEvaluation[] {
  const n = s.rows.length;
  const k = s.classes?.length ?? 1;
  const rows: SliceEvaluation[] = slices.map((slice) => {
    const base = { name: slice.name, definition: slice.definition, pinned: slice.pinned, threshold: slice.threshold };
    if (!(slice.members instanceof Int32Array)) return { ...base, rows: 0, lowSupport: true, metrics: {}, test: null, error: slice.members.error };
    const m = slice.members;
    const lowSupport = m.length < options.minSupport;
    if (m.length === 0) return { ...base, rows: 0, lowSupport, metrics: {}, test: null, error: "no held-out row is in this slice" };
    const y = Float64Array.from(m, (i) => s.y[i]);
    const p = new Float64Array(m.length * k);
    m.forEach((i, j) => p.set(s.predictions.subarray(i * k, i * k + k), j * k));
    let metrics: Partial<Record<SliceMetricName, StoredEstimate>> = {};
    let error: string | undefined;
    try {
      const report = evaluate(s.task, y, p, { baseline: options.baseline, resamples: options.resamples, seed: options.seed, level: options.level });
      metrics = headlineMetrics(report);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    return { ...base, rows: m.length, lowSupport, metrics, test: sliceTest(o, m, n), ...(error ? { error } : {}) };
  });
  // BH over the slices that have a p-value; the rest keep q null.
  const tested = rows.map((r, i) => ({ i, p: r.test?.p })).filter((t): t is { i: number; p: number } => typeof t.p === "number");
  const q = bhAdjust(tested.map((t) => t.p));
  tested.forEach((t, j) => {
    rows[t.i].test!.q = q[j];
  });
  return rows;
}

/** The slice against every other held-out row; null when either side is empty. */
function sliceTest(o: RowOutcomes, members: Int32Array, n: number): SliceEvaluation["test"] {
  const inside = new Uint8Array(n);
  for (const i of members) inside[i] = 1;
  const rest = n - members.length;
  if (members.length === 0 || rest === 0) return null;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  if (o.correct) {
    let hitsIn = 0;
    let hitsOut = 0;
    for (let i = 0; i < n; i++) {
      if (inside[i]) hitsIn += o.correct[i];
      else hitsOut += o.correct[i];
    }
    const t = twoProportionZTest(hitsIn, members.length, hitsOut, rest);
    return { kind: "two-proportion", statistic: num(t.z), p: num(t.pValue), q: null, rest: num(t.p2) };
  }
  const a = new Float64Array(members.length);
  const b = new Float64Array(rest);
  let ia = 0;
  let ib = 0;
  for (let i = 0; i < n; i++) {
    if (inside[i]) a[ia++] = o.absError![i];
    else b[ib++] = o.absError![i];
  }
  const restMoments = moments(b);
  const t = welchTTest(moments(a), restMoments);
  return { kind: "welch", statistic: num(t.t), p: num(t.pValue), q: null, rest: num(restMoments.mean) };
}
