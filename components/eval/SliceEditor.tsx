"use client";
import { SLICE_METRICS, type SliceMetricName } from "@/lib/api/evaluation";
import type { EvaluateCell } from "@/components/notebook/types";
import type { Task } from "@/lib/train/model-spec";
import { HIGHER_IS_BETTER, METRIC_LABELS } from "@/lib/eval/slice-threshold";

type Slice = EvaluateCell["slices"][number];

/**
 * The notebook's named slices, in the slice language (column = value, IN,
 * BETWEEN, q(column, k) = b, AND / OR / NOT). Saved with the notebook and
 * evaluated on whichever run the cell evaluates; a pinned slice shows on
 * the model's dashboard with its threshold.
 */
export function SliceEditor({ slices, task, disabled, onChange, onApply }: { slices: Slice[]; task: Task | null; disabled: boolean; onChange(s: Slice[]): void; onApply: (() => void) | null }) {
  const metrics: readonly SliceMetricName[] = task === null ? [...SLICE_METRICS.classification, ...SLICE_METRICS.regression] : task === "regression" ? SLICE_METRICS.regression : SLICE_METRICS.classification;
  const set = (i: number, patch: Partial<Slice>) => onChange(slices.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="slice-editor">
      <legend>Named slices</legend>
      {slices.length === 0 && <p className="hint">No slices yet. Add one, e.g. name “Biscoe”, definition Island = &apos;Biscoe&apos;, or q(&quot;Body Mass (g)&quot;, 4) = 1 for the lightest quarter.</p>}
      {slices.length > 0 && (
        <table className="listing" aria-label="Named slices">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Definition</th>
              <th scope="col">Pinned</th>
              <th scope="col">Threshold</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {slices.map((s, i) => (
              <tr key={i}>
                <td>
                  <input aria-label={`Slice ${i + 1} name`} value={s.name} maxLength={64} onChange={(e) => set(i, { name: e.target.value })} disabled={disabled} />
                </td>
                <td>
                  <input aria-label={`Slice ${i + 1} definition`} value={s.definition} onChange={(e) => set(i, { definition: e.target.value })} disabled={disabled} spellCheck={false} size={40} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`Pin slice ${i + 1} to the dashboard`} checked={s.pinned} onChange={(e) => set(i, { pinned: e.target.checked })} disabled={disabled} />
                </td>
                <td>
                  <select
                    aria-label={`Slice ${i + 1} threshold metric`}
                    value={s.threshold?.metric ?? ""}
                    onChange={(e) => set(i, { threshold: e.target.value === "" ? null : { metric: e.target.value, value: s.threshold?.value ?? 0 } })}
                    disabled={disabled}
                  >
                    <option value="">(none)</option>
                    {metrics.map((m) => (
                      <option key={m} value={m}>
                        {METRIC_LABELS[m]} {HIGHER_IS_BETTER[m] ? "at least" : "at most"}
                      </option>
                    ))}
                  </select>{" "}
                  {s.threshold && (
                    <input
                      type="number"
                      step="any"
                      aria-label={`Slice ${i + 1} threshold value`}
                      value={s.threshold.value}
                      onChange={(e) => set(i, { threshold: { metric: s.threshold!.metric, value: Number(e.target.value) || 0 } })}
                      disabled={disabled}
                    />
                  )}
                </td>
                <td>
                  <button type="button" aria-label={`Remove slice ${i + 1}`} onClick={() => onChange(slices.filter((_, j) => j !== i))} disabled={disabled}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => onChange([...slices, { name: "", definition: "", pinned: false, threshold: null }])} disabled={disabled || slices.length >= 200}>
        Add slice
      </button>{" "}
      {onApply && (
        <button type="button" onClick={onApply} disabled={disabled}>
          Apply slices
        </button>
      )}
    </fieldset>
  );
}
