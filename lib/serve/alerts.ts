import type { Alert, MonitorVersion } from "@/lib/api/monitoring";
import type { PredictionDrift } from "./prediction-drift";
import type { WindowDrift } from "./drift/window";

/**
 * When the monitoring page raises an alert. Each rule looks at the champion
 * over the report's window, and only once there is enough traffic to judge.
 */
export const ALERTS = {
  /** p99 latency, ms: a warning, as single-row requests answer in a few ms. */
  latencyP99Ms: 100,
  /** Error share (4xx and 5xx): warning, and critical. */
  errorRate: 0.01,
  errorRateCritical: 0.05,
  /** Fewest requests to judge the error rate. */
  minRequests: 20,
  /** Drifted share of judged inputs: critical at or above. */
  driftedShare: 0.3,
  /** Fewest feedback rows to compare online with offline. */
  minFeedbackRows: 100,
  /** Accuracy points below the offline accuracy, or relative RMSE above it: critical. */
  accuracyDrop: 0.05,
  rmseRise: 0.2,
} as const;

export interface AlertInput {
  task: "classification" | "regression" | null;
  champion: number | null;
  versions: MonitorVersion[];
  drift: { inputs: WindowDrift | null; prediction: PredictionDrift | null } | null;
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function alertsOf(r: AlertInput): Alert[] {
  const alerts: Alert[] = [];
  const v = r.versions.find((x) => x.version === r.champion);
  if (v && v.p99 !== null && v.requests >= ALERTS.minRequests && v.p99 >= ALERTS.latencyP99Ms) {
    alerts.push({ kind: "latency", severity: "warning", message: `p99 latency of v${v.version} is ${v.p99.toFixed(1)} ms (alert at ${ALERTS.latencyP99Ms} ms)` });
  }
  if (v && v.errorRate !== null && v.requests >= ALERTS.minRequests && v.errorRate >= ALERTS.errorRate) {
    const critical = v.errorRate >= ALERTS.errorRateCritical;
    alerts.push({ kind: "errors", severity: critical ? "critical" : "warning", message: `${pct(v.errorRate)} of requests to v${v.version} failed (alert at ${pct(critical ? ALERTS.errorRateCritical : ALERTS.errorRate)})` });
  }
  const d = r.drift?.inputs;
  if (d && d.driftedShare !== null && d.drifted > 0) {
    const names = d.inputs.filter((i) => i.drifted).map((i) => (i.part ? `${i.input} (${i.part})` : i.input));
    const critical = d.driftedShare >= ALERTS.driftedShare;
    alerts.push({ kind: "drift", severity: critical ? "critical" : "warning", message: `${d.drifted} of ${d.judged} inputs drifted from training: ${names.join(", ")}` });
  }
  if (r.drift?.prediction?.drifted) {
    alerts.push({ kind: "prediction_drift", severity: "warning", message: "predictions drifted from the first window this version served" });
  }
  if (v && v.online !== null && v.offline !== null && v.feedbackRows >= ALERTS.minFeedbackRows) {
    if (r.task === "classification" && v.online < v.offline - ALERTS.accuracyDrop) {
      alerts.push({ kind: "online_metric", severity: "critical", message: `online accuracy ${pct(v.online)} is below the offline test accuracy ${pct(v.offline)} by more than ${ALERTS.accuracyDrop * 100} points` });
    }
    if (r.task === "regression" && v.online > v.offline * (1 + ALERTS.rmseRise)) {
      alerts.push({ kind: "online_metric", severity: "critical", message: `online RMSE ${v.online.toPrecision(4)} is more than ${ALERTS.rmseRise * 100} % above the offline test RMSE ${v.offline.toPrecision(4)}` });
    }
  }
  return alerts;
}
