import { describe, expect, it } from "vitest";
import { binIndex, calibrationRows, reliability } from "@/lib/eval/calibration";
import { predictedClasses } from "@/lib/eval/confusion";

const f64 = (a: number[]) => Float64Array.from(a);
const i32 = (a: number[]) => Int32Array.from(a);

function binaryRows(y: number[], p1: number[], bins: number) {
  const p = new Float64Array(2 * p1.length);
  p1.forEach((v, i) => ((p[2 * i] = 1 - v), (p[2 * i + 1] = v)));
  return calibrationRows("binary", i32(y), p, 2, predictedClasses(p, p1.length, 2), bins);
}

describe("reliability diagram", () => {
  it("binary: matches scikit-learn's calibration_curve docstring example (n_bins = 3)", () => {
    // calibration_curve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0], n_bins=3)
    // → prob_true [0, 0.5, 1], prob_pred [0.2, 0.525, 0.85].
    const r = reliability(binaryRows([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0], 3), null);
    expect(r.basis).toBe("positive-probability");
    expect(r.bins.map((b) => b.observed)).toEqual([0, 0.5, 1]);
    r.bins.forEach((b, i) => expect(b.meanPredicted).toBeCloseTo([0.2, 0.525, 0.85][i], 15));
    expect(r.bins.map((b) => b.rows)).toEqual([3, 2, 4]);
    // ECE by hand: (3·|0 − .2| + 2·|.5 − .525| + 4·|1 − .85|) / 9 = 1.25 / 9.
    expect(r.ece).toBeCloseTo(1.25 / 9, 15);
  });

  it("multiclass: bins the predicted class's confidence against accuracy (Guo et al. 2017)", () => {
    // Confidences .7 (right), .4 (wrong: predicts 0, label 1), .8 (right), 10 bins.
    // ECE by hand: (|1 − .7| + |0 − .4| + |1 − .8|) / 3 = 0.3.
    const p = f64([0.7, 0.2, 0.1, 0.4, 0.35, 0.25, 0.1, 0.1, 0.8]);
    const y = i32([0, 1, 2]);
    const rows = calibrationRows("multiclass", y, p, 3, predictedClasses(p, 3, 3), 10);
    expect(rows.basis).toBe("confidence");
    expect(Array.from(rows.bin)).toEqual([6, 3, 7]);
    const r = reliability(rows, null);
    expect(r.ece).toBeCloseTo(0.3, 15);
    expect(r.bins[3].observed).toBe(0);
    expect(r.bins[0].meanPredicted).toBeNaN();
  });

  it("weights rows", () => {
    // Two rows in one bin, p1 .2 and .4, labels 0 and 1, weights 3 and 1:
    // mean predicted (.6 + .4)/4 = .25, observed 1/4 → ECE 0.
    const r = reliability(binaryRows([0, 1], [0.2, 0.4], 2), [3, 1]);
    expect(r.bins[0].meanPredicted).toBeCloseTo(0.25, 15);
    expect(r.bins[0].observed).toBeCloseTo(0.25, 15);
    expect(r.ece).toBeCloseTo(0, 15);
  });
});

describe("binIndex", () => {
  it("closes bins on the right at numpy.linspace's edges, as calibration_curve's searchsorted does", () => {
    // Edges b·0.1 as numpy computes them: 3·0.1 = 0.30000000000000004, so 0.3 stays in bin 2.
    expect(binIndex(0, 10)).toBe(0);
    expect(binIndex(0.1, 10)).toBe(0);
    expect(binIndex(0.1000001, 10)).toBe(1);
    expect(binIndex(0.3, 10)).toBe(2);
    expect(binIndex(0.35, 10)).toBe(3);
    expect(binIndex(0.8, 10)).toBe(7);
    expect(binIndex(1, 10)).toBe(9);
    expect(binIndex(0.5, 3)).toBe(1);
  });
});
