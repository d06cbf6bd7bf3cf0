import { describe, expect, it } from "vitest";
import { runEvaluationSchema } from "@/lib/api/evaluation";
import { evaluationRecord, evenSample } from "@/lib/eval/evaluation-record";
import { formatInterval, metricRows, versusBaseline } from "@/lib/eval/metric-rows";
import { evaluate } from "@/lib/eval/report";
import { reviewItems } from "@/lib/eval/review-items";
import { passes, thresholdOf } from "@/lib/eval/slice-threshold";

const est = (value: number, lower: number, upper: number, baseline: number) => ({ value, lower, upper, interval: "wilson" as const, baseline });

describe("metric rows against the baseline", () => {
  it.each([
    // [value, lower, upper, baseline, lowerIsBetter, verdict]
    [0.9, 0.85, 0.94, 0.44, false, "better"],
    [0.5, 0.4, 0.6, 0.55, false, "not clearly different"],
    [0.3, 0.2, 0.4, 0.44, false, "worse"],
    [0.2, 0.15, 0.25, 0.9, true, "better"],
    [1.2, 1.1, 1.3, 0.9, true, "worse"],
  ])("value %f in [%f, %f] against baseline %f (lower is better: %s) is %s", (v, lo, hi, b, lowerIsBetter, verdict) => {
    expect(versusBaseline({ label: "m", estimate: est(v, lo, hi, b), lowerIsBetter })).toBe(verdict);
  });

  it("lists a classification report's metrics in reading order and a regression report's three", () => {
    // Six rows worked by hand: labels 0,0,1,1,1,0; p1 0.2,0.6,0.7,0.4,0.9,0.1 → 4 of 6 right.
    const y = Float64Array.from([0, 0, 1, 1, 1, 0]);
    const p1 = [0.2, 0.6, 0.7, 0.4, 0.9, 0.1];
    const p = Float64Array.from(p1.flatMap((q) => [1 - q, q]));
    const rows = metricRows(evaluate("binary", y, p, { resamples: 50 }));
    expect(rows.map((r) => r.label)).toEqual(["Accuracy", "Macro precision", "Macro recall", "Macro F1", "Micro F1", "Weighted F1", "ROC AUC", "PR AUC (average precision)", "Log loss", "Brier score", "ECE (calibration error)"]);
    expect(rows[0].estimate.value).toBeCloseTo(4 / 6, 12);
    expect(formatInterval(rows[0].estimate)).toMatch(/^0\.\d{3} – 0\.\d{3}$/);
    const reg = metricRows(evaluate("regression", Float64Array.from([1, 2, 3]), Float64Array.from([1, 2, 4]), { resamples: 50 }));
    expect(reg.map((r) => [r.label, r.lowerIsBetter])).toEqual([["MAE", true], ["RMSE", true], ["R²", false]]);
    expect(reg[0].estimate.value).toBeCloseTo(1 / 3, 12);
  });
});

describe("slice thresholds", () => {
  it("reads one number as at least for accuracy and at most for RMSE", () => {
    expect(thresholdOf("accuracy", 0.85)).toEqual({ metric: "accuracy", min: 0.85 });
    expect(thresholdOf("rmse", 300)).toEqual({ metric: "rmse", max: 300 });
    expect(passes(thresholdOf("accuracy", 0.85), 0.85)).toBe(true);
    expect(passes(thresholdOf("accuracy", 0.85), 0.849)).toBe(false);
    expect(passes(thresholdOf("rmse", 300), 301)).toBe(false);
    expect(passes(thresholdOf("rmse", 300), null)).toBeNull();
  });
});

describe("review items from held-out rows", () => {
  it("keeps the data columns, uses the row's own id when it has one, and says what the model did", () => {
    const items = reviewItems(
      [
        { id: 17, Island: "Biscoe", _row: 4, _label: "Adelie", _prediction: "Gentoo", _confidence: 0.91234, _loss: 2.5, _correct: false },
        { Island: "Dream", _row: 9, _label: "Chinstrap", _prediction: "Chinstrap", _confidence: 0.6, _loss: 0.51 },
      ],
      " looks odd ",
    );
    expect(items).toEqual([
      { id: "17", data: { id: 17, Island: "Biscoe" }, reason: "looks odd (label Adelie, predicted Gentoo, confidence 0.912, loss 2.500)" },
      { id: "row 9", data: { Island: "Dream" }, reason: "looks odd (label Chinstrap, predicted Chinstrap, confidence 0.600, loss 0.510)" },
    ]);
  });
});

describe("the stored evaluation", () => {
  it("samples residuals evenly and passes the run's evaluation schema", () => {
    expect(evenSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 2, 5, 7]);
    expect(evenSample([1, 2], 4)).toEqual([1, 2]);
    const n = 5000;
    const y = Float64Array.from({ length: n }, (_, i) => i % 7);
    const yhat = Float64Array.from({ length: n }, (_, i) => (i % 7) + ((i % 3) - 1) * 0.5);
    const record = evaluationRecord({ report: evaluate("regression", y, yhat, { resamples: 20 }), split: "test", classes: null, datasetFingerprint: null, minSupport: 20, slices: [], now: new Date("2026-01-01T00:00:00Z") });
    expect((record.report.residuals as number[]).length).toBe(2000);
    expect(record.evaluatedAt).toBe("2026-01-01T00:00:00.000Z");
    expect(runEvaluationSchema.safeParse(record).success).toBe(true);
  });
});
