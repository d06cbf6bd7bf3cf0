import { MAX_QUANTILE_BINS, type CompareOp, type Literal, type SliceExpr } from "./ast";
import { SliceError } from "./errors";

/*
 * The shape check for an AST that did not come from the parser: JSON from a
 * UI builder, a saved project or a request body. The printer and compiler
 * call it first, so nothing they emit depends on the caller having kept to
 * the TypeScript types (a number that is NaN, a `kind` that is not one, an
 * empty IN list would otherwise reach SQL).
 */

const COMPARE_OPS: readonly string[] = ["=", "!=", "<", "<=", ">", ">="] satisfies CompareOp[];

/** Whether "YYYY-MM-DD" names a real day of the proleptic Gregorian calendar, years 0001–9999. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

/**
 * The problem with a string value, or null. NUL cannot be stored in a
 * DuckDB VARCHAR literal, and lone surrogates are not text: both are
 * refused rather than passed to SQL.
 */
export function stringProblem(s: string): string | null {
  if (s.includes("\u0000")) return "strings cannot contain the NUL character";
  if (!s.isWellFormed()) return "strings must be well-formed Unicode (no lone surrogates)";
  return null;
}

function fail(path: string, problem: string): never {
  throw new SliceError("invalid_slice", `slice: ${problem} at ${path}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function columnName(v: unknown, path: string): string {
  if (typeof v !== "string" || v.length === 0) fail(path, "expected a non-empty column name");
  const problem = stringProblem(v);
  if (problem) fail(path, problem);
  return v;
}

function literal(v: unknown, path: string): Literal {
  if (!isObject(v)) fail(path, "expected a value object");
  switch (v.kind) {
    case "number":
      if (typeof v.value !== "number" || !Number.isFinite(v.value)) fail(path, `expected a finite number: ${String(v.value)}`);
      return { kind: "number", value: v.value };
    case "string": {
      if (typeof v.value !== "string") fail(path, "expected a string value");
      const problem = stringProblem(v.value);
      if (problem) fail(path, problem);
      return { kind: "string", value: v.value };
    }
    case "boolean":
      if (typeof v.value !== "boolean") fail(path, "expected true or false");
      return { kind: "boolean", value: v.value };
    case "date":
      if (typeof v.value !== "string" || !isCalendarDate(v.value)) fail(path, `expected a date YYYY-MM-DD: ${String(v.value)}`);
      return { kind: "date", value: v.value };
    default:
      return fail(path, `unknown value kind: ${String(v.kind)}`);
  }
}

function flag(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, "expected true or false");
  return v;
}

/** Checks `bins` and each 1-based bin in `values`; shared with the parser. */
export function quantileProblem(bins: number, values: readonly number[]): string | null {
  if (!Number.isInteger(bins) || bins < 2 || bins > MAX_QUANTILE_BINS) {
    return `the number of quantile bins must be a whole number from 2 to ${MAX_QUANTILE_BINS}: ${bins}`;
  }
  if (values.length === 0) return "expected at least one bin";
  for (const b of values) {
    if (!Number.isInteger(b) || b < 1 || b > bins) return `bin ${b} is outside 1..${bins}`;
  }
  return null;
}

/** `value` as a SliceExpr, or a SliceError naming the first problem and its path (e.g. `args[1].values[0]`). */
export function validateSlice(value: unknown, path = "$"): SliceExpr {
  if (!isObject(value)) fail(path, "expected a slice object");
  switch (value.kind) {
    case "and":
    case "or": {
      if (!Array.isArray(value.args) || value.args.length < 2) fail(path, `${value.kind.toUpperCase()} needs at least two args`);
      return { kind: value.kind, args: value.args.map((a, i) => validateSlice(a, `${path}.args[${i}]`)) };
    }
    case "not":
      return { kind: "not", arg: validateSlice(value.arg, `${path}.arg`) };
    case "compare": {
      if (typeof value.op !== "string" || !COMPARE_OPS.includes(value.op)) fail(`${path}.op`, `unknown operator: ${String(value.op)}`);
      return {
        kind: "compare",
        column: columnName(value.column, `${path}.column`),
        op: value.op as CompareOp,
        value: literal(value.value, `${path}.value`),
      };
    }
    case "in": {
      if (!Array.isArray(value.values) || value.values.length === 0) fail(`${path}.values`, "IN needs at least one value");
      return {
        kind: "in",
        column: columnName(value.column, `${path}.column`),
        negated: flag(value.negated, `${path}.negated`),
        values: value.values.map((v, i) => literal(v, `${path}.values[${i}]`)),
      };
    }
    case "between":
      return {
        kind: "between",
        column: columnName(value.column, `${path}.column`),
        negated: flag(value.negated, `${path}.negated`),
        low: literal(value.low, `${path}.low`),
        high: literal(value.high, `${path}.high`),
      };
    case "null":
      return { kind: "null", column: columnName(value.column, `${path}.column`), negated: flag(value.negated, `${path}.negated`) };
    case "quantile": {
      const bins = value.bins;
      const values = value.values;
      if (typeof bins !== "number") fail(`${path}.bins`, "expected a number of bins");
      if (!Array.isArray(values) || !values.every((b) => typeof b === "number")) fail(`${path}.values`, "expected a list of bin numbers");
      const problem = quantileProblem(bins, values as number[]);
      if (problem) fail(path, problem);
      return {
        kind: "quantile",
        column: columnName(value.column, `${path}.column`),
        bins,
        negated: flag(value.negated, `${path}.negated`),
        values: [...(values as number[])],
      };
    }
    default:
      return fail(path, `unknown slice kind: ${String(value.kind)}`);
  }
}
