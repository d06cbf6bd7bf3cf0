"use client";
import { useRef, useState } from "react";
import { apiFetch, apiJson } from "@/components/auth/api-fetch";
import type { SliceEvaluation } from "@/lib/api/evaluation";
import type { Run, RunSummary } from "@/lib/api/runs";
import type { Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { formatMetric, formatP } from "@/lib/eval/metric-rows";
import type { ComparedSlice, SliceComparisonResult } from "@/lib/eval/slice-comparison";
import { sliceMembers } from "@/lib/eval/slice-members";
import type { EvaluateCell } from "@/components/notebook/types";
import { compareRunInWorker } from "./eval-client";
import type { RowsRequest } from "./RowsView";
import { SliceSearch } from "./SliceSearch";

/**
 * The evaluated run (A) against another run (B) on the same held-out rows:
 * overall and per named slice, B − A with a paired interval and test, and
 * a flag where the run that wins overall loses.
 */
export function ComparePanel({
  db,
  table,
  runA,
  runs,
  slices,
  columns,
  onShow,
  onAddSlice,
}: {
  db: Db;
  table: string;
  runA: Run;
  runs: RunSummary[];
  slices: SliceEvaluation[];
  columns: string[];
  onShow(r: RowsRequest): void;
  onAddSlice(s: EvaluateCell["slices"][number]): void;
}) {
  const candidates = runs.filter((r) => r.id !== runA.id && r.task === runA.task);
  const [other, setOther] = useState("");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "busy" } | { kind: "ready"; result: SliceComparisonResult; nameB: string; disagreement: Float64Array } | { kind: "error"; message: string }>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  const compare = async () => {
    if (!other) return setState({ kind: "error", message: "Choose the run to compare with." });
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: "busy" });
    try {
      const runB = await apiJson<Run>(await apiFetch(`/api/runs/${encodeURIComponent(other)}`));
      const members = await sliceMembers(db, table, slices);
      const out = await compareRunInWorker({ run: runB, slices: slices.map((s, i) => ({ name: s.name, members: members[i] })) }, controller.signal);
      setState(out.kind === "ok" ? { kind: "ready", result: out.comparison, nameB: runB.name, disagreement: out.disagreement } : { kind: "error", message: out.message === "cancelled" ? "Comparison cancelled; evaluate the run again to compare." : out.message });
    } catch (e) {
      setState({ kind: "error", message: `The runs could not be compared: ${errorMessage(e)}` });
    } finally {
      abort.current = null;
    }
  };
  if (candidates.length === 0) return null;
  const metric = state.kind === "ready" && state.result.metric === "mae" ? "MAE" : "Accuracy";
  return (
    <fieldset className="compare">
      <legend>Compare with another run by slice</legend>
      <label>
        Run B
        <select value={other} onChange={(e) => setOther(e.target.value)}>
          <option value="">(choose a run)</option>
          {candidates.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} ({r.id.slice(0, 8)})
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void compare()} disabled={state.kind === "busy"}>
        Compare by slice
      </button>
      {state.kind === "busy" && (
        <button type="button" onClick={() => abort.current?.abort()}>
          Cancel comparison
        </button>
      )}
      {state.kind === "error" && <p role="alert">{state.message}</p>}
      {state.kind === "ready" && (
        <>
          <p role="status">
            {state.result.winner === null ? "The two runs tie overall." : `Overall, ${state.result.winner === "a" ? `A (${runA.name})` : `B (${state.nameB})`} wins.`}{" "}
            {state.result.slices.some((s) => s.winnerLoses === "clearly") ? "It clearly loses on a slice: see the flags." : ""}
          </p>
          <table className="listing" aria-label="Runs compared by slice">
            <thead>
              <tr>
                <th scope="col">Slice</th>
                <th scope="col">Rows</th>
                <th scope="col">{metric} A</th>
                <th scope="col">{metric} B</th>
                <th scope="col">B − A (paired interval)</th>
                <th scope="col">p ({state.result.metric === "mae" ? "paired t" : "McNemar"})</th>
                <th scope="col">Overall winner</th>
              </tr>
            </thead>
            <tbody>
              {[state.result.overall, ...state.result.slices].map((s) => (
                <ComparedRow key={s.name} s={s} />
              ))}
            </tbody>
          </table>
          <SliceSearch
            db={db}
            table={table}
            columns={columns}
            regression={state.result.metric === "mae"}
            errors={{ label: state.result.metric === "mae" ? "Mean |ŷA − ŷB|" : "Share predicted differently", legend: "Where A and B disagree most (SliceLine)", values: state.disagreement }}
            onShow={onShow}
            onAddSlice={onAddSlice}
          />
        </>
      )}
    </fieldset>
  );
}

function ComparedRow({ s }: { s: ComparedSlice }) {
  return (
    <tr className={s.winnerLoses === "clearly" ? "flagged" : undefined}>
      <th scope="row">{s.name}</th>
      <td>{s.rows}</td>
      <td>{formatMetric(s.a)}</td>
      <td>{formatMetric(s.b)}</td>
      <td>
        {formatMetric(s.difference)} ({formatMetric(s.lower)} – {formatMetric(s.upper)})
      </td>
      <td>{formatP(s.p)}</td>
      <td>{s.winnerLoses === "clearly" ? "⚠ loses here" : s.winnerLoses === "point" ? "lower here (not clearly)" : "—"}</td>
    </tr>
  );
}
