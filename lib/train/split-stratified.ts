/**
 * Stratified split: every class appears in train, validation and test in the
 * same proportions as in the whole, so a rare class is not missing from the
 * test set by bad luck, and metrics per class stay comparable across splits.
 */
import type { RawTarget } from "../features/raw";
import type { Random } from "./random";
import { apportion, ensureEachAtLeastOne, largestIndex, type SplitParts } from "./split-apportion";

/** A class needs one row in each of the three splits. */
const MIN_CLASS_ROWS = 3;

/**
 * Per class, the counts come from the largest remainder method on that
 * class's rows, so each split's count of each class is the floor or ceiling
 * of (class rows × split fraction): within one row of the overall class
 * proportion. Which splits get the rounded-up rows is decided with each
 * split's running shortfall over the classes before (see `apportion`), so
 * the split totals also stay close to their fractions instead of drifting
 * by up to a row per class.
 *
 * Two adjustments can move a class by one more row, and only for tiny
 * classes or tiny fractions: a class with ≥ 3 rows is put in all three
 * splits, and a split left with no rows at all takes one from the largest.
 * Classes are visited in index order and each one's rows shuffled with the
 * same generator, so the split depends only on the seed and the data.
 */
export function splitStratified(
  rows: Int32Array,
  target: Extract<RawTarget, { kind: "classes" }>,
  rng: Random,
  weights: readonly [number, number, number],
): { parts: SplitParts; note?: string } {
  const byClass = rowsByClass(rows, target.codes, target.classes.length);
  const carry = [0, 0, 0];
  const counts: number[][] = byClass.map((members) => {
    if (members.length === 0) return [0, 0, 0];
    const c = apportion(members.length, weights, carry);
    if (members.length >= MIN_CLASS_ROWS) ensureEachAtLeastOne(c);
    const sum = weights[0] + weights[1] + weights[2];
    for (let s = 0; s < 3; s++) carry[s] += (members.length * weights[s]) / sum - c[s];
    return c;
  });
  fillEmptySplits(counts);

  const parts: number[][] = [[], [], []];
  byClass.forEach((members, c) => {
    const shuffled = rng.shuffle(Int32Array.from(members));
    let at = 0;
    for (let s = 0; s < 3; s++) {
      for (let k = 0; k < counts[c][s]; k++) parts[s].push(shuffled[at++]);
    }
  });

  const small = byClass
    .map((members, c) => ({ name: target.classes[c] ?? String(c), n: members.length }))
    .filter((x) => x.n > 0 && x.n < MIN_CLASS_ROWS);
  const note =
    small.length > 0
      ? `classes with fewer than ${MIN_CLASS_ROWS} rows cannot be in all three splits: ` +
        small.slice(0, 5).map((x) => `"${x.name}" (${x.n})`).join(", ") +
        (small.length > 5 ? ` and ${small.length - 5} more` : "")
      : undefined;
  return { parts: [Int32Array.from(parts[0]), Int32Array.from(parts[1]), Int32Array.from(parts[2])], ...(note ? { note } : {}) };
}

function rowsByClass(rows: Int32Array, codes: Int32Array, classCount: number): number[][] {
  // Codes past the class list would be a bug upstream; they still get a bucket
  // so that no row with a target silently disappears.
  let k = classCount;
  for (const i of rows) k = Math.max(k, codes[i] + 1);
  const out: number[][] = Array.from({ length: k }, () => []);
  for (const i of rows) out[codes[i]].push(i);
  return out;
}

/** A split with no rows at all takes one from the biggest class cell of the biggest split. */
function fillEmptySplits(counts: number[][]): void {
  for (let s = 0; s < 3; s++) {
    const totals = [0, 1, 2].map((t) => counts.reduce((a, c) => a + c[t], 0));
    if (totals[s] > 0) continue;
    const donor = largestIndex(totals);
    let best = -1;
    for (let c = 0; c < counts.length; c++) if (best < 0 || counts[c][donor] > counts[best][donor]) best = c;
    if (best < 0 || counts[best][donor] === 0) return;
    counts[best][donor]--;
    counts[best][s]++;
  }
}
