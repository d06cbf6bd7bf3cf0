/**
 * A table's columns as they reach the feature spec and the trainer: typed
 * arrays, one per column, built from DuckDB's Arrow results and transferred
 * (not copied) to the training worker. Missing values have one marker per
 * kind so no column needs a separate validity mask.
 */
export type RawColumn =
  /** NaN marks a missing value. */
  | { kind: "numeric"; name: string; values: Float64Array }
  /** Codes index `dictionary`; −1 marks a missing value. */
  | { kind: "categorical"; name: string; codes: Int32Array; dictionary: string[] }
  /** 1 true, 0 false, −1 missing. */
  | { kind: "boolean"; name: string; values: Int8Array }
  /** Milliseconds since the Unix epoch, UTC; NaN marks a missing value. */
  | { kind: "date"; name: string; values: Float64Array };

export type RawColumnKind = RawColumn["kind"];

export interface RawTable {
  rowCount: number;
  columns: RawColumn[];
}

/** The target of a supervised task. */
export type RawTarget =
  /** Classification: class index per row (−1: missing, such rows are dropped), class names in index order. */
  | { kind: "classes"; name: string; codes: Int32Array; classes: string[] }
  /** Regression: NaN marks a missing value (such rows are dropped). */
  | { kind: "values"; name: string; values: Float64Array };

export function columnLength(c: RawColumn): number {
  return c.kind === "categorical" ? c.codes.length : c.values.length;
}

/** Whether row `i` of `c` is missing. */
export function isMissing(c: RawColumn, i: number): boolean {
  switch (c.kind) {
    case "numeric":
    case "date":
      return Number.isNaN(c.values[i]);
    case "categorical":
      return c.codes[i] < 0;
    case "boolean":
      return c.values[i] < 0;
  }
}
