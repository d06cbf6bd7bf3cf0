import type { SliceMetricName, SliceThreshold } from "@/lib/api/evaluation";
import { HIGHER_IS_BETTER, METRIC_LABELS as SLICE_METRIC_LABELS } from "./slice-threshold";
import type { CurrentVersion, Dashboard, DashboardRow } from "./dashboard";
import type { Verdict } from "./dashboard-summary";

/**
 * How the product owners' dashboard writes numbers: metric names spelled
 * out, proportions as percentages (one decimal, dropped when it is zero),
 * everything else to 3 significant digits. Shared by the page, the HTML
 * export and the summary sentences, so all three say the same thing.
 */

export const METRIC_LABELS: Record<SliceMetricName, string> = { ...SLICE_METRIC_LABELS, mae: "Mean absolute error" };

/** Metrics that are shares of something (0–1), written as percentages. R² is not one: it can be negative. */
const PROPORTIONS: ReadonlySet<SliceMetricName> = new Set(["accuracy", "macroF1", "rocAuc"]);

/** Errors and losses: a fall is an improvement, which a reader cannot guess from the name. */
export const LOWER_IS_BETTER: ReadonlySet<SliceMetricName> = new Set((Object.keys(HIGHER_IS_BETTER) as SliceMetricName[]).filter((m) => !HIGHER_IS_BETTER[m]));

export function isProportion(metric: SliceMetricName): boolean {
  return PROPORTIONS.has(metric);
}

/** 0.9134 → "91.3%", 0.84 → "84%"; 3.1 → "3.10", 12345 → "12,300", 0.012345 → "0.0123". */
export function formatValue(metric: SliceMetricName, x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (isProportion(metric)) return `${(x * 100).toFixed(1).replace(/\.0$/, "").replace(/^-0$/, "0")}%`;
  return significant3(x);
}

function significant3(x: number): string {
  const a = Math.abs(x);
  // toPrecision switches to exponent notation from 1000 up; grouped digits read better there.
  if (a >= 1000) return Number(x.toPrecision(3)).toLocaleString("en-US", { maximumFractionDigits: 0 });
  if (a !== 0 && a < 1e-4) return x.toExponential(2);
  return x.toPrecision(3);
}

/** "84% (78%–89%)", or just "84%" when the interval is missing. */
export function formatEstimate(metric: SliceMetricName, e: { value: number | null; lower: number | null; upper: number | null } | null): string {
  if (e === null || e.value === null) return "no value";
  const v = formatValue(metric, e.value);
  if (e.lower === null || e.upper === null) return v;
  return `${v} (${formatValue(metric, e.lower)}–${formatValue(metric, e.upper)})`;
}

/** "at least 85%" or "at most 0.300". */
export function formatThreshold(t: SliceThreshold | null): string {
  if (t === null) return "none";
  return t.min !== undefined ? `${METRIC_LABELS[t.metric]} at least ${formatValue(t.metric, t.min)}` : `${METRIC_LABELS[t.metric]} at most ${formatValue(t.metric, t.max ?? NaN)}`;
}

/** The interval level as words for a column heading: 0.95 → "95%". */
export function formatLevel(level: number | null): string {
  return level === null ? "" : `${(level * 100).toFixed(1).replace(/\.0$/, "")}%`;
}

/** What the dashboard says instead of a table, or above it when nothing is pinned; null when the table says it all. */
export function dashboardNotice(d: Dashboard): string | null {
  switch (d.kind) {
    case "no-versions":
      return "This model has no versions yet: export a run to ONNX in the notebook and push it from the export panel.";
    case "no-evaluation":
      return d.hasRun
        ? `Version ${d.current.version} has no evaluation yet: evaluate the run in the notebook's Evaluate cell and pin slices.`
        : `Version ${d.current.version} was not pushed from a run Lathe knows, so it has no evaluation: push a version exported from a run, then evaluate that run in the notebook's Evaluate cell and pin slices.`;
    case "ready":
      return d.pinned === 0 ? `No slice is pinned on version ${d.current.version}: pin slices in the notebook's Evaluate cell to follow them here.` : null;
    default:
      return d satisfies never;
  }
}

/** "version 2 (champion)" or "version 3 (newest; no champion is set)". */
export function describeCurrent(c: CurrentVersion): string {
  return `version ${c.version} (${c.reason === "champion" ? "champion" : "newest; no champion is set"})`;
}

export const VERDICT_TEXT: Record<Verdict, string> = { pass: "Pass", fail: "Fail", "no threshold": "No threshold", "no value": "No value" };

/** A row's value cell: the estimate with its interval, or why there is none. */
export function rowValueText(r: Pick<DashboardRow, "metric" | "estimate" | "missing">): string {
  return (r.estimate?.value ?? null) === null && r.missing ? `no value: ${r.missing}` : formatEstimate(r.metric, r.estimate);
}

/** A row's rows cell, flagging slices below the evaluation's minimum support. */
export function rowCountText(r: Pick<DashboardRow, "rows" | "lowSupport">): string {
  return `${r.rows.toLocaleString("en-US")}${r.lowSupport ? " (few rows: treat with care)" : ""}`;
}
