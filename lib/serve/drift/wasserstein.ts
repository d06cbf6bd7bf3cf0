import { DriftError } from "./errors";
import { quantileCdf, quantileCdfBelow, sortedPresent } from "./quantile-cdf";

/*
 * The 1-D Wasserstein-1 (earth mover's) distance: the area between two
 * CDFs, W1 = ∫ |F(x) − G(x)| dx, in the input's own units. It is the least
 * average distance mass must travel to turn one distribution into the other,
 * so, unlike KS, it grows with how far values moved and not only whether.
 */

/**
 * W1 between two samples, each value optionally weighted (as
 * scipy.stats.wasserstein_distance(u, v, u_weights, v_weights): weights are
 * normalised to sum to 1 per sample; absent weights are all 1). NaN values
 * (missing) are dropped with their weights. NaN when a sample is empty.
 */
export function wasserstein(u: ArrayLike<number>, v: ArrayLike<number>, uWeights?: ArrayLike<number>, vWeights?: ArrayLike<number>): number {
  const a = weighted(u, uWeights, "u");
  const b = weighted(v, vWeights, "v");
  if (a.values.length === 0 || b.values.length === 0) return NaN;
  let i = 0;
  let j = 0;
  let fa = 0;
  let fb = 0;
  let prev = NaN;
  let area = 0;
  while (i < a.values.length || j < b.values.length) {
    const x = Math.min(a.values[i] ?? Infinity, b.values[j] ?? Infinity);
    if (!Number.isNaN(prev)) area += Math.abs(fa - fb) * (x - prev);
    while (i < a.values.length && a.values[i] === x) fa += a.weights[i++];
    while (j < b.values.length && b.values[j] === x) fb += b.weights[j++];
    prev = x;
  }
  return area;
}

/** Present values sorted ascending, with their weights normalised to sum to 1. */
function weighted(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, which: string): { values: Float64Array; weights: Float64Array } {
  if (weights === undefined) {
    const sorted = sortedPresent(values);
    return { values: sorted, weights: new Float64Array(sorted.length).fill(1 / sorted.length) };
  }
  if (weights.length !== values.length) throw new DriftError("invalid_option", `${which} weights: ${weights.length} for ${values.length} values`);
  const order: number[] = [];
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w)) throw new DriftError("invalid_option", `${which} weight ${i} is not a finite non-negative number: ${w}`);
    if (Number.isNaN(values[i])) continue;
    order.push(i);
    total += w;
  }
  if (order.length > 0 && !(total > 0)) throw new DriftError("invalid_option", `${which} weights sum to zero`);
  order.sort((p, q) => values[p] - values[q]);
  return { values: Float64Array.from(order, (k) => values[k]), weights: Float64Array.from(order, (k) => weights[k] / total) };
}

/**
 * W1 between a live sample and a training distribution known only by its
 * quantiles at 0, 1/k, …, 1, read as the piecewise-linear CDF of
 * quantile-cdf.ts (an approximation of the training CDF; see there). The
 * outer bins' ramps to the extreme min and max inflate it: for a normal
 * input about 0.2 training std with no drift at all, so the serving monitor
 * uses wassersteinAgainstBins (binned.ts). NaN when the live sample is empty
 * or there are fewer than two quantiles.
 */
export function wassersteinAgainstQuantiles(live: ArrayLike<number>, quantiles: ArrayLike<number>): number {
  const a = sortedPresent(live);
  const n = a.length;
  if (n === 0 || quantiles.length < 2) return NaN;
  // Breakpoints: every live value and every knot. Between two of them F_live is a
  // constant c and G runs linearly from G(x) to G(next−).
  const points = Float64Array.from([...a, ...Array.from(quantiles)]).sort();
  let area = 0;
  let below = 0; // live values ≤ the current breakpoint
  for (let p = 0; p < points.length - 1; p++) {
    const x = points[p];
    const next = points[p + 1];
    if (next === x) continue;
    while (below < n && a[below] <= x) below++;
    const c = below / n;
    area += areaBetween(quantileCdf(quantiles, x) - c, quantileCdfBelow(quantiles, next) - c, next - x);
  }
  return area;
}

/** ∫ |f| over an interval of `width` on which f runs linearly from `from` to `to`. */
function areaBetween(from: number, to: number, width: number): number {
  if (from * to >= 0) return (width * Math.abs(from + to)) / 2;
  // f crosses zero inside: two triangles.
  return (width * (from * from + to * to)) / (2 * (Math.abs(from) + Math.abs(to)));
}

/**
 * W1 divided by the training standard deviation, so it is unitless and one
 * threshold serves every input: 0.1 means the live values moved, on average,
 * a tenth of a training standard deviation. A constant training input
 * (std 0) gives 0 when nothing moved and Infinity otherwise (JSON carries
 * Infinity as null); a missing std (no training values) gives NaN.
 */
export function normalisedWasserstein(distance: number, std: number | null): number {
  if (std === null || Number.isNaN(std) || Number.isNaN(distance)) return NaN;
  if (std < 0) throw new DriftError("invalid_option", `standard deviation must not be negative: ${std}`);
  if (std === 0) return distance === 0 ? 0 : Infinity;
  return distance / std;
}
