/**
 * Compiles a fitted feature spec to ONNX nodes: the same transform
 * compile-tfjs.ts builds from the same spec (the mapping is in spec.ts), so
 * the exported model takes raw columns and cannot drift from training.
 *
 * Graph inputs, one per fitted column, named by the column, batch first:
 * - numeric: float [N, 1], NaN for a missing value;
 * - boolean: float [N, 1], 1 true, 0 false, NaN missing;
 * - categorical: string [N, 1], MISSING_CATEGORY for a missing value
 *   (LabelEncoder to the one-hot slot, then OneHot: the same slots as spec.ts
 *   describes, with no K-long constant beside the category list);
 * - date: float [N, parts], each part computed by date-parts.ts (the one
 *   definition of the calendar arithmetic), NaN missing.
 * All arithmetic is float32, as in training.
 */
import { DataType } from "@/lib/onnx/proto";
import { GraphBuilder, ML_DOMAIN } from "@/lib/onnx/graph";
import { FeatureSpecError } from "./errors";
import { affine, type FittedColumn, type FittedFeatureSpec } from "./spec";

/** What a missing category is sent as; a training category with this exact text cannot be exported. */
export const MISSING_CATEGORY = "<missing>";

/** The design matrix's name in the graph: float [N, outputs.length]. */
export function compileFeaturesToOnnx(g: GraphBuilder, fitted: FittedFeatureSpec): string {
  const blocks = fitted.columns.map((c) => columnBlock(g, c));
  return blocks.length === 1 ? blocks[0] : g.node("Concat", blocks, { axis: 1 });
}

/** Where(IsNaN(x), fill, x), then (x − offset) / divisor; fill, offset and divisor are float [width]. */
function imputeAndScale(g: GraphBuilder, x: string, fill: number[], offset: number[], divisor: number[]): string {
  const w = fill.length;
  const filled = g.node("Where", [g.node("IsNaN", [x]), g.floats([w], fill), x]);
  return g.node("Div", [g.node("Sub", [filled, g.floats([w], offset)]), g.floats([w], divisor)]);
}

function columnBlock(g: GraphBuilder, c: FittedColumn): string {
  switch (c.kind) {
    case "numeric": {
      const x = g.input(c.name, DataType.FLOAT, ["N", 1], "number; NaN when missing");
      const { offset, divisor } = affine(c.scale);
      return imputeAndScale(g, x, [c.fill], [offset], [divisor]);
    }
    case "boolean": {
      const x = g.input(c.name, DataType.FLOAT, ["N", 1], "1 true, 0 false; NaN when missing");
      return g.node("Where", [g.node("IsNaN", [x]), g.floats([1], [c.fill ? 1 : 0]), x]);
    }
    case "categorical": {
      if (c.categories.includes(MISSING_CATEGORY)) {
        throw new FeatureSpecError("invalid_spec", `feature "${c.name}": the category "${MISSING_CATEGORY}" is how the ONNX model marks a missing value; rename it in the data`);
      }
      const x = g.input(c.name, DataType.STRING, ["N", 1], `category; "${MISSING_CATEGORY}" when missing`);
      const k = c.categories.length;
      const fillSlot = c.categories.indexOf(c.fill) < 0 ? k : c.categories.indexOf(c.fill);
      // Slot per value: its index among the fitted categories, the fill's slot when missing, K ("other") for anything else.
      const slot = g.node(
        "LabelEncoder",
        [x],
        { keys_strings: [...c.categories, MISSING_CATEGORY], values_int64s: [...c.categories.map((_, i) => i), fillSlot], default_int64: k },
        { domain: ML_DOMAIN },
      );
      // [N, 1] slots → OneHot [N, 1, K + 1] (float directly) → Squeeze the middle axis.
      const hot = g.node("OneHot", [slot, g.int64s([], [k + 1]), g.floats([2], [0, 1])], { axis: -1 });
      return g.node("Squeeze", [hot, g.int64s([1], [1])]);
    }
    case "date": {
      const x = g.input(c.name, DataType.FLOAT, ["N", c.parts.length], `date parts ${c.parts.map((p) => p.part).join(", ")}; NaN when missing`);
      const scales = c.parts.map((p) => affine(p.scale));
      return imputeAndScale(g, x, c.parts.map((p) => p.fill), scales.map((s) => s.offset), scales.map((s) => s.divisor));
    }
  }
}
