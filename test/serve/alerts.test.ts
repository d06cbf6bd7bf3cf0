import { describe, expect, it } from "vitest";
import type { MonitorVersion } from "@/lib/api/monitoring";
import { ALERTS, alertsOf } from "@/lib/serve/alerts";

const v = (over: Partial<MonitorVersion> = {}): MonitorVersion => ({ version: 3, requests: 1000, errorRate: 0, p50: 1, p95: 2, p99: 3, feedbackRows: 0, online: null, offline: null, ...over });
const kinds = (versions: MonitorVersion[], task: "classification" | "regression" = "classification") => alertsOf({ task, champion: 3, versions, drift: null }).map((a) => `${a.kind}:${a.severity}`);

describe("monitoring alerts", () => {
  it.each([
    ["quiet", v(), []],
    ["slow p99", v({ p99: ALERTS.latencyP99Ms }), ["latency:warning"]],
    ["p99 just under", v({ p99: ALERTS.latencyP99Ms - 0.1 }), []],
    ["1 % errors", v({ errorRate: 0.01 }), ["errors:warning"]],
    ["5 % errors", v({ errorRate: 0.05 }), ["errors:critical"]],
    ["errors on too little traffic", v({ errorRate: 0.5, requests: ALERTS.minRequests - 1 }), []],
    ["accuracy 6 points down", v({ online: 0.84, offline: 0.9, feedbackRows: 100 }), ["online_metric:critical"]],
    ["accuracy 4 points down", v({ online: 0.86, offline: 0.9, feedbackRows: 100 }), []],
    ["accuracy down on 99 rows", v({ online: 0.5, offline: 0.9, feedbackRows: 99 }), []],
  ] as const)("%s", (_, version, expected) => {
    expect(kinds([version])).toEqual(expected);
  });

  it("compares a regression's online RMSE with its offline RMSE, relative", () => {
    expect(kinds([v({ online: 1.21, offline: 1, feedbackRows: 500 })], "regression")).toEqual(["online_metric:critical"]);
    expect(kinds([v({ online: 1.19, offline: 1, feedbackRows: 500 })], "regression")).toEqual([]);
  });

  it("looks at the champion only, and drift by the share of judged inputs", () => {
    expect(kinds([v({ version: 2, errorRate: 0.5 })])).toEqual([]);
    const drift = (drifted: number, judged: number) => ({
      inputs: { inputs: [{ input: "a", drifted: true }, { input: "b", part: "month", drifted: true }] as never, judged, drifted, driftedShare: drifted / judged },
      prediction: null,
    });
    expect(alertsOf({ task: "classification", champion: 3, versions: [v()], drift: drift(1, 10) }).map((a) => a.severity)).toEqual(["warning"]);
    const critical = alertsOf({ task: "classification", champion: 3, versions: [v()], drift: drift(3, 10) });
    expect(critical).toEqual([{ kind: "drift", severity: "critical", message: "3 of 10 inputs drifted from training: a, b (month)" }]);
  });
});
