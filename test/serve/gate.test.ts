import { beforeAll, describe, expect, it } from "vitest";
import { META } from "@/lib/onnx/export";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { GraphBuilder } from "@/lib/onnx/graph";
import { DataType, decodeModel, encodeModel } from "@/lib/onnx/proto";
import { runGate, DEFAULT_GATE } from "@/lib/serve/gate";
import { nodeGateRuntime } from "@/lib/serve/onnx-node";
import { exportedPenguinModel } from "./exported-model";

let exported: ExportCheckResult;

beforeAll(async () => {
  exported = await exportedPenguinModel();
});

const failed = (v: { checks: { name: string; passed: boolean }[] }) => v.checks.filter((c) => !c.passed).map((c) => c.name);

describe("the validation gate (onnxruntime-node)", () => {
  it.each(["fp32", "int8"] as const)("blesses an exported %s file that reproduces its reference batch", async (p) => {
    const { verdict, metadata } = await runGate(nodeGateRuntime, { bytes: exported.files[p], reference: exported.references[p], champion: null });
    expect(failed(verdict)).toEqual([]);
    expect(verdict.blessed).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual(["size", "parses", "operators", "interface", "loads", "reference", "champion"]);
    expect(metadata[META.runId]).toBe("run-1-20");
  });

  it("vetoes a truncated file: it does not parse, and the later checks say why they did not run", async () => {
    const { verdict } = await runGate(nodeGateRuntime, { bytes: exported.files.fp32.subarray(0, 100), reference: exported.references.fp32, champion: null });
    expect(verdict.blessed).toBe(false);
    expect(verdict.checks.find((c) => c.name === "parses")?.detail).toMatch(/^not an ONNX model/);
    expect(verdict.checks.find((c) => c.name === "reference")?.detail).toBe("not checked: the file does not parse");
  });

  it("vetoes a file over the size limit", async () => {
    const { verdict } = await runGate(nodeGateRuntime, { bytes: exported.files.fp32, reference: exported.references.fp32, champion: null }, { ...DEFAULT_GATE, maxBytes: 1000 });
    expect(failed(verdict)).toEqual(["size"]);
  });

  it("vetoes a model that does not reproduce the reference batch, naming the element", async () => {
    const ref = structuredClone(exported.references.fp32);
    const probs = ref.outputs.find((o) => o.name === "probabilities")!;
    probs.data[4] = (probs.data[4] as number) + 0.01;
    const { verdict } = await runGate(nodeGateRuntime, { bytes: exported.files.fp32, reference: ref, champion: null });
    expect(failed(verdict)).toEqual(["reference"]);
    expect(verdict.checks.find((c) => c.name === "reference")?.detail).toMatch(/^output "probabilities", element 4:/);
  });

  it("vetoes a model whose outputs do not match its metadata", async () => {
    const model = decodeModel(exported.files.fp32);
    model.metadata_props = model.metadata_props.map((p) => (p.key === META.classes ? { ...p, value: JSON.stringify(["Adelie", "Gentoo"]) } : p));
    const { verdict } = await runGate(nodeGateRuntime, { bytes: encodeModel(model), reference: exported.references.fp32, champion: null });
    expect(failed(verdict)).toEqual(["interface"]);
    expect(verdict.checks.find((c) => c.name === "interface")?.detail).toMatch(/3 columns but the metadata names 2 classes/);
  });

  it("vetoes operators Lathe does not export", async () => {
    const g = new GraphBuilder();
    g.output(g.node("Cos", [g.input("x", DataType.FLOAT, ["N", 1])]), "predicted_value", DataType.FLOAT, ["N", 1]);
    const bytes = encodeModel({ ir_version: 8, opset_import: [{ domain: "", version: 17 }], producer_name: "x", producer_version: "1", graph: g.graph("g"), metadata_props: [{ key: META.task, value: "regression" }, { key: META.inputs, value: JSON.stringify([{ name: "x", kind: "numeric", type: "float", width: 1 }]) }] });
    const reference = { inputs: [{ name: "x", shape: [1, 1], datatype: "FP32" as const, data: [0] }], outputs: [{ name: "predicted_value", shape: [1, 1], datatype: "FP32" as const, data: [1] }] };
    const { verdict } = await runGate(nodeGateRuntime, { bytes, reference, champion: null });
    expect(failed(verdict)).toEqual(["operators"]);
    expect(verdict.checks.find((c) => c.name === "operators")?.detail).toBe("not allowed: Cos");
  });

  it("vetoes a version clearly worse than the champion, and allows one within the tolerance", async () => {
    const meta = Object.fromEntries(decodeModel(exported.files.fp32).metadata_props.map((p) => [p.key, p.value]));
    const mine = JSON.parse(meta[META.metrics]).test.model.metric as number;
    const champion = (accuracy: number) => ({ ...meta, [META.metrics]: JSON.stringify({ test: { model: { metric: accuracy } } }) });
    const better = await runGate(nodeGateRuntime, { bytes: exported.files.fp32, reference: exported.references.fp32, champion: champion(mine + 0.05) });
    expect(failed(better.verdict)).toEqual(["champion"]);
    const close = await runGate(nodeGateRuntime, { bytes: exported.files.fp32, reference: exported.references.fp32, champion: champion(mine + 0.005) });
    expect(close.verdict.blessed).toBe(true);
  });
});
