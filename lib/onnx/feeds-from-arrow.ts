import { DataType, type Table, type Vector } from "apache-arrow";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { datePart } from "@/lib/features/date-parts";
import { datesFromBuffers, numbersFromBuffers, stringsFromBuffers } from "@/lib/train/arrow-fast";
import type { InputSchema, OnnxFeed } from "./inputs";

/**
 * The exported graph's feeds for rows of an Arrow table (what DuckDB
 * answers), by the model's input schema (lathe.inputs): the same feeds
 * lib/serve/records.ts builds from JSON records holding the same values, so
 * a model answers alike in the browser and on the server.
 *
 * - numeric: any int or float → float32, NaN for null (and for a NaN, the
 *   missing marker training read it as); text is read as training reads a
 *   text column treated as numbers (blank → missing, else it must parse);
 * - boolean: a boolean → 1 / 0, or numbers that are 0 or 1; NaN for null;
 * - categorical: text as it is, numbers as their decimal text (String(v),
 *   as records.ts and training's recast do), booleans "true" / "false";
 *   MISSING_CATEGORY for null;
 * - date: a date or timestamp → its parts (date-parts.ts) from epoch
 *   milliseconds, a timestamp without a zone counting as UTC; numbers are
 *   epoch milliseconds, as records.ts takes them.
 * An infinite number has no meaning as any input and is refused by row.
 */

export type FeedErrorCode = "missing_column" | "wrong_type" | "bad_value";

export class FeedError extends Error {
  override readonly name = "FeedError";

  constructor(
    readonly code: FeedErrorCode,
    /** The table column at fault. */
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** Date's range, ±8.64e15 ms (as records.ts checks epoch milliseconds). */
const MAX_MS = 8.64e15;

/**
 * Throws a FeedError unless every input is a column of a usable type; run
 * before any row is read, so a wrong table fails at once, not after chunks.
 */
export function checkArrowInputs(table: Table, schema: readonly InputSchema[]): void {
  const names = table.schema.fields.map((f) => f.name);
  const missing = schema.filter((s) => !names.includes(s.name)).map((s) => s.name);
  if (missing.length > 0) {
    const first = missing[0];
    const near = names.find((n) => n.toLowerCase() === first.toLowerCase());
    const hint = near !== undefined ? ` (the table has "${near}"; names must match exactly)` : "";
    const more = missing.length > 1 ? ` and ${missing.length - 1} more (${missing.slice(1, 6).map((c) => `"${c}"`).join(", ")})` : "";
    throw new FeedError("missing_column", first, `column "${first}": not in the table${hint}${more}; the model reads ${schema.map((s) => `"${s.name}"`).join(", ")}`);
  }
  for (const s of schema) reader(s, table.schema.fields.find((f) => f.name === s.name)!.type);
}

/** Feeds for rows [start, end) of `table`; rows are named in errors from 1, the table's first. */
export function feedsFromArrow(table: Table, schema: readonly InputSchema[], start = 0, end = table.numRows): OnnxFeed[] {
  checkArrowInputs(table, schema);
  const lo = Math.max(0, Math.min(start, table.numRows));
  const hi = Math.max(lo, Math.min(end, table.numRows));
  // A slice shares the table's buffers: reading a chunk costs the chunk, not the table.
  const part = lo === 0 && hi === table.numRows ? table : table.slice(lo, hi);
  const n = hi - lo;
  return schema.map((s) => {
    const vector = part.getChild(s.name);
    const read = reader(s, part.schema.fields.find((f) => f.name === s.name)!.type);
    return read(vector, n, lo);
  });
}

type Read = (vector: Vector | null, n: number, first: number) => OnnxFeed;

/** How to read one input from a column of type `type`; throws "wrong_type" when it cannot be read. */
function reader(s: InputSchema, type: DataType): Read {
  const wrong = (reads: string, hint: string): never => {
    throw new FeedError("wrong_type", s.name, `column "${s.name}": holds ${describeType(type)}, but the model reads it as ${reads}; ${hint}`);
  };
  const bad = (row: number, value: unknown, expected: string): never => {
    throw new FeedError("bad_value", s.name, `row ${row}, column "${s.name}": expected ${expected}, got ${quote(value)}`);
  };
  const isNumber = DataType.isInt(type) || DataType.isFloat(type) || DataType.isNull(type);
  const isText = DataType.isUtf8(type) || DataType.isLargeUtf8(type) || (DataType.isDictionary(type) && (DataType.isUtf8(type.dictionary) || DataType.isLargeUtf8(type.dictionary)));
  switch (s.kind) {
    case "numeric": {
      if (isNumber) {
        return (v, n, first) => {
          const values = numbers(v, n);
          for (let i = 0; i < n; i++) if (values[i] === Infinity || values[i] === -Infinity) bad(first + i + 1, values[i], "a finite number or null");
          return floatFeed(s.name, Float32Array.from(values), n, 1);
        };
      }
      if (isText) {
        // As training reads a text column treated as numbers (settings.ts recastColumn): each distinct text parsed once.
        return (v, n, first) => {
          const { codes, dictionary } = textCodes(v, n);
          const parsed = dictionary.map((t) => (t.trim() === "" ? NaN : Number(t)));
          const data = new Float32Array(n);
          for (let i = 0; i < n; i++) {
            const k = codes[i];
            if (k < 0 || dictionary[k].trim() === "") data[i] = NaN;
            else data[i] = Number.isFinite(parsed[k]) ? parsed[k] : bad(first + i + 1, dictionary[k], "a number, blank or null");
          }
          return floatFeed(s.name, data, n, 1);
        };
      }
      return wrong("numbers", "CAST it to DOUBLE in a SQL cell, or predict on a table whose column holds numbers");
    }
    case "boolean": {
      if (DataType.isBool(type)) {
        return (v, n) => {
          const data = new Float32Array(n);
          for (let i = 0; i < n; i++) {
            const b = v?.get(i) as boolean | null | undefined;
            data[i] = b === null || b === undefined ? NaN : b ? 1 : 0;
          }
          return floatFeed(s.name, data, n, 1);
        };
      }
      if (isNumber) {
        return (v, n, first) => {
          const values = numbers(v, n);
          const data = new Float32Array(n);
          for (let i = 0; i < n; i++) {
            const x = values[i];
            data[i] = Number.isNaN(x) ? NaN : x === 0 || x === 1 ? x : bad(first + i + 1, x, "true, false, 1, 0 or null");
          }
          return floatFeed(s.name, data, n, 1);
        };
      }
      return wrong("true / false", "CAST it to BOOLEAN in a SQL cell");
    }
    case "categorical": {
      if (isText) {
        return (v, n) => {
          const { codes, dictionary } = textCodes(v, n);
          return stringFeed(s.name, Array.from(codes, (k) => (k < 0 ? MISSING_CATEGORY : dictionary[k])));
        };
      }
      if (DataType.isBool(type)) return (v, n) => stringFeed(s.name, generic(v, n, (x) => (x ? "true" : "false")));
      if (isNumber) {
        return (v, n, first) =>
          stringFeed(
            s.name,
            // A 64-bit integer's text from the bigint itself: Number() would round it past 2^53.
            generic(v, n, (x, i) => (typeof x === "bigint" ? String(x) : Number.isFinite(Number(x)) ? String(Number(x)) : Number.isNaN(Number(x)) ? null : bad(first + i + 1, x, "a finite number, text or null"))),
          );
      }
      return wrong("categories (text)", "CAST it to VARCHAR in a SQL cell");
    }
    case "date": {
      const parts = s.parts ?? [];
      const feed = (ms: Float64Array, n: number): OnnxFeed => {
        const data = new Float32Array(n * parts.length);
        for (let i = 0; i < n; i++) parts.forEach((p, j) => (data[i * parts.length + j] = datePart(p, ms[i])));
        return floatFeed(s.name, data, n, parts.length);
      };
      if (DataType.isDate(type) || DataType.isTimestamp(type)) {
        return (v, n) => feed(v ? (datesFromBuffers(v) ?? new Float64Array(n).fill(NaN)) : new Float64Array(n).fill(NaN), n);
      }
      if (isNumber) {
        return (v, n, first) => {
          const ms = numbers(v, n);
          for (let i = 0; i < n; i++) if (Math.abs(ms[i]) > MAX_MS) bad(first + i + 1, ms[i], "epoch milliseconds within ±8.64e15, or null");
          return feed(ms, n);
        };
      }
      return wrong("a date", "CAST it to DATE or TIMESTAMP in a SQL cell (text is not parsed here)");
    }
  }
}

/** Float64 values of a number column, NaN for null (the fast path when Arrow's buffers allow). */
function numbers(v: Vector | null, n: number): Float64Array {
  if (!v) return new Float64Array(n).fill(NaN);
  const fast = numbersFromBuffers(v);
  if (fast) return fast;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = v.get(i) as number | bigint | null | undefined;
    out[i] = x === null || x === undefined ? NaN : Number(x);
  }
  return out;
}

/** Per-row text of a category column; null from `text` (or a null value) is the missing marker. */
function generic(v: Vector | null, n: number, text: (x: unknown, i: number) => string | null): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const x = v?.get(i);
    out[i] = (x === null || x === undefined ? null : text(x, i)) ?? MISSING_CATEGORY;
  }
  return out;
}

/** A text column as codes into its distinct values, −1 for null (Arrow's buffers read directly for plain Utf8). */
function textCodes(v: Vector | null, n: number): { codes: Int32Array; dictionary: string[] } {
  const fast = v ? stringsFromBuffers(v) : null;
  if (fast) return fast;
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x = v?.get(i);
    if (x === null || x === undefined) {
      codes[i] = -1;
      continue;
    }
    const t = String(x);
    let k = index.get(t);
    if (k === undefined) index.set(t, (k = dictionary.push(t) - 1));
    codes[i] = k;
  }
  return { codes, dictionary };
}

function floatFeed(name: string, data: Float32Array, n: number, width: number): OnnxFeed {
  return { name, type: "float32", dims: [n, width], data };
}

function stringFeed(name: string, data: string[]): OnnxFeed {
  return { name, type: "string", dims: [data.length, 1], data };
}

/** A column type in the words a SQL user knows, with Arrow's name for the precise type. */
function describeType(t: DataType): string {
  const kind = DataType.isUtf8(t) || DataType.isLargeUtf8(t) || (DataType.isDictionary(t) && (DataType.isUtf8(t.dictionary) || DataType.isLargeUtf8(t.dictionary)))
    ? "text"
    : DataType.isBool(t)
      ? "booleans"
      : DataType.isInt(t) || DataType.isFloat(t) || DataType.isDecimal(t)
        ? "numbers"
        : DataType.isDate(t) || DataType.isTimestamp(t)
          ? "dates"
          : DataType.isList(t) || DataType.isFixedSizeList(t)
            ? "lists"
            : DataType.isStruct(t) || DataType.isMap(t)
              ? "structs"
              : DataType.isBinary(t) || DataType.isLargeBinary(t)
                ? "bytes"
                : DataType.isTime(t)
                  ? "times of day"
                  : DataType.isInterval(t) || DataType.isDuration(t)
                    ? "intervals"
                    : "values";
  return `${kind} (${String(t)})`;
}

function quote(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  return String(v);
}
