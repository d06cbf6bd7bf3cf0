import type * as tfc from "@tensorflow/tfjs-core";
// tfjs-core alone has no gradients; training needs them registered once.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { batchLoss, forward, l2Penalty } from "./forward";
import { scoreOutputs, type SplitScore } from "./metrics";
import { outputUnits, type ModelSpec, type Task } from "./model-spec";
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
  const vars = paramList(params);
  const optimizer = spec.optimizer.kind === "adam" ? tf.train.adam(spec.optimizer.learningRate) : tf.train.momentum(spec.optimizer.learningRate, spec.optimizer.momentum);
  const yAll = tf.tensor1d(train.yFit ?? train.y);
  const wAll = tf.tensor1d(train.w);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const curves: EpochReport[] = [];
  let best: Params | null = null;
  let bestLoss = Infinity;
  let bestEpoch = 0;
  let sinceBest = 0;
  let stoppedEarly = false;
  const t0 = performance.now();
  let step = 0;
  try {
    for (let epoch = 1; epoch <= spec.epochs; epoch++) {
      random.shuffle(order);
      const fitStart = performance.now();
      let lossSum = tf.scalar(0);
      for (let start = 0; start < n; start += spec.batchSize) {
        if (hooks.cancelled?.()) throw new TrainError("cancelled", `cancelled during epoch ${epoch}`);
        const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + spec.batchSize)), "int32");
        const seed = spec.seed * 1_000_003 + ++step;
        const loss = optimizer.minimize(
          () =>
            tf.tidy(() => {
              const xb = tf.gather(train.x, idx);
              const logits = forward(tf, spec, params, xb, seed);
              return tf.add(batchLoss(tf, task, logits, tf.gather(yAll, idx), tf.gather(wAll, idx), classCount), l2Penalty(tf, params, spec.l2)) as tfc.Scalar;
            }),
          true,
          vars,
        ) as tfc.Scalar;
        const rows = idx.shape[0];
        const prev = lossSum;
        const next = tf.tidy(() => tf.add(prev, tf.mul(loss, rows)) as tfc.Scalar);
        lossSum.dispose();
        loss.dispose();
        idx.dispose();
        lossSum = next;
      }
      const trainObjective = (await lossSum.data())[0] / n;
      const fitMs = performance.now() - fitStart;
      lossSum.dispose();
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
    if (best) disposeParams(best);
    yAll.dispose();
    wAll.dispose();
    optimizer.dispose();
  }
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
