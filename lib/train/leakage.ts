/**
 * Checks run after splitting and before training, for the ways a held-out
 * score can look better than the model is: the same rows on both sides of
 * the split, and features that give the target away. They warn rather than
 * refuse: a duplicate can be real (two identical orders) and a strong
 * feature can be legitimate; the user decides.
 */
import type { RawColumn, RawTable, RawTarget } from "../features/raw";
import { findIdenticalRows } from "./leakage-rows";
import { checkFeature, ID_LIKE_RATIO, PROXY_THRESHOLD } from "./leakage-proxy";
import { findColumn, type SplitResult } from "./split";

export type LeakageWarningKind =
  /** Rows of validation or test identical to a training row in every chosen feature. */
  | "identical_rows"
  /** A feature that alone predicts the target almost perfectly on the training rows. */
  | "target_proxy"
  /** A categorical feature with a different value on (nearly) every row. */
  | "id_like";

/** Plain JSON, so it can be stored with the run and shown as it is. */
export interface LeakageWarning {
  kind: LeakageWarningKind;
  feature?: string;
  /** identical_rows: the split that shares rows with train. */
  split?: "validation" | "test";
  /** A sentence for the user: what was found and what to do. */
  message: string;
  /** identical_rows: rows of `split` with an identical training row. */
  count?: number;
  /** identical_rows: up to 5 [training row, other row] pairs of row indexes (0-based). */
  examples?: [number, number][];
  /** target_proxy: accuracy, or |correlation| for a numeric target (0–1); id_like: distinct values per row. */
  score?: number;
}

export type SplitRows = Pick<SplitResult, "train" | "validation" | "test">;

/**
 * Warnings for `featureNames` of `table` under `split`; [] when nothing looks
 * wrong. Identical rows first (about the split), then per feature in the
 * order given. Throws SplitError("unknown_column") for a name not in the table.
 */
export function checkLeakage(
  table: RawTable,
  target: RawTarget,
  split: SplitRows,
  featureNames: readonly string[],
): LeakageWarning[] {
  const columns = featureNames.map((name) => findColumn(table, name, "feature"));
  const warnings: LeakageWarning[] = [];
  // With no features every row equals every other; that is not news.
  if (columns.length > 0) {
    for (const which of ["test", "validation"] as const) {
      const w = identicalRowsWarning(columns, split.train, split[which], which);
      if (w) warnings.push(w);
    }
  }
  for (const column of columns) {
    const w = featureWarning(column, target, split.train);
    if (w) warnings.push(w);
  }
  return warnings;
}

function identicalRowsWarning(
  columns: RawColumn[],
  train: Int32Array,
  other: Int32Array,
  which: "validation" | "test",
): LeakageWarning | undefined {
  const { count, distinctTrain, examples } = findIdenticalRows(columns, train, other);
  if (count === 0 || isCoarse(distinctTrain, train.length)) return undefined;
  const features = columns.length === 1 ? `feature "${columns[0].name}"` : `all ${columns.length} features`;
  return {
    kind: "identical_rows",
    split: which,
    message:
      `${count} of ${other.length} ${which} rows are identical to a training row in ${features}, ` +
      `so the ${which} score partly measures memory. Remove duplicate rows, or split by a group column so copies stay together.`,
    count,
    examples,
  };
}

/**
 * When the chosen features take few combinations (say two flags: four), rows
 * match by chance, not because records were copied; warning on every such
 * table would teach users to ignore the warning. We call the features coarse
 * when the training rows repeat each combination twice on average.
 */
function isCoarse(distinctTrain: number, trainRows: number): boolean {
  return distinctTrain < trainRows / 2;
}

function featureWarning(column: RawColumn, target: RawTarget, train: Int32Array): LeakageWarning | undefined {
  const finding = checkFeature(column, target, train);
  if (!finding) return undefined;
  if (finding.kind === "id_like") {
    return {
      kind: "id_like",
      feature: column.name,
      message:
        `feature "${column.name}" has a different value on ${percent(finding.distinctShare)} of training rows, like an identifier ` +
        `(≥ ${percent(ID_LIKE_RATIO)}); a model can memorise it but it tells nothing about new rows. ` +
        `Drop it, or use it as the group column of a group split.`,
      score: finding.distinctShare,
    };
  }
  const how =
    finding.measure === "accuracy"
      ? `alone predicts target "${target.name}" on ${percent(finding.score)} of training rows`
      : `alone explains target "${target.name}" almost exactly (correlation ${finding.score.toFixed(3)})`;
  return {
    kind: "target_proxy",
    feature: column.name,
    message:
      `feature "${column.name}" ${how} (threshold ${PROXY_THRESHOLD}); it may be a copy of the target or recorded after it. ` +
      `Check that it is known at prediction time, or drop it.`,
    score: finding.score,
  };
}

function percent(share: number): string {
  // One decimal, but never rounded up to a 100% it did not reach.
  const p = Math.floor(share * 1000) / 10;
  return `${p.toFixed(1)}%`;
}
