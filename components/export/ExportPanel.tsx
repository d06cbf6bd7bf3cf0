"use client";

import { useEffect, useRef, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { useWorkbench } from "@/components/data/workbench";
import type { Run } from "@/lib/api/runs";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { DEFAULT_THRESHOLDS, type ParityThresholds } from "@/lib/onnx/parity";
import { tablesIn } from "@/lib/notebook/dataset-of";
import { exportInBrowser } from "./export-session";
import { ExportComparison } from "./ExportComparison";

type Phase =
  | { kind: "checking"; step: string }
  | { kind: "done"; result: ExportCheckResult; run: Run; backend: string; onnxThreads: number; recordNote: string | null }
  | { kind: "error"; message: string };

/**
 * Export ONNX for one run: reads the run's query from DuckDB again, and in
 * the export worker writes the fp32 and int8 files and runs the parity gate
 * on the test split. Shows both side by side; only a file that passed the
 * gate can be downloaded. The check is stored with the run.
 */
export function ExportPanel({ runId, onClose }: { runId: string; onClose(): void }) {
  const wb = useWorkbench();
  const [phase, setPhase] = useState<Phase>({ kind: "checking", step: "Reading the run…" });
  const [thresholds, setThresholds] = useState<ParityThresholds>(DEFAULT_THRESHOLDS);
  const [attempt, setAttempt] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const ready = wb.state.kind === "ready";

  const [run, setRun] = useState<Run | null>(null);
  useEffect(() => {
    let live = true;
    apiFetch(`/api/runs/${encodeURIComponent(runId)}`)
      .then((res) => apiJson<Run>(res))
      .then((r) => {
        if (!live) return;
        // Said before any data is read; a run without its query is refused by exportInBrowser.
        if (r.status !== "finished") setPhase({ kind: "error", message: `run "${r.name}" is ${r.status}: only a finished run can be exported` });
        else setRun(r);
      })
      .catch((e: Error) => live && setPhase({ kind: "error", message: e.message }));
    return () => {
      live = false;
    };
  }, [runId]);

  // Tables of this browser's catalog that the run's query reads and DuckDB has not restored yet (after a reload).
  // A table this browser never loaded is not waited for: the query then fails and says which.
  const missing = run ? tablesIn(run.config.source ?? "").filter((n) => wb.catalog.some((v) => v.name === n) && !wb.relations.some((r) => r.name === n)) : [];
  const canStart = ready && run !== null && missing.length === 0;

  useEffect(() => {
    if (!canStart || wb.state.kind !== "ready" || run === null) return;
    const db = wb.state.db;
    const controller = new AbortController();
    abort.current = controller;
    void (async () => {
      const outcome = await exportInBrowser(db, wb.catalog, run, thresholds, (step) => !controller.signal.aborted && setPhase({ kind: "checking", step }), controller.signal);
      if (controller.signal.aborted) return;
      if (outcome.kind === "error") return setPhase({ kind: "error", message: outcome.message });
      const recordNote = await apiFetch(`/api/runs/${run.id}`, { method: "PATCH", body: JSON.stringify({ parity: outcome.result.record }), headers: { "content-type": "application/json" } })
        .then(apiJson)
        .then(() => null)
        .catch((e: Error) => `The check was not stored with the run: ${e.message}`);
      if (!controller.signal.aborted) setPhase({ kind: "done", result: outcome.result, run, backend: outcome.backend, onnxThreads: outcome.onnxThreads, recordNote });
    })();
    return () => controller.abort();
    // Thresholds are read when a check starts; "Check again" (attempt) starts the next one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [canStart, run, attempt]);

  const cancel = () => {
    abort.current?.abort();
    setPhase({ kind: "error", message: "Export cancelled." });
  };

  return (
    <section className="export-panel" aria-label={`Export ONNX for run ${runId.slice(0, 8)}`}>
      <header className="export-head">
        <h3>Export ONNX</h3>
        <button type="button" onClick={onClose}>
          Close export
        </button>
      </header>
      {!ready && <p className="hint">Waiting for DuckDB…</p>}
      {ready && missing.length > 0 && phase.kind === "checking" && (
        <p role="status">
          Waiting for the table{missing.length > 1 ? "s" : ""} {missing.map((m) => `"${m}"`).join(", ")} the run trained on: load {missing.length > 1 ? "them" : "it"} to go on.
        </p>
      )}
      {canStart && phase.kind === "checking" && (
        <p role="status">
          {phase.step}{" "}
          <button type="button" onClick={cancel}>
            Cancel export
          </button>
        </p>
      )}
      {phase.kind === "error" && (
        <p role="alert" className="error">
          Export failed: {phase.message}
        </p>
      )}
      {phase.kind === "done" && <ExportComparison result={phase.result} run={phase.run} backend={phase.backend} onnxThreads={phase.onnxThreads} />}
      {phase.kind === "done" && phase.recordNote && <p className="error">{phase.recordNote}</p>}
      <details className="gate-thresholds">
        <summary>Gate thresholds</summary>
        <Threshold label="fp32: largest probability difference" value={thresholds.fp32MaxDiff} step="any" onChange={(v) => setThresholds({ ...thresholds, fp32MaxDiff: v })} />
        <Threshold label="int8: least share of rows with the same class" value={thresholds.int8MinAgreement} step="0.001" onChange={(v) => setThresholds({ ...thresholds, int8MinAgreement: v })} />
        <Threshold label="int8: largest metric change (0.01 = 1 point)" value={thresholds.int8MaxMetricChange} step="0.001" onChange={(v) => setThresholds({ ...thresholds, int8MaxMetricChange: v })} />
        <button type="button" disabled={phase.kind === "checking" && canStart} onClick={() => setAttempt((a) => a + 1)}>
          Check again
        </button>
      </details>
    </section>
  );
}

function Threshold({ label, value, step, onChange }: { label: string; value: number; step: string; onChange(v: number): void }) {
  return (
    <label className="threshold">
      {label}{" "}
      <input type="number" min={0} step={step} value={value} onChange={(e) => Number.isFinite(e.target.valueAsNumber) && e.target.valueAsNumber >= 0 && onChange(e.target.valueAsNumber)} />
    </label>
  );
}
