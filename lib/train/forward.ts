import type * as tfc from "@tensorflow/tfjs-core";
import type { ModelSpec, Task } from "./model-spec";
import type { Params } from "./params";

/**
 * The model's raw outputs (logits, or the value for regression) for a batch
 * `x` [rows, inputs]. Dropout applies only while training, with a seed per
 * step so a run repeats exactly.
 */
export function forward(tf: typeof tfc, spec: ModelSpec, p: Params, x: tfc.Tensor2D, dropoutSeed: number | null): tfc.Tensor2D {
  let h: tfc.Tensor2D = x;
  const last = p.weights.length - 1;
  for (let l = 0; l <= last; l++) {
    h = dense(tf, h, p.weights[l], p.biases[l], l === last ? null : spec.activation);
    if (l === last) break;
    if (dropoutSeed !== null && spec.dropout > 0) h = tf.mul(h, dropoutMultiplier(tf, h.shape, spec.dropout, dropoutSeed + l));
  }
  return h;
}

/**
 * One layer, f(h·W + b) (no f on the output layer). The product, the bias
 * and a ReLU go in one fused op: on WASM that is a single XNNPACK call that
 * adds the bias and clamps as it writes, instead of three ops each reading
 * and writing the whole batch.
 */
export function dense(tf: typeof tfc, h: tfc.Tensor2D, w: tfc.Tensor, b: tfc.Tensor, f: ModelSpec["activation"] | null): tfc.Tensor2D {
  const z = tf.fused.matMul({ a: h, b: w, bias: b, activation: f === "relu" ? "relu" : "linear" }) as tfc.Tensor2D;
  return f === null || f === "relu" ? z : activate(tf, f, z);
}

/**
 * What dropout multiplies a layer's output by: 0 for a dropped unit, 1/keep
 * for a kept one — tf.dropout's own formula, floor(U[0, 1) + keep) / keep,
 * from the same seed, so x · multiplier is tf.dropout(x, rate, undefined,
 * seed) exactly. Made apart so training's backward pass (backprop.ts) can
 * multiply the gradient by the same mask.
 */
export function dropoutMultiplier(tf: typeof tfc, shape: [number, number], rate: number, seed: number): tfc.Tensor2D {
  const keep = 1 - rate;
  return tf.div(tf.floor(tf.add(tf.randomUniform(shape, 0, 1, "float32", seed), keep)), keep);
}

function activate(tf: typeof tfc, a: ModelSpec["activation"], h: tfc.Tensor2D): tfc.Tensor2D {
  switch (a) {
    case "relu":
      return tf.relu(h);
    case "tanh":
      return tf.tanh(h);
    case "sigmoid":
      return tf.sigmoid(h);
    case "elu":
      return tf.elu(h);
  }
}

/**
 * Weighted mean loss of a batch: binary cross-entropy on one logit, softmax
 * cross-entropy on class logits, or squared error; `w` holds each row's
 * weight (class weight × row weight), `y` the class index (classification)
 * or the value.
 */
export function batchLoss(tf: typeof tfc, task: Task, logits: tfc.Tensor2D, y: tfc.Tensor1D, w: tfc.Tensor1D, classCount: number): tfc.Scalar {
  let perRow: tfc.Tensor1D;
  if (task === "binary") {
    // log(1 + e^z) − y·z, written in the stable form max(z, 0) − y·z + log(1 + e^−|z|).
    const z = tf.reshape(logits, [-1]) as tfc.Tensor1D;
    perRow = tf.add(tf.sub(tf.relu(z), tf.mul(z, y)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  } else if (task === "multiclass") {
    // log Σ e^z − z_y. Not −Σ onehot · logSoftmax(z): WebGL computes logSoftmax as
    // log(softmax), which is −∞ once a class's probability underflows, and 0 · −∞ is NaN.
    const oneHot = tf.oneHot(tf.cast(y, "int32"), classCount);
    perRow = tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(oneHot, logits), 1)) as tfc.Tensor1D;
  } else {
    perRow = tf.square(tf.sub(tf.reshape(logits, [-1]), y)) as tfc.Tensor1D;
  }
  return tf.div(tf.sum(tf.mul(perRow, w)), tf.sum(w)) as tfc.Scalar;
}

/** λ/2 · Σ‖W‖² over the weight matrices (biases are not penalised). */
export function l2Penalty(tf: typeof tfc, p: Params, l2: number): tfc.Scalar {
  if (l2 === 0) return tf.scalar(0);
  return tf.mul(l2 / 2, tf.addN(p.weights.map((w) => tf.sum(tf.square(w))))) as tfc.Scalar;
}
