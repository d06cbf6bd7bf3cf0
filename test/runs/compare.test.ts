import { describe, expect, it } from "vitest";
import type { Run, RunEpoch } from "@/lib/api/runs";
import type { ModelSpec } from "@/lib/train/model-spec";
import { metricDeltas, overlayCurves, readScore, runLabels } from "@/lib/runs/compare";
import { configDiff, flattenConfig } from "@/lib/runs/config-diff";
import { parallelCoordinates, type CategoricalAxis, type NumericAxis } from "@/lib/runs/parallel-coordinates";

// Every expected value below is worked out by hand from the factory's
// defaults and the overrides in each test; the comments show the arithmetic.

const SPEC: ModelSpec = {
  kind: "mlp",
  hidden: [64, 64],
  activation: "relu",
  dropout: 0,
  l2: 0,
  optimizer: { kind: "adam", learningRate: 0.01 },
  batchSize: 256,
  epochs: 50,
  earlyStopping: { patience: 5, minDelta: 1e-4 },
  classWeights: "none",
  seed: 1,
};

type Scores = Partial<Record<"train" | "validation" | "test", { model: { loss: number | null; metric: number | null }; baseline: { loss: number | null; metric: number | null } }>>;

interface RunOver {
  id?: string;
  name?: string;
  metricName?: Run["metricName"];
  spec?: Partial<ModelSpec>;
  split?: Record<string, unknown>;
  features?: string[];
  featureSpec?: Record<string, unknown>;
  labelSnapshot?: string | null;
  scores?: Scores | null;
  metrics?: Record<string, unknown> | null;
  curves?: RunEpoch[];
}

let serial = 0;
function run(o: RunOver = {}): Run {
  serial++;
  const id = o.id ?? `${String(serial).padStart(8, "0")}-0000-4000-8000-000000000000`;
  const metrics = o.metrics !== undefined ? o.metrics : o.scores === null ? null : { scores: o.scores ?? {}, rows: {}, droppedRows: 0, bestEpoch: 1, stoppedEarly: false, classes: null, warnings: [] };
  return {
    id,
    name: o.name ?? `run ${serial}`,
    status: metrics === null ? "running" : "finished",
    task: "binary",
    datasetName: "penguins",
    metricName: o.metricName ?? "accuracy",
    primaryMetric: null,
    tags: [],
    createdAt: "2025-01-01T00:00:00.000Z",
    finishedAt: null,
    createdBy: "u1",
    config: {
      task: "binary",
      target: "sex",
      features: o.features ?? ["bill_length", "bill_depth"],
      featureSpec: o.featureSpec ?? { defaults: true },
      modelSpec: { ...SPEC, ...o.spec },
      split: o.split ?? { kind: "random", seed: 7, validation: 0.15, test: 0.15 },
    },
    dataset: { name: "penguins", version: 2, fingerprint: "fp-abc", rows: 344 },
    labelSnapshot: o.labelSnapshot !== undefined ? o.labelSnapshot : null,
    environment: { appVersion: "0.1.0", browser: "Chromium", backend: "wasm", adapter: null, note: "" },
    metrics,
    curves: o.curves ?? [],
    weights: null,
    fittedFeatures: null,
    timings: null,
    error: null,
    notes: "",
    parentId: null,
    parity: null,
    evaluation: null,
    updatedAt: "2025-01-01T00:00:00.000Z",
  };
}

/** Model and baseline scores on one split. */
function on(split: "train" | "validation" | "test", model: [number | null, number | null], baseline: [number | null, number | null] = [0.7, 0.6]): Scores {
  return { [split]: { model: { loss: model[0], metric: model[1] }, baseline: { loss: baseline[0], metric: baseline[1] } } };
}

function epoch(n: number, train: [number | null, number | null], validation: [number | null, number | null]): RunEpoch {
  return { epoch: n, train: { loss: train[0], metric: train[1] }, validation: { loss: validation[0], metric: validation[1] }, elapsedMs: 10 * n, samplesPerSecond: 1000 };
}

describe("flattenConfig", () => {
  it("lists the factory run's settings as dotted paths, known keys in form order", () => {
    // Written out by hand from the factory: modelSpec keys follow the train
    // cell's order (KEY_ORDER), features are sorted, hidden reads "64 × 64".
    expect([...flattenConfig(run())]).toEqual([
      ["task", "binary"],
      ["target", "sex"],
      ["features", "bill_depth, bill_length"],
      ["modelSpec.kind", "mlp"],
      ["modelSpec.hidden", "64 × 64"],
      ["modelSpec.activation", "relu"],
      ["modelSpec.dropout", 0],
      ["modelSpec.l2", 0],
      ["modelSpec.optimizer.kind", "adam"],
      ["modelSpec.optimizer.learningRate", 0.01],
      ["modelSpec.batchSize", 256],
      ["modelSpec.epochs", 50],
      ["modelSpec.earlyStopping.patience", 5],
      ["modelSpec.earlyStopping.minDelta", 1e-4],
      ["modelSpec.classWeights", "none"],
      ["modelSpec.seed", 1],
      ["split.kind", "random"],
      ["split.seed", 7],
      ["split.validation", 0.15],
      ["split.test", 0.15],
      ["featureSpec.defaults", true],
      ["dataset.name", "penguins"],
      ["dataset.version", 2],
      ["dataset.fingerprint", "fp-abc"],
      ["environment.backend", "wasm"],
      ["labelSnapshot", null],
    ]);
  });

  it("gives the same order whatever order the stored JSON has its keys in", () => {
    const a = run({ split: { kind: "group", seed: 7, validation: 0.15, test: 0.15, groupColumn: "island" } });
    const b = run({ split: { groupColumn: "island", test: 0.15, validation: 0.15, seed: 7, kind: "group" } });
    expect([...flattenConfig(b).keys()]).toEqual([...flattenConfig(a).keys()]);
    expect([...flattenConfig(a).keys()].filter((k) => k.startsWith("split."))).toEqual(["split.kind", "split.seed", "split.validation", "split.test", "split.groupColumn"]);
  });

  it("flattens feature spec columns by name, shows an empty hidden list as none, no early stopping as off", () => {
    const flat = flattenConfig(
      run({
        spec: { kind: "linear", hidden: [], earlyStopping: null },
        featureSpec: {
          columns: [
            { name: "island", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 10 },
            { name: "bill_length", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" },
          ],
        },
      }),
    );
    expect(flat.get("modelSpec.hidden")).toBe("none");
    expect(flat.get("modelSpec.earlyStopping")).toBe("off");
    expect(flat.has("modelSpec.earlyStopping.patience")).toBe(false);
    // Columns sorted by name, keys alphabetically within a column.
    expect([...flat.keys()].filter((k) => k.startsWith("featureSpec."))).toEqual([
      "featureSpec.columns[bill_length].impute.strategy",
      "featureSpec.columns[bill_length].kind",
      "featureSpec.columns[bill_length].scale",
      "featureSpec.columns[island].impute.strategy",
      "featureSpec.columns[island].kind",
      "featureSpec.columns[island].topK",
    ]);
    expect(flat.get("featureSpec.columns[island].topK")).toBe(10);
  });
});

describe("configDiff", () => {
  // The factory run flattens to 26 paths (the list in the first flattenConfig test).
  const PATHS = 26;

  it("finds nothing between runs that differ only in id, name and scores", () => {
    const d = configDiff([run({ name: "a", scores: on("validation", [0.4, 0.9]) }), run({ name: "b", scores: null }), run({ name: "c" })]);
    expect(d).toEqual({ rows: [], identical: PATHS });
  });

  it("shows a different learning rate and hidden layers, in form order", () => {
    const d = configDiff([run(), run({ spec: { hidden: [128], optimizer: { kind: "adam", learningRate: 0.001 } } })]);
    expect(d.rows).toEqual([
      { path: "modelSpec.hidden", values: ["64 × 64", "128"] },
      { path: "modelSpec.optimizer.learningRate", values: [0.01, 0.001] },
    ]);
    expect(d.identical).toBe(PATHS - 2);
  });

  it("counts a path one run lacks as a difference, shown as null", () => {
    // SGD adds optimizer.momentum (27 paths); kind and momentum differ, learning rate does not.
    const d = configDiff([run(), run({ spec: { optimizer: { kind: "sgd", learningRate: 0.01, momentum: 0.9 } } })]);
    expect(d.rows).toEqual([
      { path: "modelSpec.optimizer.kind", values: ["adam", "sgd"] },
      { path: "modelSpec.optimizer.momentum", values: [null, 0.9] },
    ]);
    expect(d.identical).toBe(PATHS - 1);
  });

  it("tells a label snapshot from none, and early stopping from off", () => {
    const d = configDiff([run(), run({ labelSnapshot: "snap-1", spec: { earlyStopping: null } })]);
    expect(d.rows).toEqual([
      { path: "modelSpec.earlyStopping", values: [null, "off"] },
      { path: "modelSpec.earlyStopping.patience", values: [5, null] },
      { path: "modelSpec.earlyStopping.minDelta", values: [1e-4, null] },
      { path: "labelSnapshot", values: [null, "snap-1"] },
    ]);
    // 26 − patience − minDelta − labelSnapshot.
    expect(d.identical).toBe(PATHS - 3);
  });

  it("shows a weight column against an unweighted run, whether that run stored null or nothing", () => {
    const weighted = run();
    weighted.config.weightColumn = "w";
    const stored = run();
    stored.config.weightColumn = null;
    // The factory run has no weightColumn key at all (a run from before weighting).
    const d = configDiff([weighted, stored, run()]);
    expect(d.rows).toEqual([{ path: "weightColumn", values: ["w", null, null] }]);
    expect(configDiff([stored, run()]).rows).toEqual([]);
  });

  it("ignores the order features were picked in", () => {
    expect(configDiff([run({ features: ["a", "b"] }), run({ features: ["b", "a"] })]).rows).toEqual([]);
  });
});

describe("metricDeltas", () => {
  it("gives values, deltas against the base and the better side per direction", () => {
    const base = run({ scores: on("validation", [0.5, 0.8], [0.69, 0.6]) });
    const other = run({ scores: on("validation", [0.4, 0.85], [0.69, 0.6]) });
    const rows = metricDeltas([base, other]);
    // 3 splits × 3 measures.
    expect(rows.map((r) => `${r.split} ${r.measure}`)).toEqual([
      "train modelMetric", "train modelLoss", "train baselineMetric",
      "validation modelMetric", "validation modelLoss", "validation baselineMetric",
      "test modelMetric", "test modelLoss", "test baselineMetric",
    ]);
    const [acc, loss, baseAcc] = rows.filter((r) => r.split === "validation");
    // Accuracy 0.85 − 0.80 = +0.05: up is better.
    expect(acc).toMatchObject({ label: "accuracy", higherIsBetter: true, values: [0.8, 0.85], better: [null, true] });
    expect(acc.deltas[0]).toBe(0);
    expect(acc.deltas[1]).toBeCloseTo(0.05, 12);
    // Loss 0.4 − 0.5 = −0.1: down is better.
    expect(loss).toMatchObject({ label: "loss", higherIsBetter: false, values: [0.5, 0.4], better: [null, true] });
    expect(loss.deltas[1]).toBeCloseTo(-0.1, 12);
    // Same baseline: delta 0, a tie is not better.
    expect(baseAcc).toMatchObject({ label: "baseline accuracy", values: [0.6, 0.6], deltas: [0, 0], better: [null, false] });
  });

  it("reads RMSE as lower-is-better and measures against the chosen base", () => {
    const a = run({ metricName: "rmse", scores: on("test", [4, 2]) });
    const b = run({ metricName: "rmse", scores: on("test", [2.25, 1.5]) });
    const test = metricDeltas([a, b], 1).find((r) => r.split === "test" && r.measure === "modelMetric")!;
    // Base is b (1.5): a's 2 − 1.5 = +0.5, a larger error, so worse.
    expect(test).toMatchObject({ label: "rmse", higherIsBetter: false, values: [2, 1.5], deltas: [0.5, 0], better: [false, null] });
  });

  it("gives null, without throwing, for unfinished runs and malformed scores", () => {
    const finished = run({ scores: on("validation", [0.5, 0.8]) });
    const running = run({ scores: null });
    const odd = run({ metrics: { scores: { validation: { model: { loss: "x", metric: null } } } } });
    const empty = run({ metrics: { scores: "nope" } });
    const rows = metricDeltas([finished, running, odd, empty]);
    const acc = rows.find((r) => r.split === "validation" && r.measure === "modelMetric")!;
    expect(acc).toMatchObject({ values: [0.8, null, null, null], deltas: [0, null, null, null], better: [null, null, null, null] });
    // With the unfinished run as the base, nothing has a delta.
    const fromRunning = metricDeltas([finished, running], 1).find((r) => r.split === "validation" && r.measure === "modelLoss")!;
    expect(fromRunning).toMatchObject({ values: [0.5, null], deltas: [null, null], better: [null, null] });
  });

  it("gives no delta between runs scored with different metrics", () => {
    const cls = run({ scores: on("validation", [0.5, 0.8]) });
    const reg = run({ metricName: "rmse", scores: on("validation", [3, 1.7]) });
    const acc = metricDeltas([cls, reg]).find((r) => r.split === "validation" && r.measure === "modelMetric")!;
    expect(acc).toMatchObject({ values: [0.8, 1.7], deltas: [0, null], better: [null, null] });
  });

  it("returns nothing for no runs and refuses a base outside the runs", () => {
    expect(metricDeltas([])).toEqual([]);
    expect(() => metricDeltas([run()], 1)).toThrow(RangeError);
  });

  it("treats a stored NaN-as-null or non-finite score as missing", () => {
    expect(readScore(run({ metrics: { scores: { train: { model: { loss: Infinity, metric: 1 } } } } }), { split: "train", of: "model", measure: "loss" })).toBeNull();
  });
});

describe("runLabels and overlayCurves", () => {
  it("adds the id's first 8 characters only where names collide", () => {
    const runs = [
      run({ name: "wide", id: "aaaaaaaa-1111-4000-8000-000000000000" }),
      run({ name: "wide", id: "bbbbbbbb-2222-4000-8000-000000000000" }),
      run({ name: "deep", id: "cccccccc-3333-4000-8000-000000000000" }),
    ];
    expect(runLabels(runs)).toEqual(["wide (aaaaaaaa)", "wide (bbbbbbbb)", "deep"]);
  });

  it("numbers a run given twice, so its two series stay apart", () => {
    const r = run({ name: "x", id: "dddddddd-0000-4000-8000-000000000000" });
    expect(runLabels([r, r])).toEqual(["x (dddddddd)", "x (dddddddd) #2"]);
  });

  it("gives long-format rows per run and epoch, skipping missing values", () => {
    const a = run({ name: "a", curves: [epoch(1, [0.9, 0.5], [1.0, 0.4]), epoch(2, [0.6, 0.7], [null, null]), epoch(3, [0.5, 0.8], [0.7, 0.75])] });
    const b = run({ name: "b", curves: [epoch(1, [0.8, 0.55], [0.85, 0.5])] });
    const c = run({ name: "c", scores: null });
    expect(overlayCurves([a, b, c], "validation", "loss")).toEqual([
      { run: "a", runId: a.id, epoch: 1, value: 1.0 },
      { run: "a", runId: a.id, epoch: 3, value: 0.7 },
      { run: "b", runId: b.id, epoch: 1, value: 0.85 },
    ]);
    expect(overlayCurves([a], "train", "metric").map((p) => p.value)).toEqual([0.5, 0.7, 0.8]);
  });

  it("does not throw on a run without stored curves", () => {
    const broken = { ...run(), curves: null } as unknown as Run;
    expect(overlayCurves([broken], "train", "loss")).toEqual([]);
  });
});

describe("parallelCoordinates", () => {
  const VAL_ACC = { split: "validation", of: "model", measure: "metric" } as const;
  const scored = (metric: number, over: RunOver = {}) => run({ ...over, scores: on("validation", [0.5, metric]) });
  const numeric = (a: unknown) => a as NumericAxis;

  it("has only the score axis when the runs' settings are identical", () => {
    const pc = parallelCoordinates([scored(0.7), scored(0.9), scored(0.8)], VAL_ACC);
    expect(pc.axes.map((a) => a.key)).toEqual(["score"]);
    // Min–max over 0.7…0.9: 0.8 sits at (0.8 − 0.7) / (0.9 − 0.7) = 0.5.
    expect(pc.lines.map((l) => l.positions[0])).toEqual([0, 1, expect.closeTo(0.5, 12)]);
    expect(pc.axes[0]).toMatchObject({ label: "validation accuracy", kind: "numeric", scale: "linear", better: "higher", ticks: [{ position: 0, label: "0.7" }, { position: 1, label: "0.9" }] });
    expect(pc.excluded).toBe(0);
  });

  it("puts learning rates spanning two decades on a log axis", () => {
    const runs = [0.001, 0.01, 0.1].map((lr, i) => scored(0.8 + i / 100, { spec: { optimizer: { kind: "adam", learningRate: lr } } }));
    const pc = parallelCoordinates(runs, VAL_ACC);
    expect(pc.axes.map((a) => a.key)).toEqual(["modelSpec.optimizer.learningRate", "score"]);
    const lr = numeric(pc.axes[0]);
    // 0.1 / 0.001 = 100 ≥ 10, all positive → log. log10(0.001) = −3,
    // log10(0.1) = −1, so 0.01 (log10 = −2) sits at (−2 − −3) / 2 = 0.5.
    expect(lr).toMatchObject({ label: "learning rate", scale: "log", domain: [0.001, 0.1], ticks: [{ position: 0, label: "0.001" }, { position: 1, label: "0.1" }] });
    expect(pc.lines.map((l) => l.positions[0])).toEqual([0, expect.closeTo(0.5, 12), 1]);
    expect(pc.lines[1].values).toEqual([0.01, 0.81]);
  });

  it("keeps a linear axis when the range is under 10× or includes 0", () => {
    const lrs = [0.01, 0.02, 0.05].map((lr) => scored(0.8, { spec: { optimizer: { kind: "adam", learningRate: lr } } }));
    const lr = parallelCoordinates(lrs, VAL_ACC);
    // 0.05 / 0.01 = 5 < 10 → linear: 0.02 sits at (0.02 − 0.01) / (0.05 − 0.01) = 0.25.
    expect(numeric(lr.axes[0]).scale).toBe("linear");
    expect(lr.lines[1].positions[0]).toBeCloseTo(0.25, 12);

    const l2s = [0, 0.001, 0.01].map((l2) => scored(0.8, { spec: { l2 } }));
    const l2 = parallelCoordinates(l2s, VAL_ACC);
    // 0 has no logarithm → linear: 0.001 sits at 0.001 / 0.01 = 0.1.
    expect(l2.axes[0]).toMatchObject({ key: "modelSpec.l2", label: "L2", scale: "linear", ticks: [{ position: 0, label: "0" }, { position: 1, label: "0.01" }] });
    expect(l2.lines.map((l) => l.positions[0])).toEqual([0, expect.closeTo(0.1, 12), 1]);
  });

  it("spaces categories evenly in sorted order", () => {
    const kinds = ["time", "random", "stratified"].map((kind) => scored(0.8, { split: { kind, seed: 7 } }));
    const pc = parallelCoordinates(kinds, VAL_ACC);
    const split = pc.axes[0] as CategoricalAxis;
    // Sorted: random, stratified, time → 0, 1/2, 1.
    expect(split).toEqual({
      key: "split.kind",
      label: "split",
      kind: "categorical",
      categories: ["random", "stratified", "time"],
      ticks: [{ position: 0, label: "random" }, { position: 0.5, label: "stratified" }, { position: 1, label: "time" }],
    });
    expect(pc.lines.map((l) => [l.values[0], l.positions[0]])).toEqual([["time", 1], ["random", 0], ["stratified", 0.5]]);
  });

  it("sits a constant axis at 0.5 and leaves out, and counts, runs without the score", () => {
    // Batch size varies across the given runs only because of the unscored
    // run, so among the drawn runs it is constant (256) → 0.5. Both drawn
    // runs score 0.8, so the score axis is constant too.
    const runs = [scored(0.8), scored(0.8, { spec: { optimizer: { kind: "adam", learningRate: 0.02 } } }), run({ scores: null, spec: { batchSize: 32 } })];
    const pc = parallelCoordinates(runs, VAL_ACC);
    expect(pc.excluded).toBe(1);
    expect(pc.excludedRunIds).toEqual([runs[2].id]);
    expect(pc.axes.map((a) => a.key)).toEqual(["modelSpec.optimizer.learningRate", "modelSpec.batchSize", "score"]);
    expect(pc.axes[1]).toMatchObject({ domain: [256, 256], ticks: [{ position: 0.5, label: "256" }] });
    expect(pc.lines.map((l) => l.positions)).toEqual([
      [0, 0.5, 0.5],
      [1, 0.5, 0.5],
    ]);
  });

  it("counts a linear model as having no hidden layers", () => {
    const pc = parallelCoordinates([scored(0.7, { spec: { kind: "linear" } }), scored(0.9, { spec: { kind: "mlp", hidden: [64, 32] } })], VAL_ACC);
    // Linear: 0 layers, 0 units, activation "none". MLP: 2 layers, 64 + 32 = 96 units, "relu".
    expect(pc.axes.map((a) => a.key)).toEqual(["modelSpec.kind", "hiddenLayers", "hiddenUnits", "modelSpec.activation", "score"]);
    expect(pc.lines.map((l) => l.values)).toEqual([
      ["linear", 0, 0, "none", 0.7],
      ["mlp", 2, 96, "relu", 0.9],
    ]);
    expect(numeric(pc.axes[2]).ticks).toEqual([{ position: 0, label: "0" }, { position: 1, label: "96" }]);
  });

  it("leaves out momentum when only some runs use SGD, and labels a loss axis lower-is-better", () => {
    const pc = parallelCoordinates(
      [scored(0.8), scored(0.8, { spec: { optimizer: { kind: "sgd", learningRate: 0.01, momentum: 0.9 } } })],
      { split: "validation", of: "model", measure: "loss" },
    );
    expect(pc.axes.map((a) => a.key)).toEqual(["modelSpec.optimizer.kind", "score"]);
    expect(pc.axes[1]).toMatchObject({ label: "validation loss", better: "lower" });
  });

  it("draws nothing, without throwing, when no run has the score", () => {
    const pc = parallelCoordinates([run({ scores: null }), run({ scores: null, spec: { epochs: 10 } })], VAL_ACC);
    expect(pc).toMatchObject({ axes: [], lines: [], excluded: 2 });
  });
});
