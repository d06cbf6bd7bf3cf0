import { describe, expect, it } from "vitest";
import { brierPerRow, logLossPerRow, weightedMean } from "@/lib/eval/probabilistic";

const f64 = (a: number[]) => Float64Array.from(a);
const i32 = (a: number[]) => Int32Array.from(a);

describe("log loss", () => {
  it("matches scikit-learn's log_loss docstring example (0.21616…)", () => {
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]])
    // = 0.21616…; classes sorted, so ham = 0, spam = 1. By hand: −(ln .9 + ln .9 + ln .8 + ln .65)/4.
    const loss = logLossPerRow(i32([1, 0, 0, 1]), f64([0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65]), 2);
    expect(weightedMean(loss, null)).toBeCloseTo(0.21616187468057912, 14);
    expect(weightedMean(loss, null)).toBeCloseTo(-(2 * Math.log(0.9) + Math.log(0.8) + Math.log(0.65)) / 4, 15);
  });

  it("clips at 1e-15 like scikit-learn's eps, so a confident miss costs −ln 1e-15 ≈ 34.54", () => {
    const loss = logLossPerRow(i32([0, 1]), f64([0, 1, 0, 1]), 2);
    expect(loss[0]).toBeCloseTo(-Math.log(1e-15), 12);
    expect(loss[1]).toBeCloseTo(-Math.log(1 - 1e-15), 20);
  });

  it("weights rows as sample_weight does", () => {
    // Hand-worked: weights 1 and 3 on losses −ln .5 and −ln .25.
    const loss = logLossPerRow(i32([0, 0]), f64([0.5, 0.5, 0.25, 0.75]), 2);
    expect(weightedMean(loss, [1, 3])).toBeCloseTo((Math.log(2) + 3 * Math.log(4)) / 4, 15);
  });
});

describe("Brier score", () => {
  it("binary: matches scikit-learn's brier_score_loss docstring example (0.0375)", () => {
    // brier_score_loss([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) = 0.037…; by hand (.01 + .01 + .04 + .09)/4.
    const p = f64([0.9, 0.1, 0.1, 0.9, 0.2, 0.8, 0.7, 0.3]);
    expect(weightedMean(brierPerRow("binary", i32([0, 1, 1, 0]), p, 2), null)).toBeCloseTo(0.0375, 15);
  });

  it("multiclass: Brier's (1950) sum over classes, worked by hand", () => {
    // Row 1, y = 0, p = (.7, .2, .1): .3² + .2² + .1² = .14.
    // Row 2, y = 2, p = (.1, .3, .6): .1² + .3² + .4² = .26. Mean .20.
    const b = brierPerRow("multiclass", i32([0, 2]), f64([0.7, 0.2, 0.1, 0.1, 0.3, 0.6]), 3);
    expect(b[0]).toBeCloseTo(0.14, 15);
    expect(b[1]).toBeCloseTo(0.26, 15);
    expect(weightedMean(b, null)).toBeCloseTo(0.2, 15);
  });

  it("multiclass form is twice the binary form on two classes", () => {
    const y = i32([0, 1, 1]);
    const p = f64([0.6, 0.4, 0.3, 0.7, 0.55, 0.45]);
    const bin = brierPerRow("binary", y, p, 2);
    const multi = brierPerRow("multiclass", y, p, 2);
    for (let i = 0; i < 3; i++) expect(multi[i]).toBeCloseTo(2 * bin[i], 15);
  });
});
