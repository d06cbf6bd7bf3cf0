import type { Cell } from "@/lib/api/notebook";
import type { Run } from "@/lib/api/runs";
import { recordedSettings } from "@/lib/features/settings";

type TrainCell = Extract<Cell, { kind: "train" }>;

export class RerunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RerunError";
  }
}

/**
 * A train cell that repeats a recorded run: the same query (read again, so
 * it sees the current version of its tables), target, features, task, model,
 * split, seed and row weights, on the backend the page picks. Its runs name
 * the original as their parent.
 */
export function trainCellFromRun(run: Pick<Run, "id" | "name" | "config">, id: string): TrainCell {
  const { config } = run;
  if (!config.source) throw new RerunError(`run "${run.name}" did not record the query it trained on, so it cannot be repeated; train it again from a train cell`);
  const m = config.modelSpec;
  const split = config.split as { kind?: unknown; groupColumn?: unknown; timeColumn?: unknown };
  const splitKind = split.kind === "random" || split.kind === "stratified" || split.kind === "group" || split.kind === "time" ? split.kind : "random";
  const splitColumn = splitKind === "group" ? split.groupColumn : splitKind === "time" ? split.timeColumn : null;
  return {
    id,
    kind: "train",
    source: config.source,
    target: config.target,
    features: [...config.features],
    task: config.task,
    model: m.kind,
    hidden: m.hidden.join(","),
    epochs: m.epochs,
    learningRate: m.optimizer.learningRate,
    batchSize: m.batchSize,
    patience: m.earlyStopping ? m.earlyStopping.patience : 0,
    split: splitKind,
    splitColumn: typeof splitColumn === "string" ? splitColumn : null,
    seed: m.seed,
    backend: "auto",
    activation: m.activation,
    dropout: m.dropout,
    l2: m.l2,
    optimizer: m.optimizer.kind,
    momentum: m.optimizer.kind === "sgd" ? m.optimizer.momentum : undefined,
    classWeights: m.classWeights,
    weightColumn: config.weightColumn ?? null,
    featureSettings: recordedSettings(config.featureSpec),
    parentRunId: run.id,
  };
}
