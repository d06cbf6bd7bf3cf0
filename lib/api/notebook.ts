import { z } from "zod";
import { featureSettingsSchema } from "@/lib/features/settings";
import { CHART_MARKS, NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from "./notebook-format";

/**
 * The notebook document: what the page keeps in IndexedDB, what is exported
 * as a JSON file, and what the server stores. Validated with zod wherever it
 * crosses a trust boundary (import, request bodies).
 */

export { CHART_MARKS, NOTEBOOK_FORMAT, NOTEBOOK_VERSION, type ChartMark } from "./notebook-format";

const cellId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "cell id: letters, digits, _ and - only");

export const markdownCellSchema = z.object({ id: cellId, kind: z.literal("markdown"), source: z.string().max(200_000) });
export const sqlCellSchema = z.object({ id: cellId, kind: z.literal("sql"), source: z.string().max(200_000) });
export const chartCellSchema = z.object({
  id: cellId,
  kind: z.literal("chart"),
  /** SQL whose result feeds the chart. */
  source: z.string().max(200_000),
  mark: z.enum(CHART_MARKS),
  x: z.string().max(256).nullable(),
  y: z.string().max(256).nullable(),
  color: z.string().max(256).nullable(),
  facet: z.string().max(256).nullable(),
});
export const profileCellSchema = z.object({ id: cellId, kind: z.literal("profile"), table: z.string().max(256) });

/** A training run's settings, kept in the notebook so they diff and re-run ("model configuration as code"). */
export const trainCellSchema = z.object({
  id: cellId,
  kind: z.literal("train"),
  /** SQL whose result is the training data. */
  source: z.string().max(200_000),
  target: z.string().max(256).nullable(),
  features: z.array(z.string().max(256)).max(500),
  task: z.enum(["auto", "binary", "multiclass", "regression"]),
  model: z.enum(["linear", "mlp"]),
  /** Hidden layer sizes for an MLP, e.g. "64,64". */
  hidden: z.string().max(100),
  epochs: z.number().int().min(1).max(10_000),
  learningRate: z.number().positive().max(10),
  batchSize: z.number().int().min(1).max(65_536),
  /** Epochs without a better validation loss before stopping; 0 trains every epoch. */
  patience: z.number().int().min(0).max(1000),
  split: z.enum(["random", "stratified", "group", "time"]),
  /** The group or time column, for those splits. */
  splitColumn: z.string().max(256).nullable(),
  seed: z.number().int().min(0).max(0xffffffff),
  backend: z.enum(["auto", "webgpu", "webgl", "wasm", "cpu"]),
  /** Model settings added after the first train cells: absent means the default shown (lib/notebook/train-cell-spec.ts). */
  activation: z.enum(["relu", "tanh", "sigmoid", "elu"]).optional(),
  dropout: z.number().min(0).max(0.9).optional(),
  l2: z.number().min(0).max(10).optional(),
  optimizer: z.enum(["adam", "sgd"]).optional(),
  momentum: z.number().min(0).max(0.999).optional(),
  classWeights: z.enum(["none", "balanced"]).optional(),
  /** A numeric column whose values weigh each training row (e.g. to favour recent data); null for equal weights. */
  weightColumn: z.string().max(256).nullable().optional(),
  /** Per-column changes to the default feature spec (lib/features/settings.ts). */
  featureSettings: featureSettingsSchema.optional(),
  /** A hyperparameter sweep over this cell's model (lib/train/sweep.ts): values per parameter as typed, e.g. "0.001, 0.01". */
  sweep: z
    .object({
      kind: z.enum(["grid", "random"]),
      trials: z.number().int().min(1).max(50),
      values: z.record(z.string().max(40), z.string().max(500)),
    })
    .optional(),
  /** Set when the cell re-runs a recorded run: its runs name that one as their parent. */
  parentRunId: z.string().uuid().nullable().optional(),
});

/**
 * Predictions of a registry model over a DuckDB table, in the browser
 * (onnxruntime-web), kept as a new table: the input's columns plus
 * predicted_label and prob_<class> (or predicted_value).
 */
export const predictCellSchema = z.object({
  id: cellId,
  kind: z.literal("predict"),
  /** Registry model name; "" until one is chosen. */
  model: z.string().max(64),
  /** The version to run; null runs whichever version is champion when the cell runs. */
  version: z.number().int().min(1).nullable(),
  /** The table to predict on. */
  table: z.string().max(256),
  /** The table the predictions are kept as; "" means `<table>_predictions`. */
  output: z.string().max(256),
});

/**
 * A finished run's evaluation on its held-out split, with the notebook's
 * named slices: the slices are saved here, with the notebook, and reused
 * whichever run the cell evaluates; pinned ones (and their thresholds) go
 * to the dashboard through the run's stored evaluation.
 */
export const evaluateCellSchema = z.object({
  id: cellId,
  kind: z.literal("evaluate"),
  /** Run id; "" until one is chosen. */
  run: z.string().max(64),
  split: z.enum(["test", "validation"]),
  /** Slices with fewer held-out rows are shown greyed. */
  minSupport: z.number().int().min(1).max(1_000_000),
  slices: z
    .array(
      z.object({
        name: z.string().max(64),
        definition: z.string().max(5000),
        pinned: z.boolean(),
        /** Pass when the metric is at least (higher is better) or at most (lower is better) this value. */
        threshold: z.object({ metric: z.string().max(20), value: z.number().finite() }).nullable(),
      }),
    )
    .max(200),
});

export const cellSchema = z.discriminatedUnion("kind", [markdownCellSchema, sqlCellSchema, chartCellSchema, profileCellSchema, trainCellSchema, predictCellSchema, evaluateCellSchema]);
export type Cell = z.infer<typeof cellSchema>;
export type CellKind = Cell["kind"];


export const notebookSchema = z.object({
  format: z.literal(NOTEBOOK_FORMAT),
  version: z.literal(NOTEBOOK_VERSION),
  title: z.string().min(1).max(200),
  cells: z.array(cellSchema).max(1000),
});
export type Notebook = z.infer<typeof notebookSchema>;

/** A notebook saved on the server: the document plus the store's bookkeeping. */
export const savedNotebookSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Increments on every save; a save must name the revision it started from. */
  revision: z.number().int().positive(),
  updatedAt: z.string(),
  notebook: notebookSchema,
});
export type SavedNotebook = z.infer<typeof savedNotebookSchema>;

export const saveNotebookRequestSchema = z.object({
  notebook: notebookSchema,
  /** Revision the client started from; omitted for a first save. Mismatch → 409. */
  baseRevision: z.number().int().positive().optional(),
});
export type SaveNotebookRequest = z.infer<typeof saveNotebookRequestSchema>;
