import type { Run } from "@/lib/api/runs";
import type { SplitName } from "@/lib/train/run-job";

/**
 * Scores side by side for the Compare runs page: reading a run's stored
 * scores, the table of deltas against a base run, and the long-format curve
 * rows Observable Plot overlays. The config diff (config-diff.ts) and the
 * parallel coordinates (parallel-coordinates.ts) sit next to this file.
 *
 * `run.metrics` is stored JSON typed as a loose record, and an unfinished,
 * failed or older run may lack any part of it; every read here degrades to
 * null instead of throwing, because one odd run must not blank the page.
 */

export type { SplitName };
export const SPLITS: readonly SplitName[] = ["train", "validation", "test"];

/** One number in `run.metrics.scores`: the model's or the baseline's, loss or headline metric, on a split. */
export interface ScoreSelector {
  split: SplitName;
  of: "model" | "baseline";
  measure: "metric" | "loss";
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function finite(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The stored score, or null when the run has none (NaN from an empty split was stored as null by JSON). */
export function readScore(run: Run, s: ScoreSelector): number | null {
  const who = record(record(record(record(run.metrics)?.scores)?.[s.split])?.[s.of]);
  return finite(who?.[s.measure]);
}

/** Accuracy rises as a model improves; RMSE and every loss fall. */
export function higherIsBetter(metricName: Run["metricName"], measure: ScoreSelector["measure"]): boolean {
  return measure === "metric" && metricName === "accuracy";
}

/**
 * Short labels, unique within `runs`, in the same order: the run's name,
 * with the first 8 characters of its id when another run has the same
 * name. Plot keys series by label, so a run given twice (or two ids that
 * share a prefix) is numbered rather than merged into one line.
 */
export function runLabels(runs: readonly Run[]): string[] {
  const named = runs.map((r) => r.name || r.id.slice(0, 8));
  const count = new Map<string, number>();
  for (const n of named) count.set(n, (count.get(n) ?? 0) + 1);
  const used = new Set<string>();
  return runs.map((r, i) => {
    const base = count.get(named[i])! > 1 ? `${named[i]} (${r.id.slice(0, 8)})` : named[i];
    let label = base;
    for (let k = 2; used.has(label); k++) label = `${base} #${k}`;
    used.add(label);
    return label;
  });
}

/** The three rows per split of the comparison table. */
export const DELTA_MEASURES = [
  { key: "modelMetric", of: "model", measure: "metric" },
  { key: "modelLoss", of: "model", measure: "loss" },
  { key: "baselineMetric", of: "baseline", measure: "metric" },
] as const;
export type DeltaMeasure = (typeof DELTA_MEASURES)[number]["key"];

export interface MetricDeltaRow {
  split: SplitName;
  measure: DeltaMeasure;
  /** "accuracy", "loss", "baseline rmse", …: named after the base run's metric. */
  label: string;
  higherIsBetter: boolean;
  /** One per run, in the order given; null when the run has no such score. */
  values: (number | null)[];
  /** value − base value; 0 for the base itself; null when either is missing or the run's metric differs from the base's. */
  deltas: (number | null)[];
  /** Strictly better than the base in this row's direction (a tie is not better); null for the base itself and wherever `deltas` is null. */
  better: (boolean | null)[];
}

/**
 * Each run's scores against the run at `baseIndex`, for every split and
 * DELTA_MEASURES row. A run scored with another metric (a regression run
 * next to a classifier) gets no delta: accuracy minus RMSE means nothing,
 * and their losses (cross-entropy, squared error) are not comparable either.
 */
export function metricDeltas(runs: readonly Run[], baseIndex = 0): MetricDeltaRow[] {
  if (runs.length === 0) return [];
  if (!Number.isInteger(baseIndex) || baseIndex < 0 || baseIndex >= runs.length) {
    throw new RangeError(`base run index out of range: ${baseIndex} (${runs.length} runs)`);
  }
  const base = runs[baseIndex];
  const rows: MetricDeltaRow[] = [];
  for (const split of SPLITS) {
    for (const m of DELTA_MEASURES) {
      const up = higherIsBetter(base.metricName, m.measure);
      const values = runs.map((r) => readScore(r, { split, of: m.of, measure: m.measure }));
      const baseValue = values[baseIndex];
      const deltas = values.map((v, i) =>
        v === null || baseValue === null || runs[i].metricName !== base.metricName ? null : i === baseIndex ? 0 : v - baseValue,
      );
      const better = deltas.map((d, i) => (d === null || i === baseIndex ? null : up ? d > 0 : d < 0));
      const what = m.measure === "loss" ? "loss" : base.metricName;
      rows.push({ split, measure: m.key, label: m.of === "baseline" ? `baseline ${what}` : what, higherIsBetter: up, values, deltas, better });
    }
  }
  return rows;
}

/** One point of one run's learning curve, in the long format Plot's line mark takes (`z: "run"`). */
export interface CurvePoint {
  run: string;
  runId: string;
  epoch: number;
  value: number;
}

/**
 * Every run's per-epoch curve for one split and measure, runs in the order
 * given and epochs as stored. Epochs without the value (a metric the loop
 * could not compute, NaN stored as null) are skipped, which leaves a gap
 * Plot bridges rather than a drop to zero.
 */
export function overlayCurves(runs: readonly Run[], split: "train" | "validation", measure: "loss" | "metric"): CurvePoint[] {
  const labels = runLabels(runs);
  const points: CurvePoint[] = [];
  runs.forEach((r, i) => {
    const curves: unknown[] = Array.isArray(r.curves) ? r.curves : [];
    for (const c of curves) {
      const e = record(c);
      const epoch = finite(e?.epoch);
      const value = finite(record(e?.[split])?.[measure]);
      if (epoch !== null && value !== null) points.push({ run: labels[i], runId: r.id, epoch, value });
    }
  });
  return points;
}
