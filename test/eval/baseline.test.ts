import { describe, expect, it } from "vitest";
import { classificationBaseline, regressionBaseline } from "@/lib/eval/baseline";
import { classificationMetrics, prepareClassification } from "@/lib/eval/classification";
import { classificationData, regressionData } from "@/lib/eval/input";
import { regressionMetrics } from "@/lib/eval/regression";
import { makePredictions, seededWeights } from "./helpers";

/**
 * The closed-form baseline is checked against the general metric code run on
 * n explicit copies of the constant prediction — an independent path that
 * sorts, bins and counts every row.
 */
function constantPredictions(rows: number, q: number[]): Float64Array {
  const p = new Float64Array(rows * q.length);
  for (let i = 0; i < rows; i++) p.set(q, i * q.length);
  return p;
}

describe("classification baseline", () => {
  it.each([
    ["binary", 2, false],
    ["binary, weighted", 2, true],
    ["multiclass", 4, false],
    ["multiclass, weighted", 4, true],
  ] as const)("%s: closed form equals scoring constant predictions", (_, classes, weighted) => {
    const { y, p } = makePredictions(500, classes, 61);
    const w = weighted ? seededWeights(500, 62) : null;
    const task = classes === 2 ? "binary" : "multiclass";
    const base = classificationBaseline(classificationData(task, y, p, w));
    expect(base.source).toBe("evaluation");
    const constant = classificationData(task, y, constantPredictions(500, base.probabilities), w);
    const m = classificationMetrics(prepareClassification(constant), constant.weights);
    expect(base.scores.accuracy).toBeCloseTo(m.scores.accuracy, 12);
    expect(base.scores.macro.f1).toBeCloseTo(m.scores.macro.f1, 12);
    expect(base.scores.weighted.precision).toBeCloseTo(m.scores.weighted.precision, 12);
    for (let c = 0; c < classes; c++) {
      expect(base.scores.recall[c]).toBeCloseTo(m.scores.recall[c], 12);
      expect(base.rocAuc[c]).toBeCloseTo(m.rocAuc[c], 12);
      expect(base.averagePrecision[c]).toBeCloseTo(m.averagePrecision[c], 12);
    }
    expect(base.headlineAuc).toBeCloseTo(m.headlineAuc, 12);
    expect(base.headlineAp).toBeCloseTo(m.headlineAp, 12);
    expect(base.logLoss).toBeCloseTo(m.logLoss, 12);
    expect(base.brier).toBeCloseTo(m.brier, 12);
    expect(base.ece).toBeCloseTo(m.reliability.ece, 12);
  });

  it("uses the training split's priors when given, predicting their majority class", () => {
    const y = Int32Array.from([0, 1, 1, 2]);
    const p = constantPredictions(4, [0.2, 0.3, 0.5]);
    const base = classificationBaseline(classificationData("multiclass", y, p), { kind: "majority", value: 2, priors: [0.2, 0.3, 0.5] });
    expect(base.source).toBe("training");
    expect(base.predictedClass).toBe(2);
    // Hand-worked: accuracy 1/4; log loss −(ln .2 + 2 ln .3 + ln .5)/4.
    expect(base.scores.accuracy).toBe(0.25);
    expect(base.logLoss).toBeCloseTo(-(Math.log(0.2) + 2 * Math.log(0.3) + Math.log(0.5)) / 4, 15);
  });
});

describe("regression baseline", () => {
  it("predicts the mean: R² = 0 on the evaluated rows, RMSE = their standard deviation", () => {
    const y = Float64Array.from([1, 2, 3, 6]);
    const data = regressionData(y, Float64Array.from([0, 0, 0, 0]));
    const base = regressionBaseline(data);
    expect(base.value).toBe(3);
    expect(base.metrics.r2).toBeCloseTo(0, 15);
    // Population SD of (1, 2, 3, 6): √(14/4).
    expect(base.metrics.rmse).toBeCloseTo(Math.sqrt(3.5), 15);
  });

  it("uses the training mean when given", () => {
    const y = Float64Array.from([1, 2, 3, 6]);
    const base = regressionBaseline(regressionData(y, y), { kind: "mean", value: 2, priors: null });
    expect(base.source).toBe("training");
    const r = Float64Array.from(y, (v) => v - 2);
    expect(base.metrics).toEqual(regressionMetrics(y, r, null));
  });
});
