import { describe, expect, it } from "vitest";
import { averagePrecision, rankingFor, rocAuc } from "@/lib/eval/ranking";
import { NormalSampler } from "@/lib/eval/normal";
import { RankingCells } from "@/lib/eval/ranking-cells";
import { createRandom } from "@/lib/labels/agreement/random";
import { expectSameInterval, makePredictions, naiveBootstrap, percentiles } from "./helpers";

function drawMany(rc: RankingCells, B: number, seed: number) {
  const rng = createRandom(seed);
  const normal = new NormalSampler(rng);
  const auc: number[] = [];
  const ap: number[] = [];
  for (let b = 0; b < B; b++) {
    const v = rc.draw(rng, normal);
    auc.push(v.auc);
    ap.push(v.ap);
  }
  return { auc, ap };
}

describe("RankingCells against the textbook bootstrap (naive index resampling)", () => {
  it("is exact with one bin per distinct score", () => {
    // Scores rounded to 1/20: at most 21 distinct values, fewer than 64 bins.
    const { y, p } = makePredictions(1500, 3, 31, 1.0, 20);
    const r = rankingFor(p, y, 3, 1);
    const rc = new RankingCells(r, null, 64);
    expect(rc.exact).toBe(true);
    expect(rc.aucShift).toBeCloseTo(0, 14);
    expect(rc.apShift).toBeCloseTo(0, 14);
    const cells = drawMany(rc, 2000, 32);
    const naiveAuc = naiveBootstrap(1500, 2000, 33, (w) => rocAuc(r, w));
    const naiveAp = naiveBootstrap(1500, 2000, 34, (w) => averagePrecision(r, w));
    expectSameInterval(percentiles(cells.auc), percentiles(naiveAuc), expect);
    expectSameInterval(percentiles(cells.ap), percentiles(naiveAp), expect);
  });

  it("binned (64 bins for 20,000 distinct scores) matches the exact bootstrap's interval", () => {
    const { y, p } = makePredictions(20_000, 2, 35, 1.0);
    const r = rankingFor(p, y, 2, 1);
    const rc = new RankingCells(r, null, 64);
    expect(rc.exact).toBe(false);
    const cells = drawMany(rc, 2000, 36);
    // Reference: per-row multiplicities, the statistic recomputed on all 20,000 rows.
    const naiveAuc = naiveBootstrap(20_000, 2000, 37, (w) => rocAuc(r, w));
    const naiveAp = naiveBootstrap(20_000, 2000, 38, (w) => averagePrecision(r, w));
    expectSameInterval(percentiles(cells.auc), percentiles(naiveAuc), expect);
    expectSameInterval(percentiles(cells.ap), percentiles(naiveAp), expect);
  }, 120_000);
});
