import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { FlatAdam } from "@/lib/train/adam";

beforeAll(() => {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
});

/** mulberry32, for the test's own values. */
function uniform(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES: number[][] = [[8, 64], [64, 64], [64, 1], [64], [64], [1]];

/**
 * The reference is tf.train.adam itself: the flat update must give the same
 * float32 weights, bit for bit, step after step (the same ops on the same
 * values; only the layout differs). Gradients span several magnitudes, and
 * some are exactly zero, where ε decides the step.
 */
describe.each(["cpu", "wasm"])("flat Adam on the %s backend", (backend) => {
  it("equals tf.train.adam exactly over 25 steps", async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    const r = uniform(3);
    const init = SHAPES.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => r() - 0.5));
    const make = (tag: string) => SHAPES.map((s, i) => tf.variable(tf.tensor(init[i], s), true, `${backend}_${tag}_${i}`));
    const ours = make("flat");
    const theirs = make("tfjs");
    const flat = new FlatAdam(tf, ours, 0.01);
    const reference = tf.train.adam(0.01);
    for (let step = 0; step < 25; step++) {
      const grads = SHAPES.map((s) => tf.tensor(Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => (r() < 0.1 ? 0 : (r() - 0.5) * 10 ** Math.floor(r() * 6 - 3))), s));
      flat.applyGradients(grads);
      reference.applyGradients(theirs.map((v, i) => ({ name: v.name, tensor: grads[i] })));
      tf.dispose(grads);
    }
    for (let i = 0; i < SHAPES.length; i++) expect(Array.from(await ours[i].data())).toEqual(Array.from(await theirs[i].data()));
    // The weights did move: an update that did nothing would pass the comparison too.
    expect(Array.from(await ours[0].data())).not.toEqual(Array.from(init[0]));
    flat.dispose();
    reference.dispose();
    tf.dispose([...ours, ...theirs]);
  });
});
