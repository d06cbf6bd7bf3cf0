import { compileFeaturesToOnnx } from "@/lib/features/compile-onnx";
import type { FittedFeatureSpec } from "@/lib/features/spec";
import type { ModelSpec, Task } from "@/lib/train/model-spec";
import type { ParamsSnapshot } from "@/lib/train/params";
import { GraphBuilder } from "./graph";
import { DataType } from "./proto";
import { quantizePerColumn } from "./quantize";

/** What an export needs of a finished run. */
export interface ExportableModel {
  task: Task;
  /** Class names in output order (classification); null for regression. */
  classes: string[] | null;
  activation: ModelSpec["activation"];
  fitted: FittedFeatureSpec;
  weights: ParamsSnapshot;
  /** Regression: value = output · scale + offset. */
  targetScale: { offset: number; scale: number } | null;
}

export type Precision = "fp32" | "int8";

/** Graph output names, fixed so clients and the parity check can rely on them. */
export const OUTPUTS = { label: "predicted_label", probabilities: "probabilities", value: "predicted_value" } as const;

/**
 * The whole graph: raw columns → fitted features → dense layers → the
 * task's head. Dense layers are MatMul + Add in fp32; in int8 each weight
 * matrix is stored quantized per output column and multiplied by
 * MatMulInteger on dynamically quantized activations, the pattern
 * onnxruntime's dynamic quantizer emits. Biases and the head stay fp32.
 *
 * Heads: binary → probabilities [N, 2] = [1 − σ(z), σ(z)] and label = the
 * class with the larger one (class 0 on a tie, as training's z > 0 rule);
 * multiclass → softmax [N, K] and its argmax; regression → value [N].
 */
export function buildModelGraph(g: GraphBuilder, m: ExportableModel, precision: Precision): void {
  checkShapes(m);
  let h = compileFeaturesToOnnx(g, m.fitted);
  const last = m.weights.layers.length - 1;
  m.weights.layers.forEach((layer, l) => {
    const z = precision === "int8" ? denseInt8(g, h, layer) : denseFp32(g, h, layer);
    h = l === last ? z : activate(g, m.activation, z);
  });
  if (m.task === "regression") {
    const s = m.targetScale ?? { offset: 0, scale: 1 };
    const v = g.node("Add", [g.node("Mul", [h, g.floats([1], [s.scale])]), g.floats([1], [s.offset])]);
    g.output(g.node("Reshape", [v, g.int64s([1], [-1])]), OUTPUTS.value, DataType.FLOAT, ["N"], "predicted value");
    return;
  }
  const classes = m.classes ?? [];
  let probs: string;
  if (m.task === "binary") {
    const p = g.node("Sigmoid", [h]);
    probs = g.node("Concat", [g.node("Sub", [g.floats([1], [1]), p]), p], { axis: 1 });
  } else {
    probs = g.node("Softmax", [h], { axis: 1 });
  }
  const arg = g.node("ArgMax", [probs], { axis: 1, keepdims: 0 });
  g.output(g.node("Gather", [g.strings([classes.length], classes), arg], { axis: 0 }), OUTPUTS.label, DataType.STRING, ["N"], "predicted class");
  g.output(probs, OUTPUTS.probabilities, DataType.FLOAT, ["N", classes.length], `class probabilities, columns in the order ${classes.join(", ")}`);
}

type Layer = ParamsSnapshot["layers"][number];

function denseFp32(g: GraphBuilder, x: string, layer: Layer): string {
  const w = g.floats([layer.inputs, layer.outputs], layer.weights);
  return g.node("Add", [g.node("MatMul", [x, w]), g.floats([layer.outputs], layer.bias)]);
}

/**
 * x·W ≈ (x_q − x_zp)·q · (x_scale · w_scale_j) + b; MatMulInteger subtracts
 * the activation's zero point itself. onnxruntime fuses the chain into one
 * DynamicQuantizeMatMul kernel when it optimizes the graph.
 */
function denseInt8(g: GraphBuilder, x: string, layer: Layer): string {
  const q = quantizePerColumn(layer.weights, layer.inputs, layer.outputs);
  const [xq, xScale, xZero] = g.nodeN("DynamicQuantizeLinear", [x], 3);
  const acc = g.node("MatMulInteger", [xq, g.int8s([q.rows, q.cols], q.values), xZero]);
  const scale = g.node("Mul", [xScale, g.floats([q.cols], q.scales)]);
  const z = g.node("Mul", [g.node("Cast", [acc], { to: DataType.FLOAT }), scale]);
  return g.node("Add", [z, g.floats([layer.outputs], layer.bias)]);
}

/** The same functions as training's forward pass (lib/train/forward.ts); TF.js's elu has alpha 1, ONNX's default. */
function activate(g: GraphBuilder, f: ModelSpec["activation"], z: string): string {
  const op = { relu: "Relu", tanh: "Tanh", sigmoid: "Sigmoid", elu: "Elu" }[f];
  return g.node(op, [z]);
}

function checkShapes(m: ExportableModel): void {
  const layers = m.weights.layers;
  if (layers.length === 0) throw new Error("export: the run has no layers");
  if (layers[0].inputs !== m.fitted.outputs.length) throw new Error(`export: the first layer takes ${layers[0].inputs} inputs but the features make ${m.fitted.outputs.length}`);
  layers.forEach((layer, l) => {
    if (layer.weights.length !== layer.inputs * layer.outputs || layer.bias.length !== layer.outputs) throw new Error(`export: layer ${l} has weights of the wrong size`);
    if (l > 0 && layer.inputs !== layers[l - 1].outputs) throw new Error(`export: layer ${l} does not follow layer ${l - 1}`);
  });
  const clash = m.fitted.columns.find((c) => (Object.values(OUTPUTS) as string[]).includes(c.name));
  if (clash) throw new Error(`export: the feature "${clash.name}" has the name of a model output; rename the column in the query (… AS ${clash.name}_in) and train again`);
  const units = layers[layers.length - 1].outputs;
  const want = m.task === "multiclass" ? (m.classes?.length ?? 0) : 1;
  if (units !== want) throw new Error(`export: the output layer has ${units} units; a ${m.task} model over ${m.classes?.length ?? 0} classes needs ${want}`);
  if (m.task !== "regression" && (m.classes === null || m.classes.length < 2)) throw new Error("export: a classifier needs its class names");
}
