/**
 * Group split: all rows sharing a value of the group column (an author, a
 * user, a patient) land in one split. Rows from one person resemble each
 * other; if they straddle train and test, the test score measures memory of
 * that person, not generalisation to new ones.
 */
import type { RawColumn } from "../features/raw";
import type { Random } from "./random";
import { SplitError } from "./split-error";
import type { SplitParts } from "./split-apportion";

/**
 * Groups are visited in a seeded random order and each goes, whole, to the
 * first of test, validation, train that it brings closer to its target row
 * count (count + size/2 ≤ target: adding it does not overshoot by more than
 * it would leave short). Train takes whatever is left, so a group bigger
 * than the test and validation targets always trains. Sizes therefore only
 * approximate the fractions; the note reports what came out.
 *
 * Rows with a missing group value are each their own group: missing says
 * nothing about who the row belongs to, and pooling them would make one
 * large artificial group that must sit entirely in one split.
 */
export function splitByGroup(
  rows: Int32Array,
  column: RawColumn,
  rng: Random,
  sizes: readonly [number, number, number],
): { parts: SplitParts; note: string } {
  const groups = groupRows(rows, column);
  const order = rng.shuffle(Int32Array.from(groups.keys()));
  const members: number[][] = [[], [], []]; // group indexes per split
  const rowCount = [0, 0, 0];
  for (const g of order) {
    const size = groups[g].length;
    let s = 0; // train unless test (2) or validation (1) wants it
    if (rowCount[2] + size / 2 <= sizes[2]) s = 2;
    else if (rowCount[1] + size / 2 <= sizes[1]) s = 1;
    members[s].push(g);
    rowCount[s] += size;
  }
  repairEmpty(members, rowCount, groups, column.name);

  const parts = members.map((gs) => Int32Array.from(gs.flatMap((g) => groups[g]))) as SplitParts;
  const total = rows.length;
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)}%`;
  const note =
    `group split on "${column.name}": ${groups.length} groups; rows: train ${pct(rowCount[0])}, ` +
    `validation ${pct(rowCount[1])}, test ${pct(rowCount[2])}`;
  return { parts, note };
}

/** Row lists per distinct value, in order of first appearance; each missing value its own group. */
function groupRows(rows: Int32Array, column: RawColumn): number[][] {
  const index = new Map<number, number>();
  const groups: number[][] = [];
  for (const i of rows) {
    const key = groupKey(column, i);
    if (key === undefined) {
      groups.push([i]);
      continue;
    }
    const g = index.get(key);
    if (g === undefined) {
      index.set(key, groups.length);
      groups.push([i]);
    } else groups[g].push(i);
  }
  return groups;
}

/** A number that identifies the row's value within this column; undefined when missing. */
function groupKey(column: RawColumn, i: number): number | undefined {
  switch (column.kind) {
    case "categorical":
      return column.codes[i] < 0 ? undefined : column.codes[i];
    case "boolean":
      return column.values[i] < 0 ? undefined : column.values[i];
    case "numeric":
    case "date": {
      const v = column.values[i];
      // +0 so that −0 and 0 are one group (Map keys use SameValueZero anyway).
      return Number.isNaN(v) ? undefined : v + 0;
    }
  }
}

/**
 * A split left without rows takes the smallest group of the split with the
 * most groups, if that split can spare one. Without three groups no split
 * that keeps groups whole exists.
 */
function repairEmpty(members: number[][], rowCount: number[], groups: number[][], name: string): void {
  for (const s of [2, 1, 0]) {
    if (members[s].length > 0) continue;
    let donor = 0;
    for (let d = 1; d < 3; d++) if (members[d].length > members[donor].length) donor = d;
    if (members[donor].length < 2) break;
    let at = 0;
    members[donor].forEach((g, k) => {
      if (groups[g].length < groups[members[donor][at]].length) at = k;
    });
    const [g] = members[donor].splice(at, 1);
    members[s].push(g);
    rowCount[donor] -= groups[g].length;
    rowCount[s] += groups[g].length;
  }
  if (members.some((m) => m.length === 0)) {
    throw new SplitError(
      "too_few_groups",
      `too few groups for the split: ${groups.length} distinct values in "${name}"; need at least 3 for train/validation/test`,
    );
  }
}
