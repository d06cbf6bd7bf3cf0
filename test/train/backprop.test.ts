import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
// The reference below is the gradient tape, which needs tfjs's gradients registered.
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { lossAndGradients } from "@/lib/train/backprop";
import { batchLoss, forward, l2Penalty } from "@/lib/train/forward";
import { parseModelSpec, type ModelSpecInput, type Task } from "@/lib/train/model-spec";
import { disposeParams, initParams, paramList, type Params } from "@/lib/train/params";

beforeAll(() => {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
});

let params: Params | null = null;
afterEach(() => {
  if (params) disposeParams(params);
  params = null;
});

/** mulberry32, for the test's own weights and data. */
function uniform(seed: number) {
  let a = seed >>> 0;
  return {
    float() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

// A multiple of 64 above 64, so WASM takes its blocked transpose (lib/train/dense-grad.ts).
const ROWS = 128;
const INPUTS = 5;

/**
 * The hand-written backward pass against TensorFlow.js's gradient tape
 * (tf.variableGrads of forward → batchLoss + l2Penalty, the objective the
 * loop used to minimise), on the CPU and WASM backends: same loss, and every
 * gradient within 1e-5 of the tape's plus 1e-4 of its size (float32 sums in
 * another order).
 */
async function compare(task: Task, s: Partial<ModelSpecInput>) {
  const spec = parseModelSpec({ kind: "mlp", hidden: [7, 6], optimizer: { kind: "adam", learningRate: 0.01 }, ...s });
  const classCount = task === "multiclass" ? 3 : 2;
  const units = task === "multiclass" ? 3 : 1;
  const r = uniform(7);
  params = initParams(tf, [INPUTS, ...(spec.kind === "mlp" ? spec.hidden : []), units], r);
  const p = params;
  // Non-zero biases, so every term of the gradient is exercised.
  p.biases.forEach((b) => b.assign(tf.tensor1d(Array.from({ length: b.shape[0] }, () => r.float() - 0.5))));
  const x = tf.tensor2d(Array.from({ length: ROWS * INPUTS }, () => 4 * r.float() - 2), [ROWS, INPUTS]);
  const y = tf.tensor1d(Array.from({ length: ROWS }, () => (task === "regression" ? 3 * r.float() - 1 : Math.floor(r.float() * classCount))));
  const w = tf.tensor1d(Array.from({ length: ROWS }, () => 0.5 + r.float()));
  const seed = 12345;
  const tape = tf.variableGrads(() => tf.add(batchLoss(tf, task, forward(tf, spec, p, x, seed), y, w, classCount), l2Penalty(tf, p, spec.l2)) as tf.Scalar, paramList(p));
  const ours = lossAndGradients(tf, spec, task, p, x, y, w, classCount, seed);
  expect((await ours.loss.data())[0]).toBeCloseTo((await tape.value.data())[0], 5);
  const vars = paramList(p);
  expect(ours.grads).toHaveLength(vars.length);
  for (const [i, v] of vars.entries()) {
    const want = await tape.grads[v.name].data();
    const got = await ours.grads[i].data();
    expect(ours.grads[i].shape).toEqual(v.shape);
    const scale = Math.max(...Array.from(want, Math.abs));
    // A gradient that is all zero would make the comparison empty.
    expect(scale).toBeGreaterThan(0);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-5 + 1e-4 * scale);
  }
  tf.dispose([x, y, w, tape.value, ...Object.values(tape.grads), ours.loss, ...ours.grads]);
}

describe.each(["cpu", "wasm"])("backpropagation written out, against the gradient tape, on the %s backend", (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });
  for (const task of ["binary", "multiclass", "regression"] as const) {
    for (const activation of ["relu", "tanh", "sigmoid", "elu"] as const) {
      it(`${task}, ${activation}`, () => compare(task, { activation }));
    }
    it(`${task}, dropout 0.3 and L2 0.1`, () => compare(task, { dropout: 0.3, l2: 0.1 }));
    it(`${task}, linear model with L2`, () => compare(task, { kind: "linear", l2: 0.05 }));
  }
});
