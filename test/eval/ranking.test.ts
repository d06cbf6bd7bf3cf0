import { describe, expect, it } from "vitest";
import { averagePrecision, rankingFor, rocAuc } from "@/lib/eval/ranking";
import { bruteAp, bruteAuc, makePredictions, seededWeights } from "./helpers";

/** A binary problem from scores and 0/1 labels, as the two-column layout the library reads. */
function binary(y: number[], s: number[]) {
  const p = new Float64Array(2 * s.length);
  s.forEach((v, i) => ((p[2 * i] = 1 - v), (p[2 * i + 1] = v)));
  return rankingFor(p, Int32Array.from(y), 2, 1);
}

describe("rocAuc and averagePrecision, published examples", () => {
  it("scikit-learn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75, average_precision_score = 0.83…", () => {
    // roc_auc_score / auc docstrings and the average_precision_score docstring
    // (which prints 0.83; by hand: ½·1 + ½·⅔ = 5/6).
    const r = binary([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
    expect(rocAuc(r, null)).toBeCloseTo(0.75, 15);
    expect(averagePrecision(r, null)).toBeCloseTo(5 / 6, 15);
  });

  it("scikit-learn's multiclass average_precision_score docstring example: macro one-vs-rest = 0.77…", () => {
    // y_true = [0, 0, 1, 1, 2, 2] with the printed 6×3 score matrix → 0.77.
    // By hand, per class: 5/6, 3/4, 3/4 → mean 7/9.
    const y = Int32Array.from([0, 0, 1, 1, 2, 2]);
    const p = Float64Array.from([0.7, 0.2, 0.1, 0.4, 0.3, 0.3, 0.1, 0.8, 0.1, 0.2, 0.3, 0.5, 0.4, 0.4, 0.2, 0.1, 0.2, 0.7]);
    const ap = [0, 1, 2].map((c) => averagePrecision(rankingFor(p, y, 3, c), null));
    expect(ap[0]).toBeCloseTo(5 / 6, 15);
    expect(ap[1]).toBeCloseTo(0.75, 15);
    expect(ap[2]).toBeCloseTo(0.75, 15);
    expect((ap[0] + ap[1] + ap[2]) / 3).toBeCloseTo(7 / 9, 15);
  });

  it("Fawcett (2006) Fig. 3's 20 scored instances: AUC = 68/100 by counting ranked pairs", () => {
    // Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27,
    // Fig. 3 (instances 1–20, class and score). Worked by hand: the ten positives
    // outrank 10, 10, 9, 9, 9, 7, 6, 5, 2 and 1 of the ten negatives.
    const cls = "ppnpppnnpnpnpnnnpnpn";
    const score = [0.9, 0.8, 0.7, 0.6, 0.55, 0.54, 0.53, 0.52, 0.51, 0.505, 0.4, 0.39, 0.38, 0.37, 0.36, 0.35, 0.34, 0.33, 0.3, 0.1];
    const r = binary(Array.from(cls, (c) => (c === "p" ? 1 : 0)), score);
    expect(rocAuc(r, null)).toBeCloseTo(0.68, 15);
  });
});

describe("against brute force", () => {
  it("AUC and AP equal the all-pairs count and the threshold sweep, with ties and weights", () => {
    // Probabilities rounded to 1/20 so many scores tie.
    const { y, p } = makePredictions(300, 4, 11, 1.0, 20);
    const w = seededWeights(300, 12);
    for (let c = 0; c < 4; c++) {
      const r = rankingFor(p, y, 4, c);
      const s = Array.from({ length: 300 }, (_, i) => p[i * 4 + c]);
      const pos = Array.from(y, (v) => (v === c ? 1 : 0));
      expect(rocAuc(r, null)).toBeCloseTo(bruteAuc(s, pos), 12);
      expect(rocAuc(r, w)).toBeCloseTo(bruteAuc(s, pos, w), 12);
      expect(averagePrecision(r, null)).toBeCloseTo(bruteAp(s, pos), 12);
      expect(averagePrecision(r, w)).toBeCloseTo(bruteAp(s, pos, w), 12);
    }
  });

  it("AUC is ½ for constant scores and AP is the prevalence", () => {
    const r = binary([0, 1, 1, 0, 0], [0.3, 0.3, 0.3, 0.3, 0.3]);
    expect(rocAuc(r, null)).toBe(0.5);
    expect(averagePrecision(r, null)).toBeCloseTo(0.4, 15);
  });
});

describe("undefined cases", () => {
  it("one class only: AUC is NaN (scikit-learn warns and returns nan); AP is NaN without positives, 1 without negatives", () => {
    const noPositives = binary([0, 0, 0], [0.2, 0.5, 0.9]);
    expect(rocAuc(noPositives, null)).toBeNaN();
    expect(averagePrecision(noPositives, null)).toBeNaN();
    const noNegatives = binary([1, 1], [0.2, 0.9]);
    expect(rocAuc(noNegatives, null)).toBeNaN();
    expect(averagePrecision(noNegatives, null)).toBe(1);
  });
});
