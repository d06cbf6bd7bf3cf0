import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { beforeAll, describe, expect, it } from "vitest";
import { inputGradient, paramGradients } from "@/lib/train/dense-grad";

beforeAll(() => {
  const require = createRequire(import.meta.url);
  setWasmPaths(path.join(path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + path.sep);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
});

/** Integer-valued entries in [−3, 3], so every float32 product and sum here is exact and so is the reference. */
function matrix(rows: number, cols: number, seed: number): number[][] {
  let s = seed;
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => ((s = (s * 1103515245 + 12345) % 2147483648), (s % 7) - 3)));
}

const refAT = (h: number[][], dz: number[][]) => h[0].map((_, i) => dz[0].map((__, j) => h.reduce((t, row, r) => t + row[i] * dz[r][j], 0)));
const refColumnSums = (dz: number[][]) => dz[0].map((_, j) => dz.reduce((t, row) => t + row[j], 0));
const refBT = (dz: number[][], w: number[][]) => dz.map((row) => w.map((wr) => row.reduce((t, v, k) => t + v * wr[k], 0)));

// Shapes training meets: full batches of 512 (blocked transpose on WASM), a last partial batch, fewer inputs
// than units (h packed) and more (dz packed), one output unit, softmax's few classes.
const PARAM_CASES: [rows: number, m: number, n: number][] = [
  [512, 64, 64],
  [512, 8, 64],
  [224, 8, 64],
  [224, 64, 64],
  [512, 64, 1],
  [512, 64, 3],
  [64, 64, 3],
  [512, 1, 5],
];
const INPUT_CASES: [rows: number, n: number, m: number][] = [
  [512, 64, 64],
  [224, 8, 64],
  [512, 1, 64],
];

describe.each(["wasm", "cpu"])("dense-layer gradients on the %s backend, against exact sums", (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(PARAM_CASES)("hᵀ·dz and Σ dz for h [%i, %i] and dz [·, %i]", (rows, m, n) => {
    const h = matrix(rows, m, 1);
    const dz = matrix(rows, n, 2);
    const [dw, db] = tf.tidy(() => {
      const g = paramGradients(tf, tf.tensor2d(h), tf.tensor2d(dz));
      expect(g.dw.shape).toEqual([m, n]);
      return [g.dw.arraySync(), g.db.arraySync()];
    });
    expect(dw).toEqual(refAT(h, dz));
    expect(db).toEqual(refColumnSums(dz));
  });

  it.each(INPUT_CASES)("dz·Wᵀ for dz [%i, %i] and W [%i, ·]", (rows, n, m) => {
    const dz = matrix(rows, n, 3);
    const w = matrix(m, n, 4);
    expect(tf.tidy(() => inputGradient(tf, tf.tensor2d(dz), tf.tensor2d(w)).arraySync())).toEqual(refBT(dz, w));
  });

  it("dz·Wᵀ for a one-column W that already served as a forward product's weights", () => {
    // XNNPACK's operator for a product is cached on the right operand's tensor id, not its shape:
    // a reshape of W as the right operand would silently reuse the forward pass's [64, 1] operator.
    const h = matrix(512, 64, 6);
    const dz = matrix(512, 1, 7);
    const w = matrix(64, 1, 8);
    const got = tf.tidy(() => {
      const wt = tf.tensor2d(w);
      tf.matMul(tf.tensor2d(h), wt).dataSync();
      return inputGradient(tf, tf.tensor2d(dz), wt).arraySync();
    });
    expect(got).toEqual(refBT(dz, w));
  });
});
