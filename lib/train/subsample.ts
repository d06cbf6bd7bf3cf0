import { Random } from "./random";
import { TrainError } from "./train-error";

/**
 * A seeded share of rows, in their original order: the first ⌈fraction·n⌉
 * of a seeded shuffle, so a larger fraction with the same seed contains a
 * smaller one (learning-curve points then differ only by the added rows).
 */
export function subsampleRows(rows: Int32Array, fraction: number, seed: number): Int32Array {
  if (!(fraction > 0 && fraction <= 1)) throw new TrainError("invalid_data", `training share must be in (0, 1]: ${fraction}`);
  if (fraction === 1) return rows;
  const order = Int32Array.from(rows);
  const random = new Random(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const kept = order.subarray(0, Math.max(1, Math.ceil(fraction * rows.length)));
  return Int32Array.from(kept).sort();
}
