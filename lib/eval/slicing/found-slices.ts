import { binColumns, type BinnedColumn, type RawColumn } from "./binning";
import { SlicingError } from "./errors";
import { describeSlice, sliceConditions, type Condition } from "./predicates";
import type { BinnedFeatures, Predicate, SliceLineParams, SliceSearchResult } from "./types";

/**
 * The page's slice search around the worker: raw columns binned for the
 * search (categories rarer than σ grouped, since alone they can never make
 * a slice), then the worker's result put back into words and conditions on
 * the raw columns. Both halves are pure, so the page does only the call in
 * between.
 */

export interface SliceSearchPlan {
  /** What the worker searches: codes, errors and the parameters. */
  input: { features: BinnedFeatures; errors: Float64Array; params: SliceLineParams };
  /** columns[f] says what feature f's codes stand for; keep it to explain the result. */
  columns: BinnedColumn[];
}

/**
 * Bins `raw` (quantile bins for numbers, `bins` per column, default 5) with
 * σ = params.minSupport as the rare-category threshold. `errors` must have
 * one entry per row; it is used as is, not copied.
 */
export function planSliceSearch(
  raw: readonly RawColumn[],
  errors: Float64Array,
  params: SliceLineParams,
  bins?: number,
): SliceSearchPlan {
  if (raw.length > 0 && raw[0].values.length !== errors.length) {
    throw new SlicingError("length_mismatch", `the errors have ${errors.length} rows, column ${raw[0].name} has ${raw[0].values.length}`);
  }
  const { features, columns } = binColumns(raw, { bins, minSupport: params.minSupport });
  return { input: { features, errors, params }, columns };
}

/** One slice of the top K, as a table row or the dashboard shows it. */
export interface FoundSlice {
  /** 1 = best. */
  rank: number;
  /** "hour ≥ 17 and origin = ORD" */
  description: string;
  /** The same slice as conditions on the raw columns (ANDed), for the slice language and SQL. */
  conditions: Condition[];
  predicates: readonly Predicate[];
  /** Rows in the slice. */
  size: number;
  /** size / all rows, in [0, 1]. */
  share: number;
  /** The slice's mean error: errorSum / size (for 0/1 errors, its error rate). */
  meanError: number;
  /** meanError over the mean error of all rows; null when every row's error is 0. */
  lift: number | null;
  /** SliceLine's score (> 0). */
  score: number;
}

/** The search result's top K, best first, in words; `columns` from the same plan. */
export function explainSlices(result: SliceSearchResult, columns: readonly BinnedColumn[]): FoundSlice[] {
  return result.topK.map((s, i) => {
    const meanError = s.errorSum / s.size;
    return {
      rank: i + 1,
      description: describeSlice(s.predicates, columns),
      conditions: sliceConditions(s.predicates, columns),
      predicates: s.predicates,
      size: s.size,
      share: s.size / result.rows,
      meanError,
      lift: result.meanError > 0 ? meanError / result.meanError : null,
      score: s.score,
    };
  });
}
