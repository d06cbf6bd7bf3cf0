import { NotAllowed } from "@/components/auth/NotAllowed";
import { PageFrame } from "@/components/auth/PageFrame";
import { StoredEvaluation } from "@/components/eval/StoredEvaluation";
import { ParitySummary } from "@/components/runs/ParitySummary";
import { DatasetChangeNotice } from "@/components/runs/DatasetChangeNotice";
import { RunCurves } from "@/components/runs/RunCurves";
import { RunNotes } from "@/components/runs/RunNotes";
import { runsForPage } from "@/components/runs/run-page";
import { readScore, SPLITS } from "@/lib/runs/compare";
import { allows } from "@/lib/auth/permissions";
import { requirePageAccess } from "@/lib/auth/page-access";

export const dynamic = "force-dynamic";

const fmt = (x: number | null) => (x === null ? "—" : x.toFixed(4));
const when = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 19) : "—");

/** One run: what it trained on and with, how it did, its curves, notes and tags, and Re-run. */
export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/runs/${id}`;
  const access = await requirePageAccess("runs.read", path);
  if (access.kind === "forbidden") return <NotAllowed message={access.message} path={path} elsewhere={access.elsewhere} />;
  const [run] = await runsForPage([id]);
  const canWrite = allows(access.principal, "runs.write");
  const score = (split: (typeof SPLITS)[number], of: "model" | "baseline", measure: "metric" | "loss") => fmt(readScore(run, { split, of, measure }));
  const metric = run.metricName === "rmse" ? "RMSE" : "Accuracy";
  return (
    <PageFrame title={`Run: ${run.name}`}>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{run.status}</dd>
        <dt>Started</dt>
        <dd>{when(run.createdAt)}</dd>
        <dt>Ended</dt>
        <dd>{when(run.finishedAt)}</dd>
        <dt>By</dt>
        <dd>{run.createdBy}</dd>
        <dt>Backend</dt>
        <dd>
          {run.environment.backend}
          {run.environment.adapter ? ` (${run.environment.adapter})` : ""}
          {run.environment.note ? ` — ${run.environment.note}` : ""}
        </dd>
        <dt>App version</dt>
        <dd>{run.environment.appVersion}</dd>
        <dt>Dataset</dt>
        <dd>
          {run.dataset.name}
          {run.dataset.version !== null ? ` version ${run.dataset.version}` : ""}, {run.dataset.rows.toLocaleString("en")} rows
          {run.dataset.fingerprint ? ` (fingerprint ${run.dataset.fingerprint.slice(0, 12)})` : ""}
        </dd>
        {run.labelSnapshot && (
          <>
            <dt>Label snapshot</dt>
            <dd>{run.labelSnapshot}</dd>
          </>
        )}
        {run.parentId && (
          <>
            <dt>Repeats</dt>
            <dd>
              <a href={`/runs/${run.parentId}`}>run {run.parentId.slice(0, 8)}</a>
            </dd>
          </>
        )}
      </dl>
      <DatasetChangeNotice dataset={run.dataset} />
      <ParitySummary parity={run.parity} />
      <p className="links-inline">
        {canWrite && <a href={`/?rerun=${run.id}`}>Re-run in the notebook</a>}
        {canWrite && run.status === "finished" && <a href={`/?export=${run.id}`}>Export ONNX in the notebook</a>}
        {canWrite && run.status === "finished" && <a href={`/?evaluate=${run.id}`}>Evaluate in the notebook</a>}
        <a href={`/api/runs/export?ids=${run.id}`} download>
          Export as JSON
        </a>
        <a href="/runs">All runs</a>
      </p>
      {run.error && (
        <p role="alert">
          {run.status === "cancelled" ? "Cancelled" : "Failed"}: {run.error.message}
        </p>
      )}
      <h3>Results</h3>
      {run.metrics ? (
        <table className="listing" aria-label="Run results">
          <thead>
            <tr>
              <th scope="col">Split</th>
              <th scope="col">{metric}</th>
              <th scope="col">Baseline {metric.toLowerCase()}</th>
              <th scope="col">Loss</th>
              <th scope="col">Baseline loss</th>
            </tr>
          </thead>
          <tbody>
            {SPLITS.map((s) => (
              <tr key={s}>
                <th scope="row">{s}</th>
                <td>{score(s, "model", "metric")}</td>
                <td>{score(s, "baseline", "metric")}</td>
                <td>{score(s, "model", "loss")}</td>
                <td>{score(s, "baseline", "loss")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="hint">No results: the run {run.status === "running" ? "is still running" : `ended ${run.status}`}.</p>
      )}
      <h3>Evaluation</h3>
      {run.evaluation ? (
        <StoredEvaluation evaluation={run.evaluation} runName={run.name} />
      ) : (
        <p className="hint">Not evaluated yet{run.status === "finished" && canWrite ? ": evaluate it in the notebook for metrics with intervals and slices." : "."}</p>
      )}
      {run.curves.length > 0 && <RunCurves curves={run.curves} label={`Loss curves of run ${run.name}`} metricName={run.metricName === "rmse" ? "RMSE" : "accuracy"} />}
      <h3>Settings</h3>
      <pre className="config" aria-label="Run settings">
        {JSON.stringify({ task: run.config.task, target: run.config.target, features: run.config.features, model: run.config.modelSpec, split: run.config.split, source: run.config.source }, null, 2)}
      </pre>
      <RunNotes run={run} canWrite={canWrite} />
    </PageFrame>
  );
}
