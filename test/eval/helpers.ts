import { createRandom } from "@/lib/labels/agreement/random";

/**
 * Independent brute-force references and seeded data for the eval tests.
 * Written the slow, obvious way on purpose, sharing no code with lib/eval.
 */

/** ROC AUC by counting every (positive, negative) pair, ties ½, weighted by w_i·w_j. */
export function bruteAuc(score: ArrayLike<number>, positive: ArrayLike<number>, w?: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < score.length; i++) {
    if (!positive[i]) continue;
    for (let j = 0; j < score.length; j++) {
      if (positive[j]) continue;
      const ww = (w ? w[i] : 1) * (w ? w[j] : 1);
      den += ww;
      num += ww * (score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0);
    }
  }
  return den > 0 ? num / den : NaN;
}

/**
 * Average precision by sweeping every distinct score as a threshold from the
 * top, recounting TP and FP over all rows at each (scikit-learn's
 * precision_recall_curve followed by −Σ diff(recall)·precision).
 */
export function bruteAp(score: ArrayLike<number>, positive: ArrayLike<number>, w?: ArrayLike<number>): number {
  const thresholds = Array.from(new Set(Array.from(score))).sort((a, b) => b - a);
  let P = 0;
  for (let i = 0; i < score.length; i++) if (positive[i]) P += w ? w[i] : 1;
  if (P === 0) return NaN;
  let prevRecall = 0;
  let ap = 0;
  for (const t of thresholds) {
    let tp = 0;
    let fp = 0;
    for (let i = 0; i < score.length; i++) {
      if (score[i] >= t) {
        if (positive[i]) tp += w ? w[i] : 1;
        else fp += w ? w[i] : 1;
      }
    }
    const recall = tp / P;
    if (tp + fp > 0) ap += (recall - prevRecall) * (tp / (tp + fp));
    prevRecall = recall;
  }
  return ap;
}

/** Seeded softmax predictions: the true class's logit gets `signal`, every logit N(0, 1) noise. */
export function makePredictions(rows: number, classes: number, seed: number, signal = 1.2, round = 0): { y: Int32Array; p: Float64Array } {
  const rng = createRandom(seed);
  const y = new Int32Array(rows);
  const p = new Float64Array(rows * classes);
  for (let i = 0; i < rows; i++) {
    const c = rng.uint32() % classes;
    y[i] = c;
    const z: number[] = [];
    for (let j = 0; j < classes; j++) {
      const g = Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
      z.push(g + (j === c ? signal : 0));
    }
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    for (let j = 0; j < classes; j++) {
      // `round` > 0 quantises probabilities, to create ties on purpose.
      p[i * classes + j] = round > 0 ? Math.round((e[j] / s) * round) / round : e[j] / s;
    }
  }
  return { y, p };
}

export function seededWeights(rows: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const w = new Float64Array(rows);
  for (let i = 0; i < rows; i++) w[i] = 0.25 + 2 * rng.float();
  return w;
}

/**
 * The textbook bootstrap, as independent reference: B resamples of n row
 * indexes drawn uniformly with replacement, the statistic recomputed on
 * each from the resampled rows' multiplicities.
 */
export function naiveBootstrap(rows: number, resamples: number, seed: number, statistic: (counts: Float64Array) => number): number[] {
  const rng = createRandom(seed);
  const counts = new Float64Array(rows);
  const out: number[] = [];
  for (let b = 0; b < resamples; b++) {
    counts.fill(0);
    for (let t = 0; t < rows; t++) counts[Math.floor(rng.float() * rows)]++;
    out.push(statistic(counts));
  }
  return out;
}

/** Percentile interval by sorting and linear interpolation (R's type 7), written out independently. */
export function percentiles(values: number[], level = 0.95): { lower: number; upper: number } {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    return v[lo] + (h - lo) * (v[Math.min(lo + 1, v.length - 1)] - v[lo]);
  };
  return { lower: q((1 - level) / 2), upper: q((1 + level) / 2) };
}

/**
 * Two percentile intervals of the same bootstrap distribution, from
 * independent resamples, agree up to Monte Carlo error: with B = 2000 the
 * standard error of a 2.5 % endpoint is about 1.5 % of the interval's width,
 * so 10 % of the width (plus `slack` for degenerate widths) is ~4.5 SE.
 */
export function expectSameInterval(
  a: { lower: number; upper: number },
  b: { lower: number; upper: number },
  expect: (v: unknown) => { toBeLessThanOrEqual(n: number): void },
  share = 0.1,
  slack = 1e-9,
): void {
  const width = Math.max(a.upper - a.lower, b.upper - b.lower);
  expect(Math.abs(a.lower - b.lower)).toBeLessThanOrEqual(share * width + slack);
  expect(Math.abs(a.upper - b.upper)).toBeLessThanOrEqual(share * width + slack);
}
