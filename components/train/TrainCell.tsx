"use client";

import { useEffect, useRef, useState } from "react";
import { useWorkbench } from "@/components/data/workbench";
import type { TrainCell as TrainCellDoc } from "@/components/notebook/types";
import { quoteIdent } from "@/lib/data/sql";
import { modelSpecFromCell, splitFromCell } from "@/lib/notebook/train-cell-spec";
import { labelTablesIn } from "@/lib/notebook/gold-labels";
import { datasetOf, tablesIn } from "@/lib/notebook/dataset-of";
import { queryRows, type Db } from "@/lib/data/db";
import type { LeakageWarning } from "@/lib/train/leakage";
import type { EpochReport } from "@/lib/train/loop";
import type { ModelSpec, Task } from "@/lib/train/model-spec";
import { kindOfDuckType, taskFor } from "@/lib/train/raw-from-arrow";
import type { JobResult } from "@/lib/train/run-job";
import { describeTrial, expandSweep, parseSweepText } from "@/lib/train/sweep";
import { ExportPanel } from "@/components/export/ExportPanel";
import { SweepPanel, type TrialRow } from "./SweepPanel";
import { trainAndRecord, type TrainingData } from "./train-session";
import { trainingBackend } from "./train-client";
import { TrainCurves } from "./TrainCurves";
import { TrainForm } from "./TrainForm";
import { TrainResultView } from "./TrainResultView";

type Phase =
  | { kind: "idle" }
  | { kind: "preparing"; message: string }
  | { kind: "running"; epochs: number; backend: string; trial: string | null }
  | { kind: "done"; result: JobResult; backend: string }
  | { kind: "failed"; message: string }
  | { kind: "cancelled"; message: string }
  | { kind: "swept"; message: string };

interface Props {
  cell: TrainCellDoc;
  index: number;
  onChange(patch: Partial<TrainCellDoc>): void;
  /** Set on a cell Re-run added: train as soon as the tables it reads are loaded. */
  autoStart: { onStarted(): void } | null;
}

/**
 * A notebook cell that trains a model on a query's result in the training
 * worker, draws the loss curves as epochs finish, can be cancelled, and
 * records every run (finished, failed or cancelled) on the server. A sweep
 * trains one run per trial, one after another, in the same worker.
 */
export function TrainCell({ cell, index, onChange, autoStart }: Props) {
  const wb = useWorkbench();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [curves, setCurves] = useState<EpochReport[]>([]);
  const [warnings, setWarnings] = useState<LeakageWarning[]>([]);
  const [runId, setRunId] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [trials, setTrials] = useState<TrialRow[]>([]);
  const [metricName, setMetricName] = useState("accuracy");
  const [exporting, setExporting] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const busy = phase.kind === "preparing" || phase.kind === "running";

  /** Reads the data and starts the backend: what every trial of one press shares. */
  const prepare = async (): Promise<TrainingData> => {
    if (wb.state.kind !== "ready") throw new Error("DuckDB is not ready yet");
    if (!cell.target || cell.features.length === 0) throw new Error("Choose the target and at least one feature first (Load columns).");
    setPhase({ kind: "preparing", message: "Reading the data from DuckDB…" });
    const features = cell.features.filter((f) => f !== cell.target);
    const weightColumn = cell.weightColumn && cell.weightColumn !== cell.target ? cell.weightColumn : null;
    const cols = [...new Set([cell.target, ...features, ...(weightColumn ? [weightColumn] : [])])];
    const db = wb.state.db;
    const sql = `SELECT ${cols.map(quoteIdent).join(", ")} FROM (${cell.source}) AS training_data`;
    // The page never decodes the data: DuckDB counts and types the target in
    // its worker, and its IPC bytes go on to the training worker as they are.
    const target = quoteIdent(cell.target);
    const [stats] = await queryRows(db, `SELECT count(*) AS n, count(DISTINCT ${target}) AS k, typeof(any_value(${target})) AS t FROM (${sql})`);
    const task: Task = cell.task === "auto" ? taskFor(kindOfDuckType(String(stats.t)), Number(stats.k)) : cell.task;
    const ipc = await db.queryIpc(sql);
    const labelSnapshot = await labelSnapshotOf(db, cell.source, wb.relations.map((r) => r.name));
    setPhase({ kind: "preparing", message: "Starting the training backend…" });
    const backend = await trainingBackend(cell.backend);
    return {
      ipc,
      target: cell.target,
      features,
      weightColumn,
      featureSettings: Object.fromEntries(Object.entries(cell.featureSettings ?? {}).filter(([c]) => features.includes(c))),
      task,
      split: splitFromCell(cell, task),
      source: cell.source,
      dataset: datasetOf(cell.source, wb.catalog, Number(stats.n)),
      backend,
      parentId: cell.parentRunId ?? null,
      labelSnapshot,
    };
  };

  /** One trial: curves, run id and phase shown as it goes. */
  const trainTrial = (data: TrainingData, modelSpec: ModelSpec, name: string, tags: string[], trial: string | null, last: boolean, signal: AbortSignal) => {
    setCurves([]);
    setWarnings([]);
    setRunId(null);
    setMetricName(data.task === "regression" ? "RMSE" : "accuracy");
    const b = data.backend;
    setPhase({ kind: "running", epochs: modelSpec.epochs, backend: `${b.name}${b.adapter ? ` (${b.adapter})` : ""} — ${b.note}`, trial });
    return trainAndRecord(data, { modelSpec, name, tags, last }, { onRecorded: setRunId, onNotRecorded: setNote, onEpoch: setCurves, onWarnings: setWarnings }, signal);
  };

  const begin = () => {
    const controller = new AbortController();
    abort.current = controller;
    setNote(null);
    return controller;
  };

  const train = async () => {
    const controller = begin();
    try {
      const data = await prepare();
      const modelSpec = modelSpecFromCell(cell);
      const name = `${data.target} ~ ${data.features.length} features (${cell.model})`;
      const out = await trainTrial(data, modelSpec, name, cell.parentRunId ? ["re-run"] : [], null, true, controller.signal);
      if (out.status === "finished") {
        setPhase({ kind: "done", result: out.result, backend: data.backend.name });
        if (out.recordError) setNote(out.recordError);
      } else setPhase({ kind: out.status, message: out.message });
    } catch (e) {
      setPhase({ kind: controller.signal.aborted ? "cancelled" : "failed", message: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
    }
  };

  const sweep = async () => {
    const controller = begin();
    try {
      const spec = cell.sweep;
      const params = parseSweepText(spec?.values ?? {});
      if (!spec || params.length === 0) throw new Error("Give at least one parameter's values to sweep (Sweep hyperparameters).");
      const base = modelSpecFromCell(cell);
      const planned = expandSweep(base, spec.kind === "grid" ? { kind: "grid", seed: cell.seed, params } : { kind: "random", trials: spec.trials, seed: cell.seed, params });
      const rows: TrialRow[] = planned.map((t) => ({ label: describeTrial(t), status: "waiting", metric: null, runId: null }));
      const show = () => setTrials(rows.map((r) => ({ ...r })));
      show();
      const data = await prepare();
      const tag = `sweep-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
      for (const [i, t] of planned.entries()) {
        if (controller.signal.aborted) {
          rows[i].status = "cancelled";
          continue;
        }
        rows[i].status = "running";
        show();
        const out = await trainTrial(data, t.modelSpec, `${data.target} sweep ${i + 1}/${planned.length}: ${rows[i].label}`, [tag], `trial ${i + 1} of ${planned.length}`, i === planned.length - 1, controller.signal);
        rows[i] = { ...rows[i], status: out.status, runId: out.runId, metric: out.status === "finished" ? finite(out.result.scores.validation.model.metric) : null, message: out.status === "finished" ? undefined : out.message };
        show();
      }
      const done = rows.filter((r) => r.status === "finished").length;
      setPhase({ kind: "swept", message: `Sweep ${tag}: ${done} of ${rows.length} trials finished; each is a run tagged ${tag}.` });
    } catch (e) {
      setPhase({ kind: controller.signal.aborted ? "cancelled" : "failed", message: e instanceof Error ? e.message : String(e) });
    } finally {
      abort.current = null;
    }
  };

  const started = useRef(false);
  useEffect(() => {
    if (!autoStart || started.current || wb.state.kind !== "ready") return;
    // Wait for the tables the query names to be restored from browser storage.
    const names = tablesIn(cell.source);
    if (!names.every((n) => wb.relations.some((r) => r.name === n))) return;
    started.current = true;
    autoStart.onStarted();
    void train();
  });

  const epochs = phase.kind === "running" ? phase.epochs : cell.epochs;
  const elapsed = phase.kind === "running" && curves.length > 0 ? curves[curves.length - 1].elapsedMs : 0;
  const remainingS = curves.length > 0 ? ((elapsed / curves.length) * (epochs - curves.length)) / 1000 : null;

  return (
    <div className="train-cell">
      <TrainForm cell={cell} index={index} disabled={busy} onChange={onChange} />
      <SweepPanel cell={cell} index={index} disabled={busy} trials={trials} metricName={metricName} onChange={(sweep) => onChange({ sweep })} />
      <div className="cell-actions">
        <button type="button" className="primary" onClick={() => void train()} disabled={busy || wb.state.kind !== "ready"}>
          Train
        </button>
        <button type="button" onClick={() => void sweep()} disabled={busy || wb.state.kind !== "ready" || !cell.sweep}>
          Run sweep
        </button>
        <button type="button" onClick={() => abort.current?.abort()} disabled={!busy}>
          Cancel training
        </button>
        {runId && (
          <a className="hint" href={`/runs/${runId}`}>
            Run {runId.slice(0, 8)}
          </a>
        )}
        {runId && phase.kind === "done" && (
          <button type="button" onClick={() => setExporting(exporting === runId ? null : runId)} aria-expanded={exporting === runId}>
            Export ONNX
          </button>
        )}
      </div>
      {exporting && <ExportPanel runId={exporting} onClose={() => setExporting(null)} />}
      {note && <p role="status">{note}</p>}
      {phase.kind === "preparing" && <p role="status">{phase.message}</p>}
      {phase.kind === "running" && (
        <div role="status" aria-label="Training progress">
          <p className="hint">
            {phase.trial ? `Sweep ${phase.trial}. ` : ""}Backend: {phase.backend}
          </p>
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
      {curves.length > 0 && <TrainCurves curves={curves} label={`Loss curves of cell ${index + 1}`} metricName={metricName} />}
      {phase.kind === "done" && <TrainResultView result={phase.result} backend={phase.backend} />}
      {phase.kind === "failed" && <p role="alert">Training failed: {phase.message}</p>}
      {phase.kind === "cancelled" && <p role="status">Training cancelled after {curves.length} epoch{curves.length === 1 ? "" : "s"}; the run is recorded as cancelled.</p>}
      {phase.kind === "swept" && <p role="status">{phase.message}</p>}
    </div>
  );
}

/** The dataset a query reads, when it names one loaded table: its newest version's fingerprint goes with the run. */
/**
 * The label snapshot(s) behind the label tables a query reads: every row of
 * labels_* and gold_* carries the snapshot it was exported from, so the run
 * can name exactly which labels it learned from.
 */
async function labelSnapshotOf(db: Db, source: string, relations: string[]): Promise<string | null> {
  const ids = new Set<string>();
  for (const t of labelTablesIn(source, relations)) {
    const rows = (await db.query(`SELECT DISTINCT label_snapshot FROM ${quoteIdent(t)} WHERE label_snapshot IS NOT NULL LIMIT 5`)).toArray();
    for (const r of rows) ids.add(String(r.label_snapshot));
  }
  return ids.size > 0 ? [...ids].sort().join(",").slice(0, 300) : null;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);
