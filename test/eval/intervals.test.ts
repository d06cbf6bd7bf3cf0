import { describe, expect, it } from "vitest";
import { EvalError } from "@/lib/eval/errors";
import { effectiveSize, resolveBootstrap, wilsonInterval } from "@/lib/eval/intervals";

describe("wilsonInterval", () => {
  // Newcombe (1998) "Two-sided confidence intervals for the single proportion:
  // comparison of seven methods", Statistics in Medicine 17:857–872, Table II,
  // method 3 (score method without continuity correction, Wilson 1927), 95 %.
  // The same four rows agree with scipy.stats.binomtest(k, n).proportion_ci(method="wilson").
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%s, %s] (Newcombe 1998 Table II)", (k, n, lo, hi) => {
    const ci = wilsonInterval(k / n, n, 0.95);
    expect(ci.lower).toBeCloseTo(lo, 4);
    expect(ci.upper).toBeCloseTo(hi, 4);
  });

  it("matches scipy's Wilson interval to full precision", () => {
    // scipy 1.17.1: binomtest(81, 263).proportion_ci(0.95, "wilson") = (0.2552885198782742, 0.36620957698280004)
    const ci = wilsonInterval(81 / 263, 263);
    expect(ci.lower).toBeCloseTo(0.2552885198782742, 12);
    expect(ci.upper).toBeCloseTo(0.36620957698280004, 12);
  });

  it("narrows to the normal interval for large n (width ≈ 2·1.96·√(p(1−p)/n))", () => {
    const ci = wilsonInterval(0.8, 1_000_000);
    expect(ci.upper - ci.lower).toBeCloseTo(2 * 1.959963984540054 * Math.sqrt((0.8 * 0.2) / 1_000_000), 6);
  });

  it("is undefined without trials", () => {
    const ci = wilsonInterval(0, 0);
    expect(ci.lower).toBeNaN();
    expect(ci.upper).toBeNaN();
  });
});

describe("effectiveSize (Kish)", () => {
  it("is n for equal weights and smaller for unequal ones", () => {
    expect(effectiveSize(10, 10)).toBe(10);
    // weights 1, 1, 2, 4: (Σw)² / Σw² = 64 / 22
    expect(effectiveSize(8, 22)).toBeCloseTo(64 / 22, 15);
  });
});

describe("resolveBootstrap", () => {
  it("defaults to 1000 resamples, seed 1, level 0.95", () => {
    expect(resolveBootstrap({})).toEqual({ resamples: 1000, seed: 1, level: 0.95 });
  });
  it.each([{ resamples: 0 }, { resamples: 1.5 }, { seed: 0.5 }, { level: 1 }, { level: 0 }])("rejects %o", (o) => {
    expect(() => resolveBootstrap(o)).toThrow(EvalError);
  });
});
