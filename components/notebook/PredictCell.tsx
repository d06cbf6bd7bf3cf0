"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useWorkbench } from "@/components/data/workbench";
import { errorMessage } from "@/lib/data/errors";
import { fetchWindow } from "@/lib/notebook/run-sql";
import { defaultOutput, outputAfterTableChange, planOutput, versionChoices } from "@/lib/notebook/predict-plan";
import { ResultGrid } from "./ResultGrid";
import { PredictCancelled, runPrediction, type PredictResult, type PredictStage } from "./predict-run";
import { assertNever, type RegisterRun } from "./run-state";
import type { PredictCell as PredictCellDoc } from "./types";
import { useModels } from "./use-models";

interface Props {
  cell: PredictCellDoc;
  index: number;
  onChange(patch: Partial<Omit<PredictCellDoc, "id" | "kind">>): void;
  register: RegisterRun;
}

type Run =
  | { kind: "idle" }
  | { kind: "running"; stage: PredictStage }
  /** The output is a loaded dataset: replacing it (a new version) waits for a yes. */
  | { kind: "confirm"; name: string; message: string }
  | { kind: "cancelled" }
  | { kind: "ready"; result: PredictResult }
  | { kind: "error"; message: string };

/** Rows of the result shown under the cell; the whole table is queryable by name. */
const PREVIEW_ROWS = 100;

/**
 * Predicts over a DuckDB table with a registry model, in the browser
 * (onnxruntime-web in a worker), and keeps the input's columns with the
 * predictions as a new dataset version, listed and kept like a loaded file.
 */
export function PredictCell({ cell, index, onChange, register }: Props) {
  const wb = useWorkbench();
  const { models, detail, reload } = useModels(cell.model);
  const [run, setRun] = useState<Run>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);
  const output = cell.output || defaultOutput(cell.table);

  const execute = useCallback(
    async (replace = false) => {
      if (controller.current) return;
      const fail = (message: string) => setRun({ kind: "error", message });
      if (wb.state.kind !== "ready") return fail("The data engine is still starting; run the cell again in a moment.");
      if (!cell.model) return fail("Pick a model.");
      if (!cell.table) return fail("Pick a table to predict on.");
      if (!wb.relations.some((r) => r.name === cell.table)) return fail(`table ${cell.table}: not loaded; load it, or pick another table`);
      const plan = planOutput(cell.output, cell.table, wb.relations, wb.catalog, replace);
      if (plan.kind === "error") return fail(plan.message);
      if (plan.kind === "confirm") return setRun({ kind: "confirm", name: plan.name, message: plan.message });
      const abort = new AbortController();
      controller.current = abort;
      setRun({ kind: "running", stage: { kind: "read" } });
      try {
        const result = await runPrediction({
          db: wb.state.db,
          model: cell.model,
          version: cell.version,
          table: cell.table,
          output: plan,
          catalog: wb.catalog,
          addTable: wb.addTable,
          onStage: (stage) => setRun({ kind: "running", stage }),
          signal: abort.signal,
        });
        setRun({ kind: "ready", result });
      } catch (e) {
        setRun(e instanceof PredictCancelled || abort.signal.aborted ? { kind: "cancelled" } : { kind: "error", message: errorMessage(e) });
      } finally {
        controller.current = null;
      }
    },
    [wb.state, wb.relations, wb.catalog, wb.addTable, cell.model, cell.version, cell.table, cell.output],
  );

  useEffect(() => {
    register(cell.id, () => execute(false));
    return () => register(cell.id, null);
  }, [register, cell.id, execute]);

  // A cell deleted mid-run stops its run: no table appears for a cell that is gone.
  useEffect(() => () => controller.current?.abort(), []);

  const running = run.kind === "running";
  const modelNames = models.kind === "ready" ? models.value.map((m) => m.name) : [];
  const versions = detail?.kind === "ready" ? versionChoices(detail.value) : [];
  const tables = wb.relations.map((r) => r.name);

  return (
    <div
      onKeyDown={(e) => {
        if (e.key === "Enter" && e.shiftKey) {
          e.preventDefault();
          void execute(false);
        }
      }}
    >
      <div className="cell-actions">
        <label>
          Model
          <select value={cell.model} onChange={(e) => onChange({ model: e.target.value, version: null })} disabled={running}>
            <option value="">{models.kind === "loading" ? "(loading models…)" : "(choose a model)"}</option>
            {modelNames.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
            {cell.model && models.kind === "ready" && !modelNames.includes(cell.model) && <option value={cell.model}>{cell.model} (not in the registry)</option>}
          </select>
        </label>
        <button type="button" onClick={reload} disabled={running} aria-label="Reload the registry" title="Reload the registry (after a push or an alias move)">
          ↻
        </button>
        <label>
          Version
          <select value={cell.version ?? ""} onChange={(e) => onChange({ version: e.target.value === "" ? null : Number(e.target.value) })} disabled={running || !cell.model}>
            {versions.length === 0 && <option value="">champion</option>}
            {versions.map((v) => (
              <option key={v.value ?? ""} value={v.value ?? ""}>
                {v.label}
              </option>
            ))}
            {cell.version !== null && detail?.kind === "ready" && !versions.some((v) => v.value === cell.version) && <option value={cell.version}>v{cell.version} (not available)</option>}
          </select>
        </label>
        <label>
          Input table
          <select value={cell.table} onChange={(e) => onChange({ table: e.target.value, output: outputAfterTableChange(cell.output, cell.table, e.target.value) })} disabled={running}>
            <option value="">(choose a table)</option>
            {tables.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
            {cell.table && !tables.includes(cell.table) && <option value={cell.table}>{cell.table} (not loaded)</option>}
          </select>
        </label>
        <label>
          Output table
          <input type="text" value={cell.output} placeholder={defaultOutput(cell.table) || "<table>_predictions"} onChange={(e) => onChange({ output: e.target.value })} disabled={running} spellCheck={false} />
        </label>
        <button type="button" onClick={() => void execute(false)} disabled={running}>
          Run
        </button>
      </div>
      {models.kind === "error" && <p role="alert">{models.message}</p>}
      {detail?.kind === "error" && <p role="alert">{detail.message}</p>}
      <PredictOutput run={run} cell={cell} output={output} index={index} onCancel={() => controller.current?.abort()} onReplace={() => void execute(true)} onKeep={() => setRun({ kind: "idle" })} />
    </div>
  );
}

interface OutputProps {
  run: Run;
  cell: PredictCellDoc;
  output: string;
  index: number;
  onCancel(): void;
  onReplace(): void;
  onKeep(): void;
}

function PredictOutput({ run, cell, output, index, onCancel, onReplace, onKeep }: OutputProps) {
  switch (run.kind) {
    case "idle":
      return null;
    case "running": {
      const s = run.stage;
      const predicting = s.kind === "predict" && s.total > 0;
      return (
        <div className="progress-bars">
          <p role="status">{stageText(s, cell, output)}</p>
          <progress aria-label="Prediction progress" max={predicting ? s.total : 1} value={predicting ? s.done : s.kind === "save" ? 1 : undefined} />
          <button type="button" onClick={onCancel} disabled={s.kind === "save"}>
            Cancel
          </button>
        </div>
      );
    }
    case "confirm":
      return (
        <div className="cell-error" role="group" aria-label="Replace the output table?">
          <p role="alert">{run.message}</p>
          <button type="button" onClick={onReplace}>
            Replace {run.name}
          </button>{" "}
          <button type="button" onClick={onKeep}>
            Keep {run.name}
          </button>
        </div>
      );
    case "cancelled":
      return <p role="status">Prediction cancelled; nothing was changed.</p>;
    case "error":
      return (
        <pre role="alert" className="cell-error">
          {run.message}
        </pre>
      );
    case "ready":
      return <PredictResultView result={run.result} index={index} />;
    default:
      return assertNever(run);
  }
}

function stageText(s: PredictStage, cell: PredictCellDoc, output: string): string {
  switch (s.kind) {
    case "read":
      return `Reading ${cell.table}…`;
    case "download":
      return `Downloading ${cell.model} v${s.version}…`;
    case "predict":
      return s.total > 0 ? `Predicting with ${cell.model} v${s.version}: ${s.done.toLocaleString("en-US")} of ${s.total.toLocaleString("en-US")} rows` : `Starting ${cell.model} v${s.version}…`;
    case "save":
      return `Saving table ${output}…`;
    default:
      return assertNever(s);
  }
}

function PredictResultView({ result, index }: { result: PredictResult; index: number }) {
  const wb = useWorkbench();
  const t = result.table;
  const fetchRows = useMemo(() => {
    if (wb.state.kind !== "ready") return null;
    const db = wb.state.db;
    return (offset: number, limit: number) => fetchWindow(db, t.physical, t.schema, offset, Math.min(limit, Math.max(0, PREVIEW_ROWS - offset)));
  }, [wb.state, t]);
  const preview = Math.min(result.rows, PREVIEW_ROWS);
  return (
    <div className="cell-output">
      <p role="status" className="result-meta">
        {result.rows.toLocaleString("en-US")} rows predicted by {result.model} v{result.version} in {Math.round(result.ms).toLocaleString("en-US")} ms → table {t.name}
      </p>
      <p className="result-meta">
        {result.unchanged ? `The same predictions are already version ${t.version} of ${t.name}; nothing new was stored. ` : t.version > 1 ? `Version ${t.version} of ${t.name}; earlier versions are in the data panel. ` : ""}
        {preview < result.rows ? `First ${preview} rows below; query ${t.name} in a SQL cell for all of them.` : ""}
      </p>
      {fetchRows && <ResultGrid label={`Predictions, cell ${index + 1}`} columns={t.schema} rowCount={preview} fetchRows={fetchRows} />}
    </div>
  );
}
