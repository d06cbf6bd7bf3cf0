import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON } from "apache-arrow";
import { defaultSpecFor } from "@/lib/features/default-spec";
import type { ClassificationReport } from "@/lib/eval/report";
import { scoreRunSplit } from "@/lib/eval/score-run";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob } from "@/lib/train/run-job";
import { FEATURES, PENGUINS } from "../serve/exported-model";

/**
 * Every run's test split evaluated in the training job: the references are
 * the job's own accuracy (scoreOutputs, computed from the logits without the
 * metrics code) and the probabilities of the stored weights predicted again
 * by predictSnapshot, as the Evaluate cell and the ONNX export read them.
 */
describe("a training job's held-out evaluation", () => {
  it("matches the job's test accuracy and the stored model's probabilities", async () => {
    await tf.setBackend("cpu");
    const arrow = tableFromJSON(PENGUINS);
    const table = rawTable(arrow, FEATURES);
    const modelSpec = parseModelSpec({ kind: "mlp", hidden: [8], optimizer: { kind: "adam", learningRate: 0.02 }, epochs: 10, seed: 2 });
    const split = { kind: "random" as const, seed: 4 };
    const r = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split, evaluate: true });
    const report = r.evaluation as ClassificationReport;
    expect(report.rows).toBe(r.rows.test);
    expect(report.accuracy.value).toBeCloseTo(r.scores.test.model.metric, 12);
    expect(report.accuracy.lower!).toBeLessThan(report.accuracy.value!);
    expect(report.baseline.source).toBe("training");
    // Log loss from the job's softmax equals the log loss of the stored weights' probabilities (float32 there).
    const again = await scoreRunSplit(tf, {
      id: "x", name: "x", status: "finished",
      config: { task: "multiclass", target: "Species", features: FEATURES, featureSpec: { defaults: true }, modelSpec, split },
      weights: { ...r.weights, targetScale: null }, fittedFeatures: r.fitted as unknown as Record<string, unknown>, metrics: { classes: r.classes },
    }, arrow);
    let ll = 0;
    for (let i = 0; i < again.y.length; i++) ll -= Math.log(Math.max(1e-15, again.predictions[i * 3 + again.y[i]]));
    expect(report.logLoss.value).toBeCloseTo(ll / again.y.length, 5);
    const plain = await runJob(tf, { table, target: rawTarget(arrow, "Species", "multiclass"), task: "multiclass", featureSpec: defaultSpecFor(table.columns), modelSpec, split });
    expect(plain.evaluation).toBeNull();
  }, 60_000);
});
