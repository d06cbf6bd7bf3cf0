import type { LabelCounts } from "./label-counts";

export interface KrippendorffAlpha {
  /** 1 − D_o / D_e; NaN when undefined (no pairable values, or a single value used throughout). */
  alpha: number;
  /** D_o: share of pairable values' coincidences that disagree. */
  observedDisagreement: number;
  /** D_e: disagreement expected from the pooled values. */
  expectedDisagreement: number;
  /** n: number of pairable values (ratings on units with at least two). */
  pairableValues: number;
  /** Units (items) with at least two values. */
  units: number;
}

/**
 * Krippendorff's alpha for nominal data with missing values, through the
 * coincidence matrix (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section C). Unit u with m_u values adds
 * n_uc n_uk / (m_u − 1) to o_ck for every ordered pair of its values from
 * different coders; units with a single value are unpairable and add
 * nothing — this is the definition, not a choice made here. For nominal
 * data only agreements matter, so
 *
 *   n     = Σ_c n_c = pairable values,   Σ_c o_cc = Σ_u Σ_c n_uc(n_uc − 1)/(m_u − 1)
 *   D_o   = (n − Σ_c o_cc) / n,          D_e = (n² − Σ_c n_c²) / (n(n − 1))
 *   α     = 1 − D_o / D_e
 */
export function krippendorffAlpha(t: LabelCounts, weight: ArrayLike<number> = t.items): KrippendorffAlpha {
  const nc = new Float64Array(t.labelCount);
  let n = 0;
  let units = 0;
  let diagonal = 0;
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    const m = t.raters[p];
    let same = 0;
    for (let c = t.cellStart[p]; c < t.cellStart[p + 1]; c++) {
      const k = t.cellCount[c];
      same += k * (k - 1);
      nc[t.cellLabel[c]] += w * k;
    }
    diagonal += (w * same) / (m - 1);
    n += w * m;
    units += w;
  }
  let sumSquares = 0;
  for (let c = 0; c < t.labelCount; c++) sumSquares += nc[c] * nc[c];
  const observedDisagreement = (n - diagonal) / n;
  const expectedDisagreement = (n * n - sumSquares) / (n * (n - 1));
  const alpha = n > 0 && expectedDisagreement > 0 ? 1 - observedDisagreement / expectedDisagreement : NaN;
  return { alpha, observedDisagreement, expectedDisagreement, pairableValues: n, units };
}

/**
 * The full K×K coincidence matrix o (row-major), for display and for
 * checking against Krippendorff's worked example; alpha needs only its
 * diagonal and margins.
 */
export function coincidenceMatrix(t: LabelCounts, weight: ArrayLike<number> = t.items): Float64Array {
  const K = t.labelCount;
  const o = new Float64Array(K * K);
  for (let p = 0; p < t.patternCount; p++) {
    const w = weight[p];
    if (w === 0) continue;
    const scale = w / (t.raters[p] - 1);
    for (let a = t.cellStart[p]; a < t.cellStart[p + 1]; a++) {
      for (let b = t.cellStart[p]; b < t.cellStart[p + 1]; b++) {
        const na = t.cellCount[a];
        const pairs = a === b ? na * (na - 1) : na * t.cellCount[b];
        o[t.cellLabel[a] * K + t.cellLabel[b]] += scale * pairs;
      }
    }
  }
  return o;
}
