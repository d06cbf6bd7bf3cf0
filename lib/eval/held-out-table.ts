import { Bool, DataType, Float64, makeVector, Table, Utf8, vectorFromArray, type Vector } from "apache-arrow";
import { EvalError } from "./errors";
import { logLossPerRow } from "./probabilistic";
import type { ScoredSplit } from "./score-run";

/**
 * The held-out rows as one table for DuckDB: every column of the run's
 * query result, then what the model said about each row. Slices, the
 * drill-down and the slice search all read it by SQL, so a slice means the
 * same rows everywhere. The added columns start with "_" so they rarely
 * meet a data column; when one does, that is an error naming it.
 */

export const EVAL_COLUMNS = {
  /** Row of the run's query result (0-based): the id rows are sent to review with. */
  row: "_row",
  label: "_label",
  prediction: "_prediction",
  /** Classification: probability of the predicted class. */
  confidence: "_confidence",
  /** Classification: log loss of the row; regression: squared error. */
  loss: "_loss",
  /** Classification: prediction equals label; regression: |error|. */
  correct: "_correct",
  absError: "_abs_error",
} as const;

/** Per-row quantities the slice tests and the search read, in scored-row order. */
export interface RowOutcomes {
  /** Classification: 1 when right, 0 when wrong. */
  correct: Float64Array | null;
  /** Log loss or squared error: non-negative, as SliceLine needs. */
  loss: Float64Array;
  /** Regression: |y − ŷ|. */
  absError: Float64Array | null;
  /** Predicted class index or value. */
  predicted: Float64Array;
  /** Classification: the predicted class's probability. */
  confidence: Float64Array | null;
}

export function rowOutcomes(s: ScoredSplit): RowOutcomes {
  const n = s.rows.length;
  const predicted = new Float64Array(n);
  if (s.classes === null) {
    const absError = new Float64Array(n);
    const loss = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      predicted[i] = s.predictions[i];
      absError[i] = Math.abs(s.y[i] - s.predictions[i]);
      loss[i] = absError[i] ** 2;
    }
    return { correct: null, loss, absError, predicted, confidence: null };
  }
  const k = s.classes.length;
  const correct = new Float64Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (s.predictions[i * k + c] > s.predictions[i * k + best]) best = c;
    predicted[i] = best;
    confidence[i] = s.predictions[i * k + best];
    correct[i] = best === s.y[i] ? 1 : 0;
  }
  const loss = logLossPerRow(Int32Array.from(s.y), s.predictions, k);
  return { correct, loss, absError: null, predicted, confidence };
}

/** The held-out table: the source's columns at the scored rows, then the EVAL_COLUMNS (and _p_<class> per class). */
export function heldOutTable(source: Table, s: ScoredSplit, o: RowOutcomes): Table {
  const taken = new Set(source.schema.fields.map((f) => f.name.toLowerCase()));
  const added: Record<string, Vector> = {};
  const add = (name: string, v: Vector) => {
    if (taken.has(name.toLowerCase())) throw new EvalError("invalid_value", `column "${name}": the data already has a column of this name, which the evaluation adds; rename it in the run's query`);
    taken.add(name.toLowerCase());
    added[name] = v;
  };
  const columns: Record<string, Vector> = {};
  for (const field of source.schema.fields) columns[field.name] = gather(source.getChild(field.name), field.type, s.rows);
  add(EVAL_COLUMNS.row, makeVector(Int32Array.from(s.rows)));
  if (s.classes === null) {
    add(EVAL_COLUMNS.label, makeVector(Float64Array.from(s.y)));
    add(EVAL_COLUMNS.prediction, makeVector(o.predicted));
    add(EVAL_COLUMNS.absError, makeVector(o.absError!));
    add(EVAL_COLUMNS.loss, makeVector(o.loss));
  } else {
    const names = s.classes;
    add(EVAL_COLUMNS.label, vectorFromArray(Array.from(s.y, (c) => names[c]), new Utf8()));
    add(EVAL_COLUMNS.prediction, vectorFromArray(Array.from(o.predicted, (c) => names[c]), new Utf8()));
    add(EVAL_COLUMNS.confidence, makeVector(o.confidence!));
    add(EVAL_COLUMNS.loss, makeVector(o.loss));
    add(EVAL_COLUMNS.correct, vectorFromArray(Array.from(o.correct!, (c) => c === 1), new Bool()));
    const k = names.length;
    names.forEach((name, c) => {
      const p = new Float64Array(s.rows.length);
      for (let i = 0; i < p.length; i++) p[i] = s.predictions[i * k + c];
      add(`_p_${name}`, makeVector(p));
    });
  }
  return new Table({ ...columns, ...added });
}

/**
 * Column values at `rows`. Dictionary-encoded strings become plain strings
 * (DuckDB reads both alike); a type Arrow cannot rebuild from its own values
 * falls back to numbers or text rather than losing the column.
 */
function gather(vector: Vector | null, type: DataType, rows: Int32Array): Vector {
  const values = Array.from(rows, (r) => vector?.get(r) ?? null);
  if (DataType.isDictionary(type)) return vectorFromArray(values.map((v) => (v === null ? null : String(v))), new Utf8());
  try {
    return vectorFromArray(values, type);
  } catch {
    // A type Arrow cannot rebuild from its values: the general path below.
  }
  if (values.every((v) => v === null || typeof v === "number")) return vectorFromArray(values, new Float64());
  if (values.every((v) => v === null || typeof v === "boolean")) return vectorFromArray(values, new Bool());
  if (values.every((v) => v === null || typeof v === "bigint")) return vectorFromArray(values.map((v) => (v === null ? null : Number(v))), new Float64());
  return vectorFromArray(values.map((v) => (v === null ? null : v instanceof Date ? v.toISOString() : String(v))), new Utf8());
}
