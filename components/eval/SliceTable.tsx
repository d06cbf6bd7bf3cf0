import { SLICE_METRICS, type SliceEvaluation, type SliceMetricName } from "@/lib/api/evaluation";
import { formatMetric, formatP } from "@/lib/eval/metric-rows";
import { METRIC_LABELS, passes } from "@/lib/eval/slice-threshold";

/**
 * One row per named slice: support, each headline metric with its
 * interval, the test against the rest (p and the BH-adjusted q), and the
 * threshold's verdict. Slices under the minimum support are greyed and say
 * so in words. `onShowRows` (the notebook) adds a drill-down button.
 */
export function SliceTable({ slices, regression, label, onShowRows }: { slices: SliceEvaluation[]; regression: boolean; label: string; onShowRows?: (s: SliceEvaluation) => void }) {
  const metrics: readonly SliceMetricName[] = regression ? SLICE_METRICS.regression : SLICE_METRICS.classification;
  const tested = regression ? "mean |error|" : "accuracy";
  return (
    <table className="listing slices" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Slice</th>
          <th scope="col">Rows</th>
          {metrics.map((m) => (
            <th key={m} scope="col">
              {METRIC_LABELS[m]}
            </th>
          ))}
          <th scope="col">Rest&apos;s {tested}</th>
          <th scope="col">p</th>
          <th scope="col">q (BH)</th>
          <th scope="col">Threshold</th>
          {onShowRows && <th scope="col">Rows behind it</th>}
        </tr>
      </thead>
      <tbody>
        {slices.map((s) => {
          const verdict = s.threshold ? passes(s.threshold, s.metrics[s.threshold.metric]?.value ?? null) : null;
          return (
            <tr key={s.name} className={s.lowSupport ? "low-support" : undefined} aria-disabled={s.lowSupport || undefined}>
              <th scope="row" title={s.definition}>
                {s.name}
                {s.pinned ? " 📌" : ""}
                {s.lowSupport && !s.error ? <span className="hint"> (below minimum support)</span> : null}
                {s.error ? <span role="note" className="hint"> — {s.error}</span> : null}
              </th>
              <td>{s.rows.toLocaleString("en-US")}</td>
              {metrics.map((m) => {
                const e = s.metrics[m];
                return (
                  <td key={m}>
                    {formatMetric(e?.value)}
                    {e && e.lower !== null && e.upper !== null ? <span className="ci"> ({formatMetric(e.lower)} – {formatMetric(e.upper)})</span> : null}
                  </td>
                );
              })}
              <td>{formatMetric(s.test?.rest)}</td>
              <td>{formatP(s.test?.p)}</td>
              <td>{formatP(s.test?.q)}</td>
              <td>
                {s.threshold
                  ? `${verdict === null ? "no value" : verdict ? "Pass" : "Fail"} (${METRIC_LABELS[s.threshold.metric]} ${s.threshold.min !== undefined ? `≥ ${s.threshold.min}` : `≤ ${s.threshold.max}`})`
                  : "—"}
              </td>
              {onShowRows && (
                <td>
                  <button type="button" onClick={() => onShowRows(s)} disabled={Boolean(s.error)} aria-label={`Show the rows of slice ${s.name}`}>
                    Show rows
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
