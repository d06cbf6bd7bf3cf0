import { makeVector, Table, Utf8, vectorFromArray, type Vector } from "apache-arrow";
import { META } from "./export";
import { checkArrowInputs, feedsFromArrow } from "./feeds-from-arrow";
import type { InputSchema, OnnxFeed } from "./inputs";
import { OUTPUTS } from "./model-graph";
import { predictionColumns } from "./prediction-columns";

/**
 * A registry version run over a whole Arrow table, a chunk of rows at a
 * time, and the table returned with its predictions as new columns: the
 * browser's counterpart of the server's batch job (lib/serve/batch.ts),
 * with the same inputs, the same column names and types (VARCHAR labels,
 * FLOAT probabilities or values). Pure over a session seam, so
 * onnxruntime-web runs it in a worker and onnxruntime-node in tests.
 */

/** Rows per session run: bounds the feeds' memory whatever the table's length (the server's batch chunk too). */
export const PREDICT_CHUNK_ROWS = 8192;

/** What a version's metadata says about calling it. */
export interface PredictModel {
  inputs: InputSchema[];
  task: "binary" | "multiclass" | "regression";
  /** Class names in the probabilities' column order; empty for regression. */
  classes: string[];
}

export type Predicted =
  | { kind: "classes"; labels: string[]; /** Row-major [rows, classes]. */ probabilities: Float32Array; classes: string[] }
  | { kind: "values"; values: Float32Array };

export interface Session {
  run(feeds: OnnxFeed[]): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

export class PredictError extends Error {
  override readonly name = "PredictError";

  constructor(
    readonly code: "bad_metadata" | "bad_file" | "empty_table" | "column_clash" | "bad_output" | "cancelled",
    message: string,
  ) {
    super(message);
  }
}

/** lathe.inputs, lathe.task and lathe.classes of a version, checked enough to call it. */
export function predictModelOf(metadata: Record<string, string>): PredictModel {
  let inputs: unknown;
  let classes: unknown;
  try {
    inputs = JSON.parse(metadata[META.inputs] ?? "null");
    classes = JSON.parse(metadata[META.classes] ?? "[]");
  } catch {
    throw new PredictError("bad_metadata", `model metadata: ${META.inputs} or ${META.classes} is not readable JSON; push the version again from Lathe's export`);
  }
  const task = metadata[META.task];
  if (!Array.isArray(inputs) || inputs.length === 0 || !inputs.every(isInput)) throw new PredictError("bad_metadata", `model metadata: ${META.inputs} does not list the model's inputs; push the version again from Lathe's export`);
  if (task !== "binary" && task !== "multiclass" && task !== "regression") throw new PredictError("bad_metadata", `model metadata: ${META.task} is ${JSON.stringify(task ?? null)}, not binary, multiclass or regression`);
  if (!Array.isArray(classes) || !classes.every((c) => typeof c === "string") || (task !== "regression" && classes.length < 2)) {
    throw new PredictError("bad_metadata", `model metadata: ${META.classes} does not name the classifier's classes`);
  }
  return { inputs, task, classes: task === "regression" ? [] : (classes as string[]) };
}

function isInput(x: unknown): x is InputSchema {
  const s = x as InputSchema;
  return typeof s === "object" && s !== null && typeof s.name === "string" && ["numeric", "boolean", "categorical", "date"].includes(s.kind) && (s.kind !== "date" || Array.isArray(s.parts));
}

/**
 * Throws unless the table can be predicted on: rows, every input a column of
 * a usable type, no column already named like a prediction column.
 */
export function checkTable(table: Table, model: PredictModel): void {
  if (table.numRows === 0) throw new PredictError("empty_table", "the table has no rows; nothing to predict");
  checkArrowInputs(table, model.inputs);
  const taken = new Set(table.schema.fields.map((f) => f.name.toLowerCase()));
  const clash = predictionColumns(model.task, model.classes).find((c) => taken.has(c.toLowerCase()));
  if (clash !== undefined) throw new PredictError("column_clash", `column "${clash}": the table already has a column of this name, which the predictions add; rename or drop it in a SQL cell (SELECT * EXCLUDE ("${clash}") …)`);
}

export interface PredictOptions {
  chunkRows?: number;
  /** Rows done so far, after each chunk. */
  onProgress?: (done: number, total: number) => void;
  /** Asked between chunks; true stops with a "cancelled" PredictError. */
  cancelled?: () => boolean | Promise<boolean>;
}

/** Runs the session over every row of `table`, `chunkRows` at a time. */
export async function predictTable(session: Session, table: Table, model: PredictModel, opts: PredictOptions = {}): Promise<Predicted> {
  checkTable(table, model);
  const chunk = Math.max(1, opts.chunkRows ?? PREDICT_CHUNK_ROWS);
  const n = table.numRows;
  const k = model.classes.length;
  const labels = model.task === "regression" ? [] : new Array<string>(n);
  const values = new Float32Array(model.task === "regression" ? n : n * k);
  for (let start = 0; start < n; start += chunk) {
    if (await opts.cancelled?.()) throw new PredictError("cancelled", "cancelled");
    const end = Math.min(n, start + chunk);
    const out = await session.run(feedsFromArrow(table, model.inputs, start, end));
    const rows = end - start;
    if (model.task === "regression") {
      values.set(output(out, OUTPUTS.value, rows, 1, "floats") as Float32Array, start);
    } else {
      values.set(output(out, OUTPUTS.probabilities, rows, k, "floats") as Float32Array, start * k);
      const got = output(out, OUTPUTS.label, rows, 1, "strings") as string[];
      for (let i = 0; i < rows; i++) labels[start + i] = got[i];
    }
    opts.onProgress?.(end, n);
  }
  return model.task === "regression" ? { kind: "values", values } : { kind: "classes", labels, probabilities: values, classes: model.classes };
}

function output(out: Awaited<ReturnType<Session["run"]>>, name: string, rows: number, width: number, kind: "floats" | "strings"): Float32Array | string[] {
  const data = out[name]?.data;
  const ok = (kind === "floats" ? data instanceof Float32Array : Array.isArray(data)) && (data as ArrayLike<unknown>).length === rows * width;
  if (!ok) throw new PredictError("bad_output", `the model's output "${name}" is missing or not ${rows} × ${width} ${kind}; push a version exported by Lathe`);
  return data as Float32Array | string[];
}

/** `table` with the prediction columns appended (predictionColumns' names), every input column kept as it was. */
export function withPredictions(table: Table, model: PredictModel, p: Predicted): Table {
  const names = predictionColumns(model.task, model.classes);
  const columns: Record<string, Vector> = {};
  if (p.kind === "values") {
    columns[names[0]] = makeVector(p.values);
  } else {
    const k = p.classes.length;
    columns[names[0]] = vectorFromArray(p.labels, new Utf8());
    p.classes.forEach((_, j) => {
      const col = new Float32Array(p.labels.length);
      for (let i = 0; i < col.length; i++) col[i] = p.probabilities[i * k + j];
      columns[names[j + 1]] = makeVector(col);
    });
  }
  return table.assign(new Table(columns));
}
