"use client";

import { useEffect, useRef, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { MonitoringReport } from "@/lib/serve/monitor";
import { MonitorCharts } from "./MonitorCharts";
import { DriftTable } from "./DriftTable";
import { SendToReviewForm } from "./SendToReviewForm";

/** Refresh period, ms: a monitoring page is left open, and traffic shows within seconds. */
const REFRESH_MS = 5000;

const WINDOWS = [
  { minutes: 5, label: "last 5 minutes" },
  { minutes: 60, label: "last hour" },
  { minutes: 360, label: "last 6 hours" },
  { minutes: 1440, label: "last 24 hours" },
  { minutes: 10_080, label: "last 7 days" },
] as const;

type State = { kind: "loading" } | { kind: "ready"; report: MonitoringReport; at: Date } | { kind: "error"; message: string; last: MonitoringReport | null };

const ms = (v: number | null) => (v === null ? "—" : `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`);
const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
const metric = (v: number | null, task: MonitoringReport["task"]) => (v === null ? "—" : task === "regression" ? v.toPrecision(4) : pct(v));

export function MonitoringView({ model, canSendToReview }: { model: string; canSendToReview: boolean }) {
  const [minutes, setMinutes] = useState(60);
  const [state, setState] = useState<State>({ kind: "loading" });
  const last = useRef<MonitoringReport | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      try {
        const report = await apiJson<MonitoringReport>(await apiFetch(`/api/models/${encodeURIComponent(model)}/monitoring?minutes=${minutes}&buckets=30`));
        if (cancelled) return;
        last.current = report;
        setState({ kind: "ready", report, at: new Date() });
      } catch (e) {
        if (!cancelled) setState({ kind: "error", message: e instanceof Error ? e.message : String(e), last: last.current });
      }
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [model, minutes]);

  let report: MonitoringReport | null;
  switch (state.kind) {
    case "loading":
      report = null;
      break;
    case "ready":
      report = state.report;
      break;
    case "error":
      report = state.last;
      break;
    default: {
      const never: never = state;
      throw new Error(`unknown state ${JSON.stringify(never)}`);
    }
  }
  return (
    <div className="monitoring">
      <label>
        Window
        <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
          {WINDOWS.map((w) => (
            <option key={w.minutes} value={w.minutes}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
      {state.kind === "error" && <p role="alert">Could not refresh the monitoring report: {state.message}</p>}
      {state.kind === "loading" && <p role="status">Loading the monitoring report…</p>}
      {report && <Report report={report} />}
      {report && canSendToReview && <SendToReviewForm model={model} regression={report.task === "regression"} />}
    </div>
  );
}

function Report({ report }: { report: MonitoringReport }) {
  const champion = report.versions.find((v) => v.version === report.champion) ?? null;
  const requests = report.buckets.reduce((a, b) => a + b.requests, 0);
  const seconds = (Date.parse(report.window.until) - Date.parse(report.window.since)) / 1000;
  return (
    <>
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading">Alerts</h2>
        {report.alerts.length === 0 ? (
          <p>No alert: every rule is within its threshold (or there is not yet enough traffic to judge).</p>
        ) : (
          <ul aria-label="Alerts">
            {report.alerts.map((a, i) => (
              <li key={i} className={`alert-${a.severity}`}>
                <strong>{a.severity}</strong>: {a.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <dl className="summary" aria-label="Summary">
          <dt>Requests in the window</dt>
          <dd>{Math.round(requests)}</dd>
          <dt>Throughput</dt>
          <dd>{(requests / seconds).toFixed(2)} requests/s</dd>
          <dt>Champion</dt>
          <dd>{report.champion === null ? "none" : `version ${report.champion}`}</dd>
          <dt>Champion latency p50 / p95 / p99</dt>
          <dd>{champion ? `${ms(champion.p50)} / ${ms(champion.p95)} / ${ms(champion.p99)}` : "—"}</dd>
          <dt>Champion error rate</dt>
          <dd>{pct(champion?.errorRate ?? null)}</dd>
          <dt>Online {report.task === "regression" ? "RMSE" : "accuracy"} (offline)</dt>
          <dd>
            {metric(champion?.online ?? null, report.task)} ({metric(champion?.offline ?? null, report.task)}) over {champion?.feedbackRows ?? 0} rows with feedback
          </dd>
          <dt>Inputs drifted</dt>
          <dd>{report.drift?.inputs ? `${report.drift.inputs.drifted} of ${report.drift.inputs.judged} judged` : "—"}</dd>
          <dt>Model age</dt>
          <dd>{report.age ? `${report.age.days.toFixed(1)} days (version ${report.age.version}, pushed ${report.age.pushedAt.slice(0, 16).replace("T", " ")})` : "—"}</dd>
          <dt>Requests logged</dt>
          <dd>{pct(report.sampleRate)} (LATHE_REQUEST_LOG_SAMPLE)</dd>
        </dl>
      </section>
      <MonitorCharts report={report} />
      <DriftTable drift={report.drift} />
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">By version</h2>
        <table className="listing" aria-label="Traffic by version">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Requests</th>
              <th scope="col">Errors</th>
              <th scope="col">p50</th>
              <th scope="col">p95</th>
              <th scope="col">p99</th>
              <th scope="col">Online</th>
              <th scope="col">Offline</th>
              <th scope="col">Feedback rows</th>
            </tr>
          </thead>
          <tbody>
            {report.versions.map((v) => (
              <tr key={v.version}>
                <td>
                  {v.version}
                  {v.version === report.champion ? " (champion)" : ""}
                </td>
                <td>{Math.round(v.requests)}</td>
                <td>{pct(v.errorRate)}</td>
                <td>{ms(v.p50)}</td>
                <td>{ms(v.p95)}</td>
                <td>{ms(v.p99)}</td>
                <td>{metric(v.online, report.task)}</td>
                <td>{metric(v.offline, report.task)}</td>
                <td>{v.feedbackRows}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.shadow.length > 0 && (
          <table className="listing" aria-label="Shadow traffic">
            <caption>Shadow versions: rows they also answered, and how often they disagreed with the answer given</caption>
            <thead>
              <tr>
                <th scope="col">Shadow version</th>
                <th scope="col">Rows</th>
                <th scope="col">{report.task === "regression" ? "Mean |difference|" : "Disagreement"}</th>
              </tr>
            </thead>
            <tbody>
              {report.shadow.map((s) => (
                <tr key={s.challenger}>
                  <td>{s.challenger}</td>
                  <td>{s.rows}</td>
                  <td>{s.disagreement === null ? "—" : report.task === "regression" ? s.disagreement.toPrecision(4) : pct(s.disagreement)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
