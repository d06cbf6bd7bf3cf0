import { describe, expect, it } from "vitest";
import { classificationIntervals, type ClassificationIntervals } from "@/lib/eval/bootstrap-classification";
import { classificationMetrics, prepareClassification, type PreparedClassification } from "@/lib/eval/classification";
import { classificationData } from "@/lib/eval/input";
import { expectSameInterval, makePredictions, naiveBootstrap, percentiles, seededWeights } from "./helpers";

function setUp(rows: number, classes: number, seed: number, weighted = false) {
  const { y, p } = makePredictions(rows, classes, seed);
  const data = classificationData(classes === 2 ? "binary" : "multiclass", y, p, weighted ? seededWeights(rows, seed + 1) : null);
  const prep = prepareClassification(data);
  return { prep, point: classificationMetrics(prep, data.weights) };
}

function run(prep: PreparedClassification, point: ReturnType<typeof classificationMetrics>, method: "rows" | "cells", seed: number, resamples = 2000) {
  return classificationIntervals(prep, point, { resamples, seed, level: 0.95 }, { method });
}

/** Every interval of two runs, paired by name. */
function pairs(a: ClassificationIntervals, b: ClassificationIntervals) {
  const out: [string, { lower: number; upper: number }, { lower: number; upper: number }][] = [
    ["macro precision", a.macro.precision, b.macro.precision],
    ["macro recall", a.macro.recall, b.macro.recall],
    ["macro F1", a.macro.f1, b.macro.f1],
    ["weighted F1", a.weighted.f1, b.weighted.f1],
    ["AUC", a.headlineAuc, b.headlineAuc],
    ["AP", a.headlineAp, b.headlineAp],
    ["log loss", a.logLoss, b.logLoss],
    ["Brier", a.brier, b.brier],
    ["ECE", a.ece, b.ece],
  ];
  a.f1.forEach((_, c) => {
    out.push([`F1 ${c}`, a.f1[c], b.f1[c]], [`AUC ${c}`, a.rocAuc[c], b.rocAuc[c]], [`AP ${c}`, a.averagePrecision[c], b.averagePrecision[c]]);
  });
  return out;
}

describe("row path against the textbook bootstrap", () => {
  it("gives the intervals of naive index resampling (binary, 800 rows)", () => {
    const { prep, point } = setUp(800, 2, 41);
    const ours = run(prep, point, "rows", 42);
    expect(ours.method).toBe("rows");
    const naive = (f: (m: ReturnType<typeof classificationMetrics>) => number) =>
      percentiles(naiveBootstrap(800, 2000, 43, (w) => f(classificationMetrics(prep, w))));
    expectSameInterval(ours.logLoss, naive((m) => m.logLoss), expect);
    expectSameInterval(ours.headlineAuc, naive((m) => m.headlineAuc), expect);
    expectSameInterval(ours.headlineAp, naive((m) => m.headlineAp), expect);
    expectSameInterval(ours.f1[1], naive((m) => m.scores.f1[1]), expect);
    expectSameInterval(ours.ece, naive((m) => m.reliability.ece), expect);
  }, 120_000);
});

describe("seed-independent properties", () => {
  it("support-weighted recall is accuracy: its resamples centre on accuracy with width ≈ 2·1.96·√(p(1−p)/n)", () => {
    // Normal approximation to the binomial: the bootstrap of a proportion on
    // n = 100,000 rows has standard deviation √(p(1−p)/n).
    const { prep, point } = setUp(100_000, 3, 44);
    const ci = run(prep, point, "cells", 45);
    const p = point.scores.accuracy;
    const width = 2 * 1.959963984540054 * Math.sqrt((p * (1 - p)) / 100_000);
    expect(Math.abs((ci.weighted.recall.lower + ci.weighted.recall.upper) / 2 - p)).toBeLessThan(0.1 * width);
    expect((ci.weighted.recall.upper - ci.weighted.recall.lower) / width).toBeGreaterThan(0.92);
    expect((ci.weighted.recall.upper - ci.weighted.recall.lower) / width).toBeLessThan(1.08);
  }, 120_000);

  it("is reproducible from its seed and moves with it", () => {
    const { prep, point } = setUp(3000, 3, 46);
    const a = run(prep, point, "cells", 7, 300);
    const b = run(prep, point, "cells", 7, 300);
    const c = run(prep, point, "cells", 8, 300);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });
});

describe("cell path against the exact row path", () => {
  it.each([
    ["binary, 20,000 rows", 20_000, 2, false],
    ["binary, 20,000 weighted rows", 20_000, 2, true],
    ["4 classes, 6,000 rows", 6000, 4, false],
    ["10 classes, 4,000 weighted rows (64 score bins per class)", 4000, 10, true],
  ] as const)("%s: every interval agrees", (_, rows, classes, weighted) => {
    const { prep, point } = setUp(rows, classes, 47, weighted);
    const cells = run(prep, point, "cells", 48);
    const exact = run(prep, point, "rows", 49);
    expect(cells.method).toBe("cells");
    for (const [name, a, b] of pairs(cells, exact)) {
      try {
        expectSameInterval(a, b, expect);
      } catch (e) {
        throw new Error(`${name}: cells [${a.lower}, ${a.upper}] vs rows [${b.lower}, ${b.upper}]`, { cause: e });
      }
    }
  }, 300_000);
});

describe("undefined resamples", () => {
  it("counts resamples where a rare class drew no positives and leaves them out", () => {
    // 40 rows, one of class 1: about e⁻¹ of resamples miss it, where its AUC is undefined.
    const y = new Int32Array(40);
    y[7] = 1;
    const p = new Float64Array(80);
    for (let i = 0; i < 40; i++) {
      p[2 * i + 1] = (i * 7919) % 40 / 40;
      p[2 * i] = 1 - p[2 * i + 1];
    }
    const data = classificationData("binary", y, p);
    const prep = prepareClassification(data);
    const ci = classificationIntervals(prep, classificationMetrics(prep, null), { resamples: 1000, seed: 3, level: 0.95 });
    expect(ci.headlineAuc.undefinedResamples).toBeGreaterThan(300);
    expect(ci.headlineAuc.undefinedResamples).toBeLessThan(440);
    expect(ci.headlineAuc.lower).toBeGreaterThanOrEqual(0);
  });
});
