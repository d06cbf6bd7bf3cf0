import type { Cell } from "@/lib/api/notebook";
import { parseModelSpec, type ModelSpec, type Task } from "@/lib/train/model-spec";
import type { SplitSpecInput } from "@/lib/train/split";

type TrainCell = Extract<Cell, { kind: "train" }>;

/** Defaults for the settings older train cells do not carry. */
export const CELL_DEFAULTS = { activation: "relu", dropout: 0, l2: 0, optimizer: "adam", momentum: 0.9, classWeights: "none" } as const;

/** Hidden layer sizes from the cell's text ("64, 64"); an unreadable entry is an error naming it. */
export function hiddenLayers(text: string): number[] {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  const out = parts.map(Number);
  const bad = parts.find((p, i) => !Number.isInteger(out[i]) || out[i] < 1);
  if (bad !== undefined) throw new Error(`hidden layers: "${bad}" is not a whole number of units; write sizes like 64,64`);
  return out;
}

/** The model spec a train cell describes (validated: out-of-range settings throw zod's error). */
export function modelSpecFromCell(cell: TrainCell): ModelSpec {
  const optimizer = cell.optimizer ?? CELL_DEFAULTS.optimizer;
  return parseModelSpec({
    kind: cell.model,
    hidden: cell.model === "mlp" ? hiddenLayers(cell.hidden) : [],
    activation: cell.activation ?? CELL_DEFAULTS.activation,
    dropout: cell.model === "mlp" ? (cell.dropout ?? CELL_DEFAULTS.dropout) : 0,
    l2: cell.l2 ?? CELL_DEFAULTS.l2,
    optimizer:
      optimizer === "adam"
        ? { kind: "adam", learningRate: cell.learningRate }
        : { kind: "sgd", learningRate: cell.learningRate, momentum: cell.momentum ?? CELL_DEFAULTS.momentum },
    batchSize: cell.batchSize,
    epochs: cell.epochs,
    earlyStopping: cell.patience > 0 ? { patience: cell.patience, minDelta: 1e-4 } : null,
    classWeights: cell.classWeights ?? CELL_DEFAULTS.classWeights,
    seed: cell.seed,
  });
}

/** The split a train cell describes; stratifying a regression target falls back to random. */
export function splitFromCell(cell: TrainCell, task: Task): SplitSpecInput {
  return {
    kind: cell.split === "stratified" && task === "regression" ? "random" : cell.split,
    seed: cell.seed,
    ...(cell.split === "group" ? { groupColumn: cell.splitColumn ?? undefined } : {}),
    ...(cell.split === "time" ? { timeColumn: cell.splitColumn ?? undefined } : {}),
  } as SplitSpecInput;
}
