import { estimateSchema, type RunEvaluation, type SliceEvaluation, type SliceMetricName, type SliceThreshold, type StoredEstimate } from "@/lib/api/evaluation";
import { summarise, type Verdict } from "./dashboard-summary";

export type { Verdict } from "./dashboard-summary";

/**
 * The product owners' dashboard of one model (/dashboard/[model]), built
 * from what the store already holds: the model's versions and the
 * evaluation each version's run carries. Nothing is recomputed here; the
 * numbers and intervals are the evaluation's own.
 *
 * The current version is the champion when that alias is set, else the
 * newest version. Its evaluation's pinned slices, after an "All data" row,
 * are the rows; each row's trend runs over every version whose run has an
 * evaluation with a slice of the same name.
 */

export interface VersionEvaluation {
  version: number;
  /** Null when the version has no run, the run is gone, or it was never evaluated. */
  evaluation: RunEvaluation | null;
}

export interface CurrentVersion {
  version: number;
  /** Why this version: the champion alias points at it, or no champion is set and it is the newest. */
  reason: "champion" | "newest";
}

export interface TrendPoint {
  version: number;
  value: number;
  lower: number | null;
  upper: number | null;
  current: boolean;
}

export interface DashboardRow {
  /** "all" for the All data row, `slice:<name>` otherwise: unique, since slice names are unique per evaluation. */
  key: string;
  name: string;
  /** The slice language text; null for All data. */
  definition: string | null;
  rows: number;
  lowSupport: boolean;
  metric: SliceMetricName;
  estimate: StoredEstimate | null;
  /** Why there is no value (the slice's error or the metric's reason), when there is none. */
  missing: string | null;
  threshold: SliceThreshold | null;
  verdict: Verdict;
  trend: TrendPoint[];
  summary: string;
}

export type Task = "classification" | "regression";

export type Dashboard =
  | { kind: "no-versions"; model: string }
  | { kind: "no-evaluation"; model: string; current: CurrentVersion; hasRun: boolean }
  | {
      kind: "ready";
      model: string;
      current: CurrentVersion;
      task: Task;
      /** The intervals' coverage (e.g. 0.95), when the report says. */
      level: number | null;
      evaluatedAt: string;
      split: RunEvaluation["split"];
      /** All data first, then the pinned slices in the evaluation's order. */
      rows: DashboardRow[];
      pinned: number;
      summary: string[];
    };

export const ALL_DATA = "All data";

/** The champion when that alias points at a listed version, else the newest; null without versions. */
export function currentVersion(versions: readonly { version: number }[], aliases: Record<string, number>): CurrentVersion | null {
  if (versions.length === 0) return null;
  const champion = aliases.champion;
  if (champion !== undefined && versions.some((v) => v.version === champion)) return { version: champion, reason: "champion" };
  return { version: Math.max(...versions.map((v) => v.version)), reason: "newest" };
}

/** `versions` in any order; `hasRun` says which versions were pushed from a run, for the empty state's wording. */
export function buildDashboard(model: string, versions: readonly VersionEvaluation[], aliases: Record<string, number>, hasRun: (version: number) => boolean = () => true): Dashboard {
  const current = currentVersion(versions, aliases);
  if (current === null) return { kind: "no-versions", model };
  const ordered = [...versions].sort((a, b) => a.version - b.version);
  const evaluation = ordered.find((v) => v.version === current.version)?.evaluation ?? null;
  if (evaluation === null) return { kind: "no-evaluation", model, current, hasRun: hasRun(current.version) };

  const task = taskOf(evaluation);
  const overall: SliceMetricName = task === "classification" ? "accuracy" : "rmse";
  const overallEstimate = (e: RunEvaluation) => reportEstimate(e.report, overall);
  const allRow = row(current, ordered, {
    key: "all",
    name: ALL_DATA,
    definition: null,
    rows: evaluation.rows,
    lowSupport: false,
    metric: overall,
    estimate: overallEstimate(evaluation),
    missing: null,
    threshold: null,
    pick: overallEstimate,
  });
  const pinned = evaluation.slices.filter((s) => s.pinned);
  const sliceRows = pinned.map((s) => {
    const metric = s.threshold?.metric ?? overall;
    const estimate = s.metrics[metric] ?? null;
    const missing = s.error ?? (estimate === null ? `the evaluation has no ${metric} for this slice` : estimate.value === null ? (estimate.reason ?? null) : null);
    return row(current, ordered, {
      key: `slice:${s.name}`,
      name: s.name,
      definition: s.definition,
      rows: s.rows,
      lowSupport: s.lowSupport,
      metric,
      estimate,
      missing,
      threshold: s.threshold,
      pick: (e) => sliceNamed(e, s.name)?.metrics[metric] ?? null,
    });
  });
  const rows = [allRow, ...sliceRows];
  return {
    kind: "ready",
    model,
    current,
    task,
    level: levelOf(evaluation.report),
    evaluatedAt: evaluation.evaluatedAt,
    split: evaluation.split,
    rows,
    pinned: pinned.length,
    summary: rows.map((r) => r.summary),
  };
}

interface RowSpec extends Omit<DashboardRow, "verdict" | "trend" | "summary"> {
  /** This row's estimate in another version's evaluation, or null when that evaluation lacks it. */
  pick: (e: RunEvaluation) => StoredEstimate | null;
}

function row(current: CurrentVersion, ordered: readonly VersionEvaluation[], spec: RowSpec): DashboardRow {
  const { pick, ...rest } = spec;
  const trend: TrendPoint[] = [];
  for (const v of ordered) {
    const e = v.evaluation === null ? null : pick(v.evaluation);
    if (e === null || e.value === null) continue;
    trend.push({ version: v.version, value: e.value, lower: e.lower, upper: e.upper, current: v.version === current.version });
  }
  const verdict = verdictOf(rest.estimate?.value ?? null, rest.threshold);
  const earlier = trend.filter((p) => p.version < current.version);
  const previous = earlier.length === 0 ? null : earlier[earlier.length - 1];
  const summary = summarise({ name: rest.key === "all" ? null : rest.name, metric: rest.metric, version: current.version, estimate: rest.estimate, missing: rest.missing, previous, threshold: rest.threshold, verdict });
  return { ...rest, verdict, trend, summary };
}

/** Pass: value ≥ min, or value ≤ max (lib/api/evaluation.ts sliceThresholdSchema). */
export function verdictOf(value: number | null, threshold: SliceThreshold | null): Verdict {
  if (threshold === null) return "no threshold";
  if (value === null) return "no value";
  if (threshold.min !== undefined) return value >= threshold.min ? "pass" : "fail";
  return threshold.max !== undefined && value <= threshold.max ? "pass" : "fail";
}

function sliceNamed(e: RunEvaluation, name: string): SliceEvaluation | undefined {
  return e.slices.find((s) => s.name === name);
}

// The report is stored as loose JSON (z.record of unknown): read what is needed, defensively.
function taskOf(e: RunEvaluation): Task {
  const t = e.report.task;
  if (t === "regression") return "regression";
  if (t === "binary" || t === "multiclass") return "classification";
  return e.classes === null ? "regression" : "classification";
}

function reportEstimate(report: Record<string, unknown>, metric: SliceMetricName): StoredEstimate | null {
  const parsed = estimateSchema.safeParse(report[metric]);
  return parsed.success ? parsed.data : null;
}

function levelOf(report: Record<string, unknown>): number | null {
  const intervals = report.intervals;
  if (typeof intervals !== "object" || intervals === null) return null;
  const level = (intervals as { level?: unknown }).level;
  return typeof level === "number" && level > 0 && level < 1 ? level : null;
}
