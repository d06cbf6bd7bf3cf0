import { formatInterval, formatMetric, metricRows, versusBaseline } from "@/lib/eval/metric-rows";
import type { EvaluationReport } from "@/lib/eval/report";

/**
 * Every metric with its interval, next to the baseline's value, and whether
 * the whole interval clears the baseline. Also rendered on the server (run
 * page), so no hooks.
 */
export function MetricsTable({ report, label, classes, onCell }: { report: EvaluationReport; label: string; classes: string[] | null; onCell?: (trueClass: string, predicted: string) => void }) {
  const level = Math.round(report.intervals.level * 100);
  return (
    <>
      <table className="listing" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Value</th>
            <th scope="col">{level}% interval</th>
            <th scope="col">Baseline</th>
            <th scope="col">Against the baseline</th>
          </tr>
        </thead>
        <tbody>
          {metricRows(report).map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{formatMetric(r.estimate.value)}</td>
              <td title={r.estimate.interval === "wilson" ? "Wilson score interval" : r.estimate.interval === "bootstrap" ? `percentile bootstrap, ${report.intervals.resamples} resamples, seed ${report.intervals.seed}` : undefined}>
                {formatInterval(r.estimate)}
              </td>
              <td>{formatMetric(r.estimate.baseline)}</td>
              <td>{r.estimate.reason ?? versusBaseline(r) ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.task !== "regression" && classes && <ConfusionMatrix confusion={report.confusion} classes={classes} label={`Confusion matrix, ${label}`} onCell={onCell} />}
    </>
  );
}

/** `onCell`: each count opens its rows (the notebook); without it the counts are plain text (the run page). */
function ConfusionMatrix({ confusion, classes, label, onCell }: { confusion: number[][]; classes: string[]; label: string; onCell?: (trueClass: string, predicted: string) => void }) {
  return (
    <table className="listing confusion" aria-label={label}>
      <caption>Rows: true class; columns: predicted class.</caption>
      <thead>
        <tr>
          <th scope="col">true \ predicted</th>
          {classes.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {confusion.map((row, i) => (
          <tr key={classes[i] ?? i}>
            <th scope="row">{classes[i] ?? i}</th>
            {row.map((n, j) => (
              <td key={j} className={i === j ? "diagonal" : undefined}>
                {onCell && n > 0 ? (
                  <button type="button" className="link-like" aria-label={`Rows labelled ${classes[i]} predicted ${classes[j]}`} onClick={() => onCell(classes[i], classes[j])}>
                    {Number.isInteger(n) ? n : n.toFixed(2)}
                  </button>
                ) : Number.isInteger(n) ? (
                  n
                ) : (
                  n.toFixed(2)
                )}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
