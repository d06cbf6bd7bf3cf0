/**
 * Fits a feature spec on the training split: every fill value, mean, std,
 * range and category list comes from the rows in `trainRows` only, so nothing
 * about validation or test rows leaks into the model's inputs.
 */
import { checkRows, columnFor } from "./column-lookup";
import { datePart, datePartColumn } from "./date-parts";
import { FeatureSpecError } from "./errors";
import type { RawTable } from "./raw";
import {
  OTHER,
  parseFeatureSpec,
  type ColumnSpec,
  type FeatureSpec,
  type FittedColumn,
  type FittedFeatureSpec,
} from "./spec";
import { fitScale, mean, median, mostFrequent } from "./stats";

type Spec<K extends ColumnSpec["kind"]> = Extract<ColumnSpec, { kind: K }>;
type Fitted<K extends FittedColumn["kind"]> = Extract<FittedColumn, { kind: K }>;

export function fitFeatureSpec(spec: FeatureSpec, table: RawTable, trainRows: Int32Array): FittedFeatureSpec {
  const checked = parseFeatureSpec(spec);
  if (trainRows.length === 0) throw new FeatureSpecError("invalid_rows", "training split: no rows");
  checkRows(table, trainRows, "training split");
  const columns = checked.columns.map((c) => fitColumn(c, table, trainRows));
  return { version: 1, spec: checked, columns, outputs: columns.flatMap(outputsOf) };
}

function fitColumn(c: ColumnSpec, table: RawTable, rows: Int32Array): FittedColumn {
  switch (c.kind) {
    case "numeric":
      return fitNumeric(c, table, rows);
    case "categorical":
      return fitCategorical(c, table, rows);
    case "boolean":
      return fitBoolean(c, table, rows);
    case "date":
      return fitDate(c, table, rows);
  }
}

function allMissing(name: string): FeatureSpecError {
  return new FeatureSpecError(
    "all_missing",
    `feature "${name}": every value in the training split is missing; choose a constant fill or drop the feature`,
  );
}

/** Missing values dropped (NaN). */
function observed(values: Float64Array): Float64Array {
  return values.filter((v) => !Number.isNaN(v));
}

/**
 * Fill and scale for one numeric series (a numeric column, or one part of a
 * date column). `fill` is the constant when given, else a statistic of the
 * observed values; scaling is fitted after imputation (see stats.fitScale).
 */
function fitSeries(
  name: string,
  values: Float64Array,
  statistic: "mean" | "median" | "most_frequent" | { constant: number },
  method: Spec<"numeric">["scale"],
) {
  const seen = observed(values);
  if (seen.some((v) => !Number.isFinite(v))) {
    throw new FeatureSpecError("non_finite", `feature "${name}": the training split holds an infinite value`);
  }
  let fill: number;
  if (typeof statistic === "object") fill = statistic.constant;
  else if (seen.length === 0) throw allMissing(name);
  else fill = statistic === "mean" ? mean(seen) : statistic === "median" ? median(seen) : mostFrequent(seen);
  const imputed = values.map((v) => (Number.isNaN(v) ? fill : v));
  return { fill, scale: fitScale(method, imputed) };
}

function fitNumeric(c: Spec<"numeric">, table: RawTable, rows: Int32Array): Fitted<"numeric"> {
  const column = columnFor(table, c.name, "numeric");
  const values = Float64Array.from(rows, (r) => column.values[r]);
  const statistic = c.impute.strategy === "constant" ? { constant: c.impute.value } : c.impute.strategy;
  return { name: c.name, kind: "numeric", ...fitSeries(c.name, values, statistic, c.scale) };
}

/**
 * Categories are ranked by training frequency after imputation (the encoder
 * sees imputed values, as in a scikit-learn Pipeline), so a constant fill such
 * as "unknown" earns its own slot when it is common enough. Ties rank by value
 * in UTF-16 code-unit order (JavaScript's `<`), never by the dictionary's
 * order, which depends on how the data was loaded. The imputed most-frequent
 * value follows the same rule: the most frequent, and the smallest on a tie.
 */
function fitCategorical(c: Spec<"categorical">, table: RawTable, rows: Int32Array): Fitted<"categorical"> {
  const column = columnFor(table, c.name, "categorical");
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const code = column.codes[r];
    if (code < 0) missing++;
    else counts.set(column.dictionary[code], (counts.get(column.dictionary[code]) ?? 0) + 1);
  }
  const byRank = (a: [string, number], b: [string, number]) =>
    b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  let fill: string;
  if (c.impute.strategy === "constant") fill = c.impute.value;
  else if (counts.size === 0) throw allMissing(c.name);
  else fill = [...counts].sort(byRank)[0][0];
  if (missing > 0) counts.set(fill, (counts.get(fill) ?? 0) + missing);
  const categories = [...counts].sort(byRank).slice(0, c.topK).map(([v]) => v);
  return { name: c.name, kind: "categorical", fill, categories };
}

/** Most frequent on a tie is false (the smaller value, as 0 < 1). */
function fitBoolean(c: Spec<"boolean">, table: RawTable, rows: Int32Array): Fitted<"boolean"> {
  const column = columnFor(table, c.name, "boolean");
  let trues = 0;
  let falses = 0;
  for (const r of rows) {
    if (column.values[r] === 1) trues++;
    else if (column.values[r] === 0) falses++;
  }
  if (c.impute.strategy === "constant") return { name: c.name, kind: "boolean", fill: c.impute.value };
  if (trues + falses === 0) throw allMissing(c.name);
  return { name: c.name, kind: "boolean", fill: trues > falses };
}

/**
 * Each part is its own numeric series: filled with its own training median,
 * or with the part of the constant timestamp, then scaled on its own.
 */
function fitDate(c: Spec<"date">, table: RawTable, rows: Int32Array): Fitted<"date"> {
  const column = columnFor(table, c.name, "date");
  const stamps = Float64Array.from(rows, (r) => column.values[r]);
  const constant = c.impute.strategy === "constant" ? c.impute.value : undefined;
  if (constant === undefined && !datePartColumn("epoch_days", stamps).some((d) => !Number.isNaN(d))) {
    throw allMissing(c.name);
  }
  const parts = c.parts.map((part) => {
    let statistic: "median" | { constant: number } = "median";
    if (constant !== undefined) {
      const fill = datePart(part, constant);
      if (Number.isNaN(fill)) {
        throw new FeatureSpecError("invalid_spec", `feature "${c.name}": the constant fill ${constant} is not a valid timestamp`);
      }
      statistic = { constant: fill };
    }
    return { part, ...fitSeries(`${c.name}.${part}`, datePartColumn(part, stamps), statistic, c.scale) };
  });
  return { name: c.name, kind: "date", parts };
}

/** Output feature names, in design-matrix order. */
function outputsOf(c: FittedColumn): { name: string; column: string }[] {
  const out = (name: string) => ({ name, column: c.name });
  switch (c.kind) {
    case "numeric":
    case "boolean":
      return [out(c.name)];
    case "categorical":
      return [...c.categories.map((v) => out(`${c.name}=${v}`)), out(`${c.name}=${OTHER}`)];
    case "date":
      return c.parts.map((p) => out(`${c.name}.${p.part}`));
  }
}
