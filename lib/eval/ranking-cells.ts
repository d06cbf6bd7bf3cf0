import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import type { Random } from "@/lib/labels/agreement/random";
import { rankingInfluence } from "./influence";
import type { NormalSampler } from "./normal";
import { averagePrecision, rocAuc, type Ranking } from "./ranking";

/**
 * Bootstrap resamples of one class's ROC AUC and average precision in
 * time independent of the number of rows.
 *
 * The rows, in descending score order, are cut into score bins that never
 * split a tie: one per distinct score when there are at most `maxBins`,
 * otherwise bins of 1, 2, 4, … rows from the top up to ⌈n / maxBins⌉ and
 * that size below — precision moves fastest among the top few rows, so AP
 * gets fine bins where it needs them. Each bin holds two cells, its
 * positives and its negatives. A resample
 *  1. draws the cells' counts from their exact Multinomial law under the
 *     row bootstrap, and computes AUC and AP with each bin's rows tied;
 *  2. with unequal row weights, weighs a cell drawn N times
 *     N·mean + √N·sd·z (z standard normal): the exact mean and variance of
 *     N picks' total weight;
 *  3. puts back what tying a bin's rows loses — the spread of their
 *     influence on the statistic (influence.ts) beyond what their weights
 *     carry — as Σ √N·sd·z over cells, exact in mean and variance to first
 *     order, like the within-cell term of cell-sums.ts;
 *  4. shifts by (exact − binned) on the original rows, so the resamples
 *     spread as the binned statistic does but centre on the exact one.
 * With one bin per distinct score and equal weights, steps 2–4 add nothing
 * and the resamples are the row bootstrap's exactly.
 */
export class RankingCells {
  readonly bins: number;
  readonly exact: boolean;
  /** Exact minus binned value on the original rows. */
  readonly aucShift: number;
  readonly apShift: number;
  /** Mean and standard deviation of the weights of a bin's positive (even index) and negative (odd) rows. */
  private readonly meanWeight: Float64Array;
  private readonly sdWeight: Float64Array;
  /** Within-cell spread of the AUC and AP influence values, beyond what the weights carry. */
  private readonly aucSpread: Float64Array;
  private readonly apSpread: Float64Array;
  private readonly resampler: MultinomialResampler;
  private readonly drawn: Int32Array;
  private readonly cellWeight: Float64Array;

  /** `psi` is rankingInfluence(r, weights), when the caller already has it. */
  constructor(r: Ranking, weights: Float64Array | null, maxBins: number, psi = rankingInfluence(r, weights)) {
    const { order, score, positive } = r;
    const rows = order.length;
    // The rows' weights in ranking order, read sequentially below.
    const ws = new Float64Array(rows);
    for (let j = 0; j < rows; j++) ws[j] = weights ? weights[order[j]] : 1;
    let distinct = 0;
    for (let j = 0; j < rows; j++) if (j === 0 || score[j] !== score[j - 1]) distinct++;
    this.exact = distinct <= maxBins;
    const cap = this.exact ? 1 : Math.ceil(rows / maxBins);

    const counts: number[] = [];
    const totals: number[] = [];
    const squares: number[] = [];
    const starts: number[] = [0];
    let target = 1;
    let size = 0;
    let pos = 0;
    let neg = 0;
    let posW = 0;
    let negW = 0;
    let posW2 = 0;
    let negW2 = 0;
    for (let j = 0; j < rows; j++) {
      const w = ws[j];
      if (positive[j]) {
        pos++;
        posW += w;
        posW2 += w * w;
      } else {
        neg++;
        negW += w;
        negW2 += w * w;
      }
      size++;
      const last = j + 1 === rows;
      if (last || (score[j + 1] !== score[j] && size >= target)) {
        counts.push(pos, neg);
        totals.push(posW, negW);
        squares.push(posW2, negW2);
        starts.push(j + 1);
        target = Math.min(cap, target * 2);
        size = pos = neg = 0;
        posW = negW = posW2 = negW2 = 0;
      }
    }
    this.bins = counts.length / 2;
    this.meanWeight = new Float64Array(counts.length);
    this.sdWeight = new Float64Array(counts.length);
    for (let c = 0; c < counts.length; c++) {
      if (counts[c] === 0) continue;
      const mean = totals[c] / counts[c];
      this.meanWeight[c] = mean;
      this.sdWeight[c] = Math.sqrt(Math.max(0, squares[c] / counts[c] - mean * mean));
    }
    this.aucSpread = cellSpread(r, ws, psi.auc, starts);
    this.apSpread = cellSpread(r, ws, psi.ap, starts);
    const binned = binnedStatistics(new Float64Array(totals));
    this.aucShift = rocAuc(r, weights) - binned.auc;
    this.apShift = averagePrecision(r, weights) - binned.ap;
    if (Number.isNaN(this.aucShift)) this.aucShift = 0;
    if (Number.isNaN(this.apShift)) this.apShift = 0;
    this.resampler = new MultinomialResampler(new Int32Array(counts));
    this.drawn = new Int32Array(counts.length);
    this.cellWeight = new Float64Array(counts.length);
  }

  /** One resample's AUC and AP (NaN where undefined), clamped to [0, 1] after the shift. */
  draw(rng: Random, normal: NormalSampler): { auc: number; ap: number } {
    this.resampler.draw(rng, this.drawn);
    for (let c = 0; c < this.drawn.length; c++) {
      const n = this.drawn[c];
      const sd = this.sdWeight[c];
      this.cellWeight[c] = sd > 0 && n > 0 ? Math.max(0, n * this.meanWeight[c] + Math.sqrt(n) * sd * normal.next()) : n * this.meanWeight[c];
    }
    const b = binnedStatistics(this.cellWeight);
    let aucNoise = 0;
    let apNoise = 0;
    for (let c = 0; c < this.drawn.length; c++) {
      const n = this.drawn[c];
      if (n === 0) continue;
      const root = Math.sqrt(n);
      if (this.aucSpread[c] > 0) aucNoise += root * this.aucSpread[c] * normal.next();
      if (this.apSpread[c] > 0) apNoise += root * this.apSpread[c] * normal.next();
    }
    return { auc: clamp01(b.auc + this.aucShift + aucNoise), ap: clamp01(b.ap + this.apShift + apNoise) };
  }
}

/**
 * Per cell (bin × positive/negative): the population standard deviation of
 * ψ − ρ·s over the cell's rows, ρ = Σψ / Σs — the part of the rows'
 * influence that the cell's total weight does not already move. Zero for a
 * cell of one tie group (ψ is then s times a constant).
 */
function cellSpread(r: Ranking, ws: Float64Array, psi: Float64Array | null, starts: number[]): Float64Array {
  const bins = starts.length - 1;
  const out = new Float64Array(2 * bins);
  if (!psi) return out;
  const { positive } = r;
  for (let b = 0; b < bins; b++) {
    const from = starts[b];
    const to = starts[b + 1];
    // [negative, positive] sums; cell index 2b + (positive ? 0 : 1).
    let m0 = 0, m1 = 0, p0 = 0, p1 = 0, s0 = 0, s1 = 0;
    for (let j = from; j < to; j++) {
      if (positive[j]) {
        m1++;
        p1 += psi[j];
        s1 += ws[j];
      } else {
        m0++;
        p0 += psi[j];
        s0 += ws[j];
      }
    }
    const rho0 = s0 > 0 ? p0 / s0 : 0;
    const rho1 = s1 > 0 ? p1 / s1 : 0;
    let q0 = 0;
    let q1 = 0;
    for (let j = from; j < to; j++) {
      if (positive[j]) {
        const e = psi[j] - rho1 * ws[j];
        q1 += e * e;
      } else {
        const e = psi[j] - rho0 * ws[j];
        q0 += e * e;
      }
    }
    if (m1 > 1) out[2 * b] = Math.sqrt(q1 / m1);
    if (m0 > 1) out[2 * b + 1] = Math.sqrt(q0 / m0);
  }
  return out;
}

/** AUC and AP of bins (highest scores first) holding weights [pos₀, neg₀, pos₁, neg₁, …], each bin a tie. */
export function binnedStatistics(cells: Float64Array): { auc: number; ap: number } {
  let tp = 0;
  let fp = 0;
  let pairs = 0;
  let ap = 0;
  for (let c = 0; c < cells.length; c += 2) {
    const gp = cells[c];
    const gn = cells[c + 1];
    pairs += gn * (tp + 0.5 * gp);
    tp += gp;
    fp += gn;
    if (gp > 0) ap += (gp * tp) / (tp + fp);
  }
  return { auc: tp > 0 && fp > 0 ? pairs / (tp * fp) : NaN, ap: tp > 0 ? ap / tp : NaN };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
