import { describe, expect, it } from "vitest";
import { apInfluence, aucInfluence, r2Influence } from "@/lib/eval/influence";
import { averagePrecision, rankingFor, rocAuc } from "@/lib/eval/ranking";
import { regressionMetrics } from "@/lib/eval/regression";
import { createRandom } from "@/lib/labels/agreement/random";
import { makePredictions, seededWeights } from "./helpers";

/**
 * ψᵢ is ∂T/∂mᵢ at m = 1 with row weights s·m; the reference is a central
 * finite difference of the metric itself, (T(mᵢ = 1 + h) − T(mᵢ = 1 − h)) / 2h.
 */
function finiteDifference(stat: (w: Float64Array) => number, s: Float64Array, i: number, h = 1e-6): number {
  const up = s.slice();
  const down = s.slice();
  up[i] *= 1 + h;
  down[i] *= 1 - h;
  return (stat(up) - stat(down)) / (2 * h);
}

describe("influence values against finite differences", () => {
  const rows = 80;
  // Rounded to 1/10 so tie groups are exercised.
  const { y, p } = makePredictions(rows, 3, 21, 1.0, 10);
  const s = seededWeights(rows, 22);

  for (const c of [0, 2]) {
    const r = rankingFor(p, y, 3, c);
    it(`ROC AUC, class ${c}`, () => {
      const psi = aucInfluence(r, s)!;
      for (let i = 0; i < rows; i += 7) expect(psi[i]).toBeCloseTo(finiteDifference((w) => rocAuc(r, w), s, i), 7);
      expect(psi.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    });
    it(`average precision, class ${c}`, () => {
      const psi = apInfluence(r, s)!;
      for (let i = 0; i < rows; i += 7) expect(psi[i]).toBeCloseTo(finiteDifference((w) => averagePrecision(r, w), s, i), 7);
      expect(psi.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
    });
  }

  it("R²", () => {
    const rng = createRandom(5);
    const yv = new Float64Array(rows);
    const res = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      yv[i] = 10 * rng.float();
      res[i] = rng.float() - 0.5;
    }
    const psi = r2Influence(yv, res, s)!;
    for (let i = 0; i < rows; i += 7) expect(psi[i]).toBeCloseTo(finiteDifference((w) => regressionMetrics(yv, res, w).r2, s, i), 7);
    expect(psi.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });

  it("is null where the statistic is undefined", () => {
    const one = rankingFor(Float64Array.from([0.4, 0.6, 0.3, 0.7]), Int32Array.from([1, 1]), 2, 0);
    expect(aucInfluence(one, null)).toBeNull();
    expect(apInfluence(one, null)).toBeNull();
    expect(r2Influence([1, 1], Float64Array.from([0, 1]), null)).toBeNull();
  });
});
