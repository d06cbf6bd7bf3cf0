import { z } from "zod";

/**
 * What to train: the model, its optimizer and the loop's settings, as the
 * train cell edits them and a run records them. "linear" is logistic
 * regression for a binary target, softmax regression for several classes
 * and linear regression for a number; "mlp" adds hidden layers.
 */

export const TASKS = ["binary", "multiclass", "regression"] as const;
export type Task = (typeof TASKS)[number];

export const modelSpecSchema = z
  .object({
    kind: z.enum(["linear", "mlp"]),
    /** Units per hidden layer, input side first (mlp only). */
    hidden: z.array(z.number().int().min(1).max(4096)).max(8).default([64, 64]),
    activation: z.enum(["relu", "tanh", "sigmoid", "elu"]).default("relu"),
    /** Share of hidden units dropped while training (mlp only). */
    dropout: z.number().min(0).max(0.9).default(0),
    /** L2 penalty on the weights (not the biases), added to the mean loss. */
    l2: z.number().min(0).max(10).default(0),
    optimizer: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("adam"), learningRate: z.number().positive().max(10).default(0.01) }).strict(),
      z.object({ kind: z.literal("sgd"), learningRate: z.number().positive().max(10).default(0.05), momentum: z.number().min(0).max(0.999).default(0.9) }).strict(),
    ]),
    batchSize: z.number().int().min(1).max(65536).default(256),
    epochs: z.number().int().min(1).max(10_000).default(50),
    /** Stop when validation loss has not improved by `minDelta` for `patience` epochs; the best epoch's weights are kept. */
    earlyStopping: z
      .object({ patience: z.number().int().min(1).max(1000).default(5), minDelta: z.number().min(0).default(1e-4) })
      .strict()
      .nullable()
      .default({ patience: 5, minDelta: 1e-4 }),
    /** "balanced": each class weighs n / (k · n_class), as scikit-learn's class_weight="balanced". */
    classWeights: z.enum(["none", "balanced"]).default("none"),
    seed: z.number().int().min(0).max(0xffffffff).default(1),
  })
  .strict();
export type ModelSpec = z.infer<typeof modelSpecSchema>;
export type ModelSpecInput = z.input<typeof modelSpecSchema>;

export function parseModelSpec(input: ModelSpecInput): ModelSpec {
  return modelSpecSchema.parse(input);
}

/** Output units for a task: one logit (binary), one per class, or one value. */
export function outputUnits(task: Task, classCount: number): number {
  return task === "multiclass" ? classCount : 1;
}
