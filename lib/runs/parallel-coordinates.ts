import type { Run } from "@/lib/api/runs";
import { higherIsBetter, readScore, runLabels, type ScoreSelector } from "./compare";

/**
 * Parallel coordinates for the Compare runs page: one vertical axis per
 * hyperparameter that varies across the chosen runs, the chosen score as
 * the last axis, and one polyline per run with every value placed in [0, 1]
 * on its axis (0 at the bottom), so a component draws it as plain SVG.
 */

export interface AxisTick {
  /** Where on the axis, in [0, 1]. */
  position: number;
  label: string;
}

interface AxisBase {
  key: string;
  label: string;
  ticks: AxisTick[];
}

export interface NumericAxis extends AxisBase {
  kind: "numeric";
  scale: "linear" | "log";
  /** Smallest and largest value among the drawn runs. */
  domain: [number, number];
  /** The score axis only: which end is good, so the page can say so. */
  better?: "higher" | "lower";
}

export interface CategoricalAxis extends AxisBase {
  kind: "categorical";
  /** Sorted; category i of k sits at i / (k − 1). */
  categories: string[];
}

export type ParallelAxis = NumericAxis | CategoricalAxis;

export interface ParallelLine {
  runId: string;
  /** The same label the curve overlay uses (runLabels over the runs given). */
  run: string;
  /** One per axis, in [0, 1]. */
  positions: number[];
  /** One per axis: the value before placing, for tooltips. */
  values: (number | string)[];
}

export interface ParallelCoordinates {
  axes: ParallelAxis[];
  lines: ParallelLine[];
  /** Runs left out because they have no value for the chosen score (unfinished, failed). */
  excluded: number;
  excludedRunIds: string[];
}

type Param =
  | { key: string; label: string; kind: "numeric"; log: boolean; read(r: Run): number | undefined }
  | { key: string; label: string; kind: "categorical"; read(r: Run): string | undefined };

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * Hidden layers, dropout and activation as the model used them: a linear
 * model records the form's defaults for these but has no hidden layer
 * (lib/train/params.ts), so it counts as 0 layers, 0 units, no dropout and
 * activation "none", and a linear-vs-MLP comparison does not look like a
 * difference in width.
 */
function hidden(r: Run): number[] | undefined {
  const s = r.config?.modelSpec;
  if (s?.kind === "linear") return [];
  return s?.kind === "mlp" && Array.isArray(s.hidden) && s.hidden.every((h) => num(h) !== undefined) ? s.hidden : undefined;
}
const isLinear = (r: Run) => r.config?.modelSpec?.kind === "linear";

/** Candidate axes, left to right. Learning rate and L2 are searched over decades, hence log-eligible. */
const PARAMS: readonly Param[] = [
  { key: "modelSpec.kind", label: "model", kind: "categorical", read: (r) => str(r.config?.modelSpec?.kind) },
  { key: "hiddenLayers", label: "hidden layers", kind: "numeric", log: false, read: (r) => hidden(r)?.length },
  { key: "hiddenUnits", label: "hidden units (total)", kind: "numeric", log: false, read: (r) => hidden(r)?.reduce((a, b) => a + b, 0) },
  { key: "modelSpec.activation", label: "activation", kind: "categorical", read: (r) => (isLinear(r) ? "none" : str(r.config?.modelSpec?.activation)) },
  { key: "modelSpec.dropout", label: "dropout", kind: "numeric", log: false, read: (r) => (isLinear(r) ? 0 : num(r.config?.modelSpec?.dropout)) },
  { key: "modelSpec.l2", label: "L2", kind: "numeric", log: true, read: (r) => num(r.config?.modelSpec?.l2) },
  { key: "modelSpec.optimizer.kind", label: "optimizer", kind: "categorical", read: (r) => str(r.config?.modelSpec?.optimizer?.kind) },
  { key: "modelSpec.optimizer.learningRate", label: "learning rate", kind: "numeric", log: true, read: (r) => num(r.config?.modelSpec?.optimizer?.learningRate) },
  {
    key: "modelSpec.optimizer.momentum",
    label: "momentum",
    kind: "numeric",
    log: false,
    read: (r) => {
      const o = r.config?.modelSpec?.optimizer;
      return o?.kind === "sgd" ? num(o.momentum) : undefined;
    },
  },
  { key: "modelSpec.batchSize", label: "batch size", kind: "numeric", log: false, read: (r) => num(r.config?.modelSpec?.batchSize) },
  { key: "modelSpec.epochs", label: "epochs", kind: "numeric", log: false, read: (r) => num(r.config?.modelSpec?.epochs) },
  { key: "modelSpec.classWeights", label: "class weights", kind: "categorical", read: (r) => str(r.config?.modelSpec?.classWeights) },
  { key: "modelSpec.seed", label: "model seed", kind: "numeric", log: false, read: (r) => num(r.config?.modelSpec?.seed) },
  { key: "split.kind", label: "split", kind: "categorical", read: (r) => str(r.config?.split?.kind) },
  { key: "split.seed", label: "split seed", kind: "numeric", log: false, read: (r) => num(r.config?.split?.seed) },
];

/** Integers in full (seeds, batch sizes); other numbers to 4 significant digits. */
export function formatTick(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

/**
 * Min–max placement; log10 when allowed, every value is positive and the
 * largest is at least 10× the smallest (below a decade a log axis only
 * bends the spacing). One distinct value sits at 0.5: mid-axis says
 * "all the same" where 0 or 1 would suggest an extreme.
 */
function numericAxis(key: string, label: string, values: number[], logEligible: boolean): { axis: NumericAxis; place(v: number): number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const log = logEligible && min > 0 && max / min >= 10;
  const t = log ? Math.log10 : (v: number) => v;
  const [lo, hi] = [t(min), t(max)];
  const place = (v: number) => (hi === lo ? 0.5 : (t(v) - lo) / (hi - lo));
  const ticks = min === max ? [{ position: 0.5, label: formatTick(min) }] : [{ position: 0, label: formatTick(min) }, { position: 1, label: formatTick(max) }];
  return { axis: { key, label, kind: "numeric", scale: log ? "log" : "linear", domain: [min, max], ticks }, place };
}

function categoricalAxis(key: string, label: string, values: string[]): { axis: CategoricalAxis; place(v: string): number } {
  const categories = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const k = categories.length;
  const at = (i: number) => (k === 1 ? 0.5 : i / (k - 1));
  const ticks = categories.map((c, i) => ({ position: at(i), label: c }));
  return { axis: { key, label, kind: "categorical", categories, ticks }, place: (v) => at(categories.indexOf(v)) };
}

/**
 * Axes are the PARAMS that every given run has and that vary across the
 * given runs (excluded ones too, so the axes stay put as runs finish); a
 * parameter only some runs have (momentum beside an Adam run) is left out,
 * since a polyline cannot skip an axis. Ranges and categories come from the
 * drawn runs only, so an axis can be constant there and sit at 0.5.
 */
export function parallelCoordinates(runs: readonly Run[], score: ScoreSelector): ParallelCoordinates {
  const labels = runLabels(runs);
  const scores = runs.map((r) => readScore(r, score));
  const drawn = runs.map((r, i) => ({ run: r, label: labels[i], score: scores[i] })).filter((d): d is { run: Run; label: string; score: number } => d.score !== null);
  const excludedRunIds = runs.filter((_, i) => scores[i] === null).map((r) => r.id);
  if (drawn.length === 0) return { axes: [], lines: [], excluded: excludedRunIds.length, excludedRunIds };

  const columns: { axis: ParallelAxis; values: (number | string)[]; positions: number[] }[] = [];
  for (const p of PARAMS) {
    const all = runs.map((r) => p.read(r));
    if (all.some((v) => v === undefined) || new Set(all).size < 2) continue;
    if (p.kind === "numeric") {
      const values = drawn.map((d) => p.read(d.run)!);
      const { axis, place } = numericAxis(p.key, p.label, values, p.log);
      columns.push({ axis, values, positions: values.map(place) });
    } else {
      const values = drawn.map((d) => p.read(d.run)!);
      const { axis, place } = categoricalAxis(p.key, p.label, values);
      columns.push({ axis, values, positions: values.map(place) });
    }
  }

  const names = new Set(drawn.map((d) => d.run.metricName));
  const metricName = names.size === 1 ? drawn[0].run.metricName : null;
  const what = score.measure === "loss" ? "loss" : (metricName ?? "metric");
  const label = `${score.of === "baseline" ? "baseline " : ""}${score.split} ${what}`;
  const values = drawn.map((d) => d.score);
  const { axis, place } = numericAxis("score", label, values, false);
  // Mixed metrics (accuracy beside RMSE) have no one good end; every loss is better low.
  if (score.measure === "loss") axis.better = "lower";
  else if (metricName !== null) axis.better = higherIsBetter(metricName, "metric") ? "higher" : "lower";
  columns.push({ axis, values, positions: values.map(place) });

  return {
    axes: columns.map((c) => c.axis),
    lines: drawn.map((d, i) => ({ runId: d.run.id, run: d.label, positions: columns.map((c) => c.positions[i]), values: columns.map((c) => c.values[i]) })),
    excluded: excludedRunIds.length,
    excludedRunIds,
  };
}
