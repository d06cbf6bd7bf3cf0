import type { GateCheck, GateVerdict, ReferenceBatch, TensorJson } from "@/lib/api/models";
import { META } from "@/lib/onnx/export";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { OUTPUTS } from "@/lib/onnx/model-graph";
import { decodeModel, type ModelProto } from "@/lib/onnx/proto";

/**
 * The validation gate every pushed version passes through before it can
 * receive traffic (bless or veto). Each rule is a named check with a reason
 * a person can act on; a version is blessed only when all pass, and a rule
 * that cannot run because an earlier one failed counts as failed.
 */

export interface GateOptions {
  maxBytes: number;
  /** Largest |Δ| for float outputs on the reference batch (relative above 1). */
  tolerance: number;
  /** How much worse than the champion's test metric a version may be: accuracy points (0.01 = 1), or RMSE relative (0.01 = 1 %). */
  metricTolerance: number;
}

export const DEFAULT_GATE: GateOptions = { maxBytes: 64 * 1024 * 1024, tolerance: 1e-4, metricTolerance: 0.01 };

/** What the gate asks of an ONNX runtime (onnxruntime-node on the server). */
export interface GateRuntime {
  load(bytes: Uint8Array): Promise<{ inputNames: readonly string[]; outputNames: readonly string[]; run(feeds: OnnxFeed[]): Promise<Record<string, { data: unknown }>>; release(): Promise<void> }>;
}

/** The operators Lathe's exporter writes (lib/onnx/), by domain; anything else is refused. */
export const ALLOWED_OPERATORS: Record<string, ReadonlySet<string>> = {
  "": new Set(["Add", "ArgMax", "Cast", "Concat", "Div", "DynamicQuantizeLinear", "Elu", "Equal", "Gather", "Identity", "IsNaN", "MatMul", "MatMulInteger", "Mul", "OneHot", "Relu", "Reshape", "Sigmoid", "Softmax", "Squeeze", "Sub", "Tanh", "Where"]),
  "ai.onnx.ml": new Set(["LabelEncoder"]),
};

export interface GateInput {
  bytes: Uint8Array;
  reference: ReferenceBatch;
  /** The champion's metadata, when the model has one. */
  champion: Record<string, string> | null;
}

export async function runGate(runtime: GateRuntime, input: GateInput, options: GateOptions = DEFAULT_GATE): Promise<{ verdict: GateVerdict; metadata: Record<string, string> }> {
  const checks: GateCheck[] = [];
  const check = (name: string, passed: boolean, detail: string) => checks.push({ name, passed, detail });
  const skip = (names: string[], why: string) => names.forEach((n) => check(n, false, `not checked: ${why}`));
  const LATER = ["operators", "interface", "loads", "reference", "champion"];

  check("size", input.bytes.byteLength <= options.maxBytes, `${input.bytes.byteLength} bytes (limit ${options.maxBytes})`);
  let model: ModelProto;
  try {
    model = decodeModel(input.bytes);
    if (!model.graph || model.graph.node.length === 0) throw new Error("it has no graph");
    check("parses", true, `IR ${model.ir_version}, ${model.graph.node.length} nodes`);
  } catch (e) {
    check("parses", false, `not an ONNX model: ${e instanceof Error ? e.message : String(e)}`);
    skip(LATER, "the file does not parse");
    return { verdict: verdictOf(checks), metadata: {} };
  }
  const metadata = Object.fromEntries(model.metadata_props.map((p) => [p.key, p.value]));

  const foreign = [...new Set(model.graph.node.filter((n) => !ALLOWED_OPERATORS[n.domain ?? ""]?.has(n.op_type)).map((n) => `${n.domain ? `${n.domain}.` : ""}${n.op_type}`))];
  check("operators", foreign.length === 0, foreign.length === 0 ? "only operators Lathe exports" : `not allowed: ${foreign.join(", ")}`);

  const iface = interfaceProblem(model, metadata);
  check("interface", iface === null, iface ?? "inputs and outputs match the metadata");

  let session: Awaited<ReturnType<GateRuntime["load"]>>;
  try {
    session = await runtime.load(input.bytes);
    check("loads", true, "onnxruntime-node opened it");
  } catch (e) {
    check("loads", false, `onnxruntime-node cannot open it: ${e instanceof Error ? e.message : String(e)}`);
    skip(["reference", "champion"], "the model does not load");
    return { verdict: verdictOf(checks), metadata };
  }
  try {
    const problem = await referenceProblem(session, input.reference, options.tolerance);
    check("reference", problem === null, problem ?? `reproduces the ${input.reference.inputs[0]?.shape[0] ?? 0} reference rows`);
  } catch (e) {
    check("reference", false, `running the reference batch failed: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await session.release();
  }
  const champ = championProblem(metadata, input.champion, options.metricTolerance);
  check("champion", champ.passed, champ.detail);
  return { verdict: verdictOf(checks), metadata };
}

function verdictOf(checks: GateCheck[]): GateVerdict {
  return { blessed: checks.every((c) => c.passed), checks };
}

/** The graph's inputs and outputs against lathe.inputs, lathe.task and lathe.classes; null when they agree. */
function interfaceProblem(model: ModelProto, meta: Record<string, string>): string | null {
  let schema: InputSchema[];
  let classes: string[];
  try {
    schema = JSON.parse(meta[META.inputs] ?? "null") as InputSchema[];
    classes = JSON.parse(meta[META.classes] ?? "[]") as string[];
    if (!Array.isArray(schema)) return `metadata ${META.inputs} is missing`;
  } catch {
    return "metadata is not readable JSON";
  }
  const dims = (v: ModelProto["graph"]["input"][number]) => v.type.tensor_type.shape.dim.map((d) => ("dim_value" in d && d.dim_value !== undefined ? d.dim_value : -1));
  const inputs = model.graph.input;
  if (inputs.length !== schema.length) return `the graph has ${inputs.length} inputs, the metadata lists ${schema.length}`;
  for (const s of schema) {
    const g = inputs.find((i) => i.name === s.name);
    if (!g) return `input "${s.name}" of the metadata is not in the graph`;
    const type = g.type.tensor_type.elem_type === 8 ? "string" : g.type.tensor_type.elem_type === 1 ? "float" : "other";
    if (type !== s.type) return `input "${s.name}" is ${type} in the graph, ${s.type} in the metadata`;
    if (dims(g)[1] !== s.width) return `input "${s.name}" has width ${dims(g)[1]} in the graph, ${s.width} in the metadata`;
  }
  const names = model.graph.output.map((o) => o.name).sort();
  const task = meta[META.task];
  if (task === "regression") return names.join() === OUTPUTS.value ? null : `a regression model must output ${OUTPUTS.value}; this one outputs ${names.join(", ")}`;
  if (task !== "binary" && task !== "multiclass") return `metadata ${META.task} is "${task ?? ""}"`;
  if (names.join() !== [OUTPUTS.label, OUTPUTS.probabilities].sort().join()) return `a classifier must output ${OUTPUTS.label} and ${OUTPUTS.probabilities}; this one outputs ${names.join(", ")}`;
  const probs = model.graph.output.find((o) => o.name === OUTPUTS.probabilities)!;
  const k = dims(probs)[1];
  if (k !== classes.length) return `${OUTPUTS.probabilities} has ${k} columns but the metadata names ${classes.length} classes`;
  return null;
}

function feedOf(t: TensorJson): OnnxFeed {
  const dims: [number, number] = [t.shape[0], t.shape.length > 1 ? t.shape[1] : 1];
  if (t.datatype === "BYTES") return { name: t.name, type: "string", dims, data: t.data.map((v) => String(v)) };
  return { name: t.name, type: "float32", dims, data: Float32Array.from(t.data, (v) => (v === null ? NaN : Number(v))) };
}

async function referenceProblem(session: Awaited<ReturnType<GateRuntime["load"]>>, ref: ReferenceBatch, tolerance: number): Promise<string | null> {
  const out = await session.run(ref.inputs.map(feedOf));
  for (const expected of ref.outputs) {
    const got = out[expected.name]?.data as ArrayLike<number | string> | undefined;
    if (!got) return `the model has no output "${expected.name}"`;
    if (got.length !== expected.data.length) return `output "${expected.name}": ${got.length} values, the reference has ${expected.data.length}`;
    for (let i = 0; i < got.length; i++) {
      const e = expected.data[i];
      const g = got[i];
      if (typeof e === "string" || typeof g === "string") {
        if (String(g) !== String(e)) return `output "${expected.name}", element ${i}: "${String(g)}", the reference says "${String(e)}"`;
        continue;
      }
      const want = e === null ? NaN : e;
      const diff = Number.isNaN(want) && Number.isNaN(g as number) ? 0 : Math.abs((g as number) - want) / Math.max(1, Math.abs(want));
      if (!(diff <= tolerance)) return `output "${expected.name}", element ${i}: ${String(g)}, the reference says ${String(e)} (tolerance ${tolerance})`;
    }
  }
  return null;
}

/** The test metric stored in a model's metadata (lathe.metrics: the run's scores), and its name. */
export function testMetric(meta: Record<string, string>): { name: "accuracy" | "rmse"; value: number } | null {
  try {
    const scores = JSON.parse(meta[META.metrics] ?? "null") as { test?: { model?: { metric?: unknown } } } | null;
    const value = scores?.test?.model?.metric;
    if (typeof value !== "number" || !Number.isFinite(value)) return null;
    return { name: meta[META.task] === "regression" ? "rmse" : "accuracy", value };
  } catch {
    return null;
  }
}

function championProblem(meta: Record<string, string>, champion: Record<string, string> | null, tolerance: number): { passed: boolean; detail: string } {
  if (champion === null) return { passed: true, detail: "no champion yet" };
  const mine = testMetric(meta);
  const theirs = testMetric(champion);
  if (!theirs) return { passed: true, detail: "the champion recorded no test metric" };
  if (!mine) return { passed: false, detail: "this version recorded no test metric to compare with the champion's" };
  if (mine.name !== theirs.name) return { passed: false, detail: `this version reports ${mine.name}, the champion ${theirs.name}` };
  if (mine.name === "accuracy") {
    const worse = theirs.value - mine.value;
    return { passed: worse <= tolerance, detail: `test accuracy ${mine.value.toFixed(4)} against the champion's ${theirs.value.toFixed(4)} (at most ${(tolerance * 100).toFixed(1)} points worse allowed)` };
  }
  const worse = (mine.value - theirs.value) / Math.max(theirs.value, Number.EPSILON);
  return { passed: worse <= tolerance, detail: `test RMSE ${mine.value.toFixed(4)} against the champion's ${theirs.value.toFixed(4)} (at most ${(tolerance * 100).toFixed(1)} % worse allowed)` };
}
