import type { DriftReport } from "@/lib/serve/monitor";
import type { InputDrift } from "@/lib/serve/drift/window";

const STATISTIC: Record<InputDrift["statistic"], string> = {
  ks: "Kolmogorov–Smirnov D",
  psi: "PSI",
  wasserstein: "Wasserstein (÷ training sd)",
  chi_square: "chi-square",
  jensen_shannon: "Jensen–Shannon distance",
};

const verdict = (d: boolean | null) => (d === null ? "not judged (too few rows)" : d ? "drifted" : "stable");
const num = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? "—" : v.toPrecision(3));

/** The champion's inputs and predictions against training (and its first window), one row per input or date part. */
export function DriftTable({ drift }: { drift: DriftReport | null }) {
  if (!drift) return null;
  const rows = [...(drift.inputs?.inputs ?? []), ...(drift.prediction ? [{ ...drift.prediction, input: "prediction (vs. first window)" }] : [])];
  return (
    <section aria-labelledby="drift-heading">
      <h2 id="drift-heading">Drift</h2>
      <p>
        Latest {drift.rows} rows answered by version {drift.version}, against the training statistics in its file.
        {drift.problem && <span role="alert"> Drift could not be measured: {drift.problem}</span>}
      </p>
      <table className="listing" aria-label="Input drift">
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Statistic</th>
            <th scope="col">Value</th>
            <th scope="col">p-value</th>
            <th scope="col">Other measures</th>
            <th scope="col">Rows</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={`${d.input}:${d.part ?? ""}`} className={d.drifted ? "worse" : undefined}>
              <td>{d.part ? `${d.input} (${d.part})` : d.input}</td>
              <td>{STATISTIC[d.statistic]}</td>
              <td>{num(d.value)}</td>
              <td>{num(d.pValue)}</td>
              <td>
                {d.measures
                  .slice(1)
                  .map((m) => `${STATISTIC[m.statistic]} ${num(m.value)}`)
                  .join("; ") || "—"}
              </td>
              <td>{d.rows}</td>
              <td>{verdict(d.drifted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
