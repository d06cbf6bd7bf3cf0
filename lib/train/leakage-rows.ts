/**
 * Rows that appear, feature for feature, in training and in validation or
 * test. A model can answer those from memory, so the held-out score says
 * less about new data than it seems to. Found in O(n) by hashing rows.
 */
import type { RawColumn } from "../features/raw";

export interface IdenticalRows {
  /** Rows of the other split with an identical training row. */
  count: number;
  /** Distinct feature vectors among the training rows. */
  distinctTrain: number;
  /** Up to `maxExamples` [training row, other row] index pairs. */
  examples: [number, number][];
}

// One scratch buffer to read a float64's two 32-bit words.
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/**
 * Counts rows of `other` whose values in `columns` equal those of some row in
 * `train`; a missing value equals only a missing value. Each row gets a
 * 53-bit key from two independent 32-bit hashes of its values (FNV-1a and
 * MurmurHash3's mixing), so a chance collision between different rows is
 * ~n²/2^54 — and a key hit is still confirmed value by value, so a
 * collision can cost time but never a false report.
 */
export function findIdenticalRows(
  columns: readonly RawColumn[],
  train: Int32Array,
  other: Int32Array,
  maxExamples = 5,
): IdenticalRows {
  // Per key, one representative train row per distinct content (more than
  // one only after a hash collision).
  const buckets = new Map<number, number[]>();
  for (const i of train) {
    const key = rowKey(columns, i);
    const bucket = buckets.get(key);
    if (!bucket) buckets.set(key, [i]);
    else if (!bucket.some((j) => sameRow(columns, i, j))) bucket.push(i);
  }
  let distinctTrain = 0;
  for (const bucket of buckets.values()) distinctTrain += bucket.length;
  let count = 0;
  const examples: [number, number][] = [];
  for (const i of other) {
    const bucket = buckets.get(rowKey(columns, i));
    const match = bucket?.find((j) => sameRow(columns, i, j));
    if (match === undefined) continue;
    count++;
    if (examples.length < maxExamples) examples.push([match, i]);
  }
  return { count, distinctTrain, examples };
}

/** FNV-1a 32-bit (Fowler, Noll, Vo; offset basis 2166136261, prime 16777619), byte by byte. */
function fnv1aWord(h: number, w: number): number {
  for (let b = 0; b < 4; b++) {
    h ^= (w >>> (8 * b)) & 0xff;
    h = Math.imul(h, 16777619);
  }
  return h;
}

/** One block of MurmurHash3_x86_32 (Appleby): mix a 32-bit word into the state. */
function murmurWord(h: number, w: number): number {
  let k = Math.imul(w, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's finaliser, so the low bits depend on every input bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function rowKey(columns: readonly RawColumn[], i: number): number {
  let a = 2166136261;
  let b = 0x9747b28c; // any fixed seed; it only has to differ from FNV's basis
  let words = 0;
  const add = (w: number) => {
    a = fnv1aWord(a, w);
    b = murmurWord(b, w);
    words++;
  };
  for (const c of columns) {
    switch (c.kind) {
      case "categorical":
        add(c.codes[i] < 0 ? -1 : c.codes[i]);
        break;
      case "boolean":
        add(c.values[i] < 0 ? -1 : c.values[i]);
        break;
      case "numeric":
      case "date": {
        const v = c.values[i];
        // One bit pattern for every NaN, and −0 as 0, to agree with sameValue.
        f64[0] = Number.isNaN(v) ? NaN : v + 0;
        add(u32[0]);
        add(u32[1]);
        break;
      }
    }
  }
  b = fmix(b ^ (words * 4));
  // 32 bits of one hash and 21 of the other: an exact integer (< 2^53) that
  // a Map can key on without building strings.
  return (a >>> 0) * 2097152 + (b >>> 11);
}

function sameRow(columns: readonly RawColumn[], i: number, j: number): boolean {
  for (const c of columns) {
    switch (c.kind) {
      case "categorical":
        if (c.codes[i] !== c.codes[j] && (c.codes[i] >= 0 || c.codes[j] >= 0)) return false;
        break;
      case "boolean":
        if (c.values[i] !== c.values[j] && (c.values[i] >= 0 || c.values[j] >= 0)) return false;
        break;
      case "numeric":
      case "date": {
        const x = c.values[i];
        const y = c.values[j];
        if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
        break;
      }
    }
  }
  return true;
}
