import type { Probabilities } from "./input";

/**
 * Reliability diagram and expected calibration error, on equal-width bins
 * of [0, 1] (default 10).
 *
 * What is binned depends on the task:
 *  - binary: p1, the predicted probability of the positive class, against
 *    the fraction of positives — scikit-learn's calibration_curve
 *    (Niculescu-Mizil & Caruana 2005), so a model that is over-confident
 *    about negatives shows up too;
 *  - multiclass: the predicted class's probability (its confidence)
 *    against accuracy — Guo et al. (2017) "On calibration of modern neural
 *    networks", where the other classes' probabilities are not binned.
 * ECE = Σ_b (W_b / W) · |observed_b − mean predicted_b| over non-empty bins.
 *
 * Bins are closed on the right — (e_b, e_b+1], the first also holding 0 —
 * with edges e_b = b · (1 / bins) computed as numpy's linspace does, so a
 * value lands where scikit-learn's calibration_curve (searchsorted of the
 * inner edges, side "left") puts it, and as Guo et al. bin: (m−1)/M < c ≤ m/M.
 */
export type CalibrationBasis = "positive-probability" | "confidence";

export const DEFAULT_CALIBRATION_BINS = 10;

/** What each row contributes to the diagram, computed once. */
export interface CalibrationRows {
  basis: CalibrationBasis;
  bins: number;
  /** Bin per row. */
  bin: Int32Array;
  /** The binned value per row: p1 or the confidence. */
  predicted: Float64Array;
  /** 1 when the row is positive (binary) or correctly classified (multiclass). */
  hit: Uint8Array;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  /** Rows in the bin (unweighted). */
  rows: number;
  weight: number;
  /** Weighted means; NaN for an empty bin. */
  meanPredicted: number;
  observed: number;
}

export interface Reliability {
  basis: CalibrationBasis;
  bins: ReliabilityBin[];
  ece: number;
}

/** Edge b of `bins` equal-width bins, bit for bit numpy.linspace(0, 1, bins + 1)[b]. */
export function binEdge(b: number, bins: number): number {
  return b >= bins ? 1 : b * (1 / bins);
}

/** The number of inner edges strictly below `value`. */
export function binIndex(value: number, bins: number): number {
  let b = Math.max(0, Math.min(bins - 1, Math.floor(value * bins)));
  while (b < bins - 1 && binEdge(b + 1, bins) < value) b++;
  while (b > 0 && binEdge(b, bins) >= value) b--;
  return b;
}

export function calibrationRows(
  task: "binary" | "multiclass",
  y: Int32Array,
  p: Probabilities,
  classes: number,
  predicted: Int32Array,
  bins: number = DEFAULT_CALIBRATION_BINS,
): CalibrationRows {
  const rows = y.length;
  const bin = new Int32Array(rows);
  const value = new Float64Array(rows);
  const hit = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    if (task === "binary") {
      value[i] = p[i * classes + 1];
      hit[i] = y[i] === 1 ? 1 : 0;
    } else {
      value[i] = p[i * classes + predicted[i]];
      hit[i] = y[i] === predicted[i] ? 1 : 0;
    }
    bin[i] = binIndex(value[i], bins);
  }
  return { basis: task === "binary" ? "positive-probability" : "confidence", bins, bin, predicted: value, hit };
}

export function reliability(r: CalibrationRows, weights: ArrayLike<number> | null): Reliability {
  const count = new Int32Array(r.bins);
  const weight = new Float64Array(r.bins);
  const pred = new Float64Array(r.bins);
  const hits = new Float64Array(r.bins);
  for (let i = 0; i < r.bin.length; i++) {
    const w = weights ? weights[i] : 1;
    const b = r.bin[i];
    if (w > 0) count[b]++;
    weight[b] += w;
    pred[b] += w * r.predicted[i];
    hits[b] += w * r.hit[i];
  }
  let total = 0;
  for (let b = 0; b < r.bins; b++) total += weight[b];
  let ece = 0;
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < r.bins; b++) {
    const filled = weight[b] > 0;
    const meanPredicted = filled ? pred[b] / weight[b] : NaN;
    const observed = filled ? hits[b] / weight[b] : NaN;
    if (filled) ece += Math.abs(hits[b] - pred[b]) / total;
    out.push({ lower: binEdge(b, r.bins), upper: binEdge(b + 1, r.bins), rows: count[b], weight: weight[b], meanPredicted, observed });
  }
  return { basis: r.basis, bins: out, ece: total > 0 ? ece : NaN };
}
