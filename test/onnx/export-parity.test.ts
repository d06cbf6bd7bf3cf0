import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as ort from "onnxruntime-node";
import { tableFromJSON } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultSpecFor } from "@/lib/features/default-spec";
import type { RawTable } from "@/lib/features/raw";
import { decodeModel } from "@/lib/onnx/proto";
import { exportOnnx, META, metadataOf } from "@/lib/onnx/export";
import { featureStats } from "@/lib/onnx/feature-stats";
import { onnxFeeds } from "@/lib/onnx/inputs";
import { OUTPUTS, type ExportableModel, type Precision } from "@/lib/onnx/model-graph";
import { checkParity } from "@/lib/onnx/parity";
import { parseModelSpec, type ModelSpecInput } from "@/lib/train/model-spec";
import { predictSnapshot, type Predictions } from "@/lib/train/predict-snapshot";
import { inferTask, rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { onnxCheck } from "./onnx-checker";
import { runOnnx, webRunner } from "./ort-node";

/*
 * For each model type, a model trained by the real training job (TF.js, CPU
 * backend), exported fp32 and int8, checked by onnx.checker and run in
 * onnxruntime-node and onnxruntime-web (WASM) on raw rows — including rows with missing values and
 * categories never seen in training — against TF.js's own predictions.
 */

const read = (f: string) => readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data", f), "utf8");
// Penguins (Gorman et al. 2014): missing numbers and a missing-valued Sex column.
const penguins = JSON.parse(read("penguins.json")) as Record<string, unknown>[];
// Seattle weather: a date column, for the date-part inputs.
const weather = read("seattle-weather.csv").trim().split("\n").slice(1).map((line) => {
  const [date, precipitation, temp_max, temp_min, wind, weather] = line.split(",");
  return { date: new Date(`${date}T00:00:00Z`), precipitation: Number(precipitation), temp_max: Number(temp_max), temp_min: Number(temp_min), wind: Number(wind), weather };
});

/** Rows no training saw: unseen islands and sexes, and missing values everywhere. */
function oddPenguins(): Record<string, unknown>[] {
  return penguins.slice(0, 40).map((p, i) => ({
    ...p,
    Island: i % 3 === 0 ? "Atlantis" : i % 3 === 1 ? null : p.Island,
    Sex: i % 2 === 0 ? "UNKNOWN" : null,
    Species: i % 2 === 0 ? "Emperor" : p.Species,
    "Beak Length (mm)": i % 4 === 0 ? null : p["Beak Length (mm)"],
    "Flipper Length (mm)": i % 5 === 0 ? null : p["Flipper Length (mm)"],
  }));
}

/** Weather days with missing dates and measurements. */
function oddWeather(): Record<string, unknown>[] {
  return weather.slice(0, 40).map((d, i) => ({ ...d, date: i % 3 === 0 ? null : d.date, precipitation: i % 2 === 0 ? null : d.precipitation, wind: i % 5 === 0 ? null : d.wind }));
}

interface Case {
  name: string;
  records: Record<string, unknown>[];
  target: string;
  features: string[];
  model: ModelSpecInput;
  odd: () => Record<string, unknown>[];
}

const PENGUIN_FEATURES = ["Island", "Sex", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)"];
const fast = { optimizer: { kind: "adam" as const, learningRate: 0.03 }, epochs: 40, batchSize: 32, seed: 5 };

const CASES: Case[] = [
  { name: "logistic regression (binary)", records: penguins, target: "Sex", features: ["Island", "Species", "Beak Length (mm)", "Beak Depth (mm)", "Body Mass (g)"], model: { kind: "linear", ...fast }, odd: oddPenguins },
  { name: "softmax regression (multiclass)", records: penguins, target: "Species", features: PENGUIN_FEATURES, model: { kind: "linear", ...fast }, odd: oddPenguins },
  { name: "linear regression", records: penguins, target: "Body Mass (g)", features: PENGUIN_FEATURES, model: { kind: "linear", ...fast }, odd: oddPenguins },
  { name: "MLP 2×64 relu (multiclass)", records: penguins, target: "Species", features: PENGUIN_FEATURES, model: { kind: "mlp", hidden: [64, 64], ...fast }, odd: oddPenguins },
  { name: "MLP tanh (binary)", records: penguins, target: "Sex", features: ["Island", "Species", "Beak Length (mm)", "Flipper Length (mm)", "Body Mass (g)"], model: { kind: "mlp", hidden: [16], activation: "tanh", ...fast }, odd: oddPenguins },
  { name: "MLP elu (regression)", records: penguins, target: "Body Mass (g)", features: PENGUIN_FEATURES, model: { kind: "mlp", hidden: [32, 8], activation: "elu", ...fast }, odd: oddPenguins },
  { name: "MLP sigmoid with date parts (multiclass)", records: weather, target: "weather", features: ["date", "precipitation", "temp_max", "temp_min", "wind"], model: { kind: "mlp", hidden: [32], activation: "sigmoid", ...fast }, odd: oddWeather },
];

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function onnxPredictions(bytes: Uint8Array, m: ExportableModel, table: RawTable, rows: Int32Array): Promise<{ p: Predictions; labels: string[] | null }> {
  const out = await runOnnx(bytes, onnxFeeds(m.fitted, table, rows));
  if (m.task === "regression") return { p: { kind: "values", values: out[OUTPUTS.value].data as Float32Array }, labels: null };
  return { p: { kind: "classes", classes: m.classes!.length, probabilities: out[OUTPUTS.probabilities].data as Float32Array }, labels: Array.from(out[OUTPUTS.label].data as string[]) };
}

describe.each(CASES)("export of a $name", (c) => {
  let model: ExportableModel;
  let table: RawTable;
  let testRows: Int32Array;
  let truth: Float32Array;
  const files = {} as Record<Precision, Uint8Array>;

  beforeAll(async () => {
    const arrow = tableFromJSON(c.records);
    table = rawTable(arrow, c.features);
    const task = inferTask(arrow, c.target);
    const target = rawTarget(arrow, c.target, task);
    const spec = parseModelSpec(c.model);
    const r = await runJob(tf, { table, target, task, featureSpec: defaultSpecFor(table.columns), modelSpec: spec, split: { kind: "random", seed: 9 } });
    model = { task, classes: r.classes, activation: spec.activation, fitted: r.fitted, weights: r.weights, targetScale: r.targetScale };
    testRows = Int32Array.from({ length: table.rowCount }, (_, i) => i);
    truth = Float32Array.from(testRows, (i) => (target.kind === "classes" ? (target.codes[i] < 0 ? NaN : target.codes[i]) : target.values[i]));
    const lineage = { runId: "run-1", runName: c.name, datasetName: "t", datasetFingerprint: "fp", labelSnapshot: null, appVersion: "test", metrics: r.scores, featureStats: featureStats(r.fitted, table, testRows) };
    files.fp32 = exportOnnx(model, "fp32", lineage);
    files.int8 = exportOnnx(model, "int8", lineage);
  });

  it.each(["fp32", "int8"] as const)("%s passes onnx.checker (full check)", (precision) => {
    expect(onnxCheck(files[precision])).toBeNull();
  });

  it("fp32 matches TF.js within 1e-4 on every row, and its labels are the argmax's class names", async () => {
    const tfjs = await predictSnapshot(tf, model, table, testRows);
    const { p, labels } = await onnxPredictions(files.fp32, model, table, testRows);
    const report = checkParity("fp32", tfjs, p, truth);
    expect(report.reasons).toEqual([]);
    expect(report.maxDiff).toBeLessThan(1e-4);
    expect(report.agreement).toBeGreaterThan(0.995);
    if (labels && tfjs.kind === "classes") {
      const k = tfjs.classes;
      const argmaxClass = (i: number) => model.classes![Array.from(tfjs.probabilities.subarray(i * k, (i + 1) * k)).reduce((b, v, j, a) => (v > a[b] ? j : b), 0)];
      const same = labels.filter((l, i) => l === argmaxClass(i)).length;
      expect(same / labels.length).toBeGreaterThan(0.995);
    }
  });

  it("int8 stores quantized weights and agrees with TF.js on the decision and the metric", async () => {
    const tfjs = await predictSnapshot(tf, model, table, testRows);
    const { p } = await onnxPredictions(files.int8, model, table, testRows);
    const report = checkParity("int8", tfjs, p, truth, { fp32MaxDiff: 1e-4, int8MinAgreement: 0.97, int8MaxMetricChange: 0.02 });
    expect(report.reasons).toEqual([]);
    const types = decodeModel(files.int8).graph.node.map((n) => n.op_type);
    expect(types).toContain("MatMulInteger");
    expect(types).not.toContain("MatMul");
  });

  it.each(["fp32", "int8"] as const)("%s in onnxruntime-web (WASM) passes the default parity gate", async (precision) => {
    const tfjs = await predictSnapshot(tf, model, table, testRows);
    const session = await webRunner.load(files[precision]);
    try {
      const out = await session.run(onnxFeeds(model.fitted, table, testRows));
      const p: Predictions =
        model.task === "regression"
          ? { kind: "values", values: out[OUTPUTS.value].data as Float32Array }
          : { kind: "classes", classes: model.classes!.length, probabilities: out[OUTPUTS.probabilities].data as Float32Array };
      // Small data (a few hundred rows): int8's class agreement at 97 %, its metric within 2 points.
      const report = checkParity(precision, tfjs, p, truth, { fp32MaxDiff: 1e-4, int8MinAgreement: 0.97, int8MaxMetricChange: 0.02 });
      expect(report.reasons).toEqual([]);
    } finally {
      await session.release();
    }
  });

  it("rows with unseen categories and missing values: fp32 still matches TF.js", async () => {
    const odd = rawTable(tableFromJSON(c.odd()), c.features);
    const rows = Int32Array.from({ length: odd.rowCount }, (_, i) => i);
    const tfjs = await predictSnapshot(tf, model, odd, rows);
    const { p } = await onnxPredictions(files.fp32, model, odd, rows);
    const values = p.kind === "classes" ? p.probabilities : p.values;
    expect(values.every((v) => Number.isFinite(v))).toBe(true);
    expect(checkParity("fp32", tfjs, p, new Float32Array(rows.length).fill(NaN)).maxDiff).toBeLessThan(1e-4);
  });

  it("metadata carries the lineage and the input schema", () => {
    const meta = metadataOf(decodeModel(files.fp32));
    expect(meta[META.runId]).toBe("run-1");
    expect(meta[META.fingerprint]).toBe("fp");
    const inputs = JSON.parse(meta[META.inputs]) as { name: string; kind: string; type: string; width: number }[];
    expect(inputs.map((i) => [i.name, i.kind])).toEqual(model.fitted.columns.map((c) => [c.name, c.kind]));
    expect(inputs.every((i) => i.type === (i.kind === "categorical" ? "string" : "float"))).toBe(true);
    expect(JSON.parse(meta[META.featureStats]).inputs.map((s: { name: string }) => s.name)).toEqual(c.features);
  });
});

describe("onnxruntime-node reads the declared interface", () => {
  it("inputs are the raw columns by name; outputs the label and probabilities", async () => {
    const arrow = tableFromJSON(penguins);
    const table = rawTable(arrow, PENGUIN_FEATURES);
    const target = rawTarget(arrow, "Species", "multiclass");
    const r = await runJob(tf, { table, target, task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec: parseModelSpec({ kind: "linear", ...fast, epochs: 3 }), split: { kind: "random", seed: 1 } });
    const bytes = exportOnnx({ task: "multiclass", classes: r.classes, activation: "relu", fitted: r.fitted, weights: r.weights, targetScale: null }, "fp32", { runId: "r", runName: "r", datasetName: "p", datasetFingerprint: null, labelSnapshot: null, appVersion: "t", metrics: null, featureStats: { rows: 0, inputs: [] } });
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(PENGUIN_FEATURES);
    expect(session.outputNames).toEqual([OUTPUTS.label, OUTPUTS.probabilities]);
    await session.release();
  });
});
