import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { trainModel } from "@/lib/train/loop";
import { parseModelSpec } from "@/lib/train/model-spec";
import { disposeParams, snapshotParams } from "@/lib/train/params";
import { Random } from "@/lib/train/random";

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  expect(await tf.setBackend("wasm")).toBe(true);
});

/**
 * Points in the square [−1, 1]², labelled by the sign of x₁·x₂ (XOR: no
 * linear model beats chance, a small MLP separates it), from a seed.
 */
function xor(n: number, seed: number) {
  const r = new Random(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = r.float() * 2 - 1;
    x[2 * i + 1] = r.float() * 2 - 1;
    y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0;
  }
  return { x, y };
}

// Batches of 128 rows, so the WASM-only paths of lib/train/dense-grad.ts (blocked transpose) run, plus a last partial batch.
const spec = (seed: number) =>
  parseModelSpec({ kind: "mlp", hidden: [16, 16], dropout: 0.1, optimizer: { kind: "adam", learningRate: 0.02 }, batchSize: 128, epochs: 12, earlyStopping: null, seed });

async function run(seed: number) {
  const train = xor(2000, 1);
  const validation = xor(500, 2);
  const x = tf.tensor2d(train.x, [2000, 2]);
  const xv = tf.tensor2d(validation.x, [500, 2]);
  try {
    const result = await trainModel(
      tf,
      spec(seed),
      { task: "binary", classCount: 2, train: { x, y: train.y, w: new Float32Array(2000).fill(1) }, validation: { x: xv, y: validation.y } },
      new Random(seed),
    );
    const weights = await snapshotParams(result.params);
    disposeParams(result.params);
    return { curves: result.curves.map((c) => [c.train.loss, c.validation.loss, c.validation.metric]), weights };
  } finally {
    x.dispose();
    xv.dispose();
  }
}

describe("training on the WASM backend", () => {
  it("learns XOR, repeats a run exactly with the same seed, and differs with another", async () => {
    const before = tf.memory().numTensors;
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(b).toEqual(a);
    expect(c.curves).not.toEqual(a.curves);
    // Chance is 0.5; a linear model cannot beat it on XOR.
    expect(a.curves.at(-1)![2]).toBeGreaterThan(0.9);
    expect(tf.memory().numTensors).toBe(before);
  });
});
