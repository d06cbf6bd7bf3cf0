/**
 * Compiles a fitted feature spec to TensorFlow.js ops. Everything the graph
 * does (imputation, scaling, one-hot) is a tf op reading constants from the
 * fitted spec; the ONNX exporter compiles the same spec to the same ops (see
 * the mapping in spec.ts). `tf` is passed in so the training worker picks the
 * backend (WebGPU, WebGL, WASM or CPU).
 *
 * All tensors are float32, TF.js's widest float. Large offsets lose digits:
 * an epoch_days mean near 20 000 is stored to ±0.001 days, which matters only
 * if the std is a few days or less.
 */
import type * as TfCore from "@tensorflow/tfjs-core";
import { checkRows, columnFor } from "./column-lookup";
import { datePart } from "./date-parts";
import type { RawTable } from "./raw";
import { affine, type FittedColumn, type FittedFeatureSpec } from "./spec";

export type Tf = typeof TfCore;
type Tensor1D = TfCore.Tensor1D;
type Tensor2D = TfCore.Tensor2D;

/** One fitted column's raw values for a set of rows, as the graph's input. */
export type TfColumnInput =
  /** float32 [rows]; NaN marks a missing value. */
  | { kind: "numeric"; values: Tensor1D }
  /**
   * codes: int32 [rows], indexes into the table's dictionary, −1 missing.
   * slots: int32 [dictionary length + 1], the one-hot slot of each dictionary
   * entry (the K "other" slot for values outside the top K). The table's
   * dictionary is only known when data arrives, so the lookup is an input,
   * not a constant; its extra last entry (K) keeps it non-empty, because
   * gather needs a valid index even for the missing rows `where` discards.
   */
  | { kind: "categorical"; codes: Tensor1D; slots: Tensor1D }
  /** float32 [rows]: 1 true, 0 false, NaN missing. */
  | { kind: "boolean"; values: Tensor1D }
  /** float32 [rows, parts] in the fitted parts' order (see date-parts.ts); NaN missing. */
  | { kind: "date"; parts: Tensor2D };

/** Aligned with `fitted.columns`. */
export type TfInputs = TfColumnInput[];

export interface CompiledTfjs {
  /** Names of the design matrix's columns, in order. */
  readonly outputs: FittedFeatureSpec["outputs"];
  /** The raw columns of `rows` (indexes into `table`) as input tensors; the caller disposes them. */
  toTfInputs(tf: Tf, table: RawTable, rows: Int32Array): TfInputs;
  /** The float32 design matrix [rows, outputs.length]; inputs are not disposed. */
  transform(tf: Tf, inputs: TfInputs): Tensor2D;
  /** toTfInputs then transform, disposing the inputs. */
  apply(tf: Tf, table: RawTable, rows: Int32Array): Tensor2D;
}

export function compileToTfjs(fitted: FittedFeatureSpec): CompiledTfjs {
  const compiled: CompiledTfjs = {
    outputs: fitted.outputs,
    toTfInputs(tf, table, rows) {
      checkRows(table, rows, "rows to transform");
      return fitted.columns.map((c) => columnInput(tf, c, table, rows));
    },
    transform(tf, inputs) {
      // tf.where broadcasts a [0] condition against a scalar to [1] (TF.js 4.22), so empty input is answered directly.
      if (rowCount(inputs) === 0) return tf.zeros([0, fitted.outputs.length]);
      return tf.tidy(() => {
        const blocks = fitted.columns.map((c, i) => columnBlock(tf, c, inputs[i]));
        return tf.concat(blocks, 1);
      });
    },
    apply(tf, table, rows) {
      const inputs = compiled.toTfInputs(tf, table, rows);
      try {
        return compiled.transform(tf, inputs);
      } finally {
        disposeTfInputs(inputs);
      }
    },
  };
  return compiled;
}

function rowCount(inputs: TfInputs): number {
  const first = inputs[0];
  if (first === undefined) return 0;
  return (first.kind === "categorical" ? first.codes : first.kind === "date" ? first.parts : first.values).shape[0];
}

export function disposeTfInputs(inputs: TfInputs): void {
  for (const input of inputs) {
    if (input.kind === "categorical") input.codes.dispose(), input.slots.dispose();
    else if (input.kind === "date") input.parts.dispose();
    else input.values.dispose();
  }
}

/** Slot of a category value: its index among the fitted categories, else "other" (K). */
function slotOf(categories: string[], value: string): number {
  const i = categories.indexOf(value);
  return i < 0 ? categories.length : i;
}

function columnInput(tf: Tf, c: FittedColumn, table: RawTable, rows: Int32Array): TfColumnInput {
  switch (c.kind) {
    case "numeric": {
      const col = columnFor(table, c.name, "numeric");
      return { kind: "numeric", values: tf.tensor1d(Float32Array.from(rows, (r) => col.values[r])) };
    }
    case "categorical": {
      const col = columnFor(table, c.name, "categorical");
      const index = new Map(c.categories.map((v, i) => [v, i]));
      const other = c.categories.length;
      const slots = Int32Array.from([...col.dictionary.map((v) => index.get(v) ?? other), other]);
      return {
        kind: "categorical",
        codes: tf.tensor1d(Int32Array.from(rows, (r) => col.codes[r]), "int32"),
        slots: tf.tensor1d(slots, "int32"),
      };
    }
    case "boolean": {
      const col = columnFor(table, c.name, "boolean");
      const values = Float32Array.from(rows, (r) => (col.values[r] < 0 ? NaN : col.values[r]));
      return { kind: "boolean", values: tf.tensor1d(values) };
    }
    case "date": {
      const col = columnFor(table, c.name, "date");
      const width = c.parts.length;
      const parts = new Float32Array(rows.length * width);
      rows.forEach((r, i) => c.parts.forEach((p, j) => (parts[i * width + j] = datePart(p.part, col.values[r]))));
      return { kind: "date", parts: tf.tensor2d(parts, [rows.length, width]) };
    }
  }
}

/** Fill NaN with `fill`, then (x − offset) / divisor; shapes broadcast, so this serves [rows] and [rows, parts]. */
function imputeAndScale<T extends TfCore.Tensor>(tf: Tf, x: T, fill: TfCore.Tensor, offset: TfCore.Tensor, divisor: TfCore.Tensor): T {
  return tf.div(tf.sub(tf.where<TfCore.Tensor>(tf.isNaN(x), fill, x), offset), divisor) as T;
}

function mismatch(c: FittedColumn, input: TfColumnInput): Error {
  return new Error(`tfjs inputs: expected a ${c.kind} input for "${c.name}", got ${input.kind}`);
}

/** The design-matrix columns of one fitted column, float32 [rows, width]. */
function columnBlock(tf: Tf, c: FittedColumn, input: TfColumnInput): Tensor2D {
  switch (c.kind) {
    case "numeric": {
      if (input.kind !== "numeric") throw mismatch(c, input);
      const { offset, divisor } = affine(c.scale);
      const y = imputeAndScale(tf, input.values, tf.scalar(c.fill), tf.scalar(offset), tf.scalar(divisor));
      return tf.reshape(y, [y.shape[0], 1]);
    }
    case "boolean": {
      if (input.kind !== "boolean") throw mismatch(c, input);
      const y = tf.where<TfCore.Tensor>(tf.isNaN(input.values), tf.scalar(c.fill ? 1 : 0), input.values);
      return tf.reshape(y, [y.shape[0], 1]);
    }
    case "categorical": {
      if (input.kind !== "categorical") throw mismatch(c, input);
      const int = (n: number) => tf.scalar(n, "int32");
      const known = tf.gather(input.slots, tf.maximum(input.codes, int(0)));
      const missing = tf.less(input.codes, int(0));
      const slot = tf.where<TfCore.Tensor>(missing, int(slotOf(c.categories, c.fill)), known) as Tensor1D;
      return tf.cast(tf.oneHot(slot, c.categories.length + 1), "float32") as Tensor2D;
    }
    case "date": {
      if (input.kind !== "date") throw mismatch(c, input);
      const scales = c.parts.map((p) => affine(p.scale));
      return imputeAndScale(
        tf,
        input.parts,
        tf.tensor1d(c.parts.map((p) => p.fill)),
        tf.tensor1d(scales.map((s) => s.offset)),
        tf.tensor1d(scales.map((s) => s.divisor)),
      );
    }
  }
}
