import { rankingSums, type Ranking } from "./ranking";

/**
 * Influence values ψᵢ = ∂T/∂mᵢ at m = 1, where mᵢ is row i's multiplicity
 * (its weight becomes sᵢ·mᵢ). For a statistic T that is a smooth function
 * of weighted sums, a bootstrap resample's value is T + Σ (mᵢ − 1)ψᵢ up to
 * terms of order 1/n (the linear term of the von Mises expansion; Efron &
 * Tibshirani 1993 §21). Used where the cell bootstrap cannot reach a
 * statistic directly: the one-vs-rest macro averages, whose classes share
 * rows, and R², whose mean moves with the resample. Every ψ sums to zero
 * (the statistics do not change when all weights are scaled).
 *
 * The ranking influences also give the within-bin spread that the score
 * bins of ranking-cells.ts would otherwise lose.
 */

/**
 * The two ranking statistics of one class, in one walk. With groups h in
 * descending score order:
 *
 * ROC AUC: ψ = s(V − AUC)/P for a positive and s(V − AUC)/N for a
 * negative, where V is the row's placement — the weighted share of the
 * other class it beats, ties ½ (DeLong, DeLong & Clarke-Pearson 1988).
 *
 * Average precision (step form, ranking.ts): with TP_h and D_h the
 * cumulative positive and total weight through h, Prec_h = TP_h / D_h and
 * ΔTP_h the group's positive weight,
 *   ψ = (s/P)·[y·(Prec_h − AP + A_h) − B_h],
 *   A_h = Σ_{g≥h} ΔTP_g / D_g,  B_h = Σ_{g≥h} ΔTP_g · Prec_g / D_g,
 * since a row in group h enters every threshold from h down.
 *
 * Values are in the ranking's sorted order (entry j is row order[j]), which
 * is how the score bins of ranking-cells.ts read them; null where the
 * statistic is undefined (AUC without both classes, AP without positives).
 */
export function rankingInfluence(r: Ranking, weights: ArrayLike<number> | null): { auc: Float64Array | null; ap: Float64Array | null } {
  const { order, score, positive } = r;
  const rows = order.length;
  const { positives: P, negatives: N, auc: aucValue, ap } = rankingSums(r, weights);
  if (!(P > 0)) return { auc: null, ap: null };
  const hasAuc = N > 0;
  const auc = hasAuc ? aucValue : 0;
  const psiAuc = hasAuc ? new Float64Array(rows) : null;
  const psiAp = new Float64Array(rows);
  // Backward, group by group: the cumulative sums through a group are the
  // totals minus what lies below it, and A_h, B_h accumulate from the bottom.
  let posBelow = 0;
  let allBelow = 0;
  let negBelow = 0;
  let sa = 0;
  let sb = 0;
  for (let end = rows; end > 0; ) {
    const s = score[end - 1];
    let start = end - 1;
    while (start > 0 && score[start - 1] === s) start--;
    let gp = 0;
    let gn = 0;
    for (let j = start; j < end; j++) {
      const w = weights ? weights[order[j]] : 1;
      if (positive[j]) gp += w;
      else gn += w;
    }
    const tp = P - posBelow;
    const d = P + N - allBelow;
    const prec = d > 0 ? tp / d : 0;
    if (gp > 0) {
      sa += gp / d;
      sb += (gp * prec) / d;
    }
    // Placements: negatives strictly below plus half the tied ones; positives strictly above plus half.
    const aucPos = hasAuc ? ((negBelow + 0.5 * gn) / N - auc) / P : 0;
    const aucNeg = hasAuc ? ((tp - gp + 0.5 * gp) / P - auc) / N : 0;
    const apPos = (prec - ap + sa - sb) / P;
    const apNeg = -sb / P;
    for (let j = start; j < end; j++) {
      const w = weights ? weights[order[j]] : 1;
      const pos = positive[j] === 1;
      if (psiAuc) psiAuc[j] = w * (pos ? aucPos : aucNeg);
      psiAp[j] = w * (pos ? apPos : apNeg);
    }
    posBelow += gp;
    negBelow += gn;
    allBelow += gp + gn;
    end = start;
  }
  return { auc: psiAuc, ap: psiAp };
}

/** ψ of ROC AUC by row index, or null when AUC is undefined (for tests and one-off use). */
export function aucInfluence(r: Ranking, weights: ArrayLike<number> | null): Float64Array | null {
  const psi = rankingInfluence(r, weights).auc;
  return psi ? byRow(r, psi) : null;
}

/** ψ of average precision by row index, or null when AP is undefined. */
export function apInfluence(r: Ranking, weights: ArrayLike<number> | null): Float64Array | null {
  const psi = rankingInfluence(r, weights).ap;
  return psi ? byRow(r, psi) : null;
}

function byRow(r: Ranking, sorted: Float64Array): Float64Array {
  const out = new Float64Array(sorted.length);
  for (let j = 0; j < sorted.length; j++) out[r.order[j]] = sorted[j];
  return out;
}

/**
 * R² = 1 − SSR/SST with weights v = s·m: ∂SSR/∂vᵢ = rᵢ², ∂SST/∂vᵢ =
 * (yᵢ − ȳ)² (the shift of ȳ drops out because Σ v(y − ȳ) = 0), so
 * ψ = −s·[r² − (1 − R²)(y − ȳ)²] / SST. Null when SST = 0.
 */
export function r2Influence(y: ArrayLike<number>, r: Float64Array, weights: ArrayLike<number> | null): Float64Array | null {
  let total = 0;
  let sy = 0;
  let ssr = 0;
  for (let i = 0; i < r.length; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    sy += w * y[i];
    ssr += w * r[i] * r[i];
  }
  const mean = sy / total;
  let sst = 0;
  for (let i = 0; i < r.length; i++) sst += (weights ? weights[i] : 1) * (y[i] - mean) ** 2;
  if (!(sst > 0)) return null;
  const keep = ssr / sst;
  const psi = new Float64Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const s = weights ? weights[i] : 1;
    psi[i] = (-s * (r[i] * r[i] - keep * (y[i] - mean) ** 2)) / sst;
  }
  return psi;
}
