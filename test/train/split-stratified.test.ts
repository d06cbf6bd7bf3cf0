import { describe, expect, it } from "vitest";
import type { RawTarget } from "@/lib/features/raw";
import { splitRows } from "@/lib/train/split";

/** Classes A..D of the given sizes, interleaved over the rows so no class sits in one block. */
function target(sizes: number[]): Extract<RawTarget, { kind: "classes" }> {
  const codes: number[] = [];
  const left = [...sizes];
  while (left.some((n) => n > 0)) left.forEach((n, c) => n > 0 && (codes.push(c), left[c]--));
  return { kind: "classes", name: "y", classes: sizes.map((_, c) => "ABCDEFGH"[c]), codes: Int32Array.from(codes) };
}

function counts(rows: Int32Array, t: Extract<RawTarget, { kind: "classes" }>): number[] {
  const c = new Array(t.classes.length).fill(0);
  for (const i of rows) c[t.codes[i]]++;
  return c;
}

describe("stratified split", () => {
  const sizes = [50, 30, 17, 3];
  const t = target(sizes);
  const n = t.codes.length;
  const table = { rowCount: n, columns: [] };

  it("keeps every class within one row of its share in every split, over 100 seeds", () => {
    const fractions = [0.7, 0.15, 0.15];
    for (let seed = 0; seed < 100; seed++) {
      const r = splitRows({ kind: "stratified", seed }, table, t);
      const parts = [r.train, r.validation, r.test];
      expect(parts.reduce((a, p) => a + p.length, 0)).toBe(n);
      parts.forEach((p, s) => {
        const c = counts(p, t);
        // Classes of ≥ 10 rows: floor or ceiling of class rows × fraction.
        for (const k of [0, 1, 2]) expect(Math.abs(c[k] - sizes[k] * fractions[s])).toBeLessThan(1 + 1e-9);
        // The 3-row class is in all three splits.
        expect(c[3]).toBe(1);
        // Split totals stay within 1.5 rows of their fraction of all rows.
        expect(Math.abs(p.length - n * fractions[s])).toBeLessThanOrEqual(1.5);
      });
    }
  });

  it("works with uneven fractions and many classes", () => {
    const many = target([40, 33, 21, 12, 9, 7, 5, 4]);
    const m = many.codes.length;
    const fractions = [0.6, 0.1, 0.3];
    const r = splitRows({ kind: "stratified", seed: 9, validation: 0.1, test: 0.3 }, { rowCount: m, columns: [] }, many);
    [r.train, r.validation, r.test].forEach((p, s) => {
      const c = counts(p, many);
      c.forEach((x, k) => {
        const quota = [40, 33, 21, 12, 9, 7, 5, 4][k] * fractions[s];
        // A class raised to one row in a split can be one more off elsewhere.
        expect(Math.abs(x - quota)).toBeLessThan(quota < 1 ? 1 : 2);
        expect(x).toBeGreaterThanOrEqual(1);
      });
    });
  });

  it("repeats for the same seed and changes with the seed", () => {
    const a = splitRows({ kind: "stratified", seed: 5 }, table, t);
    const b = splitRows({ kind: "stratified", seed: 5 }, table, t);
    const c = splitRows({ kind: "stratified", seed: 6 }, table, t);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it("notes classes too small to be in every split, and still fills every split", () => {
    const small = target([20, 2, 1]);
    const r = splitRows({ kind: "stratified", seed: 1 }, { rowCount: 23, columns: [] }, small);
    expect(r.note).toContain('"B" (2)');
    expect(r.note).toContain('"C" (1)');
    for (const p of [r.train, r.validation, r.test]) expect(p.length).toBeGreaterThan(0);
    expect(counts(r.train, small)[0] + counts(r.validation, small)[0] + counts(r.test, small)[0]).toBe(20);
  });

  it("never leaves a split empty, even with a tiny fraction", () => {
    const r = splitRows({ kind: "stratified", seed: 2, validation: 0.01, test: 0.01 }, { rowCount: 12, columns: [] }, target([6, 6]));
    expect(r.validation.length).toBeGreaterThan(0);
    expect(r.test.length).toBeGreaterThan(0);
  });
});
