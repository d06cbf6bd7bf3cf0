import { describe, expect, it } from "vitest";
import { EvalError, type EvalErrorCode } from "@/lib/eval/errors";
import { wilsonInterval } from "@/lib/eval/intervals";
import { evaluate } from "@/lib/eval/report";
import { makePredictions, seededWeights } from "./helpers";

/** True when `v` is plain JSON data: no typed arrays, NaN, Infinity or undefined anywhere. */
function isPlainJson(v: unknown): boolean {
  if (v === null || typeof v === "string" || typeof v === "boolean") return true;
  if (typeof v === "number") return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isPlainJson);
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) return Object.values(v as object).every(isPlainJson);
  return false;
}

function expectEvalError(f: () => unknown, code: EvalErrorCode): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EvalError);
    expect((e as EvalError).code).toBe(code);
    expect((e as EvalError).message).toMatch(/: /);
    return;
  }
  throw new Error(`expected an EvalError ${code}`);
}

describe("evaluate: classification report", () => {
  const { y, p } = makePredictions(400, 3, 81);
  const report = evaluate("multiclass", y, p, { resamples: 200 });

  it("is plain JSON that survives a round trip", () => {
    expect(isPlainJson(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("states how its intervals were made", () => {
    expect(report.intervals).toEqual({ level: 0.95, resamples: 200, seed: 1, method: "rows", cells: 128 });
    expect(report.accuracy.interval).toBe("wilson");
    expect(report.perClass[0].recall.interval).toBe("wilson");
    expect(report.perClass[0].f1.interval).toBe("bootstrap");
    expect(report.rocAuc.interval).toBe("bootstrap");
  });

  it("gives accuracy with its Wilson interval, the majority baseline beside it", () => {
    let hits = 0;
    const counts = [0, 0, 0];
    for (let i = 0; i < 400; i++) {
      counts[y[i]]++;
      const row = [p[3 * i], p[3 * i + 1], p[3 * i + 2]];
      if (row.indexOf(Math.max(...row)) === y[i]) hits++;
    }
    const ci = wilsonInterval(hits / 400, 400);
    expect(report.accuracy.value).toBeCloseTo(hits / 400, 15);
    expect(report.accuracy.lower).toBeCloseTo(ci.lower, 15);
    expect(report.accuracy.upper).toBeCloseTo(ci.upper, 15);
    expect(report.accuracy.baseline).toBeCloseTo(Math.max(...counts) / 400, 15);
    expect(report.baseline.predictedClass).toBe(counts.indexOf(Math.max(...counts)));
    expect(report.rocAuc.baseline).toBe(0.5);
  });

  it("puts every estimate inside its interval and the confusion matrix in [true][predicted]", () => {
    for (const e of [report.rocAuc, report.averagePrecision, report.logLoss, report.brier, report.macro.f1, report.calibration.ece]) {
      expect(e.lower!).toBeLessThanOrEqual(e.value!);
      expect(e.upper!).toBeGreaterThanOrEqual(e.value!);
    }
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(400);
    expect(report.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(report.perClass.map((c) => c.support));
  });

  it("is the same for the same seed and differs for another", () => {
    expect(evaluate("multiclass", y, p, { resamples: 200 })).toEqual(report);
    expect(evaluate("multiclass", y, p, { resamples: 200, seed: 2 }).logLoss.lower).not.toBe(report.logLoss.lower);
  });

  it("reads a binary task from p1 alone or from (p0, p1) alike", () => {
    const b = makePredictions(300, 2, 82);
    const p1 = Float64Array.from({ length: 300 }, (_, i) => b.p[2 * i + 1]);
    const wide = Float64Array.from({ length: 600 }, (_, j) => (j % 2 === 1 ? p1[(j - 1) / 2] : 1 - p1[j / 2]));
    expect(evaluate("binary", b.y, p1, { resamples: 100 })).toEqual(evaluate("binary", b.y, wide, { resamples: 100 }));
  });

  it("uses the cell bootstrap for large inputs", () => {
    const big = makePredictions(30_000, 2, 83);
    const r = evaluate("binary", big.y, big.p, { resamples: 100, weights: seededWeights(30_000, 84) });
    expect(r.intervals.method).toBe("cells");
    expect(r.weighted).toBe(true);
    expect(isPlainJson(r)).toBe(true);
  });
});

describe("evaluate: undefined metrics are null with a reason", () => {
  it("one class only: ROC AUC and AP are null, and say why", () => {
    const y = new Int32Array(20);
    const p = Float64Array.from({ length: 20 }, (_, i) => i / 20);
    const r = evaluate("binary", y, p, { resamples: 50 });
    expect(r.rocAuc.value).toBeNull();
    expect(r.rocAuc.lower).toBeNull();
    expect(r.rocAuc.interval).toBeNull();
    expect(r.rocAuc.reason).toMatch(/only one class/);
    expect(r.averagePrecision.value).toBeNull();
    expect(r.averagePrecision.reason).toMatch(/positive/);
    expect(r.perClass[1].recall.value).toBeNull();
    expect(r.perClass[1].recall.reason).toMatch(/no row has label 1/);
    expect(r.logLoss.value).not.toBeNull();
    expect(isPlainJson(r)).toBe(true);
  });

  it("a constant regression target: R² is null, and says why", () => {
    const r = evaluate("regression", Float64Array.from([2, 2, 2, 2]), Float64Array.from([1, 2, 3, 2]), { resamples: 50 });
    expect(r.r2.value).toBeNull();
    expect(r.r2.reason).toMatch(/constant/);
    expect(r.mae.value).toBeCloseTo(0.5, 15);
  });
});

describe("evaluate: regression report", () => {
  it("gives MAE, RMSE and R² with intervals, the mean baseline and residuals in row order", () => {
    const y = Float64Array.from([3, -0.5, 2, 7]);
    const yhat = Float64Array.from([2.5, 0.0, 2, 8]);
    const r = evaluate("regression", y, yhat, { resamples: 100 });
    // scikit-learn docstring values (regression.test.ts).
    expect(r.mae.value).toBeCloseTo(0.5, 15);
    expect(r.rmse.value).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(r.r2.value).toBeCloseTo(0.9486081370449679, 15);
    expect(r.residuals).toEqual([0.5, -0.5, 0, -1]);
    expect(r.baseline).toEqual({ kind: "mean", source: "evaluation", value: 2.875 });
    expect(r.r2.baseline).toBeCloseTo(0, 15);
    expect(isPlainJson(r)).toBe(true);
  });
});

describe("evaluate: input errors", () => {
  const y = Int32Array.from([0, 1, 1]);
  const p2 = Float64Array.from([0.6, 0.4, 0.3, 0.7, 0.2, 0.8]);
  it.each<[string, () => unknown, EvalErrorCode]>([
    ["no rows", () => evaluate("binary", new Int32Array(0), new Float64Array(0)), "empty_input"],
    ["no regression rows", () => evaluate("regression", new Float64Array(0), new Float64Array(0)), "empty_input"],
    ["probabilities not a whole number of columns", () => evaluate("binary", y, Float64Array.from([0.5, 0.5, 0.5, 0.5])), "length_mismatch"],
    ["three columns for a binary task", () => evaluate("binary", y, new Float64Array(9).fill(1 / 3)), "class_count_mismatch"],
    ["a label beyond the columns", () => evaluate("multiclass", Int32Array.from([0, 3, 1]), new Float64Array(9).fill(1 / 3)), "class_count_mismatch"],
    ["one column for multiclass", () => evaluate("multiclass", y, Float64Array.from([0.2, 0.5, 0.9])), "class_count_mismatch"],
    ["a negative label", () => evaluate("binary", Int32Array.from([0, -1, 1]), p2), "invalid_label"],
    ["a fractional label", () => evaluate("binary", Float32Array.from([0, 0.5, 1]), p2), "invalid_label"],
    ["a probability above 1", () => evaluate("binary", y, Float64Array.from([0.6, 0.4, 0.3, 1.2, 0.2, 0.8])), "invalid_probability"],
    ["a NaN probability", () => evaluate("binary", y, Float64Array.from([0.6, NaN, 0.3, 0.7, 0.2, 0.8])), "invalid_probability"],
    ["a negative weight", () => evaluate("binary", y, p2, { weights: Float64Array.from([1, -1, 1]) }), "invalid_weight"],
    ["weights summing to zero", () => evaluate("binary", y, p2, { weights: new Float64Array(3) }), "invalid_weight"],
    ["weights of another length", () => evaluate("binary", y, p2, { weights: new Float64Array(2).fill(1) }), "length_mismatch"],
    ["integer regression targets", () => evaluate("regression", y, Float64Array.from([1, 2, 3])), "invalid_value"],
    ["a non-finite regression prediction", () => evaluate("regression", Float64Array.from([1, 2]), Float64Array.from([1, Infinity])), "invalid_value"],
    ["predictions of another length", () => evaluate("regression", Float64Array.from([1, 2]), Float64Array.from([1])), "length_mismatch"],
    ["zero resamples", () => evaluate("binary", y, p2, { resamples: 0 }), "invalid_option"],
    ["a level of 1", () => evaluate("binary", y, p2, { level: 1 }), "invalid_option"],
    ["zero calibration bins", () => evaluate("binary", y, p2, { calibrationBins: 0 }), "invalid_option"],
    ["too few cells", () => evaluate("binary", y, p2, { cells: 2 }), "invalid_option"],
  ])("%s", (_, f, code) => expectEvalError(f, code));
});
