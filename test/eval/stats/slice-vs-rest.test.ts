import { describe, expect, it } from "vitest";
import { StatsError } from "@/lib/eval/stats/errors";
import { twoProportionZTest } from "@/lib/eval/stats/two-proportion";
import { moments, welchTTest, welchTTestSamples } from "@/lib/eval/stats/welch";
import { chiSquareSurvival } from "@/lib/serve/drift/gamma";

describe("two-proportion z-test (pooled)", () => {
  it("Fulton 281 of 473 vs Gwinnett 214 of 443 for the resolution: z = 3.3683 (straightdraw.github.io/probstat/S3b.html)", () => {
    const r = twoProportionZTest(281, 473, 214, 443);
    // The page works with proportions rounded to four places (0.5941, 0.4831, 0.5404), which gives 3.3687; unrounded it is 3.3690.
    expect(r.z).toBeCloseTo(3.3683, 2);
    expect(r.pooled).toBeCloseTo(495 / 916, 14);
    // z² is Pearson's X² on the 2×2 table without correction (R: prop.test(..., correct = FALSE)), computed here from the table.
    const table = [
      [281, 192],
      [214, 229],
    ];
    const total = 916;
    let x2 = 0;
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        const expected = ((table[i][0] + table[i][1]) * (table[0][j] + table[1][j])) / total;
        x2 += (table[i][j] - expected) ** 2 / expected;
      }
    }
    expect(r.z * r.z).toBeCloseTo(x2, 10);
    expect(r.pValue).toBeCloseTo(chiSquareSurvival(x2, 1), 14);
  });

  it("New York 168 of 300 vs Washington 96 of 200: z = 1.755, two-sided p = 0.0792 (homeworksource.com worked solution 1078444)", () => {
    const r = twoProportionZTest(168, 300, 96, 200);
    expect(r.z).toBeCloseTo(1.755, 3);
    expect(r.pValue).toBeCloseTo(0.0792, 4);
    expect(r.difference).toBeCloseTo(0.08, 14);
  });

  it("hand-worked: 140/200 vs 255/340 gives z = −1.266015 (homeworksource.com solution 1008622), two-sided p = 0.2055", () => {
    // p̂ = 395/540; SE = √(p̂(1 − p̂)(1/200 + 1/340)) = 0.03949401; z = (0.7 − 0.75)/SE.
    // Normal table: Φ(−1.26) = 0.10383, Φ(−1.27) = 0.10204, so Φ(−1.266) ≈ 0.10276 and p ≈ 0.2055.
    const r = twoProportionZTest(140, 200, 255, 340);
    expect(r.z).toBeCloseTo(-1.266015, 5);
    expect(r.pValue).toBeCloseTo(0.20551, 4);
  });

  it("edge cases: empty sample NaN; identical all-or-nothing samples z = 0, p = 1; bad counts refused", () => {
    expect(twoProportionZTest(0, 0, 3, 10).pValue).toBeNaN();
    expect(twoProportionZTest(0, 10, 0, 20)).toMatchObject({ z: 0, pValue: 1 });
    expect(twoProportionZTest(10, 10, 20, 20)).toMatchObject({ z: 0, pValue: 1 });
    expect(() => twoProportionZTest(11, 10, 0, 5)).toThrow(StatsError);
    expect(() => twoProportionZTest(1.5, 10, 0, 5)).toThrow(/whole number/);
  });
});

describe("Welch's t-test", () => {
  // R's sleep data (Cushny & Peebles 1905, as in Student 1908): extra hours of sleep for two drugs.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

  it("R's ?t.test example t.test(extra ~ group, data = sleep): t = −1.8608, df = 17.776, p = 0.07939", () => {
    const r = welchTTestSamples(group1, group2);
    expect(r.difference).toBeCloseTo(0.75 - 2.33, 12);
    expect(r.t).toBeCloseTo(-1.8608, 4);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
  });

  it("from summaries equals from samples; sample variance by hand", () => {
    const m = moments(group1);
    // Σx = 7.5, Σx² = 34.43 → s² = (34.43 − 7.5²/10)/9 = 3.2005556.
    expect(m).toMatchObject({ n: 10, mean: 0.75 });
    expect(m.variance).toBeCloseTo(3.2005555556, 9);
    expect(welchTTest(m, moments(group2))).toEqual(welchTTestSamples(group1, group2));
  });

  it("hand-worked unequal sizes: {1,2,3,4} vs {2,4,6,8,10,12}", () => {
    // m1 = 2.5, s1² = 5/3; m2 = 7, s2² = 14. s1²/n1 = 5/12, s2²/n2 = 7/3, sum = 11/4.
    // t = −4.5/√2.75 = −2.713602; ν = 2.75² / ((5/12)²/3 + (7/3)²/5) = 7.5625 / (0.0578704 + 1.0888889) = 6.594671.
    const r = welchTTestSamples([1, 2, 3, 4], [2, 4, 6, 8, 10, 12]);
    expect(r.t).toBeCloseTo(-2.713602, 6);
    expect(r.df).toBeCloseTo(6.594671, 5);
    expect(r.pValue).toBeGreaterThan(0.02);
    expect(r.pValue).toBeLessThan(0.05); // |t| lies between the 0.05 (2.447 at 6 df) and 0.02 (3.143) critical values
  });

  it("NaN when a side has fewer than two values or both are constant; NaN values are skipped", () => {
    expect(welchTTestSamples([1], [1, 2, 3]).pValue).toBeNaN();
    expect(welchTTestSamples([2, 2], [3, 3]).pValue).toBeNaN();
    expect(welchTTestSamples([2, 2], [3, 3]).difference).toBe(-1);
    expect(welchTTestSamples([...group1, NaN], group2)).toEqual(welchTTestSamples(group1, group2));
  });
});
