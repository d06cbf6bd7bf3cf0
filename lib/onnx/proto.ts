import protobuf from "protobufjs/light";

/**
 * The messages of ONNX's onnx.proto (ONNX 1.12+, IR version 8) that an
 * exported model uses, with the field numbers of the official schema, as a
 * protobufjs reflection root. Fields the exporter never writes (training
 * info, functions, sparse tensors, sequence and map types) are left out;
 * a reader skips unknown fields, so files written here are valid ONNX and
 * files written elsewhere still decode to what is declared below.
 */

const F = (id: number, type: string, rule?: "repeated") => (rule ? { id, type, rule } : { id, type });

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            ir_version: F(1, "int64"),
            opset_import: F(8, "OperatorSetIdProto", "repeated"),
            producer_name: F(2, "string"),
            producer_version: F(3, "string"),
            domain: F(4, "string"),
            model_version: F(5, "int64"),
            doc_string: F(6, "string"),
            graph: F(7, "GraphProto"),
            metadata_props: F(14, "StringStringEntryProto", "repeated"),
          },
        },
        OperatorSetIdProto: { fields: { domain: F(1, "string"), version: F(2, "int64") } },
        StringStringEntryProto: { fields: { key: F(1, "string"), value: F(2, "string") } },
        GraphProto: {
          fields: {
            node: F(1, "NodeProto", "repeated"),
            name: F(2, "string"),
            initializer: F(5, "TensorProto", "repeated"),
            doc_string: F(10, "string"),
            input: F(11, "ValueInfoProto", "repeated"),
            output: F(12, "ValueInfoProto", "repeated"),
            value_info: F(13, "ValueInfoProto", "repeated"),
          },
        },
        NodeProto: {
          fields: {
            input: F(1, "string", "repeated"),
            output: F(2, "string", "repeated"),
            name: F(3, "string"),
            op_type: F(4, "string"),
            domain: F(7, "string"),
            attribute: F(5, "AttributeProto", "repeated"),
            doc_string: F(6, "string"),
          },
        },
        AttributeProto: {
          fields: {
            name: F(1, "string"),
            doc_string: F(13, "string"),
            type: F(20, "AttributeType"),
            f: F(2, "float"),
            i: F(3, "int64"),
            s: F(4, "bytes"),
            t: F(5, "TensorProto"),
            floats: F(7, "float", "repeated"),
            ints: F(8, "int64", "repeated"),
            strings: F(9, "bytes", "repeated"),
          },
          nested: {
            AttributeType: {
              values: { UNDEFINED: 0, FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, GRAPH: 5, FLOATS: 6, INTS: 7, STRINGS: 8, TENSORS: 9, GRAPHS: 10 },
            },
          },
        },
        ValueInfoProto: { fields: { name: F(1, "string"), type: F(2, "TypeProto"), doc_string: F(3, "string") } },
        TypeProto: {
          fields: { tensor_type: F(1, "Tensor"), denotation: F(6, "string") },
          nested: { Tensor: { fields: { elem_type: F(1, "int32"), shape: F(2, "TensorShapeProto") } } },
        },
        TensorShapeProto: {
          fields: { dim: F(1, "Dimension", "repeated") },
          nested: { Dimension: { fields: { dim_value: F(1, "int64"), dim_param: F(2, "string"), denotation: F(3, "string") } } },
        },
        TensorProto: {
          fields: {
            dims: F(1, "int64", "repeated"),
            data_type: F(2, "int32"),
            float_data: F(4, "float", "repeated"),
            int32_data: F(5, "int32", "repeated"),
            string_data: F(6, "bytes", "repeated"),
            int64_data: F(7, "int64", "repeated"),
            name: F(8, "string"),
            raw_data: F(9, "bytes"),
            double_data: F(10, "double", "repeated"),
            doc_string: F(12, "string"),
          },
        },
      },
    },
  },
};

/** TensorProto.DataType values (onnx.proto). */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7, STRINGS: 8 } as const;

const root = protobuf.Root.fromJSON(descriptor);
const Model = root.lookupType("onnx.ModelProto");

export interface TensorProto {
  name: string;
  dims: number[];
  data_type: DataTypeCode;
  /** Little-endian bytes of a numeric tensor. */
  raw_data?: Uint8Array;
  /** UTF-8 bytes of each element of a string tensor. */
  string_data?: Uint8Array[];
}

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name?: string;
  op_type: string;
  domain?: string;
  attribute: AttributeProto[];
}

export interface ValueInfoProto {
  name: string;
  type: { tensor_type: { elem_type: DataTypeCode; shape: { dim: ({ dim_value: number } | { dim_param: string })[] } } };
  doc_string?: string;
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
  doc_string?: string;
}

export interface ModelProto {
  ir_version: number;
  opset_import: { domain: string; version: number }[];
  producer_name: string;
  producer_version: string;
  model_version?: number;
  doc_string?: string;
  graph: GraphProto;
  metadata_props: { key: string; value: string }[];
}

export function encodeModel(model: ModelProto): Uint8Array {
  const err = Model.verify(model);
  if (err) throw new Error(`ONNX model does not fit onnx.proto: ${err}`);
  return Model.encode(Model.fromObject(model)).finish();
}

/** Decodes an ONNX file: int64 fields come back as numbers, bytes as Uint8Array (a Buffer in Node), absent repeated fields as []. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  const message = Model.decode(bytes);
  return Model.toObject(message, { longs: Number, arrays: true, defaults: false }) as ModelProto;
}
