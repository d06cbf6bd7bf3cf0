import { SlicingError } from "./errors";
import { materializeRows, evaluateCandidates, scratchFor, type RowLists } from "./evaluate";
import { itemTable } from "./items";
import { basicCandidates, joinCandidates, type Bounds, type Candidates } from "./lattice";
import { prepareSliceData, type PreparedData } from "./prepare";
import { pruningSlack } from "./score";
import { TopK } from "./top-k";
import type { LevelStats, Slice, SliceData, SliceLineParams, SliceSearchResult } from "./types";

/**
 * SliceLine (Sagadeeva & Boehm, SIGMOD 2021): the exact top-K slices —
 * conjunctions of at most L feature = value predicates, each with ≥ σ rows
 * and a positive score — found by a level-wise walk of the lattice that
 * prunes with the paper's size and score upper bounds. Same ranking and the
 * same answer as bruteForceSlices, with far fewer slices evaluated.
 *
 * Differences from the linear-algebra formulation, none changing results:
 * slices are sorted row lists rather than one-hot matrix products, sibling
 * candidates are evaluated in one pass over their common parent's rows, and
 * the score bar is the K-th best only once K slices are held (0 before;
 * SystemDS uses its current worst, which can prune a slice that belongs in
 * the top K while fewer than K are known).
 */

export interface SliceLineOptions {
  /** Called after each level with the best K so far (a copy) and that level's counts. */
  onLevel?: (level: number, topK: readonly Slice[], stats: LevelStats) => void;
  /** Aborting rejects the search with SlicingError "cancelled"; checked between candidate groups. */
  signal?: AbortSignal;
  /**
   * Milliseconds of work between yields to the event loop (default 20). In a
   * worker, an abort sent from the page arrives as a message, which only
   * gets in when the search yields; this is also the worst-case delay.
   */
  yieldEveryMs?: number;
}

/** Where the search is, for the cancellation message; `current` is the level being worked on. */
interface Progress {
  level: number;
  evaluatedBefore: number;
  current?: LevelStats;
}

/** Runs SliceLine in slices of at most `yieldEveryMs`, for a worker. */
export async function sliceLine(
  data: SliceData,
  params: SliceLineParams,
  options: SliceLineOptions = {},
): Promise<SliceSearchResult> {
  const { signal, onLevel, yieldEveryMs = 20 } = options;
  const progress: Progress = { level: 0, evaluatedBefore: 0 };
  throwIfAborted(signal, progress);
  const steps = search(prepareSliceData(data, params), params, onLevel, progress);
  let since = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    throwIfAborted(signal, progress);
    if (performance.now() - since >= yieldEveryMs) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      throwIfAborted(signal, progress);
      since = performance.now();
    }
  }
}

/** The same search without yielding: for Node scripts and tests. The signal is still checked. */
export function sliceLineSync(
  data: SliceData,
  params: SliceLineParams,
  options: Omit<SliceLineOptions, "yieldEveryMs"> = {},
): SliceSearchResult {
  const progress: Progress = { level: 0, evaluatedBefore: 0 };
  throwIfAborted(options.signal, progress);
  const steps = search(prepareSliceData(data, params), params, options.onLevel, progress);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    throwIfAborted(options.signal, progress);
  }
}

function throwIfAborted(signal: AbortSignal | undefined, progress: Progress): void {
  if (signal?.aborted) {
    throw new SlicingError(
      "cancelled",
      progress.level === 0
        ? "slice search cancelled: before it started"
        : `slice search cancelled: at level ${progress.level}, after ${
            progress.evaluatedBefore + (progress.current?.evaluated ?? 0)
          } slices evaluated`,
    );
  }
}

/** A level's counters before any candidate (brute force keeps the same counters). */
export function emptyStats(level: number): LevelStats {
  return {
    level,
    generated: 0,
    prunedMissingParent: 0,
    prunedBySize: 0,
    prunedByScore: 0,
    evaluated: 0,
    valid: 0,
    rowVisits: 0,
  };
}

/**
 * The level loop. Rows are kept only for the slices the next level scans,
 * and only for two adjacent levels at a time: at most (number of feature
 * sets of that size) × n row numbers, reached only when nothing is pruned.
 */
function* search(
  data: PreparedData,
  params: SliceLineParams,
  onLevel: SliceLineOptions["onLevel"],
  progress: Progress,
): Generator<void, SliceSearchResult> {
  const { alpha, minSupport, topK: k } = params;
  const maxLevel = Math.min(params.maxLevel, data.domains.length);
  const n = data.rows;
  const items = itemTable(data.domains);
  const scratch = scratchFor(data.domains);
  const top = new TopK(k);
  const bounds: Bounds = {
    meanError: data.meanError,
    alpha,
    n,
    minSupport,
    slack: pruningSlack(data.meanError, data.maxError, alpha, n, minSupport),
  };
  const levels: LevelStats[] = [];
  let cands: Candidates = basicCandidates(items);
  let stats = emptyStats(1);
  stats.generated = cands.count;
  let rows: RowLists = [];

  for (let l = 1; ; l++) {
    progress.level = l;
    progress.current = stats;
    const level = yield* evaluateCandidates(cands, rows, data, items, bounds, top, scratch, stats);
    progress.evaluatedBefore += stats.evaluated;
    progress.current = undefined;
    levels.push(stats);
    onLevel?.(l, top.list(), stats);
    if (l >= maxLevel || stats.valid < 2) break;

    stats = emptyStats(l + 1);
    progress.level = l + 1;
    cands = yield* joinCandidates(level, items, bounds, () => top.bar(), stats);
    if (cands.count === 0) {
      levels.push(stats);
      onLevel?.(l + 1, top.list(), stats);
      break;
    }
    const needed = new Uint8Array(level.count);
    for (let q = 0; q < cands.count; q++) needed[cands.scanParent[q]] = 1;
    rows = yield* materializeRows(level, needed, rows, data, items, scratch, stats);
  }

  const result = top.list();
  return {
    topK: result,
    rows: n,
    meanError: data.meanError,
    levels,
    evaluated: levels.reduce((s, x) => s + x.evaluated, 0),
  };
}
