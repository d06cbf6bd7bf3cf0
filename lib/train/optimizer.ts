import type * as tfc from "@tensorflow/tfjs-core";
import { FlatAdam } from "./adam";
import type { ModelSpec } from "./model-spec";

/** What the loop needs of an optimizer: one update from a gradient per parameter (paramList's order), and cleanup. */
export interface Optimizer {
  applyGradients(grads: readonly tfc.Tensor[]): void;
  dispose(): void;
}

/**
 * The spec's optimizer over `vars`. Adam is our flat version (lib/train/adam.ts:
 * tf.train.adam's arithmetic in a third of the ops); SGD with momentum is
 * tf.train.momentum as it is, already a few ops per variable.
 */
export function makeOptimizer(tf: typeof tfc, spec: ModelSpec["optimizer"], vars: readonly tfc.Variable[]): Optimizer {
  if (spec.kind === "adam") return new FlatAdam(tf, vars, spec.learningRate);
  const momentum = tf.train.momentum(spec.learningRate, spec.momentum);
  return {
    applyGradients: (grads) => momentum.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: grads[i] }))),
    dispose: () => momentum.dispose(),
  };
}
