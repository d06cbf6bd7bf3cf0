import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { datePart } from "@/lib/features/date-parts";
import type { InputSchema, OnnxFeed } from "@/lib/onnx/inputs";
import { ServeRequestError, quoteValue } from "./serve-error";

/**
 * The simple predict body, `[{ "col": value, … }]` or `{ "records": [...] }`,
 * as the graph's feeds. A column absent from a record, or null, is a missing
 * value; a key the model does not have is an error, so a typo in a column
 * name cannot quietly become a missing value.
 */
export function feedsFromRecords(body: unknown, schema: InputSchema[], limits: { maxRows: number; recordName?: (i: number) => string }): { rows: number; feeds: OnnxFeed[] } {
  // How messages name a record: its index in the body, or (batch files) its row in the file.
  const at = limits.recordName ?? ((i: number) => `record ${i}`);
  const records = recordsOf(body);
  if (records.length === 0) throw new ServeRequestError("invalid_request", "records: none given; send at least one");
  if (records.length > limits.maxRows) throw new ServeRequestError("too_many_rows", `records: ${records.length}, more than this server's limit of ${limits.maxRows}; split the request`);
  const known = new Set(schema.map((s) => s.name));
  records.forEach((r, i) => {
    if (typeof r !== "object" || r === null || Array.isArray(r)) throw new ServeRequestError("invalid_request", `${at(i)}: ${quoteValue(r)}, expected an object of column values`);
    const unknown = Object.keys(r).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      const names = unknown.slice(0, 5).map((k) => `"${k}"`).join(", ");
      throw new ServeRequestError("unknown_input", `${at(i)}: ${unknown.length === 1 ? "unknown column" : "unknown columns"} ${names}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}; the model's inputs are named exactly as its metadata lists them`);
    }
  });
  const rows = records.length;
  const feeds = schema.map((s): OnnxFeed => {
    // Own keys only: an absent "constructor" must not read Object.prototype's.
    const value = (i: number): unknown => {
      const r = records[i] as Record<string, unknown>;
      return Object.hasOwn(r, s.name) ? r[s.name] : null;
    };
    const fail = (i: number, expected: string): never => {
      throw new ServeRequestError("bad_value", `${at(i)}, "${s.name}": expected ${expected}, got ${quoteValue(value(i))}`);
    };
    switch (s.kind) {
      case "categorical":
        return { name: s.name, type: "string", dims: [rows, 1], data: Array.from({ length: rows }, (_, i) => category(value(i)) ?? fail(i, "a string or null")) };
      case "numeric":
      case "boolean": {
        const convert = s.kind === "numeric" ? numeric : boolean;
        const data = new Float32Array(rows);
        for (let i = 0; i < rows; i++) data[i] = convert(value(i)) ?? fail(i, s.kind === "numeric" ? "a number or null" : "true, false, 1, 0 or null");
        return { name: s.name, type: "float32", dims: [rows, 1], data };
      }
      case "date": {
        const parts = s.parts ?? [];
        const data = new Float32Array(rows * parts.length);
        for (let i = 0; i < rows; i++) {
          const ms = epochMs(value(i)) ?? fail(i, "an ISO 8601 date (e.g. 2024-02-29 or 2024-02-29T23:30:00Z), epoch milliseconds, or null");
          parts.forEach((p, j) => (data[i * parts.length + j] = datePart(p, ms)));
        }
        return { name: s.name, type: "float32", dims: [rows, parts.length], data };
      }
    }
  });
  return { rows, feeds };
}

function recordsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body === "object" && body !== null && Object.hasOwn(body, "records") && Array.isArray((body as { records: unknown }).records)) {
    const extra = Object.keys(body).filter((k) => k !== "records");
    if (extra.length > 0) throw new ServeRequestError("invalid_request", `body: unexpected key "${extra[0]}"; send an array of records or { "records": [...] }`);
    return (body as { records: unknown[] }).records;
  }
  throw new ServeRequestError("invalid_request", `body: ${quoteValue(body)}, expected an array of records or { "records": [...] }`);
}

/*
 * Each converter returns undefined for a value it cannot take, so the caller
 * names the record and column; null (or an absent key) is the missing marker.
 */

/**
 * A category's text. Numbers and booleans become the text training keyed
 * them by when a numeric or boolean column was treated as categories
 * (lib/features/settings.ts recastColumn: String(v), "true"/"false").
 */
function category(v: unknown): string | undefined {
  if (v === null) return MISSING_CATEGORY;
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return undefined;
}

function numeric(v: unknown): number | undefined {
  if (v === null) return NaN;
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function boolean(v: unknown): number | undefined {
  if (v === null) return NaN;
  if (typeof v === "boolean") return v ? 1 : 0;
  return v === 0 || v === 1 ? v : undefined;
}

// ISO 8601 extended format: a date, optionally a time (seconds and fraction
// optional) and a zone (Z or ±hh:mm / ±hhmm / ±hh). No zone means UTC, as
// training read the column; JavaScript's Date.parse would take it as local time.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Date's range, ±8.64e15 ms (±100,000,000 days from the epoch). */
const MAX_MS = 8.64e15;

function epochMs(v: unknown): number | undefined {
  if (v === null) return NaN;
  if (typeof v === "number") return Number.isFinite(v) && Math.abs(v) <= MAX_MS ? v : undefined;
  if (typeof v !== "string") return undefined;
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x)));
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  if (mo! < 1 || mo! > 12 || h > 23 || mi > 59 || s > 59) return undefined;
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  t.setUTCFullYear(y!, mo! - 1, d!);
  t.setUTCHours(h, mi, s, ms);
  if (t.getUTCDate() !== d) return undefined; // e.g. 2023-02-29 rolled over into March
  const offset = zoneOffsetMs(m[8]);
  return offset === undefined ? undefined : t.getTime() - offset;
}

function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}
