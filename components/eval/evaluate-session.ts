import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { heldOutTableName } from "@/lib/eval/held-out-name";
import type { SliceEvaluation } from "@/lib/api/evaluation";
import type { EvaluateCell } from "@/components/notebook/types";
import type { Run } from "@/lib/api/runs";
import type { DatasetVersion } from "@/lib/data/dataset";
import { queryRows, type Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent } from "@/lib/data/sql";
import { evaluationRecord } from "@/lib/eval/evaluation-record";
import type { EvaluationReport } from "@/lib/eval/report";
import type { LearningCurve } from "@/lib/train/learning-curve";
import { sliceMembers } from "@/lib/eval/slice-members";
import { isSliceMetric, thresholdOf } from "@/lib/eval/slice-threshold";
import { datasetOf } from "@/lib/notebook/dataset-of";
import { runDataIpc } from "@/lib/runs/run-data";
import { evaluateRunInWorker, evaluateSlicesInWorker } from "./eval-client";

/**
 * One evaluation of a run in this browser, start to end: the run's query
 * read again from DuckDB (every column, so slices may use any), the model
 * scored in the evaluation worker, the held-out rows kept as a DuckDB table
 * (eval_<run>), the notebook's slices selected and tested there, and the
 * whole stored with the run. Each step's failure names the step.
 */

export type EvaluateStage = "read" | "score" | "slices" | "save";

export interface Evaluated {
  run: Run;
  report: EvaluationReport;
  classes: string[] | null;
  rows: number;
  unscored: number;
  /** The DuckDB table holding the held-out rows and the model's columns. */
  table: string;
  /** The run's query's own columns (slice, group and drill-down candidates). */
  columns: string[];
  slices: SliceEvaluation[];
  /** null when stored; else why not (the results stay on the page). */
  saveError: string | null;
  /** Drawn after the evaluation, on request; stored with it. */
  learningCurve: LearningCurve | null;
  timings: { queryMs: number; predictMs: number; metricsMs: number; slicesMs: number };
}


export async function evaluateInBrowser(
  db: Db,
  catalog: readonly DatasetVersion[],
  cell: EvaluateCell,
  onStage: (s: EvaluateStage) => void,
  signal: AbortSignal,
): Promise<Evaluated> {
  onStage("read");
  const run = await apiJson<Run>(await apiFetch(`/api/runs/${encodeURIComponent(cell.run)}`, { signal }));
  if (run.status !== "finished") throw new Error(`run "${run.name}" is ${run.status}: only a finished run has a model to evaluate`);
  const t0 = performance.now();
  const ipc = await runDataIpc(db, run, "*", "Evaluate again");
  const queryMs = performance.now() - t0;
  onStage("score");
  const out = await evaluateRunInWorker({ run, ipc, split: cell.split }, signal);
  if (out.kind === "error") throw new Error(out.message === "cancelled" ? "cancelled" : `run "${run.name}": ${out.message}`);
  const table = heldOutTableName(run.id);
  await db.query(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  await db.insertArrowStream(out.table, table);
  const sliced = await evaluateNamedSlices(db, table, cell, signal, onStage);
  onStage("save");
  const saveError = await storeEvaluation(run, out.report, out.classes, cell, sliced.slices, catalog);
  return {
    run,
    report: out.report,
    classes: out.classes,
    rows: out.rows,
    unscored: out.unscored,
    table,
    columns: (await queryRows(db, `DESCRIBE ${quoteIdent(table)}`)).map((r) => String(r.column_name)).filter((c) => !c.startsWith("_")),
    slices: sliced.slices,
    saveError,
    learningCurve: null,
    timings: { queryMs, predictMs: out.timings.predictMs, metricsMs: out.timings.metricsMs, slicesMs: sliced.ms },
  };
}

/** Stores the evaluation with the run; null when stored, else why not (the results stay on the page). */
export async function storeEvaluation(
  run: Run,
  report: EvaluationReport,
  classes: string[] | null,
  cell: EvaluateCell,
  slices: SliceEvaluation[],
  catalog: readonly DatasetVersion[],
  learningCurve: LearningCurve | null = null,
): Promise<string | null> {
  const record = evaluationRecord({
    report,
    split: cell.split,
    classes,
    datasetFingerprint: run.config.source ? datasetOf(run.config.source, [...catalog], run.dataset.rows).fingerprint : null,
    minSupport: cell.minSupport,
    slices,
    learningCurve,
  });
  try {
    await apiJson(await apiFetch(`/api/runs/${run.id}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ evaluation: record }) }));
    return null;
  } catch (e) {
    return `The evaluation was not stored with the run: ${errorMessage(e)}`;
  }
}

/** The cell's slices on the held-out table; the worker still holds the scored split. */
export async function evaluateNamedSlices(db: Db, table: string, cell: EvaluateCell, signal: AbortSignal, onStage: (s: EvaluateStage) => void = () => {}): Promise<{ slices: SliceEvaluation[]; ms: number }> {
  const named = cell.slices.filter((s) => s.name.trim() !== "" || s.definition.trim() !== "");
  if (named.length === 0) return { slices: [], ms: 0 };
  onStage("slices");
  const members = await sliceMembers(db, table, named.map((s) => ({ name: s.name.trim() || "(unnamed)", definition: s.definition })));
  const out = await evaluateSlicesInWorker(
    {
      minSupport: cell.minSupport,
      slices: named.map((s, i) => ({
        name: s.name.trim() || `slice ${i + 1}`,
        definition: s.definition,
        pinned: s.pinned,
        threshold: s.threshold && isSliceMetric(s.threshold.metric) ? thresholdOf(s.threshold.metric, s.threshold.value) : null,
        members: members[i],
      })),
    },
    signal,
  );
  if (out.kind === "error") throw new Error(out.message === "cancelled" ? "cancelled" : `slices: ${out.message}`);
  return { slices: out.slices, ms: out.ms };
}
