import type * as tfc from "@tensorflow/tfjs-core";
import type { ModelSpec } from "./model-spec";

/** A source of uniform floats in [0, 1); the seeded PRNG of lib/train/random.ts. */
export interface Uniform {
  float(): number;
}

/** The trainable tensors of a linear model or an MLP: one weight matrix and bias per layer, input side first. */
export interface Params {
  weights: tfc.Variable[];
  biases: tfc.Variable[];
}

/** Plain arrays of the parameters: what a run stores and the ONNX export reads. Row-major [in, out]. */
export interface ParamsSnapshot {
  layers: { inputs: number; outputs: number; weights: number[]; bias: number[] }[];
}

/** Layer sizes from the input width to the output units. */
export function layerSizes(spec: ModelSpec, inputs: number, outputs: number): number[] {
  return [inputs, ...(spec.kind === "mlp" ? spec.hidden : []), outputs];
}

/**
 * Glorot-uniform weights (Glorot & Bengio 2010: U(±√(6 / (fan_in + fan_out))))
 * and zero biases, drawn from our seeded PRNG rather than the backend's, so a
 * seed gives the same starting point on every backend.
 */
export function initParams(tf: typeof tfc, sizes: readonly number[], random: Uniform): Params {
  const weights: tfc.Variable[] = [];
  const biases: tfc.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (random.float() * 2 - 1) * limit;
    // tidy frees the initial tensors; the variables keep their data.
    weights.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]), true, `w${l}`)));
    biases.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), true, `b${l}`)));
  }
  return { weights, biases };
}

export function paramList(p: Params): tfc.Variable[] {
  return [...p.weights, ...p.biases];
}

export async function snapshotParams(p: Params): Promise<ParamsSnapshot> {
  const layers = [];
  for (let l = 0; l < p.weights.length; l++) {
    const [inputs, outputs] = p.weights[l].shape as [number, number];
    layers.push({ inputs, outputs, weights: Array.from(await p.weights[l].data()), bias: Array.from(await p.biases[l].data()) });
  }
  return { layers };
}

/** Copies `from` into `into` (same shapes): keeping the best epoch's weights for early stopping. */
export function assignParams(into: Params, from: Params): void {
  into.weights.forEach((w, i) => w.assign(from.weights[i]));
  into.biases.forEach((b, i) => b.assign(from.biases[i]));
}

let clones = 0;

export function cloneParams(tf: typeof tfc, p: Params): Params {
  const tag = ++clones;
  return {
    weights: p.weights.map((w, i) => tf.tidy(() => tf.variable(tf.clone(w), false, `best${tag}_w${i}`))),
    biases: p.biases.map((b, i) => tf.tidy(() => tf.variable(tf.clone(b), false, `best${tag}_b${i}`))),
  };
}

export function disposeParams(p: Params): void {
  [...p.weights, ...p.biases].forEach((v) => v.dispose());
}
