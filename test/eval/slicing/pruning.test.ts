import { describe, expect, it } from "vitest";
import { bruteForceSlices } from "@/lib/eval/slicing/brute-force";
import { evaluateCandidates, scratchFor } from "@/lib/eval/slicing/evaluate";
import { itemTable } from "@/lib/eval/slicing/items";
import { basicCandidates, joinCandidates, type Bounds, type SliceLevel } from "@/lib/eval/slicing/lattice";
import { prepareSliceData } from "@/lib/eval/slicing/prepare";
import { pruningSlack, sliceScore } from "@/lib/eval/slicing/score";
import { emptyStats, sliceLineSync } from "@/lib/eval/slicing/sliceline";
import { TopK } from "@/lib/eval/slicing/top-k";
import type { LevelStats, Slice, SliceData } from "@/lib/eval/slicing/types";
import { synthetic } from "./fixtures";

const planted = [
  { feature: 2, value: 1 },
  { feature: 5, value: 3 },
];

describe("pruning", () => {
  it("evaluates far fewer slices than brute force and finds the same top K", () => {
    const data = synthetic(11, { rows: 5000, domains: [4, 4, 4, 4, 4, 4], errors: "planted", planted, inside: 0.6, outside: 0.08 });
    const params = { alpha: 0.95, minSupport: 50, maxLevel: 4, topK: 10 };
    const fast = sliceLineSync(data, params);
    const slow = bruteForceSlices(data, params);
    expect(fast.topK).toEqual(slow.topK);
    // Brute force scores all Σ_l C(6, l)·4^l = 24 + 240 + 1,280 + 3,840 conjunctions.
    expect(slow.evaluated).toBe(5384);
    expect(fast.evaluated).toBeLessThan(slow.evaluated / 5);
    expect(fast.levels.reduce((s, l) => s + l.prunedByScore, 0)).toBeGreaterThan(0);
    expect(fast.levels.reduce((s, l) => s + l.rowVisits, 0)).toBeLessThan(slow.levels.reduce((s, l) => s + l.rowVisits, 0) / 50);
  });

  it("finds a planted 2-predicate slice first, and streams it once level 2 is done", () => {
    const data = synthetic(12, {
      rows: 20_000,
      domains: [5, 5, 5, 5, 5, 5, 5, 5],
      errors: "planted",
      planted,
      inside: 0.6,
      outside: 0.08,
    });
    const seen: { level: number; best: Slice | undefined }[] = [];
    const result = sliceLineSync(
      data,
      { alpha: 0.95, minSupport: 200, maxLevel: 3, topK: 10 },
      { onLevel: (level, top) => seen.push({ level, best: top[0] }) },
    );
    expect(result.topK[0].predicates).toEqual(planted);
    expect(seen.map((s) => s.level)).toEqual(result.levels.map((l) => l.level));
    expect(seen[0].best?.predicates.length).toBe(1);
    expect(seen[1].best?.predicates).toEqual(planted);
    // The best score so far never falls from one level to the next.
    for (let i = 1; i < seen.length; i++) expect(seen[i].best!.score).toBeGreaterThanOrEqual(seen[i - 1].best!.score);
  });
});

describe("the lattice's upper bounds", () => {
  /**
   * Every conjunction of the data, scanned row by row: key "f=v,f=v" (ascending f) → size and error sum.
   */
  function allConjunctions(data: SliceData): Map<string, { preds: [number, number][]; size: number; se: number }> {
    const f = data.features;
    if (f.layout !== "columns") throw new Error("columns only");
    const m = f.domains.length;
    const out = new Map<string, { preds: [number, number][]; size: number; se: number }>();
    for (let r = 0; r < data.errors.length; r++) {
      // Each row belongs to exactly one conjunction per subset of features.
      for (let mask = 1; mask < 1 << m; mask++) {
        const preds: [number, number][] = [];
        for (let j = 0; j < m; j++) if (mask & (1 << j)) preds.push([j, f.columns[j][r]]);
        const key = preds.map(([a, b]) => `${a}=${b}`).join(",");
        const cell = out.get(key) ?? { preds, size: 0, se: 0 };
        cell.size++;
        cell.se += data.errors[r];
        out.set(key, cell);
      }
    }
    return out;
  }

  it.each([
    [21, 0.95, 10],
    [22, 0.8, 30],
    [23, 1, 5],
  ])("bound every slice below each candidate (seed %d, α %d, σ %d)", (seed, alpha, minSupport) => {
    const data = synthetic(seed, {
      rows: 1500,
      domains: [3, 4, 3, 2],
      errors: "loss",
      planted: [{ feature: 1, value: 2 }],
    });
    const params = { alpha, minSupport, maxLevel: 4, topK: 1000 };
    const prep = prepareSliceData(data, params);
    const items = itemTable(prep.domains);
    const n = prep.rows;
    const bounds: Bounds = {
      meanError: prep.meanError,
      alpha,
      n,
      minSupport,
      slack: pruningSlack(prep.meanError, prep.maxError, alpha, n, minSupport),
    };
    const truth = [...allConjunctions(data).values()];
    const noBar = () => -Infinity;
    const stats = (): LevelStats => emptyStats(0);
    const drain = <T>(g: Generator<void, T>): T => {
      for (;;) {
        const s = g.next();
        if (s.done) return s.value;
      }
    };
    // Walk the lattice with no score pruning, keeping every candidate's bound.
    let level: SliceLevel = drain(
      evaluateCandidates(basicCandidates(items), [], prep, items, bounds, new TopK(1), scratchFor(prep.domains), stats()),
    );
    let checked = 0;
    for (let l = 2; l <= 4; l++) {
      const cands = drain(joinCandidates(level, items, bounds, noBar, stats()));
      for (let q = 0; q < cands.count; q++) {
        const mine: [number, number][] = [];
        for (let k = 0; k < l; k++) {
          const it = cands.items[q * l + k];
          mine.push([items.feature[it], items.value[it]]);
        }
        // The best score of this candidate or any conjunction containing it.
        let best = -Infinity;
        for (const c of truth) {
          if (c.size < minSupport) continue;
          if (!mine.every(([a, b]) => c.preds.some(([x, y]) => x === a && y === b))) continue;
          best = Math.max(best, sliceScore(c.size, c.se, prep.meanError, alpha, n));
        }
        expect(cands.ubScore[q]).toBeGreaterThanOrEqual(best - 1e-12);
        checked++;
      }
      // Row lists are needed for the next level's evaluation: fill them all.
      const rowsOf = (s: number) => {
        const out: number[] = [];
        for (let r = 0; r < n; r++) {
          let ok = true;
          for (let k = 0; k < level.width && ok; k++) {
            const it = level.items[s * level.width + k];
            ok = prep.columns[items.feature[it]][r] === items.value[it];
          }
          if (ok) out.push(r);
        }
        return Int32Array.from(out);
      };
      const rows = Array.from({ length: level.count }, (_, s) => rowsOf(s));
      level = drain(evaluateCandidates(cands, rows, prep, items, bounds, new TopK(1), scratchFor(prep.domains), stats()));
    }
    expect(checked).toBeGreaterThan(50);
  });
});
