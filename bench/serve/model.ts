// The served model for bench:serve: an MLP (2 × 64, ReLU) of penguin species
// (Gorman et al. 2014, via vega-datasets), trained by the app's own training
// job and exported by the same export check the browser runs, here with
// onnxruntime-node. One call per seed: two seeds give two versions with
// different weights (and bytes), so the champion alias has somewhere to move.
// Loaded into the .mjs bench through Vite's module runner (bench/train/ts-modules.mjs).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type * as tfc from "@tensorflow/tfjs-core";
import * as ort from "onnxruntime-node";
import { tableFromJSON } from "apache-arrow";
import type { ReferenceBatch } from "@/lib/api/models";
import type { Run } from "@/lib/api/runs";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { runExportCheck, type OnnxRunner } from "@/lib/onnx/export-check";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";

export const FEATURES = ["Island", "Sex", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];

export interface ServedModel {
  seed: number;
  /** The fp32 file: what is pushed and served. */
  onnx: Uint8Array;
  /** Its first 32 test rows and its own answers, in v2 tensor form: the push's reference batch. */
  reference: ReferenceBatch;
  testAccuracy: number | null;
  inputs: number;
  trainMs: number;
}

const nodeRunner: OnnxRunner = {
  async load(bytes) {
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return {
      run: (feeds) => session.run(Object.fromEntries(feeds.map((f) => [f.name, new ort.Tensor(f.type, f.data, f.dims)]))),
      release: () => session.release(),
    };
  },
};

/** `tf` must have a backend ready (the bench uses tfjs-backend-cpu). */
export async function trainAndExport(tf: typeof tfc, root: string, seed: number): Promise<ServedModel> {
  const penguins = JSON.parse(readFileSync(join(root, "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Record<string, unknown>[];
  const arrow = tableFromJSON(penguins);
  const table = rawTable(arrow, FEATURES);
  const modelSpec = parseModelSpec({ kind: "mlp", hidden: [64, 64], activation: "relu", optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 32, epochs: 30, earlyStopping: null, seed });
  const split = { kind: "random" as const, seed: 1 };
  const t0 = performance.now();
  const r = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split });
  const trainMs = performance.now() - t0;
  const run = {
    id: `bench-serve-mlp-seed-${seed}`,
    name: `bench serve mlp seed ${seed}`,
    status: "finished",
    config: { task: "multiclass", target: "Species", features: FEATURES, featureSpec: { defaults: true }, modelSpec, split },
    weights: { ...r.weights, targetScale: null },
    fittedFeatures: r.fitted as unknown as Record<string, unknown>,
    metrics: { scores: r.scores, classes: r.classes },
    dataset: { name: "penguins", version: 1, fingerprint: null, rows: penguins.length },
    labelSnapshot: null,
  } satisfies Partial<Run>;
  const check = await runExportCheck(tf, nodeRunner, { run, table: arrow, appVersion: "bench", datasetFingerprint: null });
  if (!check.record.fp32.passed) throw new Error(`seed ${seed}: the fp32 export failed its parity check: ${check.record.fp32.reasons.join("; ")}`);
  return { seed, onnx: check.files.fp32, reference: check.references.fp32, testAccuracy: check.record.fp32.metric, inputs: r.fitted.outputs.length, trainMs };
}
