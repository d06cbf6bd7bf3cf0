import { describe, expect, it } from "vitest";
import type { RowOutcomes } from "@/lib/eval/held-out-table";
import { compareBySlice } from "@/lib/eval/slice-comparison";

const classified = (correct: number[]): RowOutcomes => ({ correct: Float64Array.from(correct), loss: new Float64Array(correct.length), absError: null, predicted: new Float64Array(correct.length), confidence: null });
const regressed = (absError: number[]): RowOutcomes => ({ correct: null, loss: Float64Array.from(absError, (e) => e * e), absError: Float64Array.from(absError), predicted: new Float64Array(absError.length), confidence: null });

describe("two runs compared by slice", () => {
  it("flags the slice where the overall winner loses (a paired Simpson's paradox, counts worked by hand)", () => {
    // Slice S, rows 0–99: A right on 90, B on 80 (10 rows only A got right).
    // Slice T, rows 100–199: A right on 50, B on 70 (20 rows only B got right).
    // Overall A 140/200, B 150/200: B wins, and loses on S.
    const a = [...Array(90).fill(1), ...Array(10).fill(0), ...Array(50).fill(1), ...Array(50).fill(0)];
    const b = [...Array(80).fill(1), ...Array(20).fill(0), ...Array(50).fill(1), ...Array(20).fill(1), ...Array(30).fill(0)];
    const S = Int32Array.from({ length: 100 }, (_, i) => i);
    const T = Int32Array.from({ length: 100 }, (_, i) => 100 + i);
    const r = compareBySlice(classified(a), classified(b), [{ name: "S", members: S }, { name: "T", members: T }, { name: "broken", members: { error: "no" } }], { resamples: 500, seed: 1 });
    expect(r.metric).toBe("accuracy");
    expect(r.winner).toBe("b");
    expect(r.overall).toMatchObject({ a: 0.7, b: 0.75, winnerLoses: null });
    expect(r.overall.difference).toBeCloseTo(0.05, 12);
    const [s, t, broken] = r.slices;
    expect(s).toMatchObject({ rows: 100, a: 0.9, b: 0.8, test: "mcnemar", winnerLoses: "clearly" });
    expect(s.difference).toBeCloseTo(-0.1, 12);
    expect(s.upper!).toBeLessThan(0);
    // McNemar, 10 discordant pairs all one way: exact two-sided binomial p = 2 · 0.5¹⁰ = 0.001953125.
    expect(s.p).toBeCloseTo(0.001953125, 12);
    expect(t).toMatchObject({ a: 0.5, b: 0.7, winnerLoses: null });
    expect(broken).toMatchObject({ rows: 0, difference: null, p: null });
  });

  it("compares mean absolute error with a paired t test (scipy.stats.ttest_rel([3,5,7,9],[2,3,4,5]): t 3.873, p 0.030466)", () => {
    const r = compareBySlice(regressed([2, 3, 4, 5]), regressed([3, 5, 7, 9]), [{ name: "all four", members: Int32Array.from([0, 1, 2, 3]) }], { resamples: 200 });
    expect(r.metric).toBe("mae");
    expect(r.winner).toBe("a");
    expect(r.slices[0].p).toBeCloseTo(0.030466291662170977, 6);
    expect(r.slices[0].difference).toBeCloseTo(2.5, 12);
    expect(r.slices[0].winnerLoses).toBeNull();
  });

  it("refuses runs that scored different rows", () => {
    expect(() => compareBySlice(classified([1, 0]), classified([1, 0, 1]), [])).toThrow(/different numbers of held-out rows/);
  });
});
