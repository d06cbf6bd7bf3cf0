import { columnFor } from "@/lib/features/column-lookup";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { datePart } from "@/lib/features/date-parts";
import type { RawTable } from "@/lib/features/raw";
import type { FittedFeatureSpec } from "@/lib/features/spec";

/**
 * The exported graph's inputs for some rows of a raw table, in the form
 * compile-onnx.ts declares them. Plain arrays, so onnxruntime-web and
 * onnxruntime-node each wrap them in their own Tensor class.
 */
export type OnnxFeed =
  | { name: string; type: "float32"; dims: [number, number]; data: Float32Array }
  | { name: string; type: "string"; dims: [number, number]; data: string[] };

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
