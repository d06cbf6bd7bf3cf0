/** Small RawColumn builders for the feature-spec tests; null marks a missing value. */
import type { RawColumn, RawTable } from "@/lib/features/raw";

export function num(name: string, values: (number | null)[]): RawColumn {
  return { kind: "numeric", name, values: Float64Array.from(values, (v) => v ?? NaN) };
}

/**
 * A categorical column. `dictionary` defaults to first-seen order; pass one
 * to check that nothing depends on the dictionary's order.
 */
export function cat(name: string, values: (string | null)[], dictionary?: string[]): RawColumn {
  const dict = dictionary ?? [...new Set(values.filter((v): v is string => v !== null))];
  const codes = Int32Array.from(values, (v) => {
    if (v === null) return -1;
    const code = dict.indexOf(v);
    if (code < 0) throw new Error(`test table: "${v}" is not in the dictionary`);
    return code;
  });
  return { kind: "categorical", name, codes, dictionary: dict };
}

export function bool(name: string, values: (boolean | null)[]): RawColumn {
  return { kind: "boolean", name, values: Int8Array.from(values, (v) => (v === null ? -1 : v ? 1 : 0)) };
}

/** ISO-8601 strings with an explicit Z (UTC). */
export function date(name: string, values: (string | null)[]): RawColumn {
  return { kind: "date", name, values: Float64Array.from(values, (v) => (v === null ? NaN : Date.parse(v))) };
}

export function table(...columns: RawColumn[]): RawTable {
  const lengths = columns.map((c) => (c.kind === "categorical" ? c.codes.length : c.values.length));
  return { rowCount: lengths[0] ?? 0, columns };
}

export const rows = (...r: number[]) => Int32Array.from(r);
