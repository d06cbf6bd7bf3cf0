import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON } from "apache-arrow";
import type { Run } from "@/lib/api/runs";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { runExportCheck, type ExportCheckResult } from "@/lib/onnx/export-check";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { nodeRunner } from "../onnx/ort-node";

/** Penguins (Gorman et al. 2014, via vega-datasets) as raw records, for requests. */
export const PENGUINS = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Record<string, unknown>[];
export const FEATURES = ["Island", "Beak Length (mm)", "Flipper Length (mm)"];

/**
 * A softmax regression of species trained by the real training job and
 * exported by the real export check (fp32 and int8 files, their reference
 * batches); `seed` and `epochs` vary the model, so two calls give two versions.
 */
export async function exportedPenguinModel(seed = 1, epochs = 20): Promise<ExportCheckResult> {
  await tf.setBackend("cpu");
  const arrow = tableFromJSON(PENGUINS);
  const table = rawTable(arrow, FEATURES);
  const modelSpec = parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs, seed });
  const split = { kind: "random" as const, seed: 1 };
  const r = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split });
  const run = {
    id: `run-${seed}-${epochs}`,
    name: "penguins",
    status: "finished",
    config: { task: "multiclass", target: "Species", features: FEATURES, featureSpec: { defaults: true }, modelSpec, split },
    weights: { ...r.weights, targetScale: null },
    fittedFeatures: r.fitted as unknown as Record<string, unknown>,
    metrics: { scores: r.scores, classes: r.classes },
    dataset: { name: "penguins", version: 1, fingerprint: "f", rows: 344 },
    labelSnapshot: null,
  } satisfies Partial<Run>;
  return runExportCheck(tf, nodeRunner, { run, table: arrow, appVersion: "test", datasetFingerprint: null });
}
