import { z } from "zod";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { ServeRequestError, quoteValue } from "./serve-error";

/**
 * The Open Inference Protocol (KServe / Triton "v2") REST shapes, and the
 * conversion between an infer request and the exported graph's feeds.
 * Reference: https://kserve.github.io/website/latest/modelserving/data_plane/v2_protocol/
 * Only the JSON tensor form is read; the binary-data extension is not.
 */

export const DATATYPES = ["BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES"] as const;
export type Datatype = (typeof DATATYPES)[number];

const INTEGER_TYPES: readonly string[] = ["UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32", "INT64"];
const NUMBER_TYPES: readonly string[] = [...INTEGER_TYPES, "FP16", "FP32", "FP64"];

const parameters = z.record(z.string(), z.unknown());

/** Tensor data, flat or nested row-major. null stands for NaN/±Infinity in a response, which JSON cannot carry. */
export type TensorData = (number | string | boolean | null | TensorData)[];
const tensorData: z.ZodType<TensorData> = z.array(z.union([z.number(), z.string(), z.boolean(), z.null(), z.lazy(() => tensorData)]));

// Request elements are z.unknown and the datatype a free string, so the checks
// below can name the input and element at fault instead of a zod path.
export const inferRequestSchema = z.object({
  id: z.string().optional(),
  parameters: parameters.optional(),
  inputs: z.array(z.object({ name: z.string(), shape: z.array(z.number()), datatype: z.string(), parameters: parameters.optional(), data: z.array(z.unknown()) })),
  outputs: z.array(z.object({ name: z.string(), parameters: parameters.optional() })).optional(),
});
export type InferRequest = z.infer<typeof inferRequestSchema>;
type RequestInput = InferRequest["inputs"][number];

export const inferResponseSchema = z.object({
  model_name: z.string(),
  model_version: z.string().optional(),
  id: z.string().optional(),
  parameters: parameters.optional(),
  outputs: z.array(z.object({ name: z.string(), shape: z.array(z.number().int().min(0)), datatype: z.enum(DATATYPES), parameters: parameters.optional(), data: tensorData })),
});
export type InferResponse = z.infer<typeof inferResponseSchema>;

const metadataTensor = z.object({ name: z.string(), datatype: z.enum(DATATYPES), shape: z.array(z.number().int().min(-1)) });
export const modelMetadataSchema = z.object({ name: z.string(), versions: z.array(z.string()).optional(), platform: z.string(), inputs: z.array(metadataTensor), outputs: z.array(metadataTensor) });
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;
export type MetadataTensor = z.infer<typeof metadataTensor>;

/**
 * The graph's feeds from an infer request, checked against the model's inputs.
 * Missing values: null, which becomes NaN for float inputs and
 * MISSING_CATEGORY for categorical ones. `wanted` is the outputs the request
 * asked for (deduplicated), or null for all of them (also when the list is empty).
 */
export function feedsFromInferRequest(
  body: unknown,
  schema: InputSchema[],
  limits: { maxRows: number },
): { id?: string; rows: number; feeds: OnnxFeed[]; wanted: string[] | null } {
  const parsed = inferRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    throw new ServeRequestError("invalid_request", `request${at}: ${issue.message}`);
  }
  const req = parsed.data;
  const known = new Set(schema.map((s) => s.name));
  const given = new Map<string, RequestInput>();
  for (const input of req.inputs) {
    if (!known.has(input.name)) throw new ServeRequestError("unknown_input", `input "${input.name}": not an input of this model; its inputs are ${listNames(schema.map((s) => s.name))}`);
    if (given.has(input.name)) throw new ServeRequestError("duplicate_input", `input "${input.name}": given more than once`);
    given.set(input.name, input);
  }
  const missing = schema.filter((s) => !given.has(s.name)).map((s) => s.name);
  if (missing.length > 0) throw new ServeRequestError("missing_input", `${missing.length === 1 ? "input" : "inputs"} missing from the request: ${listNames(missing)}`);

  let first: { name: string; rows: number } | null = null;
  const feeds = schema.map((s): OnnxFeed => {
    const input = given.get(s.name)!;
    checkDatatype(input, s);
    const rows = rowsOf(input, s, limits.maxRows);
    if (first && rows !== first.rows) throw new ServeRequestError("bad_shape", `input "${s.name}": ${rows} rows, but input "${first.name}" has ${first.rows}; every input needs the same number`);
    first ??= { name: s.name, rows };
    const flat = flatten(input);
    if (flat.length !== rows * s.width) throw new ServeRequestError("bad_shape", `input "${s.name}": ${flat.length} data elements, but shape [${input.shape.join(", ")}] holds ${rows * s.width}`);
    const where = (i: number) => (s.width === 1 ? `element ${i}` : `element ${i} (row ${Math.floor(i / s.width)}, ${s.parts ? `"${s.parts[i % s.width]}"` : `column ${i % s.width}`})`);
    if (s.type === "string") return { name: s.name, type: "string", dims: [rows, s.width], data: flat.map((v, i) => categoryOf(v, () => `input "${s.name}": ${where(i)}`)) };
    const data = new Float32Array(flat.length);
    flat.forEach((v, i) => (data[i] = numberOf(v, input.datatype, s.kind === "boolean", () => `input "${s.name}": ${where(i)}`)));
    return { name: s.name, type: "float32", dims: [rows, s.width], data };
  });
  const wanted = req.outputs && req.outputs.length > 0 ? [...new Set(req.outputs.map((o) => o.name))] : null;
  return { ...(req.id !== undefined ? { id: req.id } : {}), rows: feeds[0]?.dims[0] ?? 0, feeds, wanted };
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 8).map((n) => `"${n}"`).join(", ");
  return names.length > 8 ? `${shown} and ${names.length - 8} more` : shown;
}

function checkDatatype(input: RequestInput, s: InputSchema): void {
  const ok = s.type === "string" ? input.datatype === "BYTES" : NUMBER_TYPES.includes(input.datatype) || (s.kind === "boolean" && input.datatype === "BOOL");
  if (ok) return;
  const expected = s.type === "string" ? "BYTES" : s.kind === "boolean" ? "BOOL or a number type such as FP32" : "a number type such as FP32";
  throw new ServeRequestError("bad_datatype", `input "${s.name}": datatype ${quoteValue(input.datatype)}, expected ${expected} for a ${s.kind} input`);
}

/** N from a shape [N, width], or [N] when the width is 1. */
function rowsOf(input: RequestInput, s: InputSchema, maxRows: number): number {
  const shape = input.shape;
  const fits = shape.every((d) => Number.isInteger(d) && d >= 0) && (shape.length === 2 ? shape[1] === s.width : shape.length === 1 && s.width === 1);
  if (!fits) throw new ServeRequestError("bad_shape", `input "${s.name}": shape [${shape.join(", ")}], expected [N, ${s.width}]${s.width === 1 ? " or [N]" : ""}`);
  if (shape[0] === 0) throw new ServeRequestError("bad_shape", `input "${s.name}": shape [${shape.join(", ")}] has no rows; send at least one`);
  if (shape[0] > maxRows) throw new ServeRequestError("too_many_rows", `input "${s.name}": ${shape[0]} rows, more than this server's limit of ${maxRows}; split the request`);
  return shape[0];
}

/** Flat data as given, or nested data checked level by level against the shape and flattened row-major. */
function flatten(input: RequestInput): unknown[] {
  if (!input.data.some(Array.isArray)) return input.data;
  const out: unknown[] = [];
  const walk = (a: unknown, depth: number, at: string): void => {
    if (depth === input.shape.length) {
      if (Array.isArray(a)) throw new ServeRequestError("bad_shape", `input "${input.name}": data${at} is nested deeper than shape [${input.shape.join(", ")}]`);
      out.push(a);
      return;
    }
    if (!Array.isArray(a) || a.length !== input.shape[depth]) {
      const got = Array.isArray(a) ? `${a.length} elements` : quoteValue(a);
      throw new ServeRequestError("bad_shape", `input "${input.name}": data${at} is ${got}, expected an array of ${input.shape[depth]} for shape [${input.shape.join(", ")}]`);
    }
    a.forEach((v, i) => walk(v, depth + 1, `${at}[${i}]`));
  };
  walk(input.data, 0, "");
  return out;
}

function categoryOf(v: unknown, where: () => string): string {
  if (v === null) return MISSING_CATEGORY;
  if (typeof v === "string") return v;
  throw new ServeRequestError("bad_value", `${where()} is ${quoteValue(v)}, expected a string or null`);
}

/** A float element: null is missing (NaN); a boolean input takes true/false (BOOL) or 0/1. */
function numberOf(v: unknown, datatype: string, isBoolean: boolean, where: () => string): number {
  if (v === null) return NaN;
  if (datatype === "BOOL") {
    if (typeof v === "boolean") return v ? 1 : 0;
    throw new ServeRequestError("bad_value", `${where()} is ${quoteValue(v)}, expected true, false or null`);
  }
  if (typeof v !== "number") {
    // JSON has no NaN or Infinity; clients that write them as text mean "missing" or overflowed.
    const hint = typeof v === "string" && /^[-+]?(nan|inf(inity)?)$/i.test(v) ? "; send null for a missing value" : "";
    throw new ServeRequestError("bad_value", `${where()} is ${quoteValue(v)}, expected a number or null${hint}`);
  }
  if (!Number.isFinite(v)) throw new ServeRequestError("bad_value", `${where()} is ${v}, expected a finite number or null`);
  if (INTEGER_TYPES.includes(datatype) && (!Number.isInteger(v) || (datatype.startsWith("U") && v < 0))) {
    throw new ServeRequestError("bad_value", `${where()} is ${v}, not a valid ${datatype}`);
  }
  if (isBoolean && v !== 0 && v !== 1) throw new ServeRequestError("bad_value", `${where()} is ${v}, expected 1 (true), 0 (false) or null`);
  return v;
}

/** One output of a session run: onnxruntime's tensor data and dims. */
export interface OutputTensor {
  data: Float32Array | Float64Array | Int32Array | BigInt64Array | string[] | ArrayLike<number>;
  dims: readonly number[];
}

/**
 * The infer response for a session's outputs: only those the request asked
 * for, in its order, else all. int64 values become JSON numbers (exact up to
 * 2^53, far beyond a class index); NaN and ±Infinity become null.
 */
export function inferResponse(
  modelName: string,
  version: string | null | undefined,
  id: string | undefined,
  outputs: Record<string, OutputTensor>,
  wanted: string[] | null,
): InferResponse {
  const names = wanted ?? Object.keys(outputs);
  const unknown = names.filter((n) => !Object.hasOwn(outputs, n));
  if (unknown.length > 0) throw new ServeRequestError("unknown_output", `output "${unknown[0]}": not an output of this model; its outputs are ${listNames(Object.keys(outputs))}`);
  return {
    model_name: modelName,
    ...(version != null ? { model_version: version } : {}),
    ...(id !== undefined ? { id } : {}),
    outputs: names.map((name) => ({ name, shape: [...outputs[name].dims], ...encode(outputs[name].data) })),
  };
}

function encode(data: OutputTensor["data"]): { datatype: Datatype; data: TensorData } {
  if (data instanceof BigInt64Array) return { datatype: "INT64", data: Array.from(data, Number) };
  if (data instanceof Int32Array) return { datatype: "INT32", data: Array.from(data) };
  if (Array.isArray(data) && data.length > 0 && typeof data[0] === "string") return { datatype: "BYTES", data: [...(data as string[])] };
  const floats = Array.from(data as ArrayLike<number>, (v) => (Number.isFinite(v) ? v : null));
  return { datatype: data instanceof Float64Array ? "FP64" : "FP32", data: floats };
}

/**
 * The v2 model metadata reply. Inputs come from the schema (float inputs are
 * declared FP32, the graph's type, though requests may send any number type);
 * -1 stands for the batch dimension and any other symbolic one, e.g. "N".
 */
export function modelMetadata(
  name: string,
  versions: string[],
  schema: InputSchema[],
  outputs: { name: string; datatype: Datatype; shape: readonly (number | string)[] }[],
): ModelMetadata {
  return {
    name,
    versions,
    platform: "onnxruntime_onnx",
    inputs: schema.map((s) => ({ name: s.name, datatype: s.type === "string" ? "BYTES" : "FP32", shape: [-1, s.width] })),
    outputs: outputs.map((o) => ({ name: o.name, datatype: o.datatype, shape: o.shape.map((d) => (typeof d === "number" && d >= 0 ? d : -1)) })),
  };
}
