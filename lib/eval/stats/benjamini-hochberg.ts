import { StatsError } from "./errors";

/*
 * Benjamini & Hochberg (1995), "Controlling the false discovery rate",
 * JRSS B 57:289–300: with m p-values sorted p(1) ≤ … ≤ p(m), reject
 * H(1) … H(k) for the largest k with p(k) ≤ k q / m. The adjusted p-values
 * are those of R's p.adjust(p, method = "BH"):
 *
 *   p̃(i) = min_{j ≥ i} min(1, m p(j) / j),
 *
 * step-up and monotone in p, and H(i) is rejected at level q exactly when
 * p̃(i) ≤ q. NaN p-values (a slice too small to test) are left NaN and, as
 * in R, not counted in m.
 */

/** BH-adjusted p-values, in the input's order. */
export function bhAdjust(pValues: ArrayLike<number>): Float64Array {
  const out = new Float64Array(pValues.length).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (Number.isNaN(p)) continue;
    if (!(p >= 0 && p <= 1)) throw new StatsError("invalid_counts", `a p-value must be in [0, 1]: ${p} at ${i}`);
    order.push(i);
  }
  // Ties may go in any order: they get the same adjusted value either way.
  order.sort((i, j) => pValues[i] - pValues[j]);
  const m = order.length;
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = order[rank - 1];
    // (m / rank) · p, in R's order: a factor ≥ 1 times p never rounds below p.
    running = Math.min(running, (m / rank) * pValues[i]);
    out[i] = running;
  }
  return out;
}

export interface BenjaminiHochberg {
  q: number;
  adjusted: Float64Array;
  /** In the input's order; false for NaN p-values. */
  rejected: boolean[];
  rejectedCount: number;
}

/** The BH procedure at false discovery rate `q` (default 0.05). */
export function benjaminiHochberg(pValues: ArrayLike<number>, q = 0.05): BenjaminiHochberg {
  if (!(q > 0 && q < 1)) throw new StatsError("invalid_option", `q must be between 0 and 1: ${q}`);
  const adjusted = bhAdjust(pValues);
  const rejected = Array.from(adjusted, (p) => p <= q);
  return { q, adjusted, rejected, rejectedCount: rejected.filter(Boolean).length };
}
