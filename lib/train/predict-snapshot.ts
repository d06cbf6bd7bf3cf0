import type * as tfc from "@tensorflow/tfjs-core";
import { compileToTfjs } from "@/lib/features/compile-tfjs";
import type { RawTable } from "@/lib/features/raw";
import type { FittedFeatureSpec } from "@/lib/features/spec";
import { forward } from "./forward";
import type { ModelSpec, Task } from "./model-spec";
import type { Params, ParamsSnapshot } from "./params";

/** Rows per forward pass. */
export const PREDICT_CHUNK = 8192;

/** A trained model's answers for some rows: what the ONNX export must reproduce. */
export type Predictions =
  /** Row-major [rows, classes]; binary has [1 − p, p] like the exported graph. */
  | { kind: "classes"; classes: number; probabilities: Float32Array }
  | { kind: "values"; values: Float32Array };

/**
 * TensorFlow.js predictions of a stored run (its fitted features and weight
 * snapshot) on raw rows, with the same ops training scored with: the fitted
 * transform, the forward pass, then sigmoid or softmax in float32.
 */
export async function predictSnapshot(
  tf: typeof tfc,
  model: { task: Task; activation: ModelSpec["activation"]; fitted: FittedFeatureSpec; weights: ParamsSnapshot; targetScale: { offset: number; scale: number } | null },
  table: RawTable,
  rows: Int32Array,
): Promise<Predictions> {
  const params: Params = {
    weights: model.weights.layers.map((l) => tf.tensor2d(l.weights, [l.inputs, l.outputs]) as unknown as tfc.Variable),
    biases: model.weights.layers.map((l) => tf.tensor1d(l.bias) as unknown as tfc.Variable),
  };
  const spec = { activation: model.activation, dropout: 0 } as ModelSpec;
  const compiled = compileToTfjs(model.fitted);
  const width = model.task === "multiclass" ? model.weights.layers[model.weights.layers.length - 1].outputs : model.task === "binary" ? 2 : 1;
  const data = new Float32Array(rows.length * width);
  try {
    // In chunks: a whole split's one-hot design matrix can be hundreds of MB, and a chunk stays in cache.
    for (let start = 0; start < rows.length; start += PREDICT_CHUNK) {
      const x = compiled.apply(tf, table, rows.subarray(start, start + PREDICT_CHUNK));
      const out = tf.tidy(() => {
        const z = forward(tf, spec, params, x, null);
        if (model.task === "binary") {
          const p = tf.sigmoid(z);
          return tf.concat([tf.sub(1, p), p], 1);
        }
        return model.task === "multiclass" ? tf.softmax(z, 1) : z;
      });
      x.dispose();
      data.set((await out.data()) as Float32Array, start * width);
      out.dispose();
    }
    if (model.task === "regression") {
      const s = model.targetScale ?? { offset: 0, scale: 1 };
      return { kind: "values", values: data.map((v) => v * s.scale + s.offset) };
    }
    return { kind: "classes", classes: width, probabilities: data };
  } finally {
    [...params.weights, ...params.biases].forEach((t) => t.dispose());
  }
}
