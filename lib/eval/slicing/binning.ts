import { SlicingError } from "./errors";
import { MAX_DOMAIN } from "./prepare";
import { quantile7 as quantileType7 } from "@/lib/labels/agreement/percentile";
import type { BinnedFeatures } from "./types";

/**
 * Turns raw columns into the small integer codes SliceLine searches, and
 * keeps for each code what it stands for, so a found slice can be shown
 * ("age in [12.5, 30)") and turned back into predicates (predicates.ts).
 *
 * Numbers: quantile bins at k/B, k = 1 … B − 1, with type-7 quantiles
 * (R's and NumPy's default; quantile.ts), B = 5 by default (quintiles: few
 * enough that a slice of two or three bins still holds ~1 % of rows).
 * Bins are left-closed, [lo, hi); the first is open below and the last
 * above, so the predicates also cover values outside the binned data's range
 * (another run's test split). Tied quantiles are merged and bins left empty
 * by interpolation are folded into their left neighbour. Anything that is
 * not a finite number (null, undefined, NaN, ±∞) is missing.
 * Categories: kept as they are, most frequent first; values seen in fewer
 * than `minSupport` rows (pass SliceLine's σ) are grouped into one "other"
 * bin, since alone they can never make a slice. null and undefined are
 * missing. Missing values, when there are any, get their own last bin.
 */

export type RawColumn =
  | { kind: "numeric"; name: string; values: ArrayLike<number | null | undefined> }
  | { kind: "categorical"; name: string; values: ArrayLike<string | null | undefined> };

/** What one code of a binned column stands for; `count` is its number of rows. */
export type Bin =
  /** lo ≤ x < hi; null = unbounded on that side. */
  | { kind: "range"; label: string; lo: number | null; hi: number | null; count: number }
  | { kind: "category"; label: string; value: string; count: number }
  | { kind: "other"; label: string; values: string[]; count: number }
  | { kind: "missing"; label: string; count: number };

export interface BinnedColumn {
  name: string;
  codes: Int32Array;
  /** bins[code] */
  bins: Bin[];
}

export interface BinningOptions {
  /** Quantile bins per numeric column, an integer in [2, 100]; default 5. */
  bins?: number;
  /** Categories with fewer rows than this go to "other"; default 1 (none do). */
  minSupport?: number;
}

export const DEFAULT_BINS = 5;

/** Bins every column; `features` is ready for sliceLine, `columns[f]` explains feature f's codes. */
export function binColumns(
  raw: readonly RawColumn[],
  options: BinningOptions = {},
): { features: BinnedFeatures; columns: BinnedColumn[] } {
  if (raw.length === 0) throw new SlicingError("empty_data", "no columns to bin");
  const n = raw[0].values.length;
  for (const c of raw) {
    if (c.values.length !== n) {
      throw new SlicingError("length_mismatch", `column ${c.name} has ${c.values.length} values, ${raw[0].name} has ${n}`);
    }
  }
  const columns = raw.map((c) =>
    c.kind === "numeric"
      ? binNumeric(c.name, c.values, options.bins ?? DEFAULT_BINS)
      : binCategorical(c.name, c.values, options.minSupport ?? 1),
  );
  return {
    features: { layout: "columns", columns: columns.map((c) => c.codes), domains: columns.map((c) => c.bins.length) },
    columns,
  };
}

export function binNumeric(
  name: string,
  values: ArrayLike<number | null | undefined>,
  bins: number = DEFAULT_BINS,
): BinnedColumn {
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) {
    throw new SlicingError("invalid_bins", `bins must be an integer in [2, 100]: ${bins}`);
  }
  const n = values.length;
  const present: number[] = [];
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (typeof v === "number" && Number.isFinite(v)) present.push(v);
  }
  const sorted = Float64Array.from(present).sort();
  const missing = n - sorted.length;
  const codes = new Int32Array(n);
  const out: Bin[] = [];

  if (sorted.length > 0) {
    const min = sorted[0];
    const max = sorted[sorted.length - 1];
    let cuts: number[] = [];
    for (let k = 1; k < bins; k++) {
      const q = quantileType7(sorted, k / bins);
      // A cut at the minimum would leave the first bin empty; equal cuts merge.
      if (q > min && q !== cuts[cuts.length - 1]) cuts.push(q);
    }
    // Bin k (k ≥ 1) starts at cuts[k − 1]; drop the cut of every empty bin.
    const counts = countBins(sorted, cuts);
    cuts = cuts.filter((_, k) => counts[k + 1] > 0);
    const finalCounts = countBins(sorted, cuts);
    const text = formatter(cuts.length > 0 ? cuts : [min, max]);
    for (let r = 0; r < n; r++) {
      const v = values[r];
      codes[r] = typeof v === "number" && Number.isFinite(v) ? upperBound(cuts, v) : cuts.length + 1;
    }
    if (cuts.length === 0) {
      const label = min === max ? `= ${text(min)}` : `[${text(min)}, ${text(max)}]`;
      out.push({ kind: "range", label, lo: null, hi: null, count: sorted.length });
    }
    for (let k = 0; k < cuts.length + (cuts.length > 0 ? 1 : 0); k++) {
      const lo = k === 0 ? null : cuts[k - 1];
      const hi = k === cuts.length ? null : cuts[k];
      const label = lo === null ? `< ${text(hi!)}` : hi === null ? `≥ ${text(lo)}` : `[${text(lo)}, ${text(hi)})`;
      out.push({ kind: "range", label, lo, hi, count: finalCounts[k] });
    }
  }
  if (missing > 0) {
    for (let r = 0; r < n; r++) {
      const v = values[r];
      if (!(typeof v === "number" && Number.isFinite(v))) codes[r] = out.length;
    }
    out.push({ kind: "missing", label: "missing", count: missing });
  }
  return { name, codes, bins: out };
}

export function binCategorical(
  name: string,
  values: ArrayLike<string | null | undefined>,
  minSupport = 1,
): BinnedColumn {
  if (!Number.isSafeInteger(minSupport) || minSupport < 1) {
    throw new SlicingError("invalid_min_support", `minimum support must be an integer ≥ 1 (rows): ${minSupport}`);
  }
  const n = values.length;
  const counts = new Map<string, number>();
  let missing = 0;
  for (let r = 0; r < n; r++) {
    const v = values[r];
    if (v === null || v === undefined) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  // Most frequent first; equal counts in code-unit order, so codes do not depend on row order.
  const ordered = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = ordered.filter(([, c]) => c >= minSupport);
  const rare = ordered.filter(([, c]) => c < minSupport);
  if (kept.length + 2 > MAX_DOMAIN) {
    throw new SlicingError(
      "invalid_column",
      `column ${name} has too many categories to slice on (${kept.length}); raise the minimum support`,
    );
  }
  const bins: Bin[] = kept.map(([value, count]) => ({ kind: "category", label: value, value, count }));
  const code = new Map<string, number>(kept.map(([v], i) => [v, i]));
  if (rare.length > 0) {
    const otherCode = bins.length;
    bins.push({
      kind: "other",
      label: "other",
      values: rare.map(([v]) => v).sort(),
      count: rare.reduce((s, [, c]) => s + c, 0),
    });
    for (const [v] of rare) code.set(v, otherCode);
  }
  const missingCode = bins.length;
  if (missing > 0) bins.push({ kind: "missing", label: "missing", count: missing });
  const codes = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const v = values[r];
    codes[r] = v === null || v === undefined ? missingCode : code.get(v)!;
  }
  return { name, codes, bins };
}

/** Number of cuts ≤ x: the index of the bin [cuts[k − 1], cuts[k]) holding x. */
function upperBound(cuts: readonly number[], x: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cuts[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countBins(sorted: Float64Array, cuts: readonly number[]): number[] {
  const counts = new Array<number>(cuts.length + 1).fill(0);
  for (let i = 0; i < sorted.length; i++) counts[upperBound(cuts, sorted[i])]++;
  return counts;
}

/**
 * Shortest decimal form, from 6 significant digits up to as many as it
 * takes for the given edges to print differently (so no two labels look
 * alike even when cuts are close).
 */
function formatter(edges: readonly number[]): (x: number) => string {
  for (let p = 6; p <= 17; p++) {
    const f = (x: number) => String(Number(x.toPrecision(p)));
    const shown = edges.map(f);
    if (new Set(shown).size === new Set(edges).size) return f;
  }
  return String;
}
