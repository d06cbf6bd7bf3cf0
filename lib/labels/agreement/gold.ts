import { kappaFromMargins } from "./cohen";
import { AgreementError } from "./errors";
import { validateRatings, type Ratings } from "./ratings";

/** Marks an item without an adjudicated label in the gold array. */
export const NO_GOLD = -1;

export interface GoldAgreement {
  annotator: number;
  /** This annotator's ratings on items that have a gold label. */
  compared: number;
  /** Share of those ratings equal to gold; NaN when none were compared. */
  accuracy: number;
  /** Cohen's kappa of the annotator against gold (Cohen 1960); NaN with fewer than two compared or when undefined. */
  kappa: number;
}

/**
 * How each annotator's ratings match the adjudicated labels. `gold[i]` is
 * item i's label or NO_GOLD. An item counts for an annotator when it has
 * gold and the annotator rated it; how many others rated it does not
 * matter, so items with a single rating count here too.
 */
export function goldAgreement(r: Ratings, gold: Int32Array): GoldAgreement[] {
  validateRatings(r);
  if (gold.length !== r.itemCount) {
    throw new AgreementError("invalid_gold", `gold labels: ${gold.length} for ${r.itemCount} items`);
  }
  const K = r.labelCount;
  for (let i = 0; i < gold.length; i++) {
    if (gold[i] < NO_GOLD || gold[i] >= K) throw new AgreementError("invalid_gold", `gold label out of range at item ${i}: ${gold[i]}`);
  }
  const A = r.annotatorCount;
  const rows = new Float64Array(A * K);
  const cols = new Float64Array(A * K);
  const n = new Float64Array(A);
  const agree = new Float64Array(A);
  for (let k = 0; k < r.item.length; k++) {
    const g = gold[r.item[k]];
    if (g === NO_GOLD) continue;
    const a = r.annotator[k];
    const l = r.label[k];
    rows[a * K + l]++;
    cols[a * K + g]++;
    n[a]++;
    if (l === g) agree[a]++;
  }
  const out: GoldAgreement[] = [];
  for (let a = 0; a < A; a++) {
    const k = kappaFromMargins(n[a], agree[a], rows.subarray(a * K, a * K + K), cols.subarray(a * K, a * K + K));
    out.push({ annotator: a, compared: n[a], accuracy: k.observed, kappa: k.kappa });
  }
  return out;
}
