/**
 * The agreement report as plain JSON: numbers, strings, arrays and objects
 * only. Undefined statistics are null (JSON has no NaN); matrices are
 * arrays of rows; annotators and labels are the indexes of the Ratings.
 */
export interface AgreementReport {
  labelCount: number;
  annotatorCount: number;
  itemCount: number;
  ratingCount: number;
  /** Items with at least two ratings: the ones percent agreement, Fleiss, Krippendorff and per-label agreement use. */
  pairableItems: number;
  percentAgreement: { pairwise: number | null; allAgree: number | null; items: number };
  fleissKappa: { kappa: number | null; observed: number | null; expected: number | null; items: number };
  krippendorffAlpha: {
    alpha: number | null;
    observedDisagreement: number | null;
    expectedDisagreement: number | null;
    pairableValues: number;
    units: number;
  };
  /** A×A, symmetric; the diagonal is 0 / null. */
  pairwise: {
    sharedItems: number[][];
    percentAgreement: (number | null)[][];
    cohenKappa: (number | null)[][];
  };
  perLabel: {
    label: number;
    ratings: number;
    share: number | null;
    kappa: number | null;
    specificAgreement: number | null;
  }[];
  confusedPairs: { a: number; b: number; count: number; share: number }[];
  /** Null when no gold labels were given. */
  gold: { annotator: number; compared: number; accuracy: number | null; kappa: number | null }[] | null;
  /** Null when no bootstrap was asked for. */
  bootstrap: BootstrapReport | null;
}

export interface IntervalReport {
  lower: number | null;
  upper: number | null;
  undefinedResamples: number;
}

export interface BootstrapReport {
  resamples: number;
  seed: number;
  level: number;
  percentAgreement: IntervalReport;
  allAgree: IntervalReport;
  fleissKappa: IntervalReport;
  krippendorffAlpha: IntervalReport;
  /** A×A bounds for each pair's Cohen's kappa (null off the shared pairs); null when not asked for. */
  cohenKappa: { lower: (number | null)[][]; upper: (number | null)[][] } | null;
}

/** NaN and ±Infinity become null, so the report survives JSON unchanged. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
