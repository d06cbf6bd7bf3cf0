import { DataType, type Table } from "apache-arrow";
import type { RawColumn, RawTable, RawTarget } from "@/lib/features/raw";
import { datesFromBuffers, numbersFromBuffers, stringsFromBuffers } from "./arrow-fast";
import type { Task } from "./model-spec";
import { TrainError } from "./train-error";

/**
 * Arrow results (what DuckDB returns) to the typed arrays training reads.
 * Numbers (any int, float or decimal) become float64 with NaN for null;
 * strings become dictionary codes (first-seen order; the feature spec picks
 * its own categories); booleans 1/0/−1; dates and timestamps epoch ms.
 * Runs in the training worker, on IPC bytes transferred from the page.
 */
export function rawColumn(table: Table, name: string): RawColumn {
  const field = table.schema.fields.find((f) => f.name === name);
  const vector = table.getChild(name);
  if (!field || (!vector && !DataType.isNull(field.type))) throw new TrainError("invalid_data", `column not in the result: "${name}"`);
  const n = table.numRows;
  const t = field.type;
  // A column with no value at all (Arrow type Null) reads as numbers, all
  // missing: the feature spec then says so by name.
  if (DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t) || DataType.isNull(t)) {
    const fast = vector ? numbersFromBuffers(vector) : null;
    if (fast) return { kind: "numeric", name, values: fast };
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = vector?.get(i);
      values[i] = v === null || v === undefined ? NaN : Number(v);
    }
    return { kind: "numeric", name, values };
  }
  if (DataType.isBool(t)) {
    const values = new Int8Array(n);
    for (let i = 0; i < n; i++) {
      const v = vector?.get(i);
      values[i] = v === null || v === undefined ? -1 : v ? 1 : 0;
    }
    return { kind: "boolean", name, values };
  }
  if (DataType.isDate(t) || DataType.isTimestamp(t)) {
    const fast = vector ? datesFromBuffers(vector) : null;
    if (fast) return { kind: "date", name, values: fast };
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = vector?.get(i) as number | Date | bigint | null | undefined;
      values[i] = v === null || v === undefined ? NaN : v instanceof Date ? v.getTime() : Number(v);
    }
    return { kind: "date", name, values };
  }
  const fast = vector ? stringsFromBuffers(vector) : null;
  if (fast) return { kind: "categorical", name, ...fast };
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const v = vector?.get(i);
    if (v === null || v === undefined) {
      codes[i] = -1;
      continue;
    }
    const s = String(v);
    let c = index.get(s);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(s);
      index.set(s, c);
    }
    codes[i] = c;
  }
  return { kind: "categorical", name, codes, dictionary };
}

export function rawTable(table: Table, names: readonly string[]): RawTable {
  return { rowCount: table.numRows, columns: names.map((n) => rawColumn(table, n)) };
}

/**
 * The target for a task. Classification takes any column as classes (sorted
 * by their text, so class indexes do not depend on row order); regression
 * needs numbers.
 */
export function rawTarget(table: Table, name: string, task: Task): RawTarget {
  const c = rawColumn(table, name);
  if (task === "regression") {
    if (c.kind !== "numeric") throw new TrainError("invalid_data", `target "${name}" is not numeric; regression needs numbers (choose a classification task)`);
    return { kind: "values", name, values: c.values };
  }
  const texts: (string | null)[] = [];
  for (let i = 0; i < table.numRows; i++) {
    if (c.kind === "categorical") texts.push(c.codes[i] < 0 ? null : c.dictionary[c.codes[i]]);
    else if (c.kind === "boolean") texts.push(c.values[i] < 0 ? null : c.values[i] ? "true" : "false");
    else texts.push(Number.isNaN(c.values[i]) ? null : String(c.values[i]));
  }
  const classes = [...new Set(texts.filter((t): t is string => t !== null))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const at = new Map(classes.map((k, i) => [k, i]));
  return { kind: "classes", name, classes, codes: Int32Array.from(texts, (t) => (t === null ? -1 : (at.get(t) as number))) };
}

/** The task a target suggests: numbers with many distinct values → regression; two classes → binary; else multiclass. */
export function inferTask(table: Table, name: string): Task {
  const c = rawColumn(table, name);
  const present = c.kind === "categorical" ? c.codes.filter((k) => k !== -1) : c.kind === "boolean" ? c.values.filter((v) => v !== -1) : c.values.filter((v) => !Number.isNaN(v));
  return taskFor(c.kind, new Set<number>(present).size);
}

/**
 * The task a target suggests, from its kind and how many distinct values it
 * holds: numbers with more than 20 values are a quantity (regression), two
 * values of anything are binary, a few are classes; dates regress.
 */
export function taskFor(kind: RawColumn["kind"], distinct: number): Task {
  if (kind === "numeric") return distinct > 20 ? "regression" : distinct === 2 ? "binary" : "multiclass";
  if (kind === "boolean") return "binary";
  if (kind === "categorical") return distinct === 2 ? "binary" : "multiclass";
  return "regression";
}

/** The raw kind a DuckDB column type reads as (rawColumn's rules, from the type's name). */
export function kindOfDuckType(type: string): RawColumn["kind"] {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL)/i.test(type)) return "numeric";
  if (/^BOOLEAN/i.test(type)) return "boolean";
  if (/^(DATE|TIMESTAMP)/i.test(type)) return "date";
  return "categorical";
}

/**
 * Per-row weights from a numeric column: each must be a finite number ≥ 0
 * (a missing or negative weight has no meaning), else the error names the
 * first bad row.
 */
export function rawWeights(table: Table, name: string): Float32Array {
  const c = rawColumn(table, name);
  if (c.kind !== "numeric") throw new TrainError("invalid_data", `weight column "${name}" is not numeric; row weights must be numbers ≥ 0`);
  const w = new Float32Array(c.values.length);
  for (let i = 0; i < w.length; i++) {
    const v = c.values[i];
    if (!Number.isFinite(v) || v < 0) throw new TrainError("invalid_data", `weight column "${name}": row ${i + 1} holds ${Number.isNaN(v) ? "no value" : v}; every row weight must be a number ≥ 0`);
    w[i] = v;
  }
  return w;
}
