import { Bool, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from "apache-arrow";
import { DataError } from "./errors";
import { jsonErrorOffset, lineAt } from "./json-locate";

/**
 * JSON and NDJSON are decoded in JavaScript, not by DuckDB: DuckDB-WASM's JSON
 * reader fetches an extension from the internet at first use and hangs offline.
 */

function shortJsonMessage(message: string): string {
  // Keep V8's "Unexpected token 'x'" and drop the snippet or position that follows.
  return message.replace(/^JSON\.parse:\s*/, "").split(/,\s*"|\s+in JSON at|\s*\(line \d+/)[0].split("\n")[0];
}

export function parseJsonRecords(fileName: string, text: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 does not always say where the error is; find the line ourselves.
    const line = lineAt(text, jsonErrorOffset(text));
    throw new DataError("malformed", `${fileName}: line ${line}: invalid JSON (${shortJsonMessage(message)}); fix the file or save it as JSON again`);
  }
  if (!Array.isArray(parsed)) {
    throw new DataError("malformed", `${fileName}: expected a JSON array of records ([{...}, ...]), got ${parsed === null ? "null" : typeof parsed}; for one record per line, use the .ndjson extension`);
  }
  parsed.forEach((r, i) => {
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      throw new DataError("malformed", `${fileName}: record ${i + 1} is not an object (${Array.isArray(r) ? "array" : r === null ? "null" : typeof r}); every element must be {"column": value, ...}`);
    }
  });
  return parsed as Record<string, unknown>[];
}

export function parseNdjsonRecords(fileName: string, text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    let r: unknown;
    try {
      r = JSON.parse(line);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new DataError("malformed", `${fileName}: line ${i + 1}: invalid JSON (${shortJsonMessage(message)}); each line must hold one JSON object`);
    }
    if (r === null || typeof r !== "object" || Array.isArray(r)) {
      throw new DataError("malformed", `${fileName}: line ${i + 1}: expected a JSON object, got ${Array.isArray(r) ? "an array" : r === null ? "null" : typeof r}`);
    }
    out.push(r as Record<string, unknown>);
  }
  return out;
}

type Kind = "int" | "float" | "bool" | "string" | "json";

function kindOf(v: unknown): Kind | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) <= 2147483647 ? "int" : "float";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  return "json";
}

function merge(a: Kind | null, b: Kind | null): Kind | null {
  if (a === null) return b;
  if (b === null || a === b) return a;
  if ((a === "int" && b === "float") || (a === "float" && b === "int")) return "float";
  return "string";
}

/**
 * Records → Arrow IPC stream. Column order is first appearance; a column's type
 * is the narrowest that holds every value (int32 ⊂ float64; anything mixed, or
 * nested objects/arrays, becomes text, nested values as JSON text).
 */
export function recordsToArrowStream(fileName: string, records: Record<string, unknown>[]): Uint8Array {
  if (records.length === 0) throw new DataError("empty_file", `${fileName}: no records; the file must contain at least one record`);
  const kinds = new Map<string, Kind | null>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r)) kinds.set(k, merge(kinds.has(k) ? kinds.get(k)! : null, kindOf(v)));
  }
  const columns: Record<string, Vector> = {};
  for (const [name, kind] of kinds) {
    const k = kind ?? "string";
    const values = records.map((r) => {
      const v = r[name];
      if (v === null || v === undefined) return null;
      if (k === "string") return typeof v === "string" ? v : JSON.stringify(v);
      if (k === "json") return JSON.stringify(v);
      return v;
    });
    const type: DataType = k === "int" ? new Int32() : k === "float" ? new Float64() : k === "bool" ? new Bool() : new Utf8();
    columns[name] = vectorFromArray(values, type);
  }
  return tableToIPC(new Table(columns), "stream");
}
