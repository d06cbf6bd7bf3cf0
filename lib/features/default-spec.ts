import type { RawColumn } from "./raw";
import type { ColumnSpec, FeatureSpec } from "./spec";

/** Slots a categorical gets by default: enough for most label-like columns, small enough for a 64-unit MLP input. */
const DEFAULT_TOP_K = 20;

/**
 * A starting spec for these columns, which the user then edits. The defaults
 * are the common scikit-learn pipeline choices: mean fill + standard scaling
 * for numbers, most-frequent fill + one-hot for categories, and for dates the
 * parts that usually carry seasonality (year, month, day of week), median
 * filled and standardised. Pass feature columns only, not the target.
 */
export function defaultSpecFor(columns: RawColumn[]): FeatureSpec {
  return { columns: columns.map(defaultColumnSpec) };
}

function defaultColumnSpec(c: RawColumn): ColumnSpec {
  switch (c.kind) {
    case "numeric":
      return { name: c.name, kind: "numeric", impute: { strategy: "mean" }, scale: "standard" };
    case "categorical":
      return { name: c.name, kind: "categorical", impute: { strategy: "most_frequent" }, topK: DEFAULT_TOP_K };
    case "boolean":
      return { name: c.name, kind: "boolean", impute: { strategy: "most_frequent" } };
    case "date":
      return {
        name: c.name,
        kind: "date",
        parts: ["year", "month", "dayofweek"],
        impute: { strategy: "median" },
        scale: "standard",
      };
  }
}
