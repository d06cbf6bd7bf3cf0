import type { LoggedPredictions } from "@/lib/store/model-requests";

/**
 * Logged rows whose feedback disagrees with the prediction, as labeling
 * items for a review queue: the row's inputs, what the model said, what the
 * feedback says, and a reason a reviewer can read. Classifiers' mistakes
 * come most confident first (the ones a model is surest of are the likeliest
 * label errors, or the worst model errors); regression rows come by
 * absolute error, largest first, and only those at or above `minError`.
 */

export interface WrongRow {
  id: string;
  data: Record<string, string | number | boolean | null>;
  reason: string;
  /** What orders the rows: confidence, or absolute error. */
  weight: number;
}

export interface WrongOptions {
  model: string;
  task: "classification" | "regression";
  limit: number;
  /** Regression only: smallest absolute error that counts as wrong. */
  minError?: number;
}

export function wrongPredictions(logged: LoggedPredictions[], o: WrongOptions): WrongRow[] {
  const rows: WrongRow[] = [];
  for (const r of logged) {
    const truth = r.feedback ?? [];
    truth.forEach((t, i) => {
      if (t === null) return;
      const data = rowData(r, i);
      if (o.task === "classification") {
        const predicted = r.outputs.label?.[i];
        if (predicted === undefined || predicted === String(t)) return;
        const confidence = r.outputs.confidence?.[i] ?? NaN;
        rows.push({
          id: `${o.model}:${r.requestId}:${i}`,
          data: { ...data, predicted, truth: String(t), confidence: Number.isNaN(confidence) ? null : confidence },
          reason: `model ${o.model} v${r.version} predicted "${predicted}"${Number.isNaN(confidence) ? "" : ` (confidence ${confidence.toFixed(2)})`}; feedback says "${t}"`,
          weight: Number.isNaN(confidence) ? 0 : confidence,
        });
      } else {
        const predicted = r.outputs.value?.[i];
        if (predicted === undefined || predicted === null || typeof t !== "number") return;
        const error = Math.abs(predicted - t);
        if (error < (o.minError ?? 0)) return;
        rows.push({
          id: `${o.model}:${r.requestId}:${i}`,
          data: { ...data, predicted, truth: t, error },
          reason: `model ${o.model} v${r.version} predicted ${predicted.toPrecision(4)}; feedback says ${t} (off by ${error.toPrecision(3)})`,
          weight: error,
        });
      }
    });
  }
  return rows.sort((a, b) => b.weight - a.weight || a.id.localeCompare(b.id)).slice(0, o.limit);
}

/** One logged row's inputs as scalars: a date's parts become "<input>.<part n>" columns. */
function rowData(r: LoggedPredictions, i: number): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [name, col] of Object.entries(r.inputs)) {
    const v = col[i];
    if (Array.isArray(v)) v.forEach((p, j) => (out[`${name}.${j}`] = p));
    else out[name] = v ?? null;
  }
  return out;
}
