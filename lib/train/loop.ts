import type * as tfc from "@tensorflow/tfjs-core";
import { lossAndGradients } from "./backprop";
import { forward } from "./forward";
import { scoreOutputs, type SplitScore } from "./metrics";
import { outputUnits, type ModelSpec, type Task } from "./model-spec";
import { makeOptimizer } from "./optimizer";
import { assignParams, cloneParams, disposeParams, initParams, layerSizes, paramList, type Params, type Uniform } from "./params";
import { TrainError } from "./train-error";

/** One split as tensors: the design matrix, the target (class index or value) and, for training, each row's weight. */
export interface SplitTensors {
  x: tfc.Tensor2D;
  /** Plain copy of the target, for scoring without a download. */
  y: Float32Array;
}

export interface TrainInput {
  task: Task;
  classCount: number;
  /** `yFit`: the target the loss sees when it differs from `y` (a standardised regression target). */
  train: SplitTensors & { w: Float32Array; yFit?: Float32Array };
  validation: SplitTensors;
  /** Regression: outputs are `value · scale + offset` in the target's units (the loss is fitted on the standardised target). */
  targetScale?: { offset: number; scale: number };
}

export interface EpochReport {
  epoch: number;
  train: SplitScore;
  validation: SplitScore;
  /** Since the start of training, ms. */
  elapsedMs: number;
  samplesPerSecond: number;
  /** This epoch's mini-batch steps alone, ms (no scoring): what training throughput is measured on. */
  fitMs?: number;
}

export interface TrainHooks {
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Read before every batch; true stops the run within one batch. */
  cancelled?(): boolean;
}

export interface TrainResult {
  params: Params;
  curves: EpochReport[];
  /** Epoch whose weights were kept (the best validation loss with early stopping, else the last). */
  bestEpoch: number;
  stoppedEarly: boolean;
}

/** A seeded source of uniform floats and in-place shuffles (lib/train/random.ts). */
export interface Shuffler extends Uniform {
  shuffle(a: Int32Array): Int32Array;
}

/**
 * Mini-batch training with the spec's optimizer. Nothing is read back from
 * the backend inside an epoch: the batch losses are summed on the backend
 * and read once per epoch, so WebGL and WebGPU are not stalled every step.
 * The epoch's order comes from the seeded shuffler, dropout from per-step
 * seeds, so a seed repeats a run exactly on a given backend.
 */
export async function trainModel(tf: typeof tfc, spec: ModelSpec, input: TrainInput, random: Shuffler, hooks: TrainHooks = {}): Promise<TrainResult> {
  const { task, classCount, train, validation } = input;
  const n = train.y.length;
  if (n === 0) throw new TrainError("invalid_data", "no training rows: the training split is empty");
  const inputs = train.x.shape[1];
  const units = outputUnits(task, classCount);
  const params = initParams(tf, layerSizes(spec, inputs, units), random);
  const optimizer = makeOptimizer(tf, spec.optimizer, paramList(params));
  const yFit = train.yFit ?? train.y;
  // WASM and the CPU backend keep tensors in this thread's memory anyway: there a batch of 512 picked from a
  // host copy of x and uploaded costs 0.02 ms on WASM, tf.gather 0.17 ms (its kernel is slow, and it checks every
  // index in JS). Read once, before the first epoch: a copy of x on WASM, the backend's own array on CPU.
  // GPU backends gather on the device.
  const xHost = tf.getBackend() === "wasm" || tf.getBackend() === "cpu" ? ((await train.x.data()) as Float32Array) : null;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const curves: EpochReport[] = [];
  let best: Params | null = null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let sinceBest = 0;
  let stoppedEarly = false;
  const t0 = performance.now();
  let step = 0;
  // The epoch's running loss, on the backend; disposed here if a step throws (a cancel, a bad batch).
  let lossSum: tfc.Scalar | null = null;
  try {
    for (let epoch = 1; epoch <= spec.epochs; epoch++) {
      random.shuffle(order);
      const fitStart = performance.now();
      lossSum = tf.scalar(0);
      for (let start = 0; start < n; start += spec.batchSize) {
        if (hooks.cancelled?.()) throw new TrainError("cancelled", `cancelled during epoch ${epoch}`);
        const rows = order.subarray(start, Math.min(n, start + spec.batchSize));
        const seed = spec.seed * 1_000_003 + ++step;
        const prev: tfc.Scalar = lossSum;
        // One scope a step: the batch, its loss and gradients, the update, and the running sum of losses × rows.
        lossSum = tf.tidy((): tfc.Scalar => {
          const xb = xHost ? tf.tensor2d(pick(xHost, rows, inputs), [rows.length, inputs]) : tf.gather(train.x, tf.tensor1d(rows, "int32"));
          // The batch's targets and weights are in JS already: picking them here costs less than two gathers.
          const { loss, grads } = lossAndGradients(tf, spec, task, params, xb, tf.tensor1d(pick(yFit, rows, 1)), tf.tensor1d(pick(train.w, rows, 1)), classCount, seed);
          optimizer.applyGradients(grads);
          return tf.add(prev, tf.mul(loss, rows.length));
        });
        prev.dispose();
      }
      const trainObjective = (await lossSum.data())[0] / n;
      const fitMs = performance.now() - fitStart;
      lossSum.dispose();
      lossSum = null;
      if (!Number.isFinite(trainObjective)) {
        throw new TrainError("non_finite_loss", `loss became ${trainObjective} in epoch ${epoch}; lower the learning rate, or check the features for extreme values`);
      }
      const report: EpochReport = {
        epoch,
        train: await score(tf, spec, task, params, train, units, input.targetScale),
        validation: await score(tf, spec, task, params, validation, units, input.targetScale),
        elapsedMs: performance.now() - t0,
        samplesPerSecond: (epoch * n) / ((performance.now() - t0) / 1000),
        fitMs,
      };
      curves.push(report);
      await hooks.onEpoch?.(report);
      const valLoss = report.validation.loss;
      if (!spec.earlyStopping || Number.isNaN(valLoss)) {
        bestEpoch = epoch;
        continue;
      }
      if (valLoss < bestLoss - spec.earlyStopping.minDelta) {
        bestLoss = valLoss;
        bestEpoch = epoch;
        sinceBest = 0;
        if (best) assignParams(best, params);
        else best = cloneParams(tf, params);
      } else if (++sinceBest >= spec.earlyStopping.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (best) assignParams(params, best);
    return { params, curves, bestEpoch, stoppedEarly };
  } catch (e) {
    disposeParams(params);
    throw e;
  } finally {
    lossSum?.dispose();
    if (best) disposeParams(best);
    optimizer.dispose();
  }
}

/** The given rows of a row-major [n, width] array, in order: a batch. A new array each time (the CPU backend keeps the array it is given). */
function pick(values: Float32Array, rows: Int32Array, width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  if (width === 1) {
    for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]];
    return out;
  }
  for (let i = 0; i < rows.length; i++) out.set(values.subarray(rows[i] * width, rows[i] * width + width), i * width);
  return out;
}

/** Outputs for a whole split in one pass (no dropout), read back once; regression outputs in the target's units. */
export async function predict(tf: typeof tfc, spec: ModelSpec, params: Params, x: tfc.Tensor2D, targetScale?: TrainInput["targetScale"]): Promise<Float32Array> {
  const out = tf.tidy(() => forward(tf, spec, params, x, null));
  try {
    const v = (await out.data()) as Float32Array;
    if (targetScale) for (let i = 0; i < v.length; i++) v[i] = v[i] * targetScale.scale + targetScale.offset;
    return v;
  } finally {
    out.dispose();
  }
}

async function score(
  tf: typeof tfc,
  spec: ModelSpec,
  task: Task,
  params: Params,
  split: SplitTensors,
  units: number,
  targetScale: TrainInput["targetScale"],
): Promise<SplitScore> {
  if (split.y.length === 0) return { loss: NaN, metric: NaN };
  return scoreOutputs(task, await predict(tf, spec, params, split.x, targetScale), split.y, units);
}
