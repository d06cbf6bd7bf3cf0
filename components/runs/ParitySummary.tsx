import type { ParityRecord } from "@/lib/api/runs";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The run's last ONNX export check, as stored: which files passed the parity gate, and why not. */
export function ParitySummary({ parity }: { parity: ParityRecord | null }) {
  if (!parity) return <p className="hint">Not exported to ONNX yet.</p>;
  return (
    <section aria-label="ONNX export check">
      <h2>ONNX export check</h2>
      <p className="hint">
        {new Date(parity.checkedAt).toUTCString()}, on {parity.rows} test rows; TF.js {parity.metricName} {parity.tfjsMetric?.toFixed(4) ?? "—"}.
      </p>
      <ul>
        {(["fp32", "int8"] as const).map((p) => (
          <li key={p}>
            {p} ({kb(parity[p].sizeBytes)}): {parity[p].passed ? "passed" : `failed — ${parity[p].reasons.join("; ")}`}; {parity.metricName} {parity[p].metric?.toFixed(4) ?? "—"}
          </li>
        ))}
      </ul>
    </section>
  );
}
