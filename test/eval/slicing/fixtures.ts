import { Random } from "@/lib/train/random";
import type { BinnedFeatures, Predicate, SliceData } from "@/lib/eval/slicing/types";

/** How the per-row errors of a synthetic dataset are drawn. */
export type ErrorKind =
  | "planted" // 0/1 errors, low base rate, one slice with a high rate
  | "noise" // 0/1 errors, one rate everywhere: no real slice to find
  | "loss" // continuous non-integer losses with a planted slice (sums are not exact in floats)
  | "sparse" // a handful of error rows only
  | "none"; // no errors at all

export interface SyntheticSpec {
  rows: number;
  /** Domain size per feature. */
  domains: number[];
  errors: ErrorKind;
  /** The planted slice (ignored for noise/sparse/none). */
  planted?: Predicate[];
  /** Error rate inside / outside the planted slice (0/1 kinds). */
  inside?: number;
  outside?: number;
  /** Copy feature 0 into the last feature, so distinct slices tie exactly. */
  duplicateFirst?: boolean;
  layout?: BinnedFeatures["layout"];
}

/**
 * A seeded synthetic dataset. Codes are drawn with skewed probabilities
 * (value v with weight v + 1) so bins differ in size and some are rare.
 */
export function synthetic(seed: number, spec: SyntheticSpec): SliceData {
  const rng = new Random(seed);
  const n = spec.rows;
  const domains = spec.domains.slice();
  const columns = domains.map((d) => {
    const col = new Int32Array(n);
    const total = (d * (d + 1)) / 2;
    for (let r = 0; r < n; r++) {
      let u = rng.float() * total;
      let v = 0;
      while (v < d - 1 && u >= v + 1) {
        u -= v + 1;
        v++;
      }
      col[r] = v;
    }
    return col;
  });
  if (spec.duplicateFirst) {
    columns.push(columns[0].slice());
    domains.push(domains[0]);
  }
  const planted = spec.planted ?? [];
  const inSlice = (r: number) => planted.every((p) => columns[p.feature][r] === p.value);
  const inside = spec.inside ?? 0.7;
  const outside = spec.outside ?? 0.1;
  const errors = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    switch (spec.errors) {
      case "planted":
        errors[r] = rng.float() < (inSlice(r) ? inside : outside) ? 1 : 0;
        break;
      case "noise":
        errors[r] = rng.float() < outside ? 1 : 0;
        break;
      case "loss":
        // -log of a probability, like a log loss; larger inside the slice.
        errors[r] = -Math.log(1 - rng.float() * (inSlice(r) ? 0.95 : 0.5));
        break;
      case "sparse":
        errors[r] = 0;
        break;
      case "none":
        errors[r] = 0;
        break;
    }
  }
  if (spec.errors === "sparse") for (let i = 0; i < 3; i++) errors[rng.int(n)] = 1 + rng.float();
  if (spec.layout === "rows") {
    const m = domains.length;
    const codes = new Int32Array(n * m);
    for (let r = 0; r < n; r++) for (let f = 0; f < m; f++) codes[r * m + f] = columns[f][r];
    return { features: { layout: "rows", codes, domains }, errors };
  }
  return { features: { layout: "columns", columns, domains }, errors };
}
