import type { Estimate } from "./estimate";
import type { EvaluationReport } from "./report";

/**
 * The report's metrics as table rows, in reading order, with the words a
 * table shows: one function for the Evaluate cell and the run page, so the
 * two never disagree on names or order.
 */
export interface MetricRow {
  label: string;
  estimate: Estimate;
  /** Lower is better (log loss, Brier, ECE, MAE, RMSE): the baseline comparison reads the other way. */
  lowerIsBetter: boolean;
}

export function metricRows(report: EvaluationReport): MetricRow[] {
  const up = (label: string, estimate: Estimate) => ({ label, estimate, lowerIsBetter: false });
  const down = (label: string, estimate: Estimate) => ({ label, estimate, lowerIsBetter: true });
  if (report.task === "regression") return [down("MAE", report.mae), down("RMSE", report.rmse), up("R²", report.r2)];
  return [
    up("Accuracy", report.accuracy),
    up("Macro precision", report.macro.precision),
    up("Macro recall", report.macro.recall),
    up("Macro F1", report.macro.f1),
    up("Micro F1", report.micro.f1),
    up("Weighted F1", report.weightedAverage.f1),
    up(report.task === "binary" ? "ROC AUC" : "ROC AUC (one-vs-rest, macro)", report.rocAuc),
    up(report.task === "binary" ? "PR AUC (average precision)" : "PR AUC (one-vs-rest, macro)", report.averagePrecision),
    down("Log loss", report.logLoss),
    down("Brier score", report.brier),
    down("ECE (calibration error)", report.calibration.ece),
  ];
}

/** "0.912" / "—": three decimals, as every table here shows metrics. */
export function formatMetric(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(3);
}

/** "0.0312", "< 0.0001", "—": p- and q-values in every table. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined) return "—";
  return p < 0.0001 ? "< 0.0001" : p.toFixed(4);
}

export function formatInterval(e: Estimate): string {
  if (e.lower === null || e.upper === null) return "—";
  return `${formatMetric(e.lower)} – ${formatMetric(e.upper)}`;
}

/** Whether the model beats the baseline with the whole interval: "better", "worse", or "not clearly different". */
export function versusBaseline(row: MetricRow): "better" | "worse" | "not clearly different" | null {
  const { estimate: e } = row;
  if (e.baseline === null || e.lower === null || e.upper === null) return null;
  const above = e.lower > e.baseline;
  const below = e.upper < e.baseline;
  if (!above && !below) return "not clearly different";
  return above !== row.lowerIsBetter ? "better" : "worse";
}
