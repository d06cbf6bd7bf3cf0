import { readFileSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { tableFromJSON } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultSpecFor } from "@/lib/features/default-spec";
import { parseModelSpec } from "@/lib/train/model-spec";
import { inferTask, rawTable, rawTarget } from "@/lib/train/raw-from-arrow";
import { runJob, type TrainJob } from "@/lib/train/run-job";

// Penguins (Gorman et al. 2014, via vega-datasets), through Arrow as DuckDB hands it over.
const penguins = JSON.parse(readFileSync(path.join(process.cwd(), "node_modules/vega-datasets/data/penguins.json"), "utf8")) as Record<string, unknown>[];
const arrow = tableFromJSON(penguins);
const FEATURES = ["Island", "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];

function job(over: Partial<TrainJob> = {}, target = "Species"): TrainJob {
  const table = rawTable(arrow, FEATURES);
  const task = inferTask(arrow, target);
  return {
    table,
    target: rawTarget(arrow, target, task),
    task,
    featureSpec: defaultSpecFor(table.columns),
    modelSpec: parseModelSpec({ kind: "linear", optimizer: { kind: "adam", learningRate: 0.05 }, epochs: 60, batchSize: 32, seed: 3 }),
    split: { kind: "stratified", seed: 3 },
    ...over,
  };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("a whole training run", () => {
  it("classifies penguin species from Arrow columns, well above the majority baseline", async () => {
    const j = job();
    expect(j.task).toBe("multiclass");
    expect(j.target).toMatchObject({ kind: "classes", classes: ["Adelie", "Chinstrap", "Gentoo"] });
    const tensorsBefore = tf.memory().numTensors;
    const r = await runJob(tf, j);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    expect(r.rows.train + r.rows.validation + r.rows.test + r.droppedRows).toBe(344);
    expect(r.scores.test.model.metric).toBeGreaterThan(0.95);
    // The majority class (Adelie) is 152 of 344 penguins: about 0.44.
    expect(r.scores.test.baseline.metric).toBeLessThan(0.5);
    expect(r.fitted.outputs.map((o) => o.name)).toContain("Island=Biscoe");
    expect(r.weights.layers).toHaveLength(1);
    // Early stopping (patience 5 by default) ends the run five epochs after its best, or at epoch 60.
    expect(r.curves.length).toBe(r.stoppedEarly ? r.bestEpoch + 5 : 60);
  });

  it("regresses body mass, beating the mean", async () => {
    const table = rawTable(arrow, FEATURES.slice(0, 4));
    const r = await runJob(tf, {
      ...job(),
      table,
      featureSpec: defaultSpecFor(table.columns),
      task: "regression",
      target: rawTarget(arrow, "Body Mass (g)", "regression"),
      split: { kind: "random", seed: 1 },
    });
    expect(r.metricName).toBe("rmse");
    expect(r.scores.test.model.metric).toBeLessThan(0.6 * r.scores.test.baseline.metric);
  });

  it("refuses a one-class target and an all-missing feature with messages naming them", async () => {
    const one = tableFromJSON(penguins.map((p) => ({ ...p, Species: "Adelie" })));
    const table = rawTable(one, ["Beak Length (mm)"]);
    await expect(runJob(tf, { ...job(), table, featureSpec: defaultSpecFor(table.columns), target: rawTarget(one, "Species", "multiclass") })).rejects.toThrow(
      /target "Species" has one class only \("Adelie"\)/,
    );
    const empty = { rowCount: 344, columns: [{ kind: "numeric" as const, name: "Empty", values: new Float64Array(344).fill(NaN) }] };
    await expect(runJob(tf, { ...job(), table: empty, featureSpec: defaultSpecFor(empty.columns) })).rejects.toThrow(/every value in the training split is missing/);
  });
});
