"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import { useWorkbench } from "@/components/data/workbench";
import { assertNever, type RegisterRun } from "@/components/notebook/run-state";
import type { EvaluateCell as EvaluateCellDoc } from "@/components/notebook/types";
import type { RunSummary } from "@/lib/api/runs";
import type { LearningCurve } from "@/lib/train/learning-curve";
import { errorMessage } from "@/lib/data/errors";
import { evaluateInBrowser, evaluateNamedSlices, storeEvaluation, type Evaluated, type EvaluateStage } from "./evaluate-session";
import { EvaluationView } from "./EvaluationView";
import { SliceEditor } from "./SliceEditor";

interface Props {
  cell: EvaluateCellDoc;
  index: number;
  onChange(patch: Partial<Omit<EvaluateCellDoc, "id" | "kind">>): void;
  register: RegisterRun;
}

type State =
  | { kind: "idle" }
  | { kind: "running"; stage: EvaluateStage }
  | { kind: "cancelled" }
  | { kind: "ready"; result: Evaluated }
  | { kind: "error"; message: string };

const STAGE_TEXT: Record<EvaluateStage, string> = {
  read: "Reading the run's data from DuckDB…",
  score: "Scoring the held-out rows and computing intervals in the worker…",
  slices: "Selecting and testing the slices…",
  save: "Storing the evaluation with the run…",
};

/**
 * Evaluates a finished run on its held-out split: every metric with its
 * interval next to the baseline's, the notebook's named slices with tests
 * against the rest, slice search, and the rows behind any of them. The
 * result is stored with the run, where its page and the dashboard read it.
 */
export function EvaluateCell({ cell, index, onChange, register }: Props) {
  const wb = useWorkbench();
  const [runs, setRuns] = useState<RunSummary[] | { error: string } | null>(null);
  const [state, setState] = useState<State>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);

  /** Finished runs, newest first: listed when the cell appears and again after each evaluation (runs finish meanwhile). */
  const listRuns = useCallback(async () => {
    try {
      const r = await apiJson<{ runs: RunSummary[] }>(await apiFetch("/api/runs?status=finished&sort=created&dir=desc&limit=200"));
      setRuns(r.runs);
    } catch (e) {
      setRuns({ error: `Runs could not be listed: ${errorMessage(e)}` });
    }
  }, []);
  useEffect(() => void listRuns(), [listRuns]);

  const execute = useCallback(async () => {
    if (controller.current) return;
    const fail = (message: string) => setState({ kind: "error", message });
    if (wb.state.kind !== "ready") return fail("The data engine is still starting; evaluate again in a moment.");
    if (!cell.run) return fail("Pick a finished run to evaluate.");
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "running", stage: "read" });
    try {
      const result = await evaluateInBrowser(wb.state.db, wb.catalog, cell, (stage) => setState({ kind: "running", stage }), abort.signal);
      setState({ kind: "ready", result });
      await Promise.all([wb.refreshRelations(), listRuns()]);
    } catch (e) {
      setState(abort.signal.aborted ? { kind: "cancelled" } : { kind: "error", message: errorMessage(e) });
    } finally {
      controller.current = null;
    }
  }, [wb, cell, listRuns]);

  /** Slices edited after an evaluation: recomputed on the same scored split, and stored again. */
  const reslice = useCallback(async () => {
    if (state.kind !== "ready" || wb.state.kind !== "ready" || controller.current) return;
    const abort = new AbortController();
    controller.current = abort;
    const before = state.result;
    setState({ kind: "running", stage: "slices" });
    try {
      const { slices } = await evaluateNamedSlices(wb.state.db, before.table, cell, abort.signal);
      setState({ kind: "running", stage: "save" });
      const saveError = await storeEvaluation(before.run, before.report, before.classes, cell, slices, wb.catalog, before.learningCurve);
      setState({ kind: "ready", result: { ...before, slices, saveError } });
    } catch (e) {
      setState(abort.signal.aborted ? { kind: "ready", result: before } : { kind: "error", message: errorMessage(e) });
    } finally {
      controller.current = null;
    }
  }, [state, wb.state, wb.catalog, cell]);

  /** A learning curve drawn: kept with the evaluation on the page and stored with the run. */
  const keepCurve = useCallback(
    async (curve: LearningCurve) => {
      if (state.kind !== "ready") return;
      const before = state.result;
      const saveError = await storeEvaluation(before.run, before.report, before.classes, cell, before.slices, wb.catalog, curve);
      setState({ kind: "ready", result: { ...before, learningCurve: curve, saveError } });
    },
    [state, cell, wb.catalog],
  );

  useEffect(() => {
    register(cell.id, execute);
    return () => register(cell.id, null);
  }, [register, cell.id, execute]);
  useEffect(() => () => controller.current?.abort(), []);

  const running = state.kind === "running";
  const list = Array.isArray(runs) ? runs : [];
  return (
    <div
      onKeyDown={(e) => {
        if (e.key === "Enter" && e.shiftKey) {
          e.preventDefault();
          void execute();
        }
      }}
    >
      <div className="cell-actions">
        <label>
          Run
          <select value={cell.run} onChange={(e) => onChange({ run: e.target.value })} disabled={running}>
            <option value="">{runs === null ? "(loading runs…)" : "(choose a finished run)"}</option>
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} — {r.datasetName}, {r.task} ({r.id.slice(0, 8)})
              </option>
            ))}
            {cell.run && runs !== null && !list.some((r) => r.id === cell.run) && <option value={cell.run}>run {cell.run.slice(0, 8)} (not listed)</option>}
          </select>
        </label>
        <label>
          Split
          <select value={cell.split} onChange={(e) => onChange({ split: e.target.value as "test" | "validation" })} disabled={running}>
            <option value="test">test</option>
            <option value="validation">validation</option>
          </select>
        </label>
        <label>
          Minimum support
          <input type="number" min={1} value={cell.minSupport} onChange={(e) => onChange({ minSupport: Math.max(1, Math.floor(Number(e.target.value) || 1)) })} disabled={running} />
        </label>
        <button type="button" onClick={() => void execute()} disabled={running}>
          Evaluate
        </button>
      </div>
      {!Array.isArray(runs) && runs !== null && <p role="alert">{runs.error}</p>}
      <SliceEditor slices={cell.slices} task={state.kind === "ready" ? state.result.run.task : null} disabled={running} onChange={(slices) => onChange({ slices })} onApply={state.kind === "ready" ? () => void reslice() : null} />
      {(() => {
        switch (state.kind) {
          case "idle":
            return null;
          case "running":
            return (
              <div className="progress-bars">
                <p role="status">{STAGE_TEXT[state.stage]}</p>
                <progress aria-label="Evaluation progress" />
                <button type="button" onClick={() => controller.current?.abort()} disabled={state.stage === "save"}>
                  Cancel
                </button>
              </div>
            );
          case "cancelled":
            return <p role="status">Evaluation cancelled; nothing was stored.</p>;
          case "error":
            return (
              <pre role="alert" className="cell-error">
                {state.message}
              </pre>
            );
          case "ready":
            return <EvaluationView result={state.result} index={index} minSupport={cell.minSupport} runs={list} onAddSlice={(s) => onChange({ slices: [...cell.slices, s] })} onLearningCurve={(c) => void keepCurve(c)} />;
          default:
            return assertNever(state);
        }
      })()}
    </div>
  );
}
