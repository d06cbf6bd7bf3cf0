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
    h = tf.add(tf.matMul(h, p.weights[l]), p.biases[l]);
    if (l === last) break;
    h = activate(tf, spec.activation, h);
    if (dropoutSeed !== null && spec.dropout > 0) h = tf.dropout(h, spec.dropout, undefined, dropoutSeed + l) as tfc.Tensor2D;
  }
  return h;
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
