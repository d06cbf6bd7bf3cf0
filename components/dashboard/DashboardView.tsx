import type { Dashboard, DashboardRow } from "@/lib/eval/dashboard";
import { dashboardNotice, describeCurrent, formatLevel, formatThreshold, METRIC_LABELS, rowCountText, rowValueText, VERDICT_TEXT } from "@/lib/eval/dashboard-format";
import { DownloadHtmlButton } from "./DownloadHtmlButton";
import { TrendChart } from "./TrendChart";

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

/**
 * The product owners' dashboard body: which version it shows and why, the
 * pinned slices' table with pass/fail in words, one sentence per row, and
 * a trend chart per row. Read-only for everyone: changing thresholds and
 * pins happens in the notebook's Evaluate cell.
 */
export function DashboardView({ dashboard: d }: { dashboard: Dashboard }) {
  const notice = dashboardNotice(d);
  return (
    <>
      {d.kind !== "no-versions" && (
        <p>
          Showing {describeCurrent(d.current)}.
          {d.kind === "ready" && ` Evaluated on the ${d.split} split on ${when(d.evaluatedAt)}.`}
        </p>
      )}
      {d.kind !== "no-versions" && <DownloadHtmlButton model={d.model} />}
      {notice !== null && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {d.kind === "ready" && (
        <>
          <SlicesTable rows={d.rows} level={d.level} />
          <h3 id="summary-heading">Summary</h3>
          <ul aria-labelledby="summary-heading">
            {d.summary.map((s, i) => (
              <li key={d.rows[i].key}>{s}</li>
            ))}
          </ul>
          <h3>Trends across versions</h3>
          {d.rows.map((r) => (
            <TrendChart key={r.key} row={r} model={d.model} />
          ))}
        </>
      )}
    </>
  );
}

function SlicesTable({ rows, level }: { rows: DashboardRow[]; level: number | null }) {
  return (
    <table className="listing" aria-label="Pinned slices">
      <caption>Pinned slices, after All data. Pass means the value meets the slice&apos;s threshold.</caption>
      <thead>
        <tr>
          <th scope="col">Slice</th>
          <th scope="col">Rows</th>
          <th scope="col">Metric</th>
          <th scope="col">Value ({level === null ? "interval" : `${formatLevel(level)} interval`})</th>
          <th scope="col">Threshold</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">
              {r.name}
              {r.definition !== null && (
                <>
                  <br />
                  <code>{r.definition}</code>
                </>
              )}
            </th>
            <td>{rowCountText(r)}</td>
            <td>{METRIC_LABELS[r.metric]}</td>
            <td>{rowValueText(r)}</td>
            <td>{formatThreshold(r.threshold)}</td>
            {/* Colour only repeats the word: Pass and Fail are read, not seen. */}
            <td className={r.verdict === "pass" ? "better" : r.verdict === "fail" ? "worse" : undefined}>{VERDICT_TEXT[r.verdict]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
