import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { batchLoss } from "@/lib/train/forward";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const loss = async (task: "binary" | "multiclass" | "regression", logits: number[][], y: number[], w: number[], k: number) =>
  (await batchLoss(tf, task, tf.tensor2d(logits), tf.tensor1d(y), tf.tensor1d(w), k).data())[0];

describe("batch loss against hand-worked values", () => {
  it("softmax cross-entropy is log Σ e^z − z_y, weighted by row, and stays finite for confident logits", async () => {
    // Row 1: z = (2, 1, 0), y = 0: log(e² + e + 1) − 2 = 0.40760596. Row 2: z = (0, 0, 0), y = 2: log 3 = 1.09861229.
    // Weights 1 and 3: (0.40760596 + 3 · 1.09861229) / 4 = 0.92586071.
    expect(await loss("multiclass", [[2, 1, 0], [0, 0, 0]], [0, 2], [1, 3], 3)).toBeCloseTo(0.92586071, 5);
    // A probability that underflows float32 (e^−200) must not turn the loss into NaN: the true class
    // costs ≈ 0 and a wrong one ≈ 200.
    expect(await loss("multiclass", [[100, -100, 0]], [0], [1], 3)).toBeCloseTo(0, 5);
    expect(await loss("multiclass", [[100, -100, 0]], [1], [1], 3)).toBeCloseTo(200, 3);
  });

  it("binary cross-entropy on one logit, in its stable form", async () => {
    // z = 0: log 2 = 0.69314718 for either label; z = 3, y = 1: log(1 + e^−3) = 0.04858735; z = −50, y = 1: 50 (+ e^−50).
    expect(await loss("binary", [[0], [3]], [0, 1], [1, 1], 1)).toBeCloseTo((0.69314718 + 0.04858735) / 2, 6);
    expect(await loss("binary", [[-50]], [1], [1], 1)).toBeCloseTo(50, 4);
  });

  it("squared error for regression, weighted", async () => {
    // Errors 1 and 2, weights 1 and 1: (1 + 4) / 2 = 2.5.
    expect(await loss("regression", [[1], [2]], [0, 0], [1, 1], 1)).toBeCloseTo(2.5, 6);
  });
});
