import { SlicingError } from "./errors";
import type { SliceData, SliceLineParams } from "./types";

/**
 * Checked, column-major input shared by SliceLine and the brute force, so
 * both reject exactly the same inputs and read the data the same way.
 */
export interface PreparedData {
  /** n */
  rows: number;
  /** One code column per feature, each of length n. */
  columns: readonly Int32Array[];
  domains: readonly number[];
  errors: Float64Array;
  /** Σ e, added in ascending row order. */
  errorTotal: number;
  /** ē = Σ e / n. */
  meanError: number;
  /** max e. */
  maxError: number;
}

/**
 * Largest domain accepted for one feature. Codes index per-value scratch
 * arrays, and a binned feature with more values than this is not binned.
 */
export const MAX_DOMAIN = 1 << 16;

/** Validates `params`; throws SlicingError naming the first bad one. */
export function checkParams(params: SliceLineParams): void {
  const { alpha, minSupport, maxLevel, topK } = params;
  if (typeof alpha !== "number" || !(alpha > 0 && alpha <= 1)) {
    throw new SlicingError("invalid_alpha", `alpha must be in (0, 1]: ${alpha}`);
  }
  if (!Number.isSafeInteger(minSupport) || minSupport < 1) {
    throw new SlicingError("invalid_min_support", `minimum support must be an integer ≥ 1 (rows): ${minSupport}`);
  }
  if (!Number.isSafeInteger(maxLevel) || maxLevel < 1) {
    throw new SlicingError("invalid_max_level", `maximum predicates must be an integer ≥ 1: ${maxLevel}`);
  }
  if (!Number.isSafeInteger(topK) || topK < 1) {
    throw new SlicingError("invalid_top_k", `top K must be an integer ≥ 1: ${topK}`);
  }
}

/**
 * Checks lengths, domains, codes and errors, and returns column-major data.
 * Column input is used as is (no copy); row-major input is transposed once
 * (n × m int32s), since every scan here walks one feature at a time.
 */
export function prepareSliceData(data: SliceData, params: SliceLineParams): PreparedData {
  checkParams(params);
  const { features, errors } = data;
  if (!(errors instanceof Float64Array)) {
    throw new SlicingError("invalid_error", "errors must be a Float64Array");
  }
  const n = errors.length;
  if (n === 0) throw new SlicingError("empty_data", "no rows: the error vector is empty");
  const domains = features.domains;
  const m = domains.length;
  if (m === 0) throw new SlicingError("empty_data", "no features: domains is empty");
  domains.forEach((d, f) => {
    if (!Number.isInteger(d) || d < 1 || d > MAX_DOMAIN) {
      throw new SlicingError("invalid_domain", `feature ${f} domain size must be an integer in [1, ${MAX_DOMAIN}]: ${d}`);
    }
  });

  const columns = features.layout === "columns" ? features.columns : transpose(features.codes, n, m);
  if (columns.length !== m) {
    throw new SlicingError("length_mismatch", `feature columns (${columns.length}) differ from domains (${m})`);
  }
  columns.forEach((col, f) => {
    if (!(col instanceof Int32Array)) {
      throw new SlicingError("length_mismatch", `feature ${f} codes must be an Int32Array`);
    }
    if (col.length !== n) {
      throw new SlicingError("length_mismatch", `feature ${f} has ${col.length} codes but there are ${n} errors`);
    }
    const d = domains[f];
    for (let r = 0; r < n; r++) {
      const c = col[r];
      if (c < 0 || c >= d) {
        throw new SlicingError("code_out_of_range", `feature ${f} row ${r} code outside [0, ${d}): ${c}`);
      }
    }
  });

  let total = 0;
  let max = 0;
  for (let r = 0; r < n; r++) {
    const e = errors[r];
    // Written so NaN fails too.
    if (!(e >= 0 && e < Infinity)) {
      throw new SlicingError("invalid_error", `row ${r} error must be finite and ≥ 0: ${e}`);
    }
    total += e;
    if (e > max) max = e;
  }
  return { rows: n, columns, domains, errors, errorTotal: total, meanError: total / n, maxError: max };
}

function transpose(codes: Int32Array, n: number, m: number): Int32Array[] {
  if (!(codes instanceof Int32Array)) {
    throw new SlicingError("length_mismatch", "row-major codes must be an Int32Array");
  }
  if (codes.length !== n * m) {
    throw new SlicingError(
      "length_mismatch",
      `row-major codes hold ${codes.length} values but ${n} rows × ${m} features need ${n * m}`,
    );
  }
  const columns: Int32Array[] = [];
  for (let f = 0; f < m; f++) {
    const col = new Int32Array(n);
    for (let r = 0, i = f; r < n; r++, i += m) col[r] = codes[i];
    columns.push(col);
  }
  return columns;
}
