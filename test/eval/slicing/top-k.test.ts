import { describe, expect, it } from "vitest";
import { compareSlices, TopK } from "@/lib/eval/slicing/top-k";
import type { Slice } from "@/lib/eval/slicing/types";

const slice = (score: number, size: number, preds: [number, number][]): Slice => ({
  predicates: preds.map(([feature, value]) => ({ feature, value })),
  score,
  size,
  errorSum: 0,
  maxError: 0,
});

describe("compareSlices", () => {
  it.each([
    ["higher score first", slice(2, 10, [[0, 1]]), slice(1, 99, [[0, 0]])],
    ["equal score: larger first", slice(1, 20, [[3, 1]]), slice(1, 10, [[0, 0]])],
    ["equal score and size: lower feature first", slice(1, 10, [[0, 5]]), slice(1, 10, [[1, 0]])],
    ["same feature: lower value first", slice(1, 10, [[2, 0]]), slice(1, 10, [[2, 1]])],
    ["a prefix before its extension", slice(1, 10, [[0, 0]]), slice(1, 10, [[0, 0], [1, 0]])],
    ["decided by the second predicate", slice(1, 10, [[0, 0], [1, 0]]), slice(1, 10, [[0, 0], [2, 0]])],
  ])("%s", (_, a, b) => {
    expect(compareSlices(a, b)).toBeLessThan(0);
    expect(compareSlices(b, a)).toBeGreaterThan(0);
  });
});

describe("TopK", () => {
  it("keeps the best K in order whatever the arrival order, and its bar is the K-th score once full", () => {
    const all = [slice(5, 1, [[0, 0]]), slice(4, 1, [[0, 1]]), slice(4, 2, [[0, 2]]), slice(3, 1, [[0, 3]]), slice(1, 1, [[0, 4]])];
    const top = new TopK(3);
    expect(top.bar()).toBe(0);
    for (const s of [all[3], all[0], all[4], all[1], all[2]]) top.offer(s);
    expect(top.list()).toEqual([all[0], all[2], all[1]]);
    expect(top.bar()).toBe(4);
  });
});
