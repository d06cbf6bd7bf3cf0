import { AttributeType, DataType, type AttributeProto, type DataTypeCode, type GraphProto, type NodeProto, type TensorProto, type ValueInfoProto } from "./proto";

/**
 * Builds an ONNX graph node by node. Intermediate values are named "~1",
 * "~2", …: short, because a small model's names can outweigh its int8
 * weights, and a raw column named like that is refused. Nodes are unnamed
 * (the field is optional). Constants go in as initializers. The builder only
 * assembles; what the nodes compute is decided by the compilers that call it
 * (lib/features/compile-onnx.ts, model-graph.ts).
 */

export type AttrValue = number | string | number[] | string[] | { float: number } | { floats: number[] } | { tensor: TensorProto };

/** A dimension: a fixed size or a named symbolic one ("N" for the batch). */
export type Dim = number | string;

const utf8 = new TextEncoder();

export const ML_DOMAIN = "ai.onnx.ml";

export class GraphBuilder {
  readonly nodes: NodeProto[] = [];
  readonly initializers: TensorProto[] = [];
  readonly inputs: ValueInfoProto[] = [];
  readonly outputs: ValueInfoProto[] = [];
  private count = 0;

  /** A fresh intermediate name. */
  name(): string {
    return `~${(++this.count).toString(36)}`;
  }

  input(name: string, type: DataTypeCode, dims: Dim[], doc?: string): string {
    if (this.inputs.some((i) => i.name === name)) throw new Error(`ONNX graph: input "${name}" declared twice`);
    if (/^~[0-9a-z]+$/.test(name)) throw new Error(`ONNX graph: the input name "${name}" is reserved for intermediate values; rename the column`);
    this.inputs.push(valueInfo(name, type, dims, doc));
    return name;
  }

  /** Declares `value` a graph output under `name`, through an Identity when the names differ. */
  output(value: string, name: string, type: DataTypeCode, dims: Dim[], doc?: string): void {
    if (value !== name) this.node("Identity", [value], {}, { outputs: [name] });
    this.outputs.push(valueInfo(name, type, dims, doc));
  }

  /** One node; returns its first output's name. */
  node(op: string, inputs: string[], attrs: Record<string, AttrValue> = {}, opts: { domain?: string; outputs?: string[] } = {}): string {
    const outputs = opts.outputs ?? [this.name()];
    this.nodes.push({
      input: inputs,
      output: outputs,
      op_type: op,
      ...(opts.domain ? { domain: opts.domain } : {}),
      attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
    });
    return outputs[0];
  }

  /** Several outputs of one node (e.g. DynamicQuantizeLinear's y, scale, zero point). */
  nodeN(op: string, inputs: string[], outputCount: number, attrs: Record<string, AttrValue> = {}): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.name());
    this.node(op, inputs, attrs, { outputs });
    return outputs;
  }

  floats(dims: number[], values: ArrayLike<number>): string {
    return this.constant(dims, DataType.FLOAT, new Uint8Array(Float32Array.from(values).buffer));
  }

  int64s(dims: number[], values: ArrayLike<number>): string {
    return this.constant(dims, DataType.INT64, new Uint8Array(BigInt64Array.from(Array.from(values, (v) => BigInt(v))).buffer));
  }

  int8s(dims: number[], values: Int8Array): string {
    return this.constant(dims, DataType.INT8, new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }

  strings(dims: number[], values: string[]): string {
    const name = this.name();
    this.initializers.push({ name, dims, data_type: DataType.STRING, string_data: values.map((v) => utf8.encode(v)) });
    return name;
  }

  private constant(dims: number[], type: DataTypeCode, raw: Uint8Array): string {
    const name = this.name();
    // raw_data is little-endian by the ONNX spec; typed arrays are in the platform's order, little-endian on every platform we run.
    this.initializers.push({ name, dims, data_type: type, raw_data: raw });
    return name;
  }

  graph(name: string, doc?: string): GraphProto {
    return { name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs, ...(doc ? { doc_string: doc } : {}) };
  }
}

function valueInfo(name: string, type: DataTypeCode, dims: Dim[], doc?: string): ValueInfoProto {
  return {
    name,
    type: { tensor_type: { elem_type: type, shape: { dim: dims.map((d) => (typeof d === "number" ? { dim_value: d } : { dim_param: d })) } } },
    ...(doc ? { doc_string: doc } : {}),
  };
}

function attribute(name: string, v: AttrValue): AttributeProto {
  if (typeof v === "number") {
    if (!Number.isInteger(v)) throw new Error(`ONNX attribute ${name}: ${v} is not an integer; pass { float: ${v} }`);
    return { name, type: AttributeType.INT, i: v };
  }
  if (typeof v === "string") return { name, type: AttributeType.STRING, s: utf8.encode(v) };
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === "string")) return { name, type: AttributeType.STRINGS, strings: (v as string[]).map((x) => utf8.encode(x)) };
    return { name, type: AttributeType.INTS, ints: v as number[] };
  }
  if ("float" in v) return { name, type: AttributeType.FLOAT, f: v.float };
  if ("floats" in v) return { name, type: AttributeType.FLOATS, floats: v.floats };
  return { name, type: AttributeType.TENSOR, t: v.tensor };
}
