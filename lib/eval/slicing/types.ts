/**
 * The shapes slice discovery reads and returns. Everything is plain data on
 * typed arrays so it can cross a worker boundary (the arrays as
 * transferables) without conversion.
 */

/**
 * Features already binned to small integer codes: feature f takes codes
 * 0 … domains[f] − 1 (a missing value is one of those codes, its own bin).
 * Either one Int32Array per feature (column-major, each of length n) or one
 * row-major Int32Array of n × m codes, row r's codes at r·m … r·m + m − 1.
 */
export type BinnedFeatures =
  | { layout: "columns"; columns: readonly Int32Array[]; domains: readonly number[] }
  | { layout: "rows"; codes: Int32Array; domains: readonly number[] };

/** What a slice search runs on: n rows of binned features and one error per row. */
export interface SliceData {
  features: BinnedFeatures;
  /**
   * Per-row error, finite and ≥ 0 (0/1 misclassification, log loss, squared
   * error …); its length is n. Non-negativity is what makes a slice's error
   * sum bounded by its parents', on which the pruning rests.
   */
  errors: Float64Array;
}

export interface SliceLineParams {
  /** Weight of the error term against the size term, in (0, 1]; the paper's experiments use 0.95. */
  alpha: number;
  /** σ: the fewest rows a reported slice may have (an integer ≥ 1). */
  minSupport: number;
  /** L: the most predicates in a slice (an integer ≥ 1; capped at the number of features). */
  maxLevel: number;
  /** K: how many slices to return (an integer ≥ 1). */
  topK: number;
}

/** One predicate of a conjunction: feature `feature` has code `value`. */
export interface Predicate {
  feature: number;
  value: number;
}

export interface Slice {
  /** Sorted by feature, at most one per feature. */
  predicates: readonly Predicate[];
  /** SliceLine's score; reported slices always have score > 0. */
  score: number;
  /** |S|, rows in the slice. */
  size: number;
  /** se, the slice's error sum, added in ascending row order. */
  errorSum: number;
  /** The largest single-row error in the slice. */
  maxError: number;
}

/** What happened at one level of the lattice; counts are of candidate slices. */
export interface LevelStats {
  level: number;
  /** Distinct conjunctions formed by joining parents (level 1: every code of every feature). */
  generated: number;
  /** Dropped because one of their parents was not a valid slice of the level below. */
  prunedMissingParent: number;
  /** Dropped because the smallest parent has fewer than σ rows. */
  prunedBySize: number;
  /** Dropped because their score upper bound cannot beat the current K-th best (or 0). */
  prunedByScore: number;
  /** Candidates whose size, error sum and max error were computed. */
  evaluated: number;
  /** Evaluated slices with ≥ σ rows and error > 0: the parents of the next level. */
  valid: number;
  /** Row visits spent evaluating and materialising this level: the work actually done. */
  rowVisits: number;
}

export interface SliceSearchResult {
  /** Best first: score desc, then size desc, then predicates (see compareSlices). */
  topK: Slice[];
  /** n, the number of rows searched. */
  rows: number;
  /** ē, the mean error over all rows. */
  meanError: number;
  /** One entry per level searched (SliceLine) or per conjunction length (brute force). */
  levels: LevelStats[];
  /** Sum of `evaluated` over the levels. */
  evaluated: number;
}
