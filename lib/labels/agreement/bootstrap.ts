import { AgreementError } from "./errors";
import { fleissKappa } from "./fleiss";
import { krippendorffAlpha } from "./krippendorff";
import type { LabelCounts } from "./label-counts";
import { MultinomialResampler, type ResampleMethod } from "./multinomial";
import type { PairTables } from "./pair-tables";
import { pairKappa } from "./pairwise";
import { percentAgreement } from "./percent-agreement";
import { percentileInterval, type PercentileInterval } from "./percentile";
import { createRandom, type Random } from "./random";

export interface BootstrapOptions {
  /** Number of resamples; default 1000. */
  resamples?: number;
  /** 32-bit seed; default 1, so a report is reproducible unless asked otherwise. */
  seed?: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  level?: number;
  /** Also give intervals for each pair's Cohen's kappa; default true. Costs about one binomial draw per distinct label pair per annotator pair per resample. */
  pairs?: boolean;
  /** How resample counts are drawn; for tests. Default "auto". */
  method?: ResampleMethod;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 1;
export const DEFAULT_LEVEL = 0.95;

export interface PairIntervals {
  /** Pair p is (pairA[p], pairB[p]) of the PairTables. */
  lower: Float64Array;
  upper: Float64Array;
  undefinedResamples: Int32Array;
}

export interface BootstrapIntervals {
  resamples: number;
  seed: number;
  level: number;
  percentAgreement: PercentileInterval;
  allAgree: PercentileInterval;
  fleissKappa: PercentileInterval;
  krippendorffAlpha: PercentileInterval;
  /** Null when not asked for. */
  cohenKappa: PairIntervals | null;
}

export function resolveBootstrapOptions(o: BootstrapOptions): Required<BootstrapOptions> {
  const resamples = o.resamples ?? DEFAULT_RESAMPLES;
  const seed = o.seed ?? DEFAULT_SEED;
  const level = o.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000) {
    throw new AgreementError("invalid_option", `resamples must be an integer from 1 to 1000000: ${resamples}`);
  }
  if (!Number.isInteger(seed)) throw new AgreementError("invalid_option", `seed must be an integer: ${seed}`);
  if (!(level > 0 && level < 1)) throw new AgreementError("invalid_option", `level must be between 0 and 1: ${level}`);
  return { resamples, seed, level, pairs: o.pairs ?? true, method: o.method ?? "auto" };
}

/**
 * Percentile bootstrap intervals, resampling items with replacement.
 *
 * The units resampled are the items each statistic uses: for percent
 * agreement, Fleiss and Krippendorff the items with at least two ratings
 * (the others carry no pair and would only make the number of usable items
 * random); for a pair's Cohen's kappa the items both annotators rated. All
 * four overall statistics are computed on the same resamples.
 *
 * A statistic that depends on items only through their label-count
 * patterns depends on a resample only through how many items of each
 * pattern it drew: a multinomial vector, drawn exactly in O(patterns) (see
 * MultinomialResampler) instead of O(N). Likewise a pair's kappa depends
 * only on how many shared items fall in each cell of its table. Pairs use
 * their own random stream, so asking for them leaves the overall
 * intervals unchanged.
 */
export function bootstrapIntervals(counts: LabelCounts, pairs: PairTables | null, options: BootstrapOptions = {}): BootstrapIntervals {
  const { resamples, seed, level, pairs: wantPairs, method } = resolveBootstrapOptions(options);
  const root = createRandom(seed);
  const itemRng = root.fork();
  const pairRng = root.fork();

  const pa = new Float64Array(resamples);
  const all = new Float64Array(resamples);
  const fk = new Float64Array(resamples);
  const ka = new Float64Array(resamples);
  const resampler = new MultinomialResampler(counts.items, method);
  const weight = new Int32Array(counts.patternCount);
  for (let b = 0; b < resamples; b++) {
    resampler.draw(itemRng, weight);
    const agreement = percentAgreement(counts, weight);
    pa[b] = agreement.pairwise;
    all[b] = agreement.allAgree;
    fk[b] = fleissKappa(counts, weight).kappa;
    ka[b] = krippendorffAlpha(counts, weight).alpha;
  }

  return {
    resamples,
    seed,
    level,
    percentAgreement: percentileInterval(pa, level),
    allAgree: percentileInterval(all, level),
    fleissKappa: percentileInterval(fk, level),
    krippendorffAlpha: percentileInterval(ka, level),
    cohenKappa: wantPairs && pairs ? pairIntervals(pairs, resamples, level, pairRng, method) : null,
  };
}

function pairIntervals(
  t: PairTables,
  resamples: number,
  level: number,
  rng: Random,
  method: ResampleMethod,
): PairIntervals {
  const lower = new Float64Array(t.pairCount);
  const upper = new Float64Array(t.pairCount);
  const undefinedResamples = new Int32Array(t.pairCount);
  const rows = new Float64Array(t.labelCount);
  const cols = new Float64Array(t.labelCount);
  const values = new Float64Array(resamples);
  for (let p = 0; p < t.pairCount; p++) {
    const from = t.cellStart[p];
    const to = t.cellStart[p + 1];
    const resampler = new MultinomialResampler(t.cellCount.subarray(from, to), method);
    const cells = new Int32Array(to - from);
    for (let b = 0; b < resamples; b++) {
      resampler.draw(rng, cells);
      values[b] = pairKappa(t, p, cells, from, rows, cols);
    }
    const ci = percentileInterval(values, level);
    lower[p] = ci.lower;
    upper[p] = ci.upper;
    undefinedResamples[p] = ci.undefinedResamples;
  }
  return { lower, upper, undefinedResamples };
}
