import type * as tfc from "@tensorflow/tfjs-core";
import { inputGradient, paramGradients } from "./dense-grad";
import { batchLoss, dense, dropoutMultiplier, l2Penalty } from "./forward";
import type { ModelSpec, Task } from "./model-spec";
import type { Params } from "./params";

/** One mini-batch's objective and its gradient for every parameter, in paramList's order (weights, then biases). */
export interface LossAndGradients {
  loss: tfc.Scalar;
  grads: tfc.Tensor[];
}

/**
 * The training objective of a batch — batchLoss + l2Penalty, exactly as
 * lib/train/forward.ts defines them — and its gradients, by backpropagation
 * written out for our one model family (dense layers, an activation, dropout)
 * instead of TensorFlow.js's gradient tape. The tape records every op, adds
 * Identity and accumulation ops on the way back, and takes the matMul
 * gradients with transposed operands, which tfjs-backend-wasm runs on a
 * naive loop; with the backward pass spelled out a step is a fixed, short
 * list of ops (lib/train/dense-grad.ts picks each backend's fast
 * products). test/train/backprop.test.ts checks every gradient against the
 * tape's (tf.variableGrads) for each task, activation, dropout and L2.
 *
 * Dropout uses forward.ts's multiplier from the same seed, so it drops the
 * units forward() with that seed would. Call inside tf.tidy.
 */
export function lossAndGradients(
  tf: typeof tfc,
  spec: ModelSpec,
  task: Task,
  p: Params,
  x: tfc.Tensor2D,
  y: tfc.Tensor1D,
  w: tfc.Tensor1D,
  classCount: number,
  dropoutSeed: number,
): LossAndGradients {
  const last = p.weights.length - 1;
  // Each layer's input, and each hidden layer's activation output and dropout multiplier, kept for the backward pass.
  const inputs: tfc.Tensor2D[] = [x];
  const outputs: tfc.Tensor2D[] = [];
  const keep: (tfc.Tensor2D | null)[] = [];
  for (let l = 0; l < last; l++) {
    const a = dense(tf, inputs[l], p.weights[l], p.biases[l], spec.activation);
    const m = spec.dropout > 0 ? dropoutMultiplier(tf, a.shape, spec.dropout, dropoutSeed + l) : null;
    outputs.push(a);
    keep.push(m);
    inputs.push(m ? (tf.mul(a, m) as tfc.Tensor2D) : a);
  }
  const logits = dense(tf, inputs[last], p.weights[last], p.biases[last], null);
  const loss = tf.add(batchLoss(tf, task, logits, y, w, classCount), l2Penalty(tf, p, spec.l2)) as tfc.Scalar;

  const dW: tfc.Tensor[] = [];
  const dB: tfc.Tensor[] = [];
  let dz = lossGradient(tf, task, logits, y, w, classCount);
  for (let l = last; l >= 0; l--) {
    const { dw, db } = paramGradients(tf, inputs[l], dz);
    dW[l] = spec.l2 > 0 ? tf.add(dw, tf.mul(p.weights[l], spec.l2)) : dw;
    dB[l] = db;
    if (l === 0) break;
    let dh = inputGradient(tf, dz, p.weights[l]);
    const m = keep[l - 1];
    if (m) dh = tf.mul(dh, m);
    dz = activationGradient(tf, spec.activation, outputs[l - 1], dh);
  }
  return { loss, grads: [...dW, ...dB] };
}

/**
 * d(batch loss)/d(logits), [rows, units]. The mean is weighted, Σ wᵢ·ℓᵢ / Σ w,
 * so each row's share is wᵢ / Σ w times: σ(z) − y for binary cross-entropy on
 * one logit, softmax(z) − onehot(y) for softmax cross-entropy, 2(z − y) for
 * squared error.
 */
function lossGradient(tf: typeof tfc, task: Task, logits: tfc.Tensor2D, y: tfc.Tensor1D, w: tfc.Tensor1D, classCount: number): tfc.Tensor2D {
  const share = tf.div(w, tf.sum(w)) as tfc.Tensor1D;
  if (task === "multiclass") {
    const oneHot = tf.oneHot(tf.cast(y, "int32"), classCount);
    return tf.mul(tf.sub(tf.softmax(logits), oneHot), tf.reshape(share, [-1, 1])) as tfc.Tensor2D;
  }
  const z = tf.reshape(logits, [-1]);
  const perRow = task === "binary" ? tf.sub(tf.sigmoid(z), y) : tf.mul(tf.sub(z, y), 2);
  return tf.reshape(tf.mul(perRow, share), [-1, 1]) as tfc.Tensor2D;
}

/** dL/dz from dL/da for a = f(z), written with the output a as each derivative allows. */
function activationGradient(tf: typeof tfc, f: ModelSpec["activation"], a: tfc.Tensor2D, da: tfc.Tensor2D): tfc.Tensor2D {
  switch (f) {
    case "relu":
      return tf.mul(da, tf.step(a)) as tfc.Tensor2D;
    case "tanh":
      return tf.mul(da, tf.sub(1, tf.square(a))) as tfc.Tensor2D;
    case "sigmoid":
      return tf.mul(da, tf.mul(a, tf.sub(1, a))) as tfc.Tensor2D;
    case "elu":
      // elu′(z) = 1 for z > 0, else e^z = a + 1.
      return tf.where(tf.greater(a, 0), da, tf.mul(da, tf.add(a, 1))) as tfc.Tensor2D;
  }
}
