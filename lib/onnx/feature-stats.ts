import { datePart } from "@/lib/features/date-parts";
import type { RawTable } from "@/lib/features/raw";
import { columnFor } from "@/lib/features/column-lookup";
import type { FittedFeatureSpec } from "@/lib/features/spec";

/**
 * The training split's distribution of each raw model input, carried in
 * the exported model's metadata so serving can measure drift without the
 * training data: for numbers, deciles and the count between each pair of
 * them (a histogram whose bins PSI and KS can reuse); for categories, the
 * frequency of each fitted category, of everything else, and of missing.
 */
export type NumericStats = {
  count: number;
  missing: number;
  mean: number | null;
  std: number | null;
  /** Values at 0, 10 %, …, 100 % (type 7 interpolation, as numpy's default); empty when every value is missing. */
  quantiles: number[];
  /** Rows in each bin [q_i, q_i+1) between the deciles, the last bin closed: quantiles.length − 1 counts. */
  counts: number[];
};

export type InputStats =
  | ({ name: string; kind: "numeric" | "boolean" } & NumericStats)
  | { name: string; kind: "categorical"; count: number; missing: number; frequencies: Record<string, number>; other: number }
  | { name: string; kind: "date"; parts: ({ part: string } & NumericStats)[] };

export interface FeatureStats {
  rows: number;
  inputs: InputStats[];
}

const DECILES = Array.from({ length: 11 }, (_, i) => i / 10);

export function featureStats(fitted: FittedFeatureSpec, table: RawTable, rows: Int32Array): FeatureStats {
  const inputs = fitted.columns.map((c): InputStats => {
    switch (c.kind) {
      case "numeric": {
        const col = columnFor(table, c.name, "numeric");
        return { name: c.name, kind: "numeric", ...numericStats(Float64Array.from(rows, (r) => col.values[r])) };
      }
      case "boolean": {
        const col = columnFor(table, c.name, "boolean");
        return { name: c.name, kind: "boolean", ...numericStats(Float64Array.from(rows, (r) => (col.values[r] < 0 ? NaN : col.values[r]))) };
      }
      case "categorical": {
        const col = columnFor(table, c.name, "categorical");
        const byCode = new Map<number, number>();
        let missing = 0;
        for (const r of rows) {
          const code = col.codes[r];
          if (code < 0) missing++;
          else byCode.set(code, (byCode.get(code) ?? 0) + 1);
        }
        const frequencies: Record<string, number> = Object.fromEntries(c.categories.map((v) => [v, 0]));
        let other = 0;
        for (const [code, n] of byCode) {
          const v = col.dictionary[code];
          if (v in frequencies) frequencies[v] += n;
          else other += n;
        }
        return { name: c.name, kind: "categorical", count: rows.length, missing, frequencies, other };
      }
      case "date": {
        const col = columnFor(table, c.name, "date");
        return {
          name: c.name,
          kind: "date",
          parts: c.parts.map((p) => ({ part: p.part, ...numericStats(Float64Array.from(rows, (r) => datePart(p.part, col.values[r]))) })),
        };
      }
    }
  });
  return { rows: rows.length, inputs };
}

/** Six significant digits: the statistics describe a distribution, and the metadata stays small. */
const round = (v: number) => Number(v.toPrecision(6));

export function numericStats(values: Float64Array): NumericStats {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const n = present.length;
  const missing = values.length - n;
  if (n === 0) return { count: values.length, missing, mean: null, std: null, quantiles: [], counts: [] };
  let sum = 0;
  for (const v of present) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of present) ss += (v - mean) ** 2;
  const quantiles = DECILES.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return present[lo] + (h - lo) * ((present[Math.min(lo + 1, n - 1)] ?? present[lo]) - present[lo]);
  });
  const counts = new Array<number>(quantiles.length - 1).fill(0);
  let bin = 0;
  for (const v of present) {
    while (bin < counts.length - 1 && v >= quantiles[bin + 1]) bin++;
    counts[bin]++;
  }
  return { count: values.length, missing, mean: round(mean), std: round(Math.sqrt(ss / n)), quantiles: quantiles.map(round), counts };
}
