"use client";

import type { TrainCell } from "@/components/notebook/types";

export interface TrialRow {
  label: string;
  status: "waiting" | "running" | "finished" | "failed" | "cancelled";
  metric: number | null;
  runId: string | null;
  message?: string;
}

const PARAMS = [
  { name: "learningRate", label: "Sweep learning rates", hint: "0.001, 0.01, 0.1" },
  { name: "batchSize", label: "Sweep batch sizes", hint: "32, 128" },
  { name: "hidden", label: "Sweep hidden layers (MLP)", hint: "32; 64,64" },
  { name: "dropout", label: "Sweep dropout (MLP)", hint: "0, 0.2" },
  { name: "l2", label: "Sweep L2 penalties", hint: "0, 0.001" },
  { name: "optimizer", label: "Sweep optimizers", hint: "adam, sgd" },
] as const;

type Sweep = NonNullable<TrainCell["sweep"]>;
const EMPTY: Sweep = { kind: "grid", trials: 8, values: {} };

/**
 * The sweep settings of a train cell: grid or random search over listed
 * values of a few hyperparameters, and the trials' results as they finish,
 * each a recorded run.
 */
export function SweepPanel({ cell, index, disabled, trials, metricName, onChange }: { cell: TrainCell; index: number; disabled: boolean; trials: TrialRow[]; metricName: string; onChange(sweep: Sweep): void }) {
  const sweep = cell.sweep ?? EMPTY;
  const ids = trials.map((t) => t.runId).filter((x): x is string => !!x);
  return (
    <details className="sweep" open={cell.sweep !== undefined || trials.length > 0}>
      <summary>Sweep hyperparameters</summary>
      <fieldset className="sweep-form" disabled={disabled}>
        <legend>Sweep settings, cell {index + 1}</legend>
        <label>
          Search
          <select aria-label="Search" value={sweep.kind} onChange={(e) => onChange({ ...sweep, kind: e.target.value as Sweep["kind"] })}>
            <option value="grid">grid (every combination)</option>
            <option value="random">random (draws from the values)</option>
          </select>
        </label>
        {sweep.kind === "random" && (
          <label>
            Trials
            <input type="number" min={1} max={50} value={sweep.trials} onChange={(e) => onChange({ ...sweep, trials: Math.max(1, Math.min(50, Math.floor(Number(e.target.value)) || 1)) })} />
          </label>
        )}
        {PARAMS.map((p) => (
          <label key={p.name}>
            {p.label}
            <input placeholder={p.hint} value={sweep.values[p.name] ?? ""} onChange={(e) => onChange({ ...sweep, values: { ...sweep.values, [p.name]: e.target.value } })} />
          </label>
        ))}
      </fieldset>
      {trials.length > 0 && (
        <>
          <table className="listing" aria-label={`Sweep trials of cell ${index + 1}`}>
            <thead>
              <tr>
                <th scope="col">Trial</th>
                <th scope="col">Status</th>
                <th scope="col">Validation {metricName}</th>
              </tr>
            </thead>
            <tbody>
              {trials.map((t, i) => (
                <tr key={i}>
                  <th scope="row">{t.runId ? <a href={`/runs/${t.runId}`}>{t.label}</a> : t.label}</th>
                  <td title={t.message}>{t.status}</td>
                  <td>{t.metric === null ? "—" : t.metric.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ids.length >= 2 && <a href={`/runs/compare?ids=${ids.join(",")}`}>Compare the sweep&apos;s runs</a>}
        </>
      )}
    </details>
  );
}
