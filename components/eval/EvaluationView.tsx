"use client";
import { useState } from "react";
import { useWorkbench } from "@/components/data/workbench";
import type { EvaluateCell } from "@/components/notebook/types";
import type { SliceEvaluation } from "@/lib/api/evaluation";
import { errorMessage } from "@/lib/data/errors";
import { quoteIdent, quoteLiteral } from "@/lib/data/sql";
import { EVAL_COLUMNS } from "@/lib/eval/held-out-table";
import { sliceContext, sliceWhere } from "@/lib/eval/slice-members";
import type { RunSummary } from "@/lib/api/runs";
import { ComparePanel } from "./ComparePanel";
import { FairnessPanel } from "./FairnessPanel";
import { LabelIssuesPanel } from "./LabelIssuesPanel";
import { LearningCurvePanel } from "./LearningCurvePanel";
import type { LearningCurve } from "@/lib/train/learning-curve";
import { CalibrationChart, ResidualChart } from "./EvaluationCharts";
import type { Evaluated } from "./evaluate-session";
import { MetricsTable } from "./MetricsTable";
import { RowsView, type RowsRequest } from "./RowsView";
import { SliceSearch } from "./SliceSearch";
import { SliceTable } from "./SliceTable";

type Slice = EvaluateCell["slices"][number];

/** One evaluation's results in the notebook: metrics, charts, slices, and the rows behind them. */
export function EvaluationView({
  result,
  index,
  minSupport,
  runs,
  onAddSlice,
  onLearningCurve,
}: {
  result: Evaluated;
  index: number;
  minSupport: number;
  runs: RunSummary[];
  onAddSlice(s: Slice): void;
  onLearningCurve(c: LearningCurve): void;
}) {
  const wb = useWorkbench();
  const [rows, setRows] = useState<RowsRequest | null>(null);
  const [rowsError, setRowsError] = useState<string | null>(null);
  const { report, run } = result;
  const db = wb.state.kind === "ready" ? wb.state.db : null;
  const regression = report.task === "regression";

  const showSlice = async (s: SliceEvaluation) => {
    if (!db) return;
    setRowsError(null);
    try {
      const where = await sliceWhere(db, await sliceContext(db, result.table), s.definition);
      setRows({ title: s.name, where });
    } catch (e) {
      setRowsError(`slice "${s.name}": ${errorMessage(e)}`);
    }
  };

  return (
    <div className="cell-output evaluation">
      <p role="status" className="result-meta">
        Run {run.name}: {result.rows.toLocaleString("en-US")} held-out rows evaluated
        {result.unscored > 0 ? ` (${result.unscored.toLocaleString("en-US")} left out: no label, or a class the model never saw)` : ""}; {report.intervals.resamples} bootstrap resamples, seed {report.intervals.seed}.{" "}
        {result.saveError ?? "Stored with the run."} The rows are in table {result.table} for SQL.
      </p>
      <MetricsTable
        report={report}
        classes={result.classes}
        label={`Metrics, cell ${index + 1}`}
        onCell={(t, p) => setRows({ title: `labelled ${t}, predicted ${p}`, where: `${quoteIdent(EVAL_COLUMNS.label)} = ${quoteLiteral(t)} AND ${quoteIdent(EVAL_COLUMNS.prediction)} = ${quoteLiteral(p)}` })}
      />
      {report.task !== "regression" ? (
        <CalibrationChart bins={report.calibration.bins} label={`Reliability diagram, cell ${index + 1}`} onPick={(lo, hi) => db && setRows({ title: `predicted ${lo.toFixed(1)}–${hi.toFixed(1)}`, where: calibrationBinWhere(report.task, result.classes ?? [], lo, hi) })} />
      ) : (
        db && <ResidualChart db={db} table={result.table} features={run.config.features} label={`Residuals against a feature, cell ${index + 1}`} />
      )}
      <p className="cell-actions">
        <button type="button" onClick={() => setRows({ title: "every held-out row", where: null })}>
          Show all rows by loss
        </button>
        {!regression && (
          <button type="button" onClick={() => setRows({ title: "wrong predictions", where: `NOT ${quoteIdent(EVAL_COLUMNS.correct)}` })}>
            Show wrong predictions
          </button>
        )}
      </p>
      {result.slices.length > 0 ? (
        <SliceTable slices={result.slices} regression={regression} label={`Slices, cell ${index + 1}`} onShowRows={(s) => void showSlice(s)} />
      ) : (
        <p className="hint">No named slices: add some above, then Apply slices (minimum support {minSupport} rows).</p>
      )}
      {db && result.classes && <LabelIssuesPanel db={db} table={result.table} classes={result.classes} onShow={setRows} />}
      {rowsError && <p role="alert">{rowsError}</p>}
      {rows && db && <RowsView key={`${rows.title}\u0000${rows.where}`} db={db} table={result.table} request={rows} runName={run.name} onClose={() => setRows(null)} />}
      {db && <SliceSearch db={db} table={result.table} columns={result.columns} regression={regression} onShow={setRows} onAddSlice={onAddSlice} />}
      {db && <ComparePanel db={db} table={result.table} runA={run} runs={runs} slices={result.slices} columns={result.columns} onShow={setRows} onAddSlice={onAddSlice} />}
      {db && <LearningCurvePanel db={db} run={run} table={result.table} slices={result.slices} curve={result.learningCurve} onCurve={onLearningCurve} />}
      {db && result.classes && <FairnessPanel db={db} table={result.table} columns={result.columns} classes={result.classes} resamples={report.intervals.resamples} seed={report.intervals.seed} />}
    </div>
  );
}

/**
 * The rows of a reliability-diagram bin. The calibration basis: binary bins
 * the positive class's probability, multiclass the predicted class's
 * confidence (lib/eval/calibration.ts); the last bin includes 1.
 */
function calibrationBinWhere(task: "binary" | "multiclass", classes: string[], lo: number, hi: number): string {
  const col = task === "binary" ? quoteIdent(`_p_${classes[1]}`) : quoteIdent(EVAL_COLUMNS.confidence);
  return `${col} >= ${lo} AND ${col} ${hi >= 1 ? "<=" : "<"} ${hi}`;
}
