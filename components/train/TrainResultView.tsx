import type { JobResult } from "@/lib/train/run-job";

const fmt = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(4));

/** A finished run: its metric and loss on every split, next to the baseline's. */
export function TrainResultView({ result, backend }: { result: JobResult; backend: string }) {
  const name = result.metricName === "rmse" ? "RMSE" : "Accuracy";
  return (
    <div className="train-result">
      <table className="listing" aria-label="Training results">
        <thead>
          <tr>
            <th scope="col">Split</th>
            <th scope="col">Rows</th>
            <th scope="col">{name}</th>
            <th scope="col">Baseline {name.toLowerCase()}</th>
            <th scope="col">Loss</th>
            <th scope="col">Baseline loss</th>
          </tr>
        </thead>
        <tbody>
          {(["train", "validation", "test"] as const).map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td>{result.rows[s]}</td>
              <td>{fmt(result.scores[s].model.metric)}</td>
              <td>{fmt(result.scores[s].baseline.metric)}</td>
              <td>{fmt(result.scores[s].model.loss)}</td>
              <td>{fmt(result.scores[s].baseline.loss)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {result.stoppedEarly ? `Stopped early; kept epoch ${result.bestEpoch}.` : `Trained ${result.curves.length} epochs.`} Backend {backend}. Baseline:{" "}
        {result.baseline.kind === "majority" ? `majority class (${result.classes?.[result.baseline.value] ?? result.baseline.value})` : `mean ${fmt(result.baseline.value)}`}.
        {result.droppedRows > 0 ? ` ${result.droppedRows} rows without a target were left out.` : ""} Training took {(result.timings.trainMs / 1000).toFixed(1)} s.
      </p>
    </div>
  );
}
