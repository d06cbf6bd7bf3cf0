import type * as tfc from "@tensorflow/tfjs-core";
import type { Table } from "apache-arrow";
import type { Run } from "@/lib/api/runs";
import { recastTable, recordedSettings } from "@/lib/features/settings";
import { exportableFromRun } from "@/lib/onnx/from-run";
import { fitBaseline, type Baseline } from "@/lib/train/baseline";
import type { Task } from "@/lib/train/model-spec";
import { predictSnapshot } from "@/lib/train/predict-snapshot";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { splitRows, splitSpecSchema } from "@/lib/train/split";
import { EvalError } from "./errors";

/**
 * A finished run's model on its own held-out split, read again from the
 * run's query result: the split recomputed from the recorded split spec
 * (same seed, same rows while the data has not changed), the stored weights
 * run through TF.js as training scored them, and the training split's
 * baseline fitted as training fitted it. What the evaluation and the slice
 * analysis read; rows whose label is missing or a class the model never saw
 * are left out and counted.
 */

export type RunForScoring = Pick<Run, "id" | "name" | "status" | "config" | "weights" | "fittedFeatures" | "metrics">;

export interface ScoredSplit {
  task: Task;
  /** Class names in the model's output order; null for regression. */
  classes: string[] | null;
  /** Rows of the query result that were scored, ascending within the split's order. */
  rows: Int32Array;
  /** Class index (as float) or the target value per scored row. */
  y: Float64Array;
  /** Row-major [rows, classes] probabilities, or one value per row. */
  predictions: Float64Array;
  baseline: Baseline;
  /** Held-out rows left out: no label, or a label the model has no class for. */
  unscored: number;
}

export async function scoreRunSplit(tf: typeof tfc, run: RunForScoring, table: Table, which: "test" | "validation" = "test"): Promise<ScoredSplit> {
  if (run.status !== "finished") throw new EvalError("invalid_value", `run "${run.name}" is ${run.status}: only a finished run has a model to evaluate`);
  let model;
  try {
    model = exportableFromRun(run);
  } catch (e) {
    throw new EvalError("invalid_value", `run "${run.name}": ${e instanceof Error ? e.message : String(e)}`);
  }
  const { config } = run;
  const raw = recastTable(rawTable(table, config.features), recordedSettings(config.featureSpec) ?? {});
  const target = rawTarget(table, config.target, config.task);
  const spec = splitSpecSchema.safeParse(config.split);
  if (!spec.success) throw new EvalError("invalid_value", `run "${run.name}": its recorded split is not readable (${spec.error.issues[0]?.message}), so its held-out rows cannot be found`);
  const split = splitRows(spec.data, raw, target);
  const classes = model.classes;
  // The model's class order is the run's; today's data may order or hold classes differently.
  const codeOf = (r: number): number => {
    if (target.kind !== "classes") return target.values[r];
    const c = target.codes[r];
    if (c < 0) return NaN;
    const at = classes!.indexOf(target.classes[c]);
    return at < 0 ? NaN : at;
  };
  const train = Float32Array.from(Array.from(split.train, codeOf).filter((v) => !Number.isNaN(v)));
  const baseline = fitBaseline(config.task, train, classes?.length ?? 1);
  const held = split[which];
  const kept = held.filter((r) => !Number.isNaN(codeOf(r)));
  if (kept.length === 0) throw new EvalError("empty_input", `run "${run.name}": its ${which} split has no rows with a known label on the loaded data`);
  const predicted = await predictSnapshot(tf, model, raw, kept);
  const values = predicted.kind === "classes" ? predicted.probabilities : predicted.values;
  return {
    task: config.task,
    classes,
    rows: kept,
    y: Float64Array.from(kept, codeOf),
    predictions: Float64Array.from(values),
    baseline,
    unscored: held.length - kept.length,
  };
}
