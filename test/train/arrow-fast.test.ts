import { DateDay, DateMillisecond, Float32, Float64, Int16, Int32, Int64, Table, TimestampMicrosecond, TimestampMillisecond, TimestampNanosecond, TimestampSecond, Uint8, Utf8, vectorFromArray, type DataType, type Vector } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { datesFromBuffers, numbersFromBuffers, stringsFromBuffers } from "@/lib/train/arrow-fast";
import { Random } from "@/lib/train/random";

/*
 * The buffer reads against Arrow's own per-row get(), the independent
 * reference: on nulls, on sliced chunks (Arrow slices value buffers but not
 * validity bits) and on tables of several record batches.
 */

const rng = new Random(11);
const pick = <T,>(xs: T[]) => xs[Math.floor(rng.float() * xs.length)];

/** A column of `n` values from `make`, about a fifth null, as one vector of 3 batches, then sliced from row 7. */
function column<T>(type: DataType, n: number, make: () => T): Vector {
  const parts = [0, 1, 2].map(() => Array.from({ length: n }, () => (rng.float() < 0.2 ? null : make())));
  const table = new Table(parts.flatMap((p) => new Table({ c: vectorFromArray(p, type) }).batches));
  return table.slice(7).getChild("c")!;
}

const viaGet = (v: Vector, f: (x: unknown) => number) => Float64Array.from({ length: v.length }, (_, i) => (v.get(i) === null ? NaN : f(v.get(i))));

describe("Arrow columns read from buffers agree with get()", () => {
  it.each([
    ["Int32", new Int32(), () => Math.floor(rng.float() * 2e9) - 1e9],
    ["Int16", new Int16(), () => Math.floor(rng.float() * 6e4) - 3e4],
    ["Uint8", new Uint8(), () => Math.floor(rng.float() * 256)],
    ["Int64", new Int64(), () => BigInt(Math.floor(rng.float() * 1e15))],
    ["Float32", new Float32(), () => rng.float() * 100 - 50],
    ["Float64", new Float64(), () => rng.float() * 1e6],
  ] as const)("numbers: %s", (_, type, make) => {
    const v = column(type, 500, make as () => unknown);
    expect(Array.from(numbersFromBuffers(v)!)).toEqual(Array.from(viaGet(v, (x) => Number(x))));
  });

  it.each([
    ["Timestamp s", new TimestampSecond()],
    ["Timestamp ms", new TimestampMillisecond()],
    ["Timestamp µs", new TimestampMicrosecond()],
    ["Timestamp ns", new TimestampNanosecond()],
    ["Date day", new DateDay()],
    ["Date ms", new DateMillisecond()],
  ] as const)("dates: %s (epoch ms)", (_, type) => {
    const v = column(type, 300, () => new Date(Date.UTC(1960 + Math.floor(rng.float() * 80), Math.floor(rng.float() * 12), 1 + Math.floor(rng.float() * 28))));
    const asMs = (x: unknown) => (x instanceof Date ? x.getTime() : Number(x));
    const fast = datesFromBuffers(v)!;
    const ref = viaGet(v, asMs);
    fast.forEach((ms, i) => (Number.isNaN(ref[i]) ? expect(ms).toBeNaN() : expect(Math.abs(ms - ref[i])).toBeLessThan(1e-3)));
  });

  it("strings: the same values in first-seen order, non-ASCII and empty strings included", () => {
    const words = ["ATL", "ORD", "", "Zürich", "日本", "ATL ", "a\u0000b"];
    const v = column(new Utf8(), 400, () => pick(words));
    const { codes, dictionary } = stringsFromBuffers(v)!;
    const decoded = Array.from(codes, (c) => (c < 0 ? null : dictionary[c]));
    expect(decoded).toEqual(Array.from({ length: v.length }, (_, i) => v.get(i)));
    expect(new Set(dictionary).size).toBe(dictionary.length);
    const firstSeen = [...new Set(decoded.filter((d) => d !== null))];
    expect(dictionary).toEqual(firstSeen);
  });

  it("strings whose hashes collide stay apart (FNV-1a 32-bit: costarring/liquid, declinate/macallums)", () => {
    const fnv = (s: string) => [...new TextEncoder().encode(s)].reduce((h, b) => Math.imul(h ^ b, 0x01000193), 0x811c9dc5);
    expect(fnv("costarring")).toBe(fnv("liquid"));
    expect(fnv("declinate")).toBe(fnv("macallums"));
    const v = vectorFromArray(["costarring", "liquid", "declinate", "liquid", "macallums", "costarring"], new Utf8());
    const { codes, dictionary } = stringsFromBuffers(v)!;
    expect(dictionary).toEqual(["costarring", "liquid", "declinate", "macallums"]);
    expect(Array.from(codes)).toEqual([0, 1, 2, 1, 3, 0]);
  });

  it("other types take the general path (null)", () => {
    const v = vectorFromArray([true, false]);
    expect(numbersFromBuffers(v)).toBeNull();
    expect(stringsFromBuffers(v)).toBeNull();
    expect(datesFromBuffers(v)).toBeNull();
  });
});
