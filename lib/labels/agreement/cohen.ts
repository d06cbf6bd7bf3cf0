import { AgreementError } from "./errors";
import { validateRatings, type Ratings } from "./ratings";

export interface CohenKappa {
  /** (p_o − p_e) / (1 − p_e); NaN with fewer than two items or when p_e = 1. */
  kappa: number;
  /** p_o: share of items on which the two agree. NaN without items. */
  observed: number;
  /** p_e = Σ_k (row_k / n)(col_k / n). */
  expected: number;
  /** Items both rated. */
  items: number;
}

/**
 * Cohen's kappa (Cohen 1960, "A coefficient of agreement for nominal
 * scales") from a K×K table of counts, rows one rater, columns the other,
 * row-major in `cells`. With fewer than two items kappa is reported as NaN:
 * one item either agrees (p_e = 1, 0/0) or yields a meaningless 0.
 */
export function cohenFromTable(cells: ArrayLike<number>, K: number): CohenKappa {
  if (cells.length !== K * K) throw new AgreementError("invalid_ratings", `table is not ${K}×${K}: ${cells.length} cells`);
  const rows = new Float64Array(K);
  const cols = new Float64Array(K);
  let n = 0;
  let agree = 0;
  for (let a = 0; a < K; a++) {
    for (let b = 0; b < K; b++) {
      const c = cells[a * K + b];
      rows[a] += c;
      cols[b] += c;
      n += c;
      if (a === b) agree += c;
    }
  }
  return kappaFromMargins(n, agree, rows, cols);
}

/** Kappa from the sufficient statistics: items, agreeing items and the two raters' label counts. */
export function kappaFromMargins(n: number, agree: number, rows: ArrayLike<number>, cols: ArrayLike<number>): CohenKappa {
  let chance = 0;
  for (let k = 0; k < rows.length; k++) chance += rows[k] * cols[k];
  const observed = agree / n;
  const expected = chance / (n * n);
  const kappa = n >= 2 && expected < 1 ? (observed - expected) / (1 - expected) : NaN;
  return { kappa, observed, expected, items: n };
}

/**
 * Cohen's kappa between annotators a and b over the items both rated;
 * items either one skipped are left out, as the statistic is defined on
 * paired ratings only.
 */
export function cohenKappa(r: Ratings, a: number, b: number): CohenKappa {
  validateRatings(r);
  for (const x of [a, b]) {
    if (!Number.isInteger(x) || x < 0 || x >= r.annotatorCount) throw new AgreementError("invalid_option", `annotator out of range: ${x}`);
  }
  if (a === b) throw new AgreementError("invalid_option", `kappa needs two different annotators: ${a} twice`);
  const K = r.labelCount;
  const ofA = new Int32Array(r.itemCount).fill(-1);
  for (let k = 0; k < r.item.length; k++) if (r.annotator[k] === a) ofA[r.item[k]] = r.label[k];
  const rows = new Float64Array(K);
  const cols = new Float64Array(K);
  let n = 0;
  let agree = 0;
  for (let k = 0; k < r.item.length; k++) {
    if (r.annotator[k] !== b) continue;
    const la = ofA[r.item[k]];
    if (la < 0) continue;
    const lb = r.label[k];
    rows[la]++;
    cols[lb]++;
    n++;
    if (la === lb) agree++;
  }
  return kappaFromMargins(n, agree, rows, cols);
}
