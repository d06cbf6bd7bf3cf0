import { describe, expect, it } from "vitest";
import { fairnessReport } from "@/lib/eval/stats/fairness";

/*
 * Hand-worked example, 20 rows in two groups:
 *   group "a": y = 1 on 6 rows (ŷ = 1 on 5: TP 5, FN 1), y = 0 on 4 rows (ŷ = 1 on 1: FP 1, TN 3)
 *     → selection 6/10, TPR 5/6, FPR 1/4
 *   group "b": y = 1 on 4 rows (TP 2, FN 2), y = 0 on 6 rows (FP 0, TN 6)
 *     → selection 2/10, TPR 2/4, FPR 0/6
 *   demographic parity difference 0.6 − 0.2 = 0.4; equal opportunity difference 5/6 − 1/2 = 1/3.
 */
function rows(cells: [string, number, number, number][]) {
  const group: string[] = [];
  const y: number[] = [];
  const yhat: number[] = [];
  for (const [g, yy, pp, count] of cells) {
    for (let i = 0; i < count; i++) {
      group.push(g);
      y.push(yy);
      yhat.push(pp);
    }
  }
  return { group, y, yhat };
}

const HAND: [string, number, number, number][] = [
  ["a", 1, 1, 5],
  ["a", 1, 0, 1],
  ["a", 0, 1, 1],
  ["a", 0, 0, 3],
  ["b", 1, 1, 2],
  ["b", 1, 0, 2],
  ["b", 0, 0, 6],
];

describe("fairness report", () => {
  it("per-group rates and the two differences on a hand-worked table", () => {
    const { group, y, yhat } = rows(HAND);
    const r = fairnessReport(group, y, yhat, { resamples: 500, seed: 4 });
    expect(r.groups.map((g) => [g.group, g.rows, g.positives, g.negatives, g.selected])).toEqual([
      ["a", 10, 6, 4, 6],
      ["b", 10, 4, 6, 2],
    ]);
    expect(r.groups[0].selectionRate.estimate).toBeCloseTo(0.6, 15);
    expect(r.groups[0].truePositiveRate.estimate).toBeCloseTo(5 / 6, 15);
    expect(r.groups[0].falsePositiveRate.estimate).toBeCloseTo(0.25, 15);
    expect(r.groups[1].falsePositiveRate).toMatchObject({ estimate: 0, lower: 0 });
    // Wilson 95 % for 0/6 (b's FPR): upper = z²/(n + z²) = 3.8415/9.8415 = 0.3903.
    expect(r.groups[1].falsePositiveRate.upper).toBeCloseTo(0.3903, 4);
    expect(r.demographicParityDifference.value).toBeCloseTo(0.4, 15);
    expect(r.equalOpportunityDifference.value).toBeCloseTo(1 / 3, 15);
    for (const d of [r.demographicParityDifference, r.equalOpportunityDifference]) {
      expect(d.lower).toBeLessThanOrEqual(d.value);
      expect(d.upper).toBeGreaterThanOrEqual(d.value);
      expect(d.lower).toBeGreaterThanOrEqual(0);
    }
  });

  it("bootstrap intervals narrow like 1/√n: ten copies of the table give about a third of the width", () => {
    const small = rows(HAND);
    const big = rows(HAND.map(([g, yy, pp, c]) => [g, yy, pp, 10 * c]));
    const ws = fairnessReport(small.group, small.y, small.yhat, { seed: 1 }).demographicParityDifference;
    const wb = fairnessReport(big.group, big.y, big.yhat, { seed: 1 }).demographicParityDifference;
    expect(wb.value).toBeCloseTo(0.4, 15);
    const ratio = (wb.upper - wb.lower) / (ws.upper - ws.lower);
    expect(ratio).toBeGreaterThan(0.22);
    expect(ratio).toBeLessThan(0.45); // 1/√10 = 0.316
  });

  it("the interval for a difference of independent proportions agrees with the normal approximation at large n", () => {
    // 2,000 rows per group, selection 0.5 and 0.4: SD of the difference = √(0.25/2000 + 0.24/2000) = 0.015652,
    // so the 95 % interval is about 0.1 ± 0.0307 (the max − min equals the difference here, far from 0).
    const big = rows([
      ["a", 1, 1, 1000],
      ["a", 0, 0, 1000],
      ["b", 1, 1, 800],
      ["b", 0, 0, 1200],
    ]);
    const d = fairnessReport(big.group, big.y, big.yhat, { resamples: 2000, seed: 8 }).demographicParityDifference;
    expect(d.lower).toBeCloseTo(0.1 - 0.0307, 2);
    expect(d.upper).toBeCloseTo(0.1 + 0.0307, 2);
  });

  it("a group without positives has no TPR and is left out of the equal opportunity difference", () => {
    const { group, y, yhat } = rows([...HAND, ["c", 0, 1, 3]]);
    const r = fairnessReport(group, y, yhat, { resamples: 100 });
    expect(r.groups[2].truePositiveRate.estimate).toBeNaN();
    expect(r.equalOpportunityDifference.value).toBeCloseTo(1 / 3, 15);
    expect(r.demographicParityDifference.value).toBeCloseTo(1 - 0.2, 15);
  });

  it("one group: both differences undefined; null is a group of its own", () => {
    const r = fairnessReport([null, null], [1, 0], [1, 1], { resamples: 10 });
    expect(r.groups[0].group).toBeNull();
    expect(r.demographicParityDifference.value).toBeNaN();
    expect(r.demographicParityDifference.undefinedResamples).toBe(10);
    expect(() => fairnessReport(["a"], [1, 0], [1])).toThrow(/one value per row/);
  });
});
