/** Automatic slice discovery: SliceLine, its brute-force reference, and binning. */
export { sliceLine, sliceLineSync, type SliceLineOptions } from "./sliceline";
export { bruteForceSlices } from "./brute-force";
export { sliceScore, scoreUpperBound } from "./score";
export { compareSlices } from "./top-k";
export { SlicingError, isCancelled, type SlicingErrorCode } from "./errors";
export {
  binColumns,
  binNumeric,
  binCategorical,
  DEFAULT_BINS,
  type RawColumn,
  type Bin,
  type BinnedColumn,
  type BinningOptions,
} from "./binning";
export { binConditions, sliceConditions, describeSlice, type Condition, type ConditionOp } from "./predicates";
export type {
  BinnedFeatures,
  SliceData,
  SliceLineParams,
  Predicate,
  Slice,
  LevelStats,
  SliceSearchResult,
} from "./types";
