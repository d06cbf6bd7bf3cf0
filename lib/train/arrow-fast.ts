import { DataType, DateUnit, TimeUnit, type Vector } from "apache-arrow";

/**
 * Column reads straight from Arrow's buffers for the types DuckDB sends most
 * (strings, ints, floats, dates and timestamps), without a `vector.get(i)` call per row: on
 * 200,000 rows that call costs about as much as everything else done to
 * prepare a training or export run. Other types return null and take the
 * general path in raw-from-arrow.ts. Buffers of a sliced chunk are already
 * sliced by Arrow; only validity bits are read at `offset + i` (getValid).
 */

/** Float64 values, NaN for null; null when the type is not a plain int or float. */
export function numbersFromBuffers(vector: Vector): Float64Array | null {
  const t = vector.type;
  if (!(DataType.isInt(t) || DataType.isFloat(t)) || (DataType.isFloat(t) && t.precision === 0)) return null; // float16 is stored as uint16
  const out = new Float64Array(vector.length);
  let row = 0;
  for (const data of vector.data) {
    const values = data.values as ArrayLike<number | bigint>;
    const nulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++, row++) out[row] = nulls && !data.getValid(i) ? NaN : Number(values[i]);
  }
  return out;
}

const MS_PER = { [TimeUnit.SECOND]: 1000, [TimeUnit.MILLISECOND]: 1, [TimeUnit.MICROSECOND]: 1e-3, [TimeUnit.NANOSECOND]: 1e-6 } as const;

/** Epoch milliseconds, NaN for null (as Arrow's own get gives them); null for other types. */
export function datesFromBuffers(vector: Vector): Float64Array | null {
  const t = vector.type;
  let scale: number;
  if (DataType.isTimestamp(t)) scale = MS_PER[t.unit];
  else if (DataType.isDate(t)) scale = t.unit === DateUnit.DAY ? 86_400_000 : 1;
  else return null;
  const out = new Float64Array(vector.length);
  let row = 0;
  for (const data of vector.data) {
    const values = data.values as ArrayLike<number | bigint>;
    const nulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++, row++) out[row] = nulls && !data.getValid(i) ? NaN : Number(values[i]) * scale;
  }
  return out;
}

/**
 * Codes into a dictionary of first-seen order, −1 for null; null when the
 * type is not Utf8. Each row's bytes are hashed (FNV-1a) and compared with the
 * dictionary entry's bytes, so a value is decoded to a string once, not per row.
 */
export function stringsFromBuffers(vector: Vector): { codes: Int32Array; dictionary: string[] } | null {
  if (!DataType.isUtf8(vector.type)) return null;
  const codes = new Int32Array(vector.length);
  const dictionary: string[] = [];
  const entryBytes: Uint8Array[] = [];
  const byHash = new Map<number, number[]>();
  const decoder = new TextDecoder();
  let row = 0;
  for (const data of vector.data) {
    const bytes = data.values as Uint8Array;
    const offsets = data.valueOffsets as Int32Array;
    const nulls = data.nullCount > 0;
    for (let i = 0; i < data.length; i++, row++) {
      if (nulls && !data.getValid(i)) {
        codes[row] = -1;
        continue;
      }
      const begin = offsets[i];
      const end = offsets[i + 1];
      let h = 0x811c9dc5;
      for (let k = begin; k < end; k++) h = Math.imul(h ^ bytes[k], 0x01000193);
      const candidates = byHash.get(h);
      let code = -1;
      if (candidates) {
        for (const c of candidates) {
          if (sameBytes(entryBytes[c], bytes, begin, end)) {
            code = c;
            break;
          }
        }
      }
      if (code < 0) {
        code = dictionary.length;
        const own = bytes.slice(begin, end);
        entryBytes.push(own);
        dictionary.push(decoder.decode(own));
        if (candidates) candidates.push(code);
        else byHash.set(h, [code]);
      }
      codes[row] = code;
    }
  }
  return { codes, dictionary };
}

function sameBytes(a: Uint8Array, b: Uint8Array, begin: number, end: number): boolean {
  if (a.length !== end - begin) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[begin + k]) return false;
  return true;
}
