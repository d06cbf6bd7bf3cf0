import { describe, expect, it } from "vitest";
import { cellSchema } from "@/lib/api/notebook";
import type { Run } from "@/lib/api/runs";
import { emptyCell } from "@/lib/notebook/reducer";
import { RerunError, trainCellFromRun } from "@/lib/notebook/from-run";
import { hiddenLayers, modelSpecFromCell, splitFromCell } from "@/lib/notebook/train-cell-spec";
import { parseModelSpec } from "@/lib/train/model-spec";

type TrainCell = Extract<ReturnType<typeof emptyCell>, { kind: "train" }>;

function run(over: Partial<Run["config"]> = {}): Pick<Run, "id" | "name" | "config"> {
  return {
    id: "0b8f7a4e-3a1c-4b55-9d7e-1f2a3b4c5d6e",
    name: "species",
    config: {
      task: "multiclass",
      target: "Species",
      features: ["Island", "Beak Length (mm)"],
      featureSpec: { defaults: true },
      modelSpec: parseModelSpec({ kind: "mlp", hidden: [16, 8], activation: "tanh", dropout: 0.2, l2: 0.001, optimizer: { kind: "sgd", learningRate: 0.03, momentum: 0.8 }, batchSize: 16, epochs: 12, earlyStopping: { patience: 3 }, classWeights: "balanced", seed: 9 }),
      split: { kind: "group", seed: 9, groupColumn: "Island" },
      source: "SELECT * FROM penguins WHERE Sex IS NOT NULL",
      weightColumn: "recency",
      ...over,
    },
  };
}

describe("Re-run: a train cell from a recorded run", () => {
  it("repeats every setting: the cell's model spec and split are the run's", () => {
    const r = run();
    const cell = trainCellFromRun(r, "cell-1");
    expect(cellSchema.parse(cell)).toEqual(cell);
    expect(cell).toMatchObject({ source: r.config.source, target: "Species", features: ["Island", "Beak Length (mm)"], weightColumn: "recency", parentRunId: r.id, backend: "auto" });
    expect(modelSpecFromCell(cell)).toEqual(r.config.modelSpec);
    expect(splitFromCell(cell, "multiclass")).toEqual({ kind: "group", seed: 9, groupColumn: "Island" });
  });

  it("keeps a run without early stopping without it, and a linear model linear", () => {
    const spec = parseModelSpec({ kind: "linear", hidden: [], optimizer: { kind: "adam", learningRate: 0.1 }, earlyStopping: null, seed: 4 });
    const cell = trainCellFromRun(run({ modelSpec: spec, split: { kind: "time", seed: 4, timeColumn: "date" } }), "c");
    expect(modelSpecFromCell(cell)).toEqual(spec);
    expect(splitFromCell(cell, "binary")).toEqual({ kind: "time", seed: 4, timeColumn: "date" });
  });

  it("refuses a run that did not record its query, saying why", () => {
    expect(() => trainCellFromRun(run({ source: undefined }), "c")).toThrow(RerunError);
    expect(() => trainCellFromRun(run({ source: undefined }), "c")).toThrow(/did not record the query/);
  });
});

describe("a train cell's settings as a model spec", () => {
  it("gives a cell without the newer settings the defaults the form shows", () => {
    const cell = emptyCell("train", "x") as TrainCell;
    const spec = modelSpecFromCell({ ...cell, hidden: "32, 32" });
    expect(spec).toMatchObject({ kind: "mlp", hidden: [32, 32], activation: "relu", dropout: 0, l2: 0, optimizer: { kind: "adam", learningRate: 0.01 }, classWeights: "none" });
  });

  it("stratifying a regression target falls back to a random split", () => {
    const cell = emptyCell("train", "x") as TrainCell;
    expect(splitFromCell({ ...cell, split: "stratified" }, "regression").kind).toBe("random");
  });

  it("names an unreadable hidden layer size", () => {
    expect(hiddenLayers("64, 64")).toEqual([64, 64]);
    expect(() => hiddenLayers("64, x")).toThrow(/"x" is not a whole number/);
    expect(() => hiddenLayers("0")).toThrow(/"0"/);
  });
});
