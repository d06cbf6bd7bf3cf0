import { describe, expect, it } from "vitest";
import { GraphBuilder } from "@/lib/onnx/graph";
import { DataType, decodeModel, encodeModel, type ModelProto } from "@/lib/onnx/proto";

function sample(): ModelProto {
  const g = new GraphBuilder();
  const x = g.input("x", DataType.FLOAT, ["N", 2]);
  const y = g.node("Add", [x, g.floats([2], [0.5, -1.25])]);
  g.node("LabelEncoder", [g.input("s", DataType.STRING, ["N", 1])], { keys_strings: ["a", "é"], values_int64s: [0, 1], default_int64: 2 }, { domain: "ai.onnx.ml" });
  g.node("Elu", [y], { alpha: { float: 0.5 } });
  g.strings([2], ["a", "日本"]);
  g.int64s([2], [-1, 2 ** 40]);
  g.output(y, "y", DataType.FLOAT, ["N", 2]);
  return { ir_version: 8, opset_import: [{ domain: "", version: 17 }], producer_name: "lathe", producer_version: "1", graph: g.graph("g"), metadata_props: [{ key: "k", value: "v ✓" }] };
}

describe("ONNX protobuf", () => {
  it("round-trips a model through bytes: nodes, attributes, initializers, shapes, metadata", () => {
    const m = sample();
    const back = decodeModel(encodeModel(m));
    expect(back.ir_version).toBe(8);
    expect(back.metadata_props).toEqual([{ key: "k", value: "v ✓" }]);
    expect(back.graph.input.map((i) => i.name)).toEqual(["x", "s"]);
    expect(back.graph.input[0].type.tensor_type.shape.dim).toEqual([{ dim_param: "N" }, { dim_value: 2 }]);
    expect(back.graph.node.map((n) => n.op_type)).toEqual(["Add", "LabelEncoder", "Elu", "Identity"]);
    const le = back.graph.node[1];
    expect(le.domain).toBe("ai.onnx.ml");
    expect(le.attribute.find((a) => a.name === "keys_strings")?.strings?.map((s) => new TextDecoder().decode(s))).toEqual(["a", "é"]);
    expect(le.attribute.find((a) => a.name === "values_int64s")?.ints).toEqual([0, 1]);
    expect(back.graph.node[2].attribute[0].f).toBe(0.5);
    const [b, names, big] = back.graph.initializer;
    expect(Array.from(new Float32Array(new Uint8Array(b.raw_data!).buffer))).toEqual([0.5, -1.25]);
    expect(names.string_data!.map((s) => new TextDecoder().decode(s))).toEqual(["a", "日本"]);
    expect(Array.from(new BigInt64Array(new Uint8Array(big.raw_data!).buffer))).toEqual([-1n, 2n ** 40n]);
    // Encoding what was decoded gives the same bytes.
    expect(Buffer.from(encodeModel(back)).equals(Buffer.from(encodeModel(m)))).toBe(true);
  });

  it("the field numbers are ONNX's: ir_version is field 1 (varint) and graph field 7 (length-delimited)", () => {
    const bytes = encodeModel(sample());
    // First byte: tag of field 1, wire type 0 = (1 << 3) | 0 = 0x08, then 8.
    expect([bytes[0], bytes[1]]).toEqual([0x08, 8]);
    // The graph is written with tag (7 << 3) | 2 = 0x3a.
    expect(bytes.includes(0x3a)).toBe(true);
  });

  it("refuses a message that does not fit the schema", () => {
    const m = sample() as unknown as { ir_version: unknown };
    m.ir_version = "eight";
    expect(() => encodeModel(m as unknown as ModelProto)).toThrow(/does not fit onnx.proto/);
  });
});
