/**
 * The feature spec: what the user chooses per column (FeatureSpec), and the
 * same choices with the numbers fitted on the training split
 * (FittedFeatureSpec). The fitted spec is the only description of the
 * transform: it is stored as JSON with the run and compiled twice, to
 * TensorFlow.js ops (compile-tfjs.ts) and to ONNX nodes (export). Neither
 * compiler may decide anything the fitted spec does not say.
 *
 * How each fitted parameter maps to ONNX (opset ≥ 13, ai.onnx.ml v2+):
 * - numeric `fill`: Where(IsNaN(x), fill, x). ai.onnx.ml Imputer
 *   (imputed_value_floats, replaced_value_float = NaN) is equivalent.
 * - `scale` (any method): Sub(x, offset) then Div(·, divisor), with
 *   offset/divisor from `affine()` below. Prefer Sub+Div to ai.onnx.ml
 *   Scaler: Scaler multiplies by a scale, and 1/divisor rounds differently
 *   from TF.js's division, which breaks bit parity.
 * - categorical `categories`: ai.onnx.ml LabelEncoder (keys_strings =
 *   categories, values_int64s = 0…K−1, default_int64 = K, the "other" slot),
 *   then OneHot(depth = K + 1, values = [0, 1] as float) and Squeeze of the
 *   [N, 1, K + 1] result to [N, K + 1]. Missing values: the graph's
 *   string input marks them (the exporter picks the marker); map the marker
 *   to the slot of `fill` (indexOf, or K when fill is not a category).
 * - boolean `fill`: as numeric, with the input 1/0/NaN and fill 1 or 0.
 * - date `parts`: the graph takes each part as a float input, computed before
 *   the session by date-parts.ts (the single definition of the calendar
 *   arithmetic), then Where/IsNaN and Sub/Div per part as numeric.
 * - `outputs`: Concat(axis = 1) in this order. Use float32 inputs and
 *   constants throughout: TF.js has no float64, so float32 is what trains.
 */
import { z } from "zod";
import { DATE_PARTS } from "./date-parts";
import { FeatureSpecError } from "./errors";

const name = z.string().min(1);
const scaleMethod = z.enum(["standard", "minmax", "none"]);

const numericSpec = z.object({
  name,
  kind: z.literal("numeric"),
  impute: z.discriminatedUnion("strategy", [
    z.object({ strategy: z.enum(["mean", "median", "most_frequent"]) }),
    z.object({ strategy: z.literal("constant"), value: z.number() }),
  ]),
  scale: scaleMethod,
});

const categoricalSpec = z.object({
  name,
  kind: z.literal("categorical"),
  impute: z.discriminatedUnion("strategy", [
    z.object({ strategy: z.literal("most_frequent") }),
    z.object({ strategy: z.literal("constant"), value: z.string() }),
  ]),
  /** One-hot slots for the K most frequent training values, plus one "other". */
  topK: z.int().min(1).max(1000),
});

const booleanSpec = z.object({
  name,
  kind: z.literal("boolean"),
  impute: z.discriminatedUnion("strategy", [
    z.object({ strategy: z.literal("most_frequent") }),
    z.object({ strategy: z.literal("constant"), value: z.boolean() }),
  ]),
});

const dateSpec = z.object({
  name,
  kind: z.literal("date"),
  parts: z
    .array(z.enum(DATE_PARTS))
    .min(1)
    .refine((p) => new Set(p).size === p.length, "a date part is listed twice"),
  impute: z.discriminatedUnion("strategy", [
    /** Each part's own training median. */
    z.object({ strategy: z.literal("median") }),
    /** A timestamp in ms since the epoch, UTC; each part is filled with that timestamp's part. */
    z.object({ strategy: z.literal("constant"), value: z.number() }),
  ]),
  scale: scaleMethod,
});

export const columnSpecSchema = z.discriminatedUnion("kind", [numericSpec, categoricalSpec, booleanSpec, dateSpec]);

const uniqueNames = (cols: { name: string }[]) => new Set(cols.map((c) => c.name)).size === cols.length;

export const featureSpecSchema = z.object({
  columns: z.array(columnSpecSchema).min(1).refine(uniqueNames, "a column is listed twice"),
});

export type ColumnSpec = z.infer<typeof columnSpecSchema>;
export type FeatureSpec = z.infer<typeof featureSpecSchema>;
export type ScaleMethod = z.infer<typeof scaleMethod>;

/** Fitted scaling; every divisor is > 0 (see fit.ts for the constant-column rule). */
export const fittedScaleSchema = z.discriminatedUnion("method", [
  /** Population std (ddof = 0) of the imputed training values; 1 when they are all equal. */
  z.object({ method: z.literal("standard"), mean: z.number(), std: z.number().positive() }),
  /** max − min of the imputed training values; 1 when they are all equal. */
  z.object({ method: z.literal("minmax"), min: z.number(), range: z.number().positive() }),
  z.object({ method: z.literal("none") }),
]);
export type FittedScale = z.infer<typeof fittedScaleSchema>;

export const fittedColumnSchema = z.discriminatedUnion("kind", [
  z.object({ name, kind: z.literal("numeric"), fill: z.number(), scale: fittedScaleSchema }),
  /** Slot i is categories[i]; slot categories.length is "other" (rare and unseen values). */
  z.object({ name, kind: z.literal("categorical"), fill: z.string(), categories: z.array(z.string()) }),
  z.object({ name, kind: z.literal("boolean"), fill: z.boolean() }),
  z.object({
    name,
    kind: z.literal("date"),
    parts: z.array(z.object({ part: z.enum(DATE_PARTS), fill: z.number(), scale: fittedScaleSchema })).min(1),
  }),
]);
export type FittedColumn = z.infer<typeof fittedColumnSchema>;

export const fittedFeatureSpecSchema = z
  .object({
    version: z.literal(1),
    /** What the user chose, kept for lineage and for refitting on new data. */
    spec: featureSpecSchema,
    /** columns[i] is spec.columns[i], fitted. */
    columns: z.array(fittedColumnSchema),
    /** One per design-matrix column, in order. */
    outputs: z.array(z.object({ name: z.string(), column: z.string() })),
  })
  .refine(
    (f) =>
      f.columns.length === f.spec.columns.length &&
      f.columns.every((c, i) => fitsSpec(c, f.spec.columns[i])) &&
      f.outputs.length === f.columns.reduce((n, c) => n + outputWidth(c), 0),
    "fitted columns or outputs do not match the spec",
  );
export type FittedFeatureSpec = z.infer<typeof fittedFeatureSpecSchema>;

/** Whether a fitted column is the fit of `s`: same name, kind, parts, at most topK categories. */
function fitsSpec(c: FittedColumn, s: ColumnSpec): boolean {
  if (c.name !== s.name) return false;
  if (c.kind === "categorical") return s.kind === "categorical" && c.categories.length <= s.topK;
  if (c.kind === "date") return s.kind === "date" && c.parts.map((p) => p.part).join() === s.parts.join();
  return c.kind === s.kind;
}

/** How many design-matrix columns a fitted column produces. */
export function outputWidth(c: FittedColumn): number {
  switch (c.kind) {
    case "numeric":
    case "boolean":
      return 1;
    case "categorical":
      return c.categories.length + 1;
    case "date":
      return c.parts.length;
  }
}

/** The single reading of a fitted scale as y = (x − offset) / divisor, for both compilers. */
export function affine(s: FittedScale): { offset: number; divisor: number } {
  switch (s.method) {
    case "standard":
      return { offset: s.mean, divisor: s.std };
    case "minmax":
      return { offset: s.min, divisor: s.range };
    case "none":
      return { offset: 0, divisor: 1 };
  }
}

/** Display name of the "other" slot's output, e.g. "species=<other>". */
export const OTHER = "<other>";

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length > 0 ? issue.path.join(".") : "spec";
  return `${where}: ${issue.message}`;
}

/** Validates a user's spec (a trust boundary: it comes from the page or an imported file). */
export function parseFeatureSpec(value: unknown): FeatureSpec {
  const r = featureSpecSchema.safeParse(value);
  if (!r.success) throw new FeatureSpecError("invalid_spec", `invalid feature spec: ${firstIssue(r.error)}`);
  return r.data;
}

/** Reads a fitted spec stored with a run: JSON text or an already-parsed value. */
export function parseFittedSpec(json: string | unknown): FittedFeatureSpec {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch {
      throw new FeatureSpecError("invalid_spec", "invalid fitted feature spec: not JSON");
    }
  }
  const r = fittedFeatureSpecSchema.safeParse(value);
  if (!r.success) throw new FeatureSpecError("invalid_spec", `invalid fitted feature spec: ${firstIssue(r.error)}`);
  return r.data;
}

/**
 * JSON for storing with the run. Parsing through the schema first puts keys
 * in the schema's order (zod builds output objects shape-first), so the same
 * fitted spec gives the same bytes however its objects were assembled, and
 * serialize(parse(serialize(f))) === serialize(f). Two-space indented so a
 * person can read the exported file.
 */
export function serializeFittedSpec(fitted: FittedFeatureSpec): string {
  return JSON.stringify(fittedFeatureSpecSchema.parse(fitted), null, 2);
}

export { defaultSpecFor } from "./default-spec";
