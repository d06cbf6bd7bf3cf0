import { describe, expect, it } from "vitest";
import { confusionMatrix, predictedClasses, scoresFromConfusion } from "@/lib/eval/confusion";

const i32 = (a: number[]) => Int32Array.from(a);

describe("confusionMatrix", () => {
  it("matches scikit-learn's confusion_matrix docstring example", () => {
    // sklearn.metrics.confusion_matrix docstring: y_true = [2, 0, 2, 2, 0, 1],
    // y_pred = [0, 0, 2, 2, 0, 2] → [[2, 0, 0], [0, 0, 1], [1, 0, 2]].
    const m = confusionMatrix(i32([2, 0, 2, 2, 0, 1]), i32([0, 0, 2, 2, 0, 2]), 3, null);
    expect(Array.from(m)).toEqual([2, 0, 0, 0, 0, 1, 1, 0, 2]);
  });

  it("sums weights", () => {
    const m = confusionMatrix(i32([0, 1, 1]), i32([0, 0, 1]), 2, [0.5, 2, 3]);
    expect(Array.from(m)).toEqual([0.5, 0, 2, 3]);
  });
});

describe("predictedClasses", () => {
  it("takes the arg max, ties to the lower class (numpy.argmax); binary is p1 > 0.5", () => {
    const p = Float64Array.from([0.2, 0.5, 0.3, 0.4, 0.2, 0.4, 0.1, 0.1, 0.8]);
    expect(Array.from(predictedClasses(p, 3, 3))).toEqual([1, 0, 2]);
    const b = Float64Array.from([0.5, 0.5, 0.49, 0.51]);
    expect(Array.from(predictedClasses(b, 2, 2))).toEqual([0, 1]);
  });
});

describe("scoresFromConfusion", () => {
  it("matches scikit-learn's classification_report docstring example", () => {
    // sklearn.metrics.classification_report docstring: y_true = [0, 1, 2, 2, 2],
    // y_pred = [0, 0, 2, 2, 1]; printed to 2 decimals:
    //   class 0: 0.50 1.00 0.67 | class 1: 0.00 0.00 0.00 | class 2: 1.00 0.67 0.80
    //   accuracy 0.60 | macro avg 0.50 0.56 0.49 | weighted avg 0.70 0.60 0.61
    const s = scoresFromConfusion(confusionMatrix(i32([0, 1, 2, 2, 2]), i32([0, 0, 2, 2, 1]), 3, null), 3);
    const r2 = (a: ArrayLike<number>) => Array.from(a, (v) => Math.round(v * 100) / 100);
    expect(r2(s.precision)).toEqual([0.5, 0, 1]);
    expect(r2(s.recall)).toEqual([1, 0, 0.67]);
    expect(r2(s.f1)).toEqual([0.67, 0, 0.8]);
    expect(Array.from(s.support)).toEqual([1, 1, 3]);
    expect(s.accuracy).toBeCloseTo(0.6, 15);
    expect(r2([s.macro.precision, s.macro.recall, s.macro.f1])).toEqual([0.5, 0.56, 0.49]);
    expect(r2([s.weighted.precision, s.weighted.recall, s.weighted.f1])).toEqual([0.7, 0.6, 0.61]);
    // Exact values worked by hand: macro recall (1 + 0 + 2/3)/3, weighted F1 (2/3 + 3·0.8)/5.
    expect(s.macro.recall).toBeCloseTo(5 / 9, 15);
    expect(s.weighted.f1).toBeCloseTo((2 / 3 + 2.4) / 5, 15);
  });

  it("matches scikit-learn's precision_recall_fscore_support docstring example", () => {
    // y_true = [cat, dog, pig, cat, dog, pig], y_pred = [cat, pig, dog, cat, cat, dog]
    // (cat 0, dog 1, pig 2): macro (0.22…, 0.33…, 0.26…), micro (0.33…, 0.33…, 0.33…),
    // weighted (0.22…, 0.33…, 0.26…). By hand: precision (2/3, 0, 0), recall (1, 0, 0), F1 (0.8, 0, 0).
    const s = scoresFromConfusion(confusionMatrix(i32([0, 1, 2, 0, 1, 2]), i32([0, 2, 1, 0, 0, 1]), 3, null), 3);
    expect(s.macro.precision).toBeCloseTo(2 / 9, 15);
    expect(s.macro.recall).toBeCloseTo(1 / 3, 15);
    expect(s.macro.f1).toBeCloseTo(0.8 / 3, 15);
    expect(s.micro.precision).toBeCloseTo(1 / 3, 15);
    expect(s.micro.f1).toBeCloseTo(1 / 3, 15);
    expect(s.weighted.precision).toBeCloseTo(2 / 9, 15);
    expect(s.weighted.f1).toBeCloseTo(0.8 / 3, 15);
  });

  it("uses zero_division = 0 and averages only classes that occur or are predicted", () => {
    // Class 2 never occurs and is never predicted: left out of the macro average.
    // Class 1 occurs but is never predicted: precision 0 (no predictions), recall 0.
    const s = scoresFromConfusion(confusionMatrix(i32([0, 0, 1]), i32([0, 0, 0]), 3, null), 3);
    expect(Array.from(s.precision)).toEqual([2 / 3, 0, 0]);
    expect(Array.from(s.recall)).toEqual([1, 0, 0]);
    expect(s.present).toBe(2);
    expect(s.macro.recall).toBeCloseTo(0.5, 15);
    expect(s.macro.f1).toBeCloseTo(0.8 / 2, 15);
  });
});
