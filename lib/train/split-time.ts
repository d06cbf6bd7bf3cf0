/**
 * Time split: train on the earliest rows, validate on the next, test on the
 * latest. A model is used on the future; a random split lets it peek at rows
 * from after the ones it is scored on, which flatters it whenever the data
 * drifts over time.
 */
import type { RawColumn } from "../features/raw";
import { SplitError } from "./split-error";
import { cutInOrder, type SplitParts } from "./split-apportion";

type TimeColumn = Extract<RawColumn, { kind: "date" | "numeric" }>;

/**
 * Rows are ordered by time (row index breaks ties, for a stable order) and
 * cut at the target sizes. A cut inside a run of equal times moves to the
 * start of the run, so the tied rows go to the later split and no time
 * appears in two splits. When that would empty the earlier split, the cut
 * moves to the end of the run instead (the ties go to the earlier split).
 */
export function splitByTime(
  rows: Int32Array,
  column: TimeColumn,
  sizes: readonly [number, number, number],
): { parts: SplitParts; note: string } {
  const t = column.values;
  let missing = 0;
  for (const i of rows) if (Number.isNaN(t[i])) missing++;
  if (missing > 0) {
    throw new SplitError(
      "missing_times",
      `time column "${column.name}" is missing for ${missing} rows with a target: fill or filter them before a time split`,
    );
  }
  const order = Int32Array.from(rows).sort((a, b) => t[a] - t[b] || a - b);
  const n = order.length;
  const at = (k: number) => t[order[k]];

  const cut1 = tieFreeCut(sizes[0], 0, n, at);
  const cut2 = cut1 < 0 ? -1 : tieFreeCut(Math.max(sizes[0] + sizes[1], cut1 + 1), cut1, n, at);
  if (cut1 < 0 || cut2 < 0) {
    let distinct = n > 0 ? 1 : 0;
    for (let k = 1; k < n; k++) if (at(k) !== at(k - 1)) distinct++;
    throw new SplitError(
      "too_few_times",
      `too few distinct times for the split: "${column.name}" has ${distinct} distinct values among ${n} rows; ` +
        `train, validation and test each need times of their own`,
    );
  }
  const show = (v: number) => (column.kind === "date" ? new Date(v).toISOString() : String(v));
  const note =
    `time split on "${column.name}": train before ${show(at(cut1))}, ` +
    `validation from ${show(at(cut1))}, test from ${show(at(cut2))}`;
  return { parts: cutInOrder(order, [cut1, cut2 - cut1, n - cut2]), note };
}

/**
 * The cut nearest `want` (rows before it go earlier) that does not split a run
 * of equal times and leaves at least one row on each side within (lo, hi);
 * −1 when there is none.
 */
function tieFreeCut(want: number, lo: number, hi: number, at: (k: number) => number): number {
  const k = Math.min(Math.max(want, lo + 1), hi - 1);
  let start = k;
  while (start > lo && at(start - 1) === at(start)) start--;
  if (start > lo) return start;
  let end = k;
  while (end < hi && at(end - 1) === at(end)) end++;
  return end < hi ? end : -1;
}
