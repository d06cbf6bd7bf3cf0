import { describe, expect, it } from "vitest";
import { MCNEMAR_EXACT_BELOW, mcnemarFromCorrect, mcnemarStatistic, mcnemarTest } from "@/lib/eval/stats/mcnemar";
import { wilsonInterval } from "@/lib/eval/stats/wilson";
import { chiSquareSurvival } from "@/lib/serve/drift/gamma";

describe("McNemar's test", () => {
  // Agresti, "Categorical Data Analysis" (2nd ed., 2002), §10.1.1, Table 10.1: presidential approval
  // in two surveys of the same 1,600 people, 794 / 150 / 86 / 570; z = 4.17, z² = 17.36.
  it("Agresti's presidential approval table: 17.36 without correction", () => {
    expect(mcnemarStatistic(150, 86, false)).toBeCloseTo(17.36, 2);
    expect(Math.sqrt(mcnemarStatistic(150, 86, false))).toBeCloseTo(4.17, 2);
  });

  it("uses the corrected chi-square at b + c = 236: (|150 − 86| − 1)² / 236 = 3969/236 (R's mcnemar.test default)", () => {
    const r = mcnemarTest(150, 86);
    expect(r.method).toBe("chi-square-corrected");
    expect(r.statistic).toBeCloseTo(3969 / 236, 12);
    expect(r.pValue).toBeCloseTo(chiSquareSurvival(3969 / 236, 1), 15);
    expect(r.pValue).toBeLessThan(1e-4);
    expect(r.pValue).toBeGreaterThan(3e-5);
  });

  it("exact binomial below 25 discordant rows: b = 2, c = 10 → 2 · (1 + 12 + 66) / 2¹² = R's binom.test(2, 12)", () => {
    const r = mcnemarTest(2, 10);
    expect(r.method).toBe("exact-binomial");
    expect(r.pValue).toBeCloseTo((2 * 79) / 4096, 14);
    expect(mcnemarTest(10, 2).pValue).toBeCloseTo((2 * 79) / 4096, 14);
  });

  it("switches method at b + c = 25", () => {
    expect(MCNEMAR_EXACT_BELOW).toBe(25);
    expect(mcnemarTest(7, 17).method).toBe("exact-binomial");
    expect(mcnemarTest(8, 17).method).toBe("chi-square-corrected");
    expect(mcnemarTest(8, 17, { exactBelow: 1000 }).method).toBe("exact-binomial");
  });

  it("p = 1 with no or balanced discordance", () => {
    expect(mcnemarTest(0, 0).pValue).toBe(1);
    expect(mcnemarTest(5, 5).pValue).toBe(1);
    expect(mcnemarTest(30, 30).pValue).toBeCloseTo(1, 14);
  });

  it("counts b and c from per-row correctness", () => {
    const a = [1, 1, 1, 0, 0, 1, 0, 1];
    const b = [1, 0, 0, 1, 0, 1, 0, 0];
    expect(mcnemarFromCorrect(a, b)).toMatchObject({ b: 3, c: 1 });
    expect(() => mcnemarFromCorrect([1], [1, 0])).toThrow(/same rows/);
  });
});

describe("Wilson score interval", () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval without continuity correction), 95 %.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%d/%d → %d to %d", (x, n, lower, upper) => {
    const ci = wilsonInterval(x, n);
    expect(ci.estimate).toBe(x / n);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it("is exactly 1 at the top when every trial succeeds, and NaN for n = 0", () => {
    expect(wilsonInterval(20, 20).upper).toBe(1);
    expect(wilsonInterval(20, 20).lower).toBeCloseTo(1 - 0.1611, 4); // the mirror of 0/20
    expect(wilsonInterval(0, 0).lower).toBeNaN();
    expect(() => wilsonInterval(3, 2)).toThrow(/successes must be a whole number from 0 to 2: 3/);
  });
});
