import { describe, expect, it } from "vitest";
import type { RawColumn, RawTable, RawTarget } from "@/lib/features/raw";
import { Random } from "@/lib/train/random";
import { SplitError, splitRows, type SplitResult } from "@/lib/train/split";

/** `groups` groups of 1–`maxSize` rows each (sizes drawn with a fixed seed), rows of a group scattered. */
function authors(groups: number, maxSize: number, fixtureSeed = 11): { table: RawTable; target: RawTarget; codes: Int32Array } {
  const rng = new Random(fixtureSeed);
  const list: number[] = [];
  for (let g = 0; g < groups; g++) for (let k = 1 + rng.int(maxSize); k > 0; k--) list.push(g);
  const codes = rng.shuffle(Int32Array.from(list));
  const author: RawColumn = { kind: "categorical", name: "author", codes, dictionary: Array.from({ length: groups }, (_, g) => `a${g}`) };
  const n = codes.length;
  const target: RawTarget = { kind: "classes", name: "y", classes: ["no", "yes"], codes: Int32Array.from({ length: n }, () => rng.int(2)) };
  return { table: { rowCount: n, columns: [author] }, target, codes };
}

function groupsOf(part: Int32Array, key: (i: number) => number): Set<number> {
  return new Set(Array.from(part, key));
}

function expectNoSharedGroup(r: SplitResult, key: (i: number) => number): void {
  const [a, b, c] = [r.train, r.validation, r.test].map((p) => groupsOf(p, key));
  for (const g of a) expect(b.has(g) || c.has(g)).toBe(false);
  for (const g of b) expect(c.has(g)).toBe(false);
}

describe("group split", () => {
  it("never puts one group in two splits, over 200 seeds", () => {
    const { table, target, codes } = authors(60, 8);
    for (let seed = 0; seed < 200; seed++) {
      const r = splitRows({ kind: "group", seed, groupColumn: "author" }, table, target);
      expectNoSharedGroup(r, (i) => codes[i]);
      expect(r.train.length + r.validation.length + r.test.length).toBe(table.rowCount);
      for (const p of [r.train, r.validation, r.test]) expect(p.length).toBeGreaterThan(0);
    }
  });

  it("comes within 3 points of the fractions when groups are small", () => {
    const { table, target } = authors(300, 3);
    const n = table.rowCount;
    for (let seed = 0; seed < 20; seed++) {
      const r = splitRows({ kind: "group", seed, groupColumn: "author", validation: 0.2, test: 0.1 }, table, target);
      expect(Math.abs(r.train.length / n - 0.7)).toBeLessThan(0.03);
      expect(Math.abs(r.validation.length / n - 0.2)).toBeLessThan(0.03);
      expect(Math.abs(r.test.length / n - 0.1)).toBeLessThan(0.03);
      expect(r.note).toMatch(/^group split on "author": 300 groups; rows: train \d+\.\d%/);
    }
  });

  it("repeats for the same seed and changes with the seed", () => {
    const { table, target } = authors(40, 5);
    const a = splitRows({ kind: "group", seed: 8, groupColumn: "author" }, table, target);
    const b = splitRows({ kind: "group", seed: 8, groupColumn: "author" }, table, target);
    const c = splitRows({ kind: "group", seed: 9, groupColumn: "author" }, table, target);
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
  });

  it("treats each row with a missing group as a group of its own", () => {
    // 30 rows: groups 0..4 of 4 rows each, then 10 rows with no group.
    const codes = Int32Array.from({ length: 30 }, (_, i) => (i < 20 ? i % 5 : -1));
    const user: RawColumn = { kind: "categorical", name: "user", codes, dictionary: ["u0", "u1", "u2", "u3", "u4"] };
    const target: RawTarget = { kind: "classes", name: "y", classes: ["a", "b"], codes: Int32Array.from({ length: 30 }, (_, i) => i % 2) };
    const r = splitRows({ kind: "group", seed: 4, groupColumn: "user" }, { rowCount: 30, columns: [user] }, target);
    expectNoSharedGroup(r, (i) => (codes[i] < 0 ? 100 + i : codes[i]));
    expect(r.note).toContain("15 groups");
  });

  it("groups by a numeric column's values", () => {
    const ids = Float64Array.from({ length: 60 }, (_, i) => (i * 7) % 12);
    const col: RawColumn = { kind: "numeric", name: "store", values: ids };
    const target: RawTarget = { kind: "values", name: "sales", values: Float64Array.from({ length: 60 }, (_, i) => i) };
    const r = splitRows({ kind: "group", seed: 1, groupColumn: "store" }, { rowCount: 60, columns: [col] }, target);
    expectNoSharedGroup(r, (i) => ids[i]);
  });

  it("refuses when there are fewer than three groups", () => {
    const codes = Int32Array.from({ length: 20 }, (_, i) => i % 2);
    const col: RawColumn = { kind: "categorical", name: "author", codes, dictionary: ["x", "y"] };
    const target: RawTarget = { kind: "classes", name: "y", classes: ["a", "b"], codes: Int32Array.from({ length: 20 }, (_, i) => (i >> 1) % 2) };
    expect(() => splitRows({ kind: "group", seed: 1, groupColumn: "author" }, { rowCount: 20, columns: [col] }, target)).toThrow(
      new SplitError("too_few_groups", 'too few groups for the split: 2 distinct values in "author"; need at least 3 for train/validation/test'),
    );
  });

  it("puts a group too big for test and validation in train", () => {
    // One author wrote 80 of 100 rows; 20 others wrote one row each.
    const codes = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : i - 79));
    const col: RawColumn = { kind: "categorical", name: "author", codes, dictionary: Array.from({ length: 21 }, (_, g) => `a${g}`) };
    const target: RawTarget = { kind: "classes", name: "y", classes: ["a", "b"], codes: Int32Array.from({ length: 100 }, (_, i) => i % 2) };
    for (let seed = 0; seed < 20; seed++) {
      const r = splitRows({ kind: "group", seed, groupColumn: "author" }, { rowCount: 100, columns: [col] }, target);
      expect(Array.from(r.train).filter((i) => i < 80)).toHaveLength(80);
      expect(r.validation.length).toBeGreaterThan(0);
      expect(r.test.length).toBeGreaterThan(0);
    }
  });
});
