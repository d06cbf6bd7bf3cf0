import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import type { Run } from "@/lib/api/runs";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { META, metadataOf } from "@/lib/onnx/export";
import { runExportCheck, type OnnxRunner, type RunForExport } from "@/lib/onnx/export-check";
import { ExportError } from "@/lib/onnx/from-run";
import { decodeModel } from "@/lib/onnx/proto";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { nodeRunner } from "./ort-node";

// Penguins (Gorman et al. 2014, via vega-datasets), through Arrow as DuckDB hands it over.
const penguins = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Record<string, unknown>[];
const arrow = tableFromJSON(penguins);
const FEATURES = ["Island", "Sex", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)"];
const SPLIT = { kind: "stratified" as const, seed: 4 };

let run: RunForExport;
let testRows: number;

beforeAll(async () => {
  await tf.setBackend("cpu");
  const table = rawTable(arrow, FEATURES);
  const modelSpec = parseModelSpec({ kind: "mlp", hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 }, epochs: 30, batchSize: 32, seed: 2 });
  const r = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split: SPLIT });
  testRows = r.rows.test;
  run = {
    id: "7b0c7c1e-0000-4000-8000-000000000001",
    name: "penguins mlp",
    status: "finished",
    config: { task: "multiclass", target: "Species", features: FEATURES, featureSpec: { defaults: true, settings: {} }, modelSpec, split: SPLIT },
    weights: { ...r.weights, targetScale: r.targetScale },
    fittedFeatures: r.fitted as unknown as Record<string, unknown>,
    metrics: { scores: r.scores, classes: r.classes },
    dataset: { name: "penguins", version: 1, fingerprint: "f1", rows: 344 },
    labelSnapshot: null,
  } satisfies Partial<Run>;
});

describe("runExportCheck (onnxruntime-node)", () => {
  it("re-derives the run's test split, exports fp32 and int8, and both pass the default gate", async () => {
    const steps: string[] = [];
    const r = await runExportCheck(tf, nodeRunner, { run, table: arrow, appVersion: "test", datasetFingerprint: "f1" }, (s) => steps.push(s));
    // The same seeded split as training: the same number of test rows, and TF.js scores what training scored.
    expect(r.record.rows).toBe(testRows);
    const scores = (run.metrics as { scores: { test: { model: { metric: number } } } }).scores;
    expect(r.record.tfjsMetric).toBeCloseTo(scores.test.model.metric, 10);
    expect(r.record.fp32).toMatchObject({ passed: true, reasons: [] });
    expect(r.record.fp32.maxDiff!).toBeLessThan(1e-4);
    expect(r.record.int8.passed).toBe(true);
    expect(r.record.int8.sizeBytes).toBeLessThan(r.record.fp32.sizeBytes);
    expect(steps[0]).toMatch(/test split/);
    const meta = metadataOf(decodeModel(r.files.int8));
    expect(meta[META.precision]).toBe("int8");
    expect(meta[META.runId]).toBe(run.id);
    // Training statistics come from the training split: fewer rows than the table.
    expect(JSON.parse(meta[META.featureStats]).rows).toBeLessThan(344);
  });

  it("a runtime that answers differently fails the gate, with the worst rows first", async () => {
    // Our own seam: onnxruntime-node's answers with every 7th row's probabilities reversed.
    const skewed: OnnxRunner = {
      async load(bytes) {
        const s = await nodeRunner.load(bytes);
        return {
          async run(feeds) {
            const out = await s.run(feeds);
            const p = out.probabilities.data as Float32Array;
            for (let i = 0; i < p.length / 3; i += 7) p.subarray(i * 3, i * 3 + 3).reverse();
            return out;
          },
          release: () => s.release(),
        };
      },
    };
    const r = await runExportCheck(tf, skewed, { run, table: arrow, appVersion: "test", datasetFingerprint: null });
    expect(r.record.fp32.passed).toBe(false);
    expect(r.record.fp32.reasons[0]).toMatch(/largest difference .* is above 1.00e-4/);
    expect(r.record.int8.passed).toBe(false);
    const worst = r.reports.fp32.worst;
    expect(worst[0].diff).toBeGreaterThan(0.1);
    expect(worst[0].index % 7).toBe(0);
    expect(worst.map((w) => w.diff)).toEqual([...worst.map((w) => w.diff)].sort((a, b) => b - a));
  });

  it("refuses a run that did not finish, or kept no weights, in words", async () => {
    await expect(runExportCheck(tf, nodeRunner, { run: { ...run, status: "cancelled" }, table: arrow, appVersion: "t", datasetFingerprint: null })).rejects.toThrow(ExportError);
    await expect(runExportCheck(tf, nodeRunner, { run: { ...run, weights: null }, table: arrow, appVersion: "t", datasetFingerprint: null })).rejects.toThrow(/no stored weights/);
  });

  it("a run whose recorded split cannot be read is refused, saying so", async () => {
    const broken = { ...run, config: { ...run.config, split: { kind: "by-moon-phase" } } };
    await expect(runExportCheck(tf, nodeRunner, { run: broken, table: arrow, appVersion: "t", datasetFingerprint: null })).rejects.toThrow(/recorded split is not readable/);
  });

  it("a table that lost a feature column fails naming the column", async () => {
    const without = tableFromJSON(penguins.map(({ Island: _drop, ...rest }) => rest));
    await expect(runExportCheck(tf, nodeRunner, { run, table: without, appVersion: "t", datasetFingerprint: null })).rejects.toThrow(/Island/);
  });
});
