import type { ReferenceBatch, TensorJson } from "@/lib/api/models";
import type { OnnxFeed } from "./inputs";

/** Rows a pushed model must reproduce at the registry's gate. */
export const REFERENCE_ROWS = 32;

/**
 * The reference batch of a push: the first rows' inputs as the model takes
 * them and the outputs the browser's onnxruntime-web gave for them, in the
 * v2 protocol's tensor form. NaN (a missing number) travels as null.
 */
export function referenceBatch(feeds: OnnxFeed[], outputs: Record<string, { data: unknown; dims: readonly number[] }>): ReferenceBatch {
  const inputs = feeds.map((f): TensorJson => ({ name: f.name, shape: [...f.dims], datatype: f.type === "string" ? "BYTES" : "FP32", data: f.type === "string" ? [...f.data] : Array.from(f.data, nullIfNaN) }));
  const outs = Object.entries(outputs).map(([name, t]): TensorJson => {
    const values = Array.from(t.data as ArrayLike<number | string>);
    const strings = values.length > 0 && typeof values[0] === "string";
    return { name, shape: [...t.dims], datatype: strings ? "BYTES" : "FP32", data: strings ? values : values.map((v) => nullIfNaN(Number(v))) };
  });
  return { inputs, outputs: outs };
}

const nullIfNaN = (v: number) => (Number.isNaN(v) ? null : v);
