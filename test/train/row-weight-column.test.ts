import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromArrays, tableFromJSON } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { parseModelSpec } from "@/lib/train/model-spec";
import { rawTable, rawTarget, rawWeights } from "@/lib/train/raw-from-arrow";
import { splitRows } from "@/lib/train/split";
import { runJob, type TrainJob } from "@/lib/train/run-job";

// Penguins (Gorman et al. 2014, via vega-datasets).
const penguins = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Record<string, unknown>[];
const FEATURES = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)"];

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function job(weightOf: (species: string) => number): TrainJob {
  const rows = penguins.map((p) => ({ ...p, w: weightOf(String(p.Species)) }));
  const arrow = tableFromJSON(rows);
  const table = rawTable(arrow, FEATURES);
  return {
    table,
    target: rawTarget(arrow, "Species", "multiclass"),
    task: "multiclass",
    featureSpec: defaultSpecFor(table.columns),
    modelSpec: parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs: 40, batchSize: 32, earlyStopping: null, seed: 5 }),
    split: { kind: "stratified", seed: 5 },
    rowWeight: rawWeights(arrow, "w"),
  };
}

describe("per-row weights from a column", () => {
  it("linear regression with row weights converges to the weighted least-squares fit (closed form)", async () => {
    // Two groups that disagree: y = 2x + 1 (weight 1) and y = 5 − x (weight 4). Weighted least
    // squares (the normal equations with weights, e.g. Montgomery, Peck & Vining, Introduction to
    // Linear Regression Analysis, §5.5) gives the line the weighted loss is minimised by; ordinary
    // least squares gives another. The trained model's test RMSE must match the WLS line's, and
    // differ from the OLS line's, so the weights demonstrably reached the loss.
    const n = 600;
    const x = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) / n);
    const group = Int32Array.from({ length: n }, (_, i) => i % 3 === 0 ? 1 : 0);
    const y = Float64Array.from(x, (v, i) => (group[i] ? 5 - v : 2 * v + 1));
    const w = Float64Array.from(group, (g) => (g ? 4 : 1));
    const arrow = tableFromArrays({ x, y, w });
    const table = rawTable(arrow, ["x"]);
    const target = rawTarget(arrow, "y", "regression");
    const j: TrainJob = {
      table,
      target,
      task: "regression",
      featureSpec: defaultSpecFor(table.columns),
      modelSpec: parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs: 150, batchSize: 64, earlyStopping: null, seed: 2 }),
      split: { kind: "random", seed: 2 },
      rowWeight: rawWeights(arrow, "w"),
    };
    const r = await runJob(tf, j);
    const split = splitRows(j.split, table, target);
    const fit = (weights: (i: number) => number) => {
      let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
      for (const i of split.train) {
        const k = weights(i);
        sw += k; sx += k * x[i]; sy += k * y[i]; sxx += k * x[i] * x[i]; sxy += k * x[i] * y[i];
      }
      const slope = (sw * sxy - sx * sy) / (sw * sxx - sx * sx);
      return { slope, intercept: (sy - slope * sx) / sw };
    };
    const rmse = (line: { slope: number; intercept: number }) =>
      Math.sqrt([...split.test].reduce((a, i) => a + (line.intercept + line.slope * x[i] - y[i]) ** 2, 0) / split.test.length);
    const wls = rmse(fit((i) => w[i]));
    const ols = rmse(fit(() => 1));
    // Here WLS's test RMSE is ≈ 1.63 and OLS's ≈ 1.22: 0.4 apart. Adam with a fixed step
    // hovers near the optimum rather than on it, so the model may be 0.02 off WLS.
    expect(Math.abs(wls - ols)).toBeGreaterThan(0.2);
    expect(Math.abs(r.scores.test.model.metric - wls)).toBeLessThan(0.02);
  });

  it("refuses a negative or missing weight, naming the row, and all-zero training weights", async () => {
    const neg = tableFromArrays({ w: Float64Array.from([1, 2, -1]) });
    expect(() => rawWeights(neg, "w")).toThrow(/row 3 holds -1/);
    const missing = tableFromJSON([{ w: 1 }, { w: null }]);
    expect(() => rawWeights(missing, "w")).toThrow(/row 2 holds no value/);
    const text = tableFromJSON([{ w: "heavy" }]);
    expect(() => rawWeights(text, "w")).toThrow(/not numeric/);
    await expect(runJob(tf, job(() => 0))).rejects.toThrow(/every training row has weight 0/);
  });
});
