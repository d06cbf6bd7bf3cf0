import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import { percentileInterval } from "@/lib/labels/agreement/percentile";
import { createRandom } from "@/lib/labels/agreement/random";
import { resolveBootstrap, type BootstrapOptions } from "../intervals";
import { StatsError } from "./errors";
import { wilsonInterval, type ProportionInterval } from "./wilson";

/*
 * Group fairness of a binary classifier over one sensitive column:
 *  - per group: selection rate P(ŷ = 1), true-positive rate P(ŷ = 1 | y = 1)
 *    and false-positive rate P(ŷ = 1 | y = 0), each with a Wilson interval;
 *  - demographic parity difference: max − min selection rate over groups;
 *  - equal opportunity difference: max − min TPR over groups that have
 *    positives (Hardt, Price & Srebro 2016, "Equality of opportunity in
 *    supervised learning"; the same max − min as Fairlearn's
 *    demographic_parity_difference and the TPR half of its
 *    equalized_odds_difference).
 *
 * The two differences get percentile bootstrap intervals. Rows are
 * resampled within each group (stratified), keeping group sizes as
 * collected: a max − min over groups is undefined when a resample happens
 * to drop a small group, and group sizes are not what is uncertain. Every
 * rate depends on a group's rows only through its four cells (TP, FN, FP,
 * TN), so a resample is one multinomial draw per group, exactly (the
 * labels' MultinomialResampler), whatever the number of rows.
 */

export type GroupValue = string | number | boolean | null;

export interface GroupRates {
  group: GroupValue;
  rows: number;
  /** Rows with y = 1. */
  positives: number;
  negatives: number;
  /** Rows with ŷ = 1. */
  selected: number;
  selectionRate: ProportionInterval;
  truePositiveRate: ProportionInterval;
  falsePositiveRate: ProportionInterval;
}

export interface Disparity {
  /** max − min over groups on all rows; NaN with fewer than two groups where the rate is defined. */
  value: number;
  lower: number;
  upper: number;
  undefinedResamples: number;
}

export interface FairnessReport {
  /** In order of first appearance. */
  groups: GroupRates[];
  demographicParityDifference: Disparity;
  equalOpportunityDifference: Disparity;
  level: number;
  resamples: number;
  seed: number;
}

const TP = 0;
const FN = 1;
const FP = 2;
const TN = 3;

/** max − min of the defined (non-NaN) values; NaN when fewer than two. */
function spread(values: Float64Array): number {
  let lo = Infinity;
  let hi = -Infinity;
  let defined = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    defined++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return defined < 2 ? NaN : hi - lo;
}

function rates(cells: Int32Array, groups: number, selection: Float64Array, tpr: Float64Array): void {
  for (let g = 0; g < groups; g++) {
    const o = 4 * g;
    const rows = cells[o + TP] + cells[o + FN] + cells[o + FP] + cells[o + TN];
    const positives = cells[o + TP] + cells[o + FN];
    selection[g] = rows === 0 ? NaN : (cells[o + TP] + cells[o + FP]) / rows;
    tpr[g] = positives === 0 ? NaN : cells[o + TP] / positives;
  }
}

/** `yTrue` and `yPred` are read as truthy = positive (1, true). */
export function fairnessReport(
  group: ArrayLike<GroupValue>,
  yTrue: ArrayLike<unknown>,
  yPred: ArrayLike<unknown>,
  options: BootstrapOptions = {},
): FairnessReport {
  const { resamples, seed, level } = resolveBootstrap(options);
  if (group.length !== yTrue.length || group.length !== yPred.length) {
    throw new StatsError("length_mismatch", `group, label and prediction need one value per row: ${group.length}, ${yTrue.length}, ${yPred.length}`);
  }
  const index = new Map<GroupValue, number>();
  const cellList: number[] = [];
  for (let i = 0; i < group.length; i++) {
    let g = index.get(group[i]);
    if (g === undefined) {
      g = index.size;
      index.set(group[i], g);
      cellList.push(0, 0, 0, 0);
    }
    const cell = yTrue[i] ? (yPred[i] ? TP : FN) : yPred[i] ? FP : TN;
    cellList[4 * g + cell]++;
  }
  const k = index.size;
  const cells = Int32Array.from(cellList);

  const groups: GroupRates[] = [...index.keys()].map((value, g) => {
    const o = 4 * g;
    const positives = cells[o + TP] + cells[o + FN];
    const negatives = cells[o + FP] + cells[o + TN];
    const selected = cells[o + TP] + cells[o + FP];
    return {
      group: value,
      rows: positives + negatives,
      positives,
      negatives,
      selected,
      selectionRate: wilsonInterval(selected, positives + negatives, level),
      truePositiveRate: wilsonInterval(cells[o + TP], positives, level),
      falsePositiveRate: wilsonInterval(cells[o + FP], negatives, level),
    };
  });

  const selection = new Float64Array(k);
  const tpr = new Float64Array(k);
  rates(cells, k, selection, tpr);
  const dpd = spread(selection);
  const eod = spread(tpr);

  const rng = createRandom(seed);
  const resamplers = Array.from({ length: k }, (_, g) => new MultinomialResampler(cells.slice(4 * g, 4 * g + 4)));
  const drawn = new Int32Array(4 * k);
  const dpdValues = new Float64Array(resamples);
  const eodValues = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    for (let g = 0; g < k; g++) resamplers[g].draw(rng, drawn.subarray(4 * g, 4 * g + 4));
    rates(drawn, k, selection, tpr);
    dpdValues[r] = spread(selection);
    eodValues[r] = spread(tpr);
  }
  const disparity = (value: number, values: Float64Array): Disparity => {
    const ci = percentileInterval(values, level);
    return { value, lower: ci.lower, upper: ci.upper, undefinedResamples: ci.undefinedResamples };
  };
  return {
    groups,
    demographicParityDifference: disparity(dpd, dpdValues),
    equalOpportunityDifference: disparity(eod, eodValues),
    level,
    resamples,
    seed,
  };
}
