import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import type { Random } from "@/lib/labels/agreement/random";
import { CellSums } from "./cell-sums";
import type { ClassificationMetrics, PreparedClassification } from "./classification";
import type { Draws } from "./classification-draws";
import { scoresFromConfusion } from "./confusion";
import { rankingInfluence } from "./influence";
import { NormalSampler } from "./normal";
import { RankingCells } from "./ranking-cells";

/**
 * The cell path of the classification bootstrap (bootstrap-classification.ts):
 * each metric family draws its own sufficient statistics from their exact
 * multinomial law under the row bootstrap, in time independent of n —
 *  - confusion-matrix cells for everything read off the matrix;
 *  - score bins per class for one-vs-rest AUC and AP (ranking-cells.ts);
 *  - the influence values of the one-vs-rest macro averages, whose classes
 *    share rows (influence.ts, summed, then resampled by cell-sums.ts);
 *  - value cells for log loss, Brier and, per reliability bin, ECE.
 * Families draw from their own forked streams of the seed, forked in a
 * fixed order, so a metric's interval does not change when another is added.
 */
export function cellsPath(prep: PreparedClassification, point: ClassificationMetrics, d: Draws, root: Random, cells: number): void {
  const { classes, weights } = prep.data;
  const confusionRng = root.fork();
  const rankingRngs = Array.from({ length: classes }, () => root.fork());
  const logLossRng = root.fork();
  const brierRng = root.fork();
  const eceRng = root.fork();
  const macroAucRng = root.fork();
  const macroApRng = root.fork();
  // Value cells carry their exact within-cell variance (cell-sums.ts), so they
  // need fewer cells than score bins do.
  const valueCells = Math.max(8, Math.floor(cells / 2));

  confusionDraws(prep, d, confusionRng);
  rankingDraws(prep, point, d, cells, valueCells, rankingRngs, macroAucRng, macroApRng);
  meanLoss(prep.logLoss, weights, valueCells, logLossRng, d.one.logLoss);
  meanLoss(prep.brier, weights, valueCells, brierRng, d.one.brier);
  eceDraws(prep, d, Math.max(8, Math.ceil(cells / 8)), eceRng);
}

/**
 * Confusion cells. Unweighted resamples are exact; with unequal weights a
 * cell drawn N times weighs N·mean + √N·sd·z, the exact mean and variance
 * of N picks' total weight.
 */
function confusionDraws(prep: PreparedClassification, d: Draws, rng: Random): void {
  const { classes, rows, y, weights } = prep.data;
  const B = d.resamples;
  const o = d.one;
  const size = classes * classes;
  const cellRows = new Int32Array(size);
  const mean = new Float64Array(size);
  const sd = new Float64Array(size);
  for (let i = 0; i < rows; i++) {
    const c = y[i] * classes + prep.predicted[i];
    const w = weights ? weights[i] : 1;
    cellRows[c]++;
    mean[c] += w;
    sd[c] += w * w;
  }
  for (let c = 0; c < size; c++) {
    if (cellRows[c] === 0) continue;
    mean[c] /= cellRows[c];
    sd[c] = Math.sqrt(Math.max(0, sd[c] / cellRows[c] - mean[c] * mean[c]));
  }
  const resampler = new MultinomialResampler(cellRows);
  const normal = new NormalSampler(rng);
  const drawn = new Int32Array(size);
  const matrix = new Float64Array(size);
  for (let b = 0; b < B; b++) {
    resampler.draw(rng, drawn);
    for (let c = 0; c < size; c++) {
      const n = drawn[c];
      matrix[c] = n > 0 && sd[c] > 0 ? Math.max(0, n * mean[c] + Math.sqrt(n) * sd[c] * normal.next()) : n * mean[c];
    }
    const s = scoresFromConfusion(matrix, classes);
    for (let c = 0; c < classes; c++) d.f1[c * B + b] = s.f1[c];
    o.macroP[b] = s.macro.precision;
    o.macroR[b] = s.macro.recall;
    o.macroF[b] = s.macro.f1;
    o.weightedP[b] = s.weighted.precision;
    o.weightedR[b] = s.weighted.recall;
    o.weightedF[b] = s.weighted.f1;
  }
}

/**
 * Per-class AUC and AP from score bins: `cells` bins for a binary task,
 * max(64, 4·cells/classes) per class for more (the tests check 64 bins
 * against the row path), so many classes cost about what two rankings do.
 * Each class's influence values serve its bins' within-bin spread and,
 * averaged over classes, the macro averages.
 */
function rankingDraws(
  prep: PreparedClassification,
  point: ClassificationMetrics,
  d: Draws,
  cells: number,
  valueCells: number,
  rngs: Random[],
  macroAucRng: Random,
  macroApRng: Random,
): void {
  const { task, classes, rows, weights } = prep.data;
  const B = d.resamples;
  const bins = task === "binary" ? cells : Math.max(64, Math.floor((4 * cells) / classes));
  let aucClasses = 0;
  let apClasses = 0;
  for (let c = 0; c < classes; c++) {
    if (!Number.isNaN(point.rocAuc[c])) aucClasses++;
    if (!Number.isNaN(point.averagePrecision[c])) apClasses++;
  }
  const macroAuc = task === "binary" ? null : new Float64Array(rows);
  const macroAp = task === "binary" ? null : new Float64Array(rows);
  for (let c = 0; c < classes; c++) {
    const r = prep.rankings[c];
    const psi = rankingInfluence(r, weights);
    const scoreBins = new RankingCells(r, weights, bins, psi);
    const normal = new NormalSampler(rngs[c]);
    for (let b = 0; b < B; b++) {
      const v = scoreBins.draw(rngs[c], normal);
      d.auc[c * B + b] = v.auc;
      d.ap[c * B + b] = v.ap;
    }
    if (macroAuc && macroAp) {
      for (let j = 0; j < rows; j++) {
        const i = r.order[j];
        if (psi.auc) macroAuc[i] += psi.auc[j] / aucClasses;
        if (psi.ap) macroAp[i] += psi.ap[j] / apClasses;
      }
    }
  }
  if (task === "binary") {
    // The headline is the positive class's own resamples.
    d.one.auc.set(d.auc.subarray(B, 2 * B));
    d.one.ap.set(d.ap.subarray(B, 2 * B));
    return;
  }
  macroByInfluence(macroAuc!, aucClasses, point.headlineAuc, meanBias(point.rocAuc, d.auc, B), valueCells, macroAucRng, d.one.auc);
  macroByInfluence(macroAp!, apClasses, point.headlineAp, meanBias(point.averagePrecision, d.ap, B), valueCells, macroApRng, d.one.ap);
}

/**
 * A one-vs-rest macro average through its influence values ψ (the mean of
 * the classes'): the classes share rows, so their resampled values must
 * move together, and ψ carries exactly that first-order dependence. The
 * linear term has no bootstrap bias, which AP has (resampled AP runs a
 * little above the estimate), so `bias` — the mean bias of the per-class
 * resamples, already drawn — is added back and the macro interval sits
 * where the per-class ones do.
 */
function macroByInfluence(psi: Float64Array, defined: number, estimate: number, bias: number, cells: number, rng: Random, out: Float64Array): void {
  if (defined === 0) {
    out.fill(NaN);
    return;
  }
  // Σψ is 0 in exact arithmetic; subtracting the rounded sum keeps the centre exact.
  let drift = 0;
  for (let i = 0; i < psi.length; i++) drift += psi[i];
  const sums = new CellSums({ values: psi, weights: null, group: null, groups: 1, cellsPerGroup: cells });
  const normal = new NormalSampler(rng);
  const x = new Float64Array(1);
  const s = new Float64Array(1);
  for (let b = 0; b < out.length; b++) {
    sums.draw(rng, normal, x, s);
    out[b] = estimate + x[0] - drift + bias;
  }
}

/** Mean over classes with an estimate of (mean defined resample − estimate). */
function meanBias(estimates: Float64Array, draws: Float64Array, B: number): number {
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < estimates.length; c++) {
    if (Number.isNaN(estimates[c])) continue;
    let total = 0;
    let count = 0;
    for (let b = 0; b < B; b++) {
      const v = draws[c * B + b];
      if (!Number.isNaN(v)) {
        total += v;
        count++;
      }
    }
    if (count === 0) continue;
    sum += total / count - estimates[c];
    classes++;
  }
  return classes > 0 ? sum / classes : 0;
}

/** A weighted mean loss Σ m·s·ℓ / Σ m·s per resample. */
function meanLoss(loss: Float64Array, weights: Float64Array | null, cells: number, rng: Random, out: Float64Array): void {
  let values = loss;
  if (weights) {
    values = new Float64Array(loss.length);
    for (let i = 0; i < loss.length; i++) values[i] = weights[i] * loss[i];
  }
  const sums = new CellSums({ values, weights, group: null, groups: 1, cellsPerGroup: cells });
  const normal = new NormalSampler(rng);
  const x = new Float64Array(1);
  const s = new Float64Array(1);
  for (let b = 0; b < out.length; b++) {
    sums.draw(rng, normal, x, s);
    out[b] = s[0] > 0 ? x[0] / s[0] : NaN;
  }
}

/** ECE = Σ_bins |Σ m·s·(hit − predicted)| / Σ m·s, from value cells within each reliability bin. */
function eceDraws(prep: PreparedClassification, d: Draws, cellsPerBin: number, rng: Random): void {
  const { rows, weights } = prep.data;
  const cal = prep.calibration;
  const gap = new Float64Array(rows);
  for (let i = 0; i < rows; i++) gap[i] = (weights ? weights[i] : 1) * (cal.hit[i] - cal.predicted[i]);
  const sums = new CellSums({ values: gap, weights, group: cal.bin, groups: cal.bins, cellsPerGroup: cellsPerBin });
  const normal = new NormalSampler(rng);
  const x = new Float64Array(cal.bins);
  const s = new Float64Array(cal.bins);
  for (let b = 0; b < d.resamples; b++) {
    sums.draw(rng, normal, x, s);
    let gapSum = 0;
    let total = 0;
    for (let g = 0; g < cal.bins; g++) {
      gapSum += Math.abs(x[g]);
      total += s[g];
    }
    d.one.ece[b] = total > 0 ? gapSum / total : NaN;
  }
}
