import type { RunEvaluation } from "@/lib/api/evaluation";
import type { EvaluationReport } from "@/lib/eval/report";
import { formatMetric } from "@/lib/eval/metric-rows";
import { MetricsTable } from "./MetricsTable";
import { SliceTable } from "./SliceTable";

/**
 * A run's stored evaluation on its page: the metrics with intervals against
 * the baseline, and the named slices as last evaluated. Server-rendered;
 * nothing is recomputed here.
 */
export function StoredEvaluation({ evaluation, runName }: { evaluation: RunEvaluation; runName: string }) {
  const report = evaluation.report as unknown as EvaluationReport;
  const curveSlices = Object.keys(evaluation.learningCurve?.summary[0]?.slices ?? {});
  return (
    <section aria-label={`Evaluation of run ${runName}`}>
      <p className="hint">
        {evaluation.rows.toLocaleString("en-US")} {evaluation.split} rows, evaluated {evaluation.evaluatedAt.replace("T", " ").slice(0, 19)} UTC
        {evaluation.datasetFingerprint ? ` on data with fingerprint ${evaluation.datasetFingerprint.slice(0, 12)}` : ""}.
      </p>
      <MetricsTable report={report} classes={evaluation.classes} label={`Held-out metrics of run ${runName}`} />
      {evaluation.slices.length > 0 && (
        <>
          <h4>Slices (minimum support {evaluation.minSupport} rows)</h4>
          <SliceTable slices={evaluation.slices} regression={report.task === "regression"} label={`Slices of run ${runName}`} />
        </>
      )}
      {evaluation.learningCurve && (
        <table className="listing" aria-label={`Learning curve of run ${runName}`}>
          <caption>
            Learning curve: {evaluation.learningCurve.metricName === "rmse" ? "RMSE" : "accuracy"}, mean ± one standard deviation over {evaluation.learningCurve.repeats} repeats per share.
          </caption>
          <thead>
            <tr>
              <th scope="col">Training share</th>
              <th scope="col">Training rows</th>
              <th scope="col">Train</th>
              <th scope="col">Validation</th>
              {curveSlices.map((n) => (
                <th key={n} scope="col">
                  Test: {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {evaluation.learningCurve.summary.map((s) => (
              <tr key={s.fraction}>
                <th scope="row">{Math.round(s.fraction * 100)}%</th>
                <td>{s.trainRows.toLocaleString("en-US")}</td>
                <td>{meanSd(s.train)}</td>
                <td>{meanSd(s.validation)}</td>
                {curveSlices.map((n) => (
                  <td key={n}>{meanSd(s.slices?.[n] ?? { mean: null, sd: null })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function meanSd(m: { mean: number | null; sd: number | null }): string {
  return `${formatMetric(m.mean)}${m.sd === null ? "" : ` ± ${formatMetric(m.sd)}`}`;
}
