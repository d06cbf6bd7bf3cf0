import type { Run } from "@/lib/api/runs";
import { parseFittedSpec } from "@/lib/features/spec";
import type { ParamsSnapshot } from "@/lib/train/params";
import type { ExportableModel } from "./model-graph";

export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

/**
 * What an export reads from a stored run: its fitted features, weights,
 * target scale and classes. Checks shapes, not trust: a run is written by
 * the app, but an imported one may be from an older version.
 */
export function exportableFromRun(run: Pick<Run, "name" | "status" | "config" | "weights" | "fittedFeatures" | "metrics">): ExportableModel {
  if (run.status !== "finished") throw new ExportError(`run "${run.name}" is ${run.status}: only a finished run can be exported`);
  if (!run.weights || !run.fittedFeatures) throw new ExportError(`run "${run.name}" has no stored weights or fitted features to export`);
  const w = run.weights as Partial<ParamsSnapshot> & { targetScale?: { offset: number; scale: number } | null };
  if (!Array.isArray(w.layers) || w.layers.length === 0) throw new ExportError(`run "${run.name}": its stored weights have no layers`);
  const classes = (run.metrics as { classes?: unknown } | null)?.classes;
  const task = run.config.task;
  if (task !== "regression" && !(Array.isArray(classes) && classes.every((c) => typeof c === "string"))) {
    throw new ExportError(`run "${run.name}": its class names were not recorded`);
  }
  return {
    task,
    classes: task === "regression" ? null : (classes as string[]),
    activation: run.config.modelSpec.activation,
    fitted: parseFittedSpec(run.fittedFeatures),
    weights: { layers: w.layers },
    targetScale: w.targetScale ?? null,
  };
}
