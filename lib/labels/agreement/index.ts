import { bootstrapIntervals, type BootstrapOptions } from "./bootstrap";
import { confusedPairs } from "./confused-pairs";
import { fleissKappa } from "./fleiss";
import { goldAgreement } from "./gold";
import { indexByItem } from "./item-index";
import { krippendorffAlpha } from "./krippendorff";
import { countLabels } from "./label-counts";
import { pairTables } from "./pair-tables";
import { pairwiseAgreement } from "./pairwise";
import { percentAgreement } from "./percent-agreement";
import { perLabelAgreement } from "./per-label";
import type { Ratings } from "./ratings";
import { finiteOrNull, type AgreementReport, type IntervalReport } from "./report";
import type { PercentileInterval } from "./percentile";

export type { AgreementReport, BootstrapReport, IntervalReport } from "./report";
export { AgreementError, type AgreementErrorCode } from "./errors";
export { ratingsFrom, validateRatings, MAX_LABELS, type Ratings, type RatingRow, type InternedRatings } from "./ratings";
export { binaryRatingsForLabel, ABSENT, PRESENT, type MultiLabelRatings } from "./multi-label";
export { indexByItem, type ItemIndex } from "./item-index";
export { countLabels, type LabelCounts } from "./label-counts";
export { percentAgreement, type PercentAgreement } from "./percent-agreement";
export { fleissKappa, type FleissKappa } from "./fleiss";
export { krippendorffAlpha, coincidenceMatrix, type KrippendorffAlpha } from "./krippendorff";
export { cohenKappa, cohenFromTable, type CohenKappa } from "./cohen";
export { pairTables, type PairTables } from "./pair-tables";
export { pairwiseAgreement, type PairwiseAgreement } from "./pairwise";
export { perLabelAgreement, type LabelAgreement } from "./per-label";
export { confusedPairs, type ConfusedPair } from "./confused-pairs";
export { goldAgreement, NO_GOLD, type GoldAgreement } from "./gold";
export { bootstrapIntervals, type BootstrapOptions, type BootstrapIntervals } from "./bootstrap";
export { createRandom, type Random } from "./random";

export interface AgreementOptions {
  /** Adjudicated label per item, NO_GOLD (−1) where there is none. */
  gold?: Int32Array;
  /** Percentile intervals by resampling items; omitted means none. */
  bootstrap?: BootstrapOptions;
}

/**
 * Every agreement statistic for a project's ratings, as JSON. The ratings
 * are indexed once (by item, by label-count pattern, by annotator pair) and
 * each statistic reads those tables.
 */
export function computeAgreement(ratings: Ratings, options: AgreementOptions = {}): AgreementReport {
  const index = indexByItem(ratings);
  const counts = countLabels(index);
  const pairs = pairTables(index);
  const A = ratings.annotatorCount;

  const pa = percentAgreement(counts);
  const fk = fleissKappa(counts);
  const ka = krippendorffAlpha(counts);
  const pw = pairwiseAgreement(pairs);
  const matrix = <T>(f: (a: number, b: number) => T): T[][] =>
    Array.from({ length: A }, (_, a) => Array.from({ length: A }, (_, b) => f(a, b)));

  const report: AgreementReport = {
    labelCount: ratings.labelCount,
    annotatorCount: A,
    itemCount: ratings.itemCount,
    ratingCount: ratings.item.length,
    pairableItems: pa.items,
    percentAgreement: { pairwise: finiteOrNull(pa.pairwise), allAgree: finiteOrNull(pa.allAgree), items: pa.items },
    fleissKappa: {
      kappa: finiteOrNull(fk.kappa),
      observed: finiteOrNull(fk.observed),
      expected: finiteOrNull(fk.expected),
      items: fk.items,
    },
    krippendorffAlpha: {
      alpha: finiteOrNull(ka.alpha),
      observedDisagreement: finiteOrNull(ka.observedDisagreement),
      expectedDisagreement: finiteOrNull(ka.expectedDisagreement),
      pairableValues: ka.pairableValues,
      units: ka.units,
    },
    pairwise: {
      sharedItems: matrix((a, b) => pw.shared[a * A + b]),
      percentAgreement: matrix((a, b) => finiteOrNull(pw.percentAgreement[a * A + b])),
      cohenKappa: matrix((a, b) => finiteOrNull(pw.cohenKappa[a * A + b])),
    },
    perLabel: perLabelAgreement(counts).map((l) => ({
      label: l.label,
      ratings: l.ratings,
      share: finiteOrNull(l.share),
      kappa: finiteOrNull(l.kappa),
      specificAgreement: finiteOrNull(l.specificAgreement),
    })),
    confusedPairs: confusedPairs(counts),
    gold: options.gold
      ? goldAgreement(ratings, options.gold).map((g) => ({
          annotator: g.annotator,
          compared: g.compared,
          accuracy: finiteOrNull(g.accuracy),
          kappa: finiteOrNull(g.kappa),
        }))
      : null,
    bootstrap: null,
  };

  if (options.bootstrap) {
    const ci = bootstrapIntervals(counts, pairs, options.bootstrap);
    let cohen: { lower: (number | null)[][]; upper: (number | null)[][] } | null = null;
    if (ci.cohenKappa) {
      const lower = matrix<number | null>(() => null);
      const upper = matrix<number | null>(() => null);
      for (let p = 0; p < pairs.pairCount; p++) {
        const a = pairs.pairA[p];
        const b = pairs.pairB[p];
        lower[a][b] = lower[b][a] = finiteOrNull(ci.cohenKappa.lower[p]);
        upper[a][b] = upper[b][a] = finiteOrNull(ci.cohenKappa.upper[p]);
      }
      cohen = { lower, upper };
    }
    report.bootstrap = {
      resamples: ci.resamples,
      seed: ci.seed,
      level: ci.level,
      percentAgreement: interval(ci.percentAgreement),
      allAgree: interval(ci.allAgree),
      fleissKappa: interval(ci.fleissKappa),
      krippendorffAlpha: interval(ci.krippendorffAlpha),
      cohenKappa: cohen,
    };
  }
  return report;
}

function interval(i: PercentileInterval): IntervalReport {
  return { lower: finiteOrNull(i.lower), upper: finiteOrNull(i.upper), undefinedResamples: i.undefinedResamples };
}
