import { describe, expect, it } from "vitest";
import * as ort from "onnxruntime-node";
import type { FittedFeatureSpec } from "@/lib/features/spec";
import { exportOnnx } from "@/lib/onnx/export";
import { OUTPUTS, type ExportableModel } from "@/lib/onnx/model-graph";
import { runOnnx } from "./ort-node";

/*
 * Every node the model builder emits, on inputs small enough to work by hand.
 * Features pass through unchanged (no scaling, fill 0), so the dense layers
 * see x as given.
 */

const passThrough = (names: string[]): FittedFeatureSpec => ({
  version: 1,
  spec: { columns: names.map((name) => ({ name, kind: "numeric" as const, impute: { strategy: "constant" as const, value: 0 }, scale: "none" as const })) },
  columns: names.map((name) => ({ name, kind: "numeric" as const, fill: 0, scale: { method: "none" as const } })),
  outputs: names.map((name) => ({ name, column: name })),
});

const lineage = { runId: "r", runName: "r", datasetName: "d", datasetFingerprint: null, labelSnapshot: null, appVersion: "t", metrics: null, featureStats: { rows: 0, inputs: [] } };

function model(over: Partial<ExportableModel>): ExportableModel {
  return { task: "regression", classes: null, activation: "relu", fitted: passThrough(["a", "b"]), weights: { layers: [{ inputs: 2, outputs: 1, weights: [1, 2], bias: [0.5] }] }, targetScale: null, ...over };
}

async function run(m: ExportableModel, a: number[], b: number[], precision: "fp32" | "int8" = "fp32") {
  const n = a.length;
  return runOnnx(exportOnnx(m, precision, lineage), { a: new ort.Tensor("float32", Float32Array.from(a), [n, 1]), b: new ort.Tensor("float32", Float32Array.from(b), [n, 1]) });
}

const close = (actual: ArrayLike<number>, expected: number[], tol = 1e-6) =>
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e), `element ${i}: ${actual[i]} vs ${e}`).toBeLessThan(tol));

describe("model graph nodes in onnxruntime-node", () => {
  it("MatMul + Add, then the regression head's Mul/Add by the target scale and Reshape to [N]", async () => {
    // z = 1·a + 2·b + 0.5; value = z · 10 + 100. Rows (1, 1) → 3.5 → 135; (−1, 0.25) → 0 → 100; a missing (NaN → fill 0) with b = 2 → 4.5 → 145.
    const out = await run(model({ targetScale: { offset: 100, scale: 10 } }), [1, -1, NaN], [1, 0.25, 2]);
    expect(out[OUTPUTS.value].dims).toEqual([3]);
    close(out[OUTPUTS.value].data as Float32Array, [135, 100, 145], 1e-4);
  });

  it("binary head: probabilities [1 − σ(z), σ(z)], label by the larger, class 0 on a tie", async () => {
    // z = 3.5 → σ = 1 / (1 + e^−3.5) = 0.9706877692; z = 0 → 0.5 exactly (a tie → "no"); z = −2.5 → 0.0758581800.
    const m = model({ task: "binary", classes: ["no", "yes"] });
    const out = await run(m, [1, -0.5, -1.5], [1, 0, -0.75]);
    close(out[OUTPUTS.probabilities].data as Float32Array, [1 - 0.9706877692, 0.9706877692, 0.5, 0.5, 1 - 0.07585818, 0.07585818]);
    expect(Array.from(out[OUTPUTS.label].data as string[])).toEqual(["yes", "no", "no"]);
  });

  it("multiclass head: Softmax over the logits and the argmax's class name", async () => {
    // W = I, b = (0, 0, 1): logits for (a, b) = (2, 0) are (2, 0, 1); softmax = e^(2,0,1) / (e² + 1 + e) = (0.6652409558, 0.0900305732, 0.2447284711).
    const m = model({ task: "multiclass", classes: ["x", "y", "z"], weights: { layers: [{ inputs: 2, outputs: 3, weights: [1, 0, 0, 0, 1, 0], bias: [0, 0, 1] }] } });
    const out = await run(m, [2, 0], [0, 3]);
    close((out[OUTPUTS.probabilities].data as Float32Array).subarray(0, 3), [0.6652409558, 0.0900305732, 0.2447284711]);
    // (0, 3): logits (0, 3, 1): the largest is y.
    expect(Array.from(out[OUTPUTS.label].data as string[])).toEqual(["x", "y"]);
  });

  it.each([
    // Hidden layer h = f(a − b) with one unit, output = h. a − b = −1 and 2.
    ["relu", [0, 2]],
    ["tanh", [Math.tanh(-1), Math.tanh(2)]],
    ["sigmoid", [1 / (1 + Math.E), 1 / (1 + Math.exp(-2))]],
    // TF.js elu (alpha 1): e^x − 1 below 0.
    ["elu", [Math.exp(-1) - 1, 2]],
  ] as const)("hidden activation %s", async (activation, expected) => {
    const m = model({ activation, weights: { layers: [{ inputs: 2, outputs: 1, weights: [1, -1], bias: [0] }, { inputs: 1, outputs: 1, weights: [1], bias: [0] }] } });
    close((await run(m, [0, 3], [1, 1]))[OUTPUTS.value].data as Float32Array, [...expected]);
  });

  it("int8: DynamicQuantizeLinear + MatMulInteger + rescale reproduces exactly representable products", async () => {
    // Weights (127, −127) / 127 = (1, −1) quantize with scale 1/127 exactly. Inputs 0…255 / 255·k quantize exactly with
    // x_scale = max/255 and zero point 0 (DynamicQuantizeLinear includes 0 in the range). So z = a − b is exact up to float32 rounding.
    const m = model({ weights: { layers: [{ inputs: 2, outputs: 1, weights: [1, -1], bias: [0.25] }] } });
    const a = [0, 255, 100, 51];
    const b = [255, 0, 50, 51];
    close((await run(m, a, b, "int8"))[OUTPUTS.value].data as Float32Array, [-254.75, 255.25, 50.25, 0.25], 1e-3);
  });
});
