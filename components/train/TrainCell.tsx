"use client";

import { useRef, useState } from "react";
import { tableToIPC } from "apache-arrow";
import { useWorkbench } from "@/components/data/workbench";
import type { TrainCell as TrainCellDoc } from "@/components/notebook/types";
import { quoteIdent } from "@/lib/data/sql";
import type { LeakageWarning } from "@/lib/train/leakage";
import type { EpochReport } from "@/lib/train/loop";
import { parseModelSpec, type Task } from "@/lib/train/model-spec";
import { inferTask } from "@/lib/train/raw-from-arrow";
import type { JobResult } from "@/lib/train/run-job";
import { RunRecorder } from "./run-recorder";
import { trainInWorker, trainingBackend } from "./train-client";
import { TrainCurves } from "./TrainCurves";
import { TrainForm } from "./TrainForm";
import { TrainResultView } from "./TrainResultView";

type Phase =
  | { kind: "idle" }
  | { kind: "preparing"; message: string }
  | { kind: "running"; epochs: number; startedAt: number; backend: string }
  | { kind: "done"; result: JobResult; backend: string }
  | { kind: "failed"; message: string }
  | { kind: "cancelled"; message: string };

interface Props {
  cell: TrainCellDoc;
  index: number;
  onChange(patch: Partial<TrainCellDoc>): void;
}

/**
 * A notebook cell that trains a model on a query's result in the training
 * worker, draws the loss curves as epochs finish, can be cancelled, and
 * records every run (finished, failed or cancelled) on the server.
 */
export function TrainCell({ cell, index, onChange }: Props) {
  const wb = useWorkbench();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [curves, setCurves] = useState<EpochReport[]>([]);
  const [warnings, setWarnings] = useState<LeakageWarning[]>([]);
  const [runId, setRunId] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === "preparing" || phase.kind === "running";

  const train = async () => {
    if (wb.state.kind !== "ready") return;
    if (!cell.target || cell.features.length === 0) {
      setPhase({ kind: "failed", message: "Choose the target and at least one feature first (Load columns)." });
      return;
    }
    const db = wb.state.db;
    const controller = new AbortController();
    abort.current = controller;
    setCurves([]);
    setWarnings([]);
    setRunId(null);
    setNote(null);
    let recorder: RunRecorder | null = null;
    const got: EpochReport[] = [];
    try {
      setPhase({ kind: "preparing", message: "Reading the data from DuckDB…" });
      const cols = [cell.target, ...cell.features.filter((f) => f !== cell.target)];
      const table = await db.query(`SELECT ${cols.map(quoteIdent).join(", ")} FROM (${cell.source}) AS training_data`);
      const task: Task = cell.task === "auto" ? inferTask(table, cell.target) : cell.task;
      setPhase({ kind: "preparing", message: "Starting the training backend…" });
      const backend = await trainingBackend(cell.backend);
      const hidden = cell.hidden.split(/[,\s]+/).filter(Boolean).map(Number);
      const modelSpec = parseModelSpec({
        kind: cell.model,
        hidden: cell.model === "mlp" ? hidden : [],
        optimizer: { kind: "adam", learningRate: cell.learningRate },
        batchSize: cell.batchSize,
        epochs: cell.epochs,
        earlyStopping: cell.patience > 0 ? { patience: cell.patience, minDelta: 1e-4 } : null,
        seed: cell.seed,
      });
      const split = {
        kind: cell.split === "stratified" && task === "regression" ? ("random" as const) : cell.split,
        seed: cell.seed,
        ...(cell.split === "group" ? { groupColumn: cell.splitColumn ?? undefined } : {}),
        ...(cell.split === "time" ? { timeColumn: cell.splitColumn ?? undefined } : {}),
      };
      const dataset = datasetOf(cell.source, wb.catalog, table.numRows);
      try {
        recorder = await RunRecorder.start({
          name: `${cell.target} ~ ${cell.features.length} features (${cell.model})`,
          config: { task, target: cell.target, features: cell.features, featureSpec: { defaults: true }, modelSpec, split },
          dataset,
          labelSnapshot: null,
          environment: {
            appVersion: process.env.NEXT_PUBLIC_LATHE_VERSION ?? "dev",
            browser: navigator.userAgent,
            backend: backend.name,
            adapter: backend.adapter,
            note: backend.note,
          },
          tags: [],
          notes: "",
          parentId: null,
        });
        setRunId(recorder.run.id);
      } catch (e) {
        setNote(`This run is not being recorded on the server: ${(e as Error).message}`);
      }
      setPhase({ kind: "running", epochs: cell.epochs, startedAt: performance.now(), backend: `${backend.name}${backend.adapter ? ` (${backend.adapter})` : ""} — ${backend.note}` });
      const ipc = tableToIPC(table, "stream");
      const outcome = await trainInWorker(
        { ipc, target: cell.target, features: cols.slice(1), task, featureSpec: null, modelSpec, split },
        {
          onEpoch: (r) => {
            got.push(r);
            setCurves([...got]);
            recorder?.progress(got);
          },
          onWarnings: setWarnings,
        },
        controller.signal,
      );
      if (outcome.kind === "ok") {
        const r = outcome.result;
        setPhase({ kind: "done", result: r, backend: backend.name });
        await recorder
          ?.end({
            status: "finished",
            curves: r.curves,
            metrics: { scores: r.scores, rows: r.rows, droppedRows: r.droppedRows, bestEpoch: r.bestEpoch, stoppedEarly: r.stoppedEarly, classes: r.classes, warnings: r.warnings },
            primaryMetric: Number.isFinite(r.scores.validation.model.metric) ? r.scores.validation.model.metric : null,
            weights: { ...r.weights, targetScale: r.targetScale },
            fittedFeatures: r.fitted as unknown as Record<string, unknown>,
            timings: r.timings,
          })
          .catch((e: Error) => setNote(`The run finished but was not recorded: ${e.message}`));
        return;
      }
      const cancelled = outcome.code === "cancelled";
      setPhase(cancelled ? { kind: "cancelled", message: outcome.message } : { kind: "failed", message: outcome.message });
      await recorder?.end({ status: cancelled ? "cancelled" : "failed", curves: got, error: { code: outcome.code, message: outcome.message } }).catch(() => undefined);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const cancelled = controller.signal.aborted;
      setPhase(cancelled ? { kind: "cancelled", message } : { kind: "failed", message });
      await recorder?.end({ status: cancelled ? "cancelled" : "failed", curves: got, error: { code: cancelled ? "cancelled" : "worker", message } }).catch(() => undefined);
    } finally {
      abort.current = null;
    }
  };

  const epochs = phase.kind === "running" ? phase.epochs : cell.epochs;
  const elapsed = phase.kind === "running" && curves.length > 0 ? curves[curves.length - 1].elapsedMs : 0;
  const remainingS = curves.length > 0 ? ((elapsed / curves.length) * (epochs - curves.length)) / 1000 : null;

  return (
    <div className="train-cell">
      <TrainForm cell={cell} index={index} disabled={busy} onChange={onChange} />
      <div className="cell-actions">
        <button type="button" className="primary" onClick={() => void train()} disabled={busy || wb.state.kind !== "ready"}>
          Train
        </button>
        <button type="button" onClick={() => abort.current?.abort()} disabled={!busy}>
          Cancel training
        </button>
        {runId && <span className="hint">Run {runId.slice(0, 8)}</span>}
      </div>
      {note && <p role="status">{note}</p>}
      {phase.kind === "preparing" && <p role="status">{phase.message}</p>}
      {phase.kind === "running" && (
        <div role="status" aria-label="Training progress">
          <p className="hint">Backend: {phase.backend}</p>
          <label>
            Epoch {curves.length} of {phase.epochs}
            {remainingS !== null ? `, about ${Math.ceil(remainingS)} s left` : ""}
            <progress max={phase.epochs} value={curves.length} aria-label="Training progress" />
          </label>
        </div>
      )}
      {warnings.length > 0 && (
        <ul className="train-warnings" aria-label="Leakage warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w.message}</li>
          ))}
        </ul>
      )}
      {curves.length > 0 && <TrainCurves curves={curves} label={`Loss curves of cell ${index + 1}`} />}
      {phase.kind === "done" && <TrainResultView result={phase.result} backend={phase.backend} />}
      {phase.kind === "failed" && <p role="alert">Training failed: {phase.message}</p>}
      {phase.kind === "cancelled" && <p role="status">Training cancelled after {curves.length} epoch{curves.length === 1 ? "" : "s"}; the run is recorded as cancelled.</p>}
    </div>
  );
}

/** The dataset a query reads, when it names one loaded table: its newest version's fingerprint goes with the run. */
function datasetOf(source: string, catalog: { name: string; version: number; fingerprint: string }[], rows: number) {
  const m = /\bfrom\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/i.exec(source);
  const versions = m ? catalog.filter((v) => v.name === m[1]) : [];
  const newest = versions.sort((a, b) => b.version - a.version)[0];
  return { name: newest?.name ?? source.slice(0, 200), version: newest?.version ?? null, fingerprint: newest?.fingerprint ?? null, rows };
}
