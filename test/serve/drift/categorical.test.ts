import { describe, expect, it } from "vitest";
import { MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { type CategoricalStats, MISSING_CELL, OTHER_CELL, categoryCells, chiSquareGoodnessOfFit, jensenShannon } from "@/lib/serve/drift/categorical";
import { chiSquareSurvival } from "@/lib/serve/drift/gamma";

describe("categoryCells", () => {
  it("counts fitted categories, other and missing", () => {
    const stats: CategoricalStats = { name: "colour", kind: "categorical", count: 11, missing: 1, frequencies: { red: 5, blue: 3 }, other: 2 };
    const cells = categoryCells(stats, ["red", "blue", "green", null, MISSING_CATEGORY, "red", "constructor"]);
    expect(cells).toEqual({ labels: ["red", "blue", OTHER_CELL, MISSING_CELL], training: [5, 3, 2, 1], live: [2, 1, 2, 2] });
  });
});

describe("chi-square p-values", () => {
  // Upper-tail critical values from NIST/SEMATECH e-Handbook of Statistical
  // Methods, §1.3.6.7.4 "Critical Values of the Chi-Square Distribution".
  it.each([
    [2.706, 1, 0.1],
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [11.07, 5, 0.05],
    [15.086, 5, 0.01],
    [18.307, 10, 0.05],
    [23.209, 10, 0.01],
  ])("χ² = %d with %d df → p ≈ %d", (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 4);
  });
});

describe("chiSquareGoodnessOfFit", () => {
  /*
   * Mendel's (1866) dihybrid cross: 315 round yellow, 108 round green,
   * 101 wrinkled yellow, 32 wrinkled green against 9:3:3:1, n = 556.
   * Expected 312.75, 104.25, 104.25, 34.75;
   *   χ² = 2.25²/312.75 + 3.75²/104.25 + 3.25²/104.25 + 2.75²/34.75
   *      = 0.016187 + 0.134892 + 0.101319 + 0.217626 = 0.470024, df 3.
   * A chi-square table puts 0.470 between the 0.95 (0.352) and 0.90 (0.584)
   * points of 3 df; scipy.stats.chisquare gives p = 0.925426.
   */
  it("Mendel's peas: χ² = 0.470, df 3, p = 0.925", () => {
    const r = chiSquareGoodnessOfFit([9, 3, 3, 1], [315, 108, 101, 32]);
    expect(r.statistic).toBeCloseTo(0.470024, 6);
    expect(r.df).toBe(3);
    expect(r.pValue).toBeCloseTo(0.925426, 5);
  });

  /*
   * Hand-worked pooling. Training [50, 45, 5, 0], live [50, 40, 5, 5], n = 100:
   * expected 50, 45, 5, 0. The expected-0 cell is below 5 and pools; the pool
   * (expected 0) takes the next-smallest cell (expected 5, observed 5), so
   * the cells are 50/50, 45/40, pool 5/10:
   *   χ² = 0 + 5²/45 + 5²/5 = 0.555556 + 5 = 5.555556, df 2,
   *   p = e^(−χ²/2) = e^(−2.777778) = 0.062177 (2 df: exponential).
   */
  it("pools an expected-zero cell with the next-smallest", () => {
    const r = chiSquareGoodnessOfFit([50, 45, 5, 0], [50, 40, 5, 5]);
    expect(r.statistic).toBeCloseTo(5.555556, 6);
    expect(r.df).toBe(2);
    expect(r.pValue).toBeCloseTo(0.062177, 6);
  });

  it("sees a category that training never had, arriving in force", () => {
    // 30 of 100 live rows missing where training had none: the pool of
    // missing (0) and the 10 % cell (10) observes 40, χ² ≫ 0.
    const r = chiSquareGoodnessOfFit([60, 30, 10, 0], [50, 10, 10, 30]);
    expect(r.pValue).toBeLessThan(1e-6);
  });

  it.each([
    ["too few rows to test: everything pools", [1, 1, 1], [1, 1, 0], { statistic: 0, df: 0, pValue: 1 }],
    ["an empty live window", [1, 2], [0, 0], { statistic: NaN, df: 0, pValue: NaN }],
  ])("%s", (_name, training, live, want) => {
    expect(chiSquareGoodnessOfFit(training, live)).toEqual(want);
  });

  it.each([
    ["different lengths", [1, 2], [1], /differ in length/],
    ["a negative count", [1, 2], [1, -1], /live count of cell 1 is not a count: -1/],
  ])("rejects %s", (_name, training, live, message) => {
    expect(() => chiSquareGoodnessOfFit(training, live)).toThrow(message);
  });
});

describe("jensenShannon (base 2)", () => {
  /*
   * Hand-worked.
   * [1, 0] vs [½, ½]: m = [¾, ¼]; KL(p‖m) = log₂(4/3) = 0.415037;
   *   KL(q‖m) = ½ log₂(2/3) + ½ log₂ 2 = −0.292481 + 0.5 = 0.207519;
   *   JSD = 0.311278, distance √ = 0.557923. In nats JSD = 0.215762 and
   *   √ = 0.464501, the value of the scipy.spatial.distance.jensenshannon
   *   documentation example jensenshannon([1.0, 0.0], [0.5, 0.5]).
   * [3, 1, 0] vs [1, 1, 2] (counts): p = [¾, ¼, 0], q = [¼, ¼, ½], m = [½, ¼, ¼];
   *   KL(p‖m) = ¾ log₂ 1.5 = 0.438722; KL(q‖m) = ¼ log₂ ½ + ½ log₂ 2 = 0.25;
   *   JSD = 0.344361, √ = 0.586823.
   */
  it.each([
    ["identical", [0.2, 0.3, 0.5], [2, 3, 5], 0],
    ["disjoint (scipy example, base 2)", [1, 0, 0], [0, 1, 0], 1],
    ["[1, 0] vs [½, ½]", [1, 0], [0.5, 0.5], 0.557923],
    ["counts [3, 1, 0] vs [1, 1, 2]", [3, 1, 0], [1, 1, 2], 0.586823],
  ])("%s", (_name, p, q, want) => {
    expect(jensenShannon(p, q)).toBeCloseTo(want, 6);
  });

  it("in nats, the scipy documentation's 0.46450140402245893", () => {
    expect(jensenShannon([1, 0], [0.5, 0.5]) * Math.sqrt(Math.LN2)).toBeCloseTo(0.46450140402245893, 12);
  });

  it("is NaN for an empty side", () => {
    expect(jensenShannon([0, 0], [1, 1])).toBeNaN();
  });
});
