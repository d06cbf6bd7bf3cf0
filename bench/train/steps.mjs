// Training-step throughput in Node, without a browser or a build: the app's
// own trainModel (lib/train/loop.ts) on TensorFlow.js's WASM backend
// (single-threaded SIMD, as the training worker runs it) and on the CPU
// backend, for the model `npm run bench:train` measures in Chromium — an MLP
// 8 → 64 → 64 → 1, ReLU, Adam 0.01, batch 512 — on the same synthetic rows
// (bench/train/dataset.mjs), 140,000 training and 30,000 validation rows
// (the app's default 70/15/15 split sizes), standardised on the training rows.
//
//   node bench/train/steps.mjs [--epochs 4] [--cpu-epochs 2] [--backends wasm,cpu] [--parts] [--steps 200] [--loop dir]
//
// `--loop dir` times the loop.ts in another copy of lib/train (say, an older
// commit's, exported under bench/.cache/) instead, to compare on one machine.
//
// Samples/s count the mini-batch steps alone (EpochReport.fitMs), the median
// over the epochs after the first (warm-up), as bench:train does; the line
// also gives the last epoch's validation figures and any tensors leaked.
//
// `--parts` first times the pieces of one step in isolation (ms per step,
// the median of 5 rounds of --steps steps, the CPU backend a tenth as many):
// ways to get a batch (the old loop's three gathers, what trainModel does
// now, and the once-an-epoch shuffle that does not pay on WASM), forward,
// loss, gradients by the tape and by lib/train/backprop.ts, tf.train.adam
// against lib/train/adam.ts, and whole steps old and new. Both backends run
// ops synchronously on this thread, so wall time around a call is its cost.
//
// The app's TypeScript is loaded through Vite's module runner
// (bench/train/ts-modules.mjs), so no build is needed.
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { makeDataset, FEATURES } from "./dataset.mjs";
import { loadTs } from "./ts-modules.mjs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? fallback : args[i + 1];
};
const EPOCHS = Number(opt("epochs", 4));
const CPU_EPOCHS = Number(opt("cpu-epochs", 2));
const BACKENDS = opt("backends", "wasm,cpu").split(",");
const PARTS = args.includes("--parts");
const STEPS = Number(opt("steps", 200));
const LOOP = opt("loop", "lib/train").replace(/\/+$/, "");
const ROWS = 200_000;
const TRAIN = 140_000;
const VALIDATION = 30_000;
const MODEL = { kind: "mlp", hidden: [64, 64], optimizer: { kind: "adam", learningRate: 0.01 }, batchSize: 512, earlyStopping: null, seed: 1 };

const require = createRequire(import.meta.url);
setWasmPaths(join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
// As workers/train.worker.ts: the threaded build is off in the app.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** The dataset's first TRAIN rows train, the next VALIDATION validate; features standardised with the training rows' mean and sd. */
function splits() {
  const ds = makeDataset(ROWS, 1);
  const f = ds.features;
  const mean = new Float64Array(FEATURES);
  const sd = new Float64Array(FEATURES);
  for (let r = 0; r < TRAIN; r++) for (let j = 0; j < FEATURES; j++) mean[j] += f[r * FEATURES + j] / TRAIN;
  for (let r = 0; r < TRAIN; r++) for (let j = 0; j < FEATURES; j++) sd[j] += (f[r * FEATURES + j] - mean[j]) ** 2 / TRAIN;
  for (let j = 0; j < FEATURES; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const x = new Float32Array(f.length);
  for (let i = 0; i < f.length; i++) x[i] = (f[i] - mean[i % FEATURES]) / sd[i % FEATURES];
  return {
    train: { x: x.subarray(0, TRAIN * FEATURES), y: ds.target.slice(0, TRAIN) },
    validation: { x: x.subarray(TRAIN * FEATURES, (TRAIN + VALIDATION) * FEATURES), y: ds.target.slice(TRAIN, TRAIN + VALIDATION) },
  };
}

async function throughput(lib, data, backend, epochs) {
  const { trainModel } = lib.loop;
  const spec = lib.modelSpec.parseModelSpec({ ...MODEL, epochs });
  const before = tf.memory().numTensors;
  const input = {
    task: "binary",
    classCount: 2,
    train: { x: tf.tensor2d(data.train.x, [TRAIN, FEATURES]), y: data.train.y, w: new Float32Array(TRAIN).fill(1) },
    validation: { x: tf.tensor2d(data.validation.x, [VALIDATION, FEATURES]), y: data.validation.y },
  };
  const run = await trainModel(tf, spec, input, new lib.random.Random(spec.seed));
  const perEpoch = run.curves.map((c) => TRAIN / (c.fitMs / 1000));
  const timed = perEpoch.length > 1 ? perEpoch.slice(1) : perEpoch;
  const last = run.curves.at(-1);
  lib.params.disposeParams(run.params);
  input.train.x.dispose();
  input.validation.x.dispose();
  // A leak per step would show here as thousands of tensors.
  const leaked = tf.memory().numTensors - before;
  console.log(
    `${backend}: samples/s per epoch ${perEpoch.map((x) => Math.round(x)).join(", ")} → median after warm-up ${Math.round(median(timed))}` +
      ` (validation loss ${last.validation.loss.toFixed(4)}, accuracy ${last.validation.metric.toFixed(4)}; tensors left ${leaked})`,
  );
  return median(timed);
}

/**
 * ms per call of `fn`, the median over rounds of `steps` calls each, after
 * one warm-up round. Whatever `fn` returns is disposed: a leak would grow the
 * WASM heap and time the growth instead.
 */
function perStep(fn, steps) {
  const rounds = [];
  for (let r = 0; r < 6; r++) {
    const t = performance.now();
    for (let i = 0; i < steps; i++) tf.dispose(fn(i));
    if (r > 0) rounds.push((performance.now() - t) / steps);
  }
  return median(rounds);
}

/** Times the pieces of one training step apart, on the same shapes trainModel uses. */
function parts(lib, data, backend, steps) {
  const { forward, batchLoss, l2Penalty } = lib.forward;
  const { lossAndGradients } = lib.backprop;
  const spec = lib.modelSpec.parseModelSpec({ ...MODEL, epochs: 1 });
  const random = new lib.random.Random(1);
  const params = lib.params.initParams(tf, lib.params.layerSizes(spec, FEATURES, 1), random);
  const vars = lib.params.paramList(params);
  const x = tf.tensor2d(data.train.x, [TRAIN, FEATURES]);
  const y = tf.tensor1d(data.train.y);
  const w = tf.ones([TRAIN]);
  const B = spec.batchSize;
  const order = random.shuffle(Int32Array.from({ length: TRAIN }, (_, i) => i));
  const batches = Math.floor(TRAIN / B);
  const idxOf = (i) => order.subarray((i % batches) * B, (i % batches) * B + B);
  const xb = tf.gather(x, tf.tensor1d(idxOf(0), "int32"));
  const yb = tf.gather(y, tf.tensor1d(idxOf(0), "int32"));
  const wb = tf.gather(w, tf.tensor1d(idxOf(0), "int32"));
  const lossOf = () => tf.add(batchLoss(tf, "binary", forward(tf, spec, params, xb, 1), yb, wb, 2), l2Penalty(tf, params, spec.l2));
  const optimizer = tf.train.adam(spec.optimizer.learningRate);
  const grads = tf.variableGrads(lossOf, vars);
  grads.value.dispose();
  const rows = [];
  const time = (name, fn) => rows.push([name, perStep(fn, steps)]);
  time("old batch: upload idx + 3 gathers (x, y, w)", (i) =>
    tf.tidy(() => {
      const idx = tf.tensor1d(idxOf(i), "int32");
      tf.gather(x, idx);
      tf.gather(y, idx);
      tf.gather(w, idx);
    }),
  );
  const xs = data.train.x;
  const ys = data.train.y;
  const wsJs = new Float32Array(TRAIN).fill(1);
  // As lib/train/loop.ts picks a batch.
  const pick = (src, rows, width) => {
    const out = new Float32Array(rows.length * width);
    if (width === 1) for (let r = 0; r < rows.length; r++) out[r] = src[rows[r]];
    else for (let r = 0; r < rows.length; r++) out.set(src.subarray(rows[r] * width, rows[r] * width + width), r * width);
    return out;
  };
  time("new batch (GPUs): idx + gather x; y, w picked in JS", (i) =>
    tf.tidy(() => {
      const rows = idxOf(i);
      tf.gather(x, tf.tensor1d(rows, "int32"));
      tf.tensor1d(pick(ys, rows, 1));
      tf.tensor1d(pick(wsJs, rows, 1));
    }),
  );
  time("new batch (WASM, CPU): x, y, w picked in JS, uploaded", (i) =>
    tf.tidy(() => {
      const rows = idxOf(i);
      tf.tensor2d(pick(xs, rows, FEATURES), [rows.length, FEATURES]);
      tf.tensor1d(pick(ys, rows, 1));
      tf.tensor1d(pick(wsJs, rows, 1));
    }),
  );
  // x shuffled once an epoch into [batches, B, FEATURES], then a step gathers one batch; the epoch's share per step.
  const shuffled = () => tf.tidy(() => tf.reshape(tf.gather(x, tf.tensor1d(order.subarray(0, batches * B), "int32")), [batches, B, FEATURES]));
  rows.push(["per epoch: gather x in shuffled order, ÷ steps", perStep(shuffled, 4) / batches]);
  const epochX = shuffled();
  time("per step: gather one batch of the shuffled x", (i) => tf.tidy(() => tf.reshape(tf.gather(epochX, tf.tensor1d([i % batches], "int32")), [B, FEATURES])));
  // tfjs-backend-wasm's Slice reads its whole input out of the heap (readSync) before copying the part it needs.
  time("3 contiguous slices (x, y, w)", (i) =>
    tf.tidy(() => {
      const s = (i % batches) * B;
      tf.slice(x, [s, 0], [B, FEATURES]);
      tf.slice(y, [s], [B]);
      tf.slice(w, [s], [B]);
    }),
  );
  time("forward", () => tf.tidy(() => forward(tf, spec, params, xb, 1)));
  time("forward + loss", () => tf.tidy(lossOf));
  time("forward + loss + gradients (tape)", () => tf.tidy(() => tf.variableGrads(lossOf, vars)));
  time("forward + loss + gradients (backprop.ts)", () => tf.tidy(() => lossAndGradients(tf, spec, "binary", params, xb, yb, wb, 2, 1)));
  time("Adam update alone: tf.train.adam", () => optimizer.applyGradients(grads.grads));
  const adam = new lib.adam.FlatAdam(tf, vars, spec.optimizer.learningRate);
  const gradList = vars.map((v) => grads.grads[v.name]);
  time("Adam update alone: FlatAdam (adam.ts)", () => adam.applyGradients(gradList));
  time("old step: tape + tf.train.adam (minimize)", () => optimizer.minimize(() => tf.tidy(lossOf), true, vars));
  time("new step: backprop.ts + FlatAdam", () =>
    tf.tidy(() => {
      const step = lossAndGradients(tf, spec, "binary", params, xb, yb, wb, 2, 1);
      adam.applyGradients(step.grads);
      return step.loss;
    }),
  );
  let sum = tf.scalar(0);
  const one = tf.scalar(0.5);
  time("loss accumulation (lossSum += loss · rows)", () => {
    const next = tf.tidy(() => tf.add(sum, tf.mul(one, B)));
    sum.dispose();
    sum = next;
  });
  time("one tiny op (add of two scalars)", () => tf.tidy(() => tf.add(one, one)));
  console.log(`${backend}: ms per step, batch ${B}, ${steps} steps × 5 rounds`);
  for (const [name, ms] of rows) console.log(`  ${name.padEnd(56)} ${ms.toFixed(3)}`);
  tf.dispose([x, y, w, xb, yb, wb, one, sum, grads.grads, epochX]);
  optimizer.dispose();
  adam.dispose();
  lib.params.disposeParams(params);
}

async function main() {
  const t0 = performance.now();
  const { modules, close } = await loadTs([
    `/${LOOP}/loop.ts`,
    "/lib/train/forward.ts",
    "/lib/train/backprop.ts",
    "/lib/train/adam.ts",
    "/lib/train/params.ts",
    "/lib/train/model-spec.ts",
    "/lib/train/random.ts",
    // For --parts' tape figures (tf.variableGrads); training itself does not use the tape.
    "@tensorflow/tfjs-core/dist/register_all_gradients",
  ]);
  const [loop, forward, backprop, adam, params, modelSpec, random] = modules;
  const lib = { loop, forward, backprop, adam, params, modelSpec, random };
  const data = splits();
  console.log(`node ${process.version}, tfjs-core ${tf.version_core}; ${LOOP}/loop.ts; lib loaded and data made in ${Math.round(performance.now() - t0)} ms`);
  const figures = {};
  for (const backend of BACKENDS) {
    if (!(await tf.setBackend(backend))) throw new Error(`${backend} did not initialise`);
    await tf.ready();
    if (backend === "wasm") console.log(`wasm: SIMD ${tf.env().getBool("WASM_HAS_SIMD_SUPPORT")}, threads ${tf.env().getBool("WASM_HAS_MULTITHREAD_SUPPORT")}`);
    if (PARTS) parts(lib, data, backend, backend === "cpu" ? Math.max(10, STEPS / 10) : STEPS);
    figures[backend] = Math.round(await throughput(lib, data, backend, backend === "cpu" ? CPU_EPOCHS : EPOCHS));
  }
  await close();
  console.log(JSON.stringify({ samplesPerSecond: figures }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
