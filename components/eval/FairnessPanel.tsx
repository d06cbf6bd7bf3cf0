"use client";
import { useState } from "react";
import type { Db } from "@/lib/data/db";
import { errorMessage } from "@/lib/data/errors";
import { heldOutFairness } from "@/lib/eval/held-out-reads";
import { formatMetric } from "@/lib/eval/metric-rows";
import type { FairnessReport } from "@/lib/eval/stats/fairness";

/**
 * For a column the user marks as sensitive: each group's selection rate
 * and true- and false-positive rates (Wilson intervals), and the
 * demographic parity and equal opportunity differences (largest minus
 * smallest group, bootstrap intervals), one class taken as the positive
 * outcome.
 */
export function FairnessPanel({ db, table, columns, classes, resamples, seed }: { db: Db; table: string; columns: string[]; classes: string[]; resamples: number; seed: number }) {
  const [column, setColumn] = useState("");
  const [positive, setPositive] = useState(classes[classes.length === 2 ? 1 : 0] ?? "");
  const [state, setState] = useState<{ kind: "idle" } | { kind: "busy" } | { kind: "ready"; report: FairnessReport; column: string; positive: string } | { kind: "error"; message: string }>({ kind: "idle" });
  const run = async () => {
    if (!column) return setState({ kind: "error", message: "Choose the sensitive column." });
    setState({ kind: "busy" });
    try {
      setState({ kind: "ready", report: await heldOutFairness(db, table, column, positive, { resamples, seed }), column, positive });
    } catch (e) {
      setState({ kind: "error", message: `Fairness could not be computed: ${errorMessage(e)}` });
    }
  };
  const rate = (r: { estimate: number; lower: number; upper: number }) => `${formatMetric(r.estimate)} (${formatMetric(r.lower)} – ${formatMetric(r.upper)})`;
  return (
    <fieldset className="fairness">
      <legend>Fairness by a sensitive column</legend>
      <label>
        Sensitive column
        <select value={column} onChange={(e) => setColumn(e.target.value)}>
          <option value="">(choose)</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        Positive outcome
        <select value={positive} onChange={(e) => setPositive(e.target.value)}>
          {classes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void run()} disabled={state.kind === "busy"}>
        Compare groups
      </button>
      {state.kind === "error" && <p role="alert">{state.message}</p>}
      {state.kind === "ready" && (
        <>
          <table className="listing" aria-label={`Rates by ${state.column}`}>
            <thead>
              <tr>
                <th scope="col">{state.column}</th>
                <th scope="col">Rows</th>
                <th scope="col">Selection rate (predicted {state.positive})</th>
                <th scope="col">True-positive rate</th>
                <th scope="col">False-positive rate</th>
              </tr>
            </thead>
            <tbody>
              {state.report.groups.map((g) => (
                <tr key={String(g.group)}>
                  <th scope="row">{g.group === null ? "(missing)" : String(g.group)}</th>
                  <td>{g.rows}</td>
                  <td>{rate(g.selectionRate)}</td>
                  <td>{rate(g.truePositiveRate)}</td>
                  <td>{rate(g.falsePositiveRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p role="status">
            Demographic parity difference {formatMetric(state.report.demographicParityDifference.value)} ({formatMetric(state.report.demographicParityDifference.lower)} –{" "}
            {formatMetric(state.report.demographicParityDifference.upper)}); equal opportunity difference {formatMetric(state.report.equalOpportunityDifference.value)} (
            {formatMetric(state.report.equalOpportunityDifference.lower)} – {formatMetric(state.report.equalOpportunityDifference.upper)}). Differences are largest minus smallest group; {Math.round(state.report.level * 100)}% intervals from {state.report.resamples} resamples.
          </p>
        </>
      )}
    </fieldset>
  );
}
