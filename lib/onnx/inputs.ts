import { columnFor } from "@/lib/features/column-lookup";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { datePart, type DatePart } from "@/lib/features/date-parts";
import type { RawTable } from "@/lib/features/raw";
import type { FittedColumn, FittedFeatureSpec } from "@/lib/features/spec";

/**
 * The exported graph's inputs for some rows of a raw table, in the form
 * compile-onnx.ts declares them. Plain arrays, so onnxruntime-web and
 * onnxruntime-node each wrap them in their own Tensor class.
 */
export type OnnxFeed =
  | { name: string; type: "float32"; dims: [number, number]; data: Float32Array }
  | { name: string; type: "string"; dims: [number, number]; data: string[] };

/**
 * The graph's inputs as a client must send them, carried in the model's
 * metadata (lathe.inputs) so serving can check and build requests without
 * reading the graph: per column its kind, element type, width and, for a
 * date, which parts (computed by lib/features/date-parts.ts) in order.
 */
export interface InputSchema {
  name: string;
  kind: FittedColumn["kind"];
  type: "float" | "string";
  width: number;
  parts?: DatePart[];
}

export function inputSchema(fitted: FittedFeatureSpec): InputSchema[] {
  return fitted.columns.map((c) => {
    if (c.kind === "date") return { name: c.name, kind: c.kind, type: "float", width: c.parts.length, parts: c.parts.map((p) => p.part) };
    return { name: c.name, kind: c.kind, type: c.kind === "categorical" ? "string" : "float", width: 1 };
  });
}

export function onnxFeeds(fitted: FittedFeatureSpec, table: RawTable, rows: Int32Array): OnnxFeed[] {
  const n = rows.length;
  return fitted.columns.map((c): OnnxFeed => {
    switch (c.kind) {
      case "numeric": {
        const col = columnFor(table, c.name, "numeric");
        return { name: c.name, type: "float32", dims: [n, 1], data: Float32Array.from(rows, (r) => col.values[r]) };
      }
      case "boolean": {
        const col = columnFor(table, c.name, "boolean");
        return { name: c.name, type: "float32", dims: [n, 1], data: Float32Array.from(rows, (r) => (col.values[r] < 0 ? NaN : col.values[r])) };
      }
      case "categorical": {
        const col = columnFor(table, c.name, "categorical");
        return { name: c.name, type: "string", dims: [n, 1], data: Array.from(rows, (r) => (col.codes[r] < 0 ? MISSING_CATEGORY : col.dictionary[col.codes[r]])) };
      }
      case "date": {
        const col = columnFor(table, c.name, "date");
        const w = c.parts.length;
        const data = new Float32Array(n * w);
        rows.forEach((r, i) => c.parts.forEach((p, j) => (data[i * w + j] = datePart(p.part, col.values[r]))));
        return { name: c.name, type: "float32", dims: [n, w], data };
      }
    }
  });
}
