import { describe, expect, it } from "vitest";
import type { RunEvaluation, SliceEvaluation, SliceMetricName, SliceThreshold, StoredEstimate } from "@/lib/api/evaluation";
import { buildDashboard, currentVersion, verdictOf, type VersionEvaluation } from "@/lib/eval/dashboard";
import { formatEstimate, formatThreshold, formatValue } from "@/lib/eval/dashboard-format";
import { changeBetween } from "@/lib/eval/dashboard-summary";

// Every expected sentence and verdict below is worked out by hand from the
// numbers in its row, not taken from the code's output.

const est = (value: number | null, lower: number | null = null, upper: number | null = null): StoredEstimate => ({
  value,
  lower,
  upper,
  interval: lower === null ? null : "wilson",
  baseline: 0.4,
});

function slice(name: string, metrics: Partial<Record<SliceMetricName, StoredEstimate>>, over: Partial<SliceEvaluation> = {}): SliceEvaluation {
  return { name, definition: `device = '${name}'`, rows: 120, lowSupport: false, metrics, test: null, pinned: true, threshold: null, ...over };
}

function evaluation(task: "multiclass" | "regression", overall: StoredEstimate, slices: SliceEvaluation[]): RunEvaluation {
  const metric = task === "regression" ? "rmse" : "accuracy";
  return {
    evaluatedAt: "2025-05-01T10:00:00.000Z",
    split: "test",
    rows: 500,
    datasetFingerprint: null,
    classes: task === "regression" ? null : ["no", "yes"],
    minSupport: 30,
    report: { task, [metric]: overall, intervals: { level: 0.95, resamples: 1000, seed: 1, method: "rows", cells: 256 } },
    slices,
  };
}

const minAcc = (min: number): SliceThreshold => ({ metric: "accuracy", min });

describe("formatting", () => {
  it.each([
    ["accuracy", 0.9134, "91.3%"],
    ["accuracy", 0.84, "84%"],
    ["accuracy", 1, "100%"],
    ["macroF1", 0.05, "5%"],
    ["rmse", 3.1, "3.10"],
    ["rmse", 12345, "12,300"],
    ["mae", 0.012345, "0.0123"],
    ["r2", -0.5, "-0.500"],
    ["logLoss", 0.69314, "0.693"],
  ] as const)("%s %d → %s", (metric, x, want) => expect(formatValue(metric, x)).toBe(want));

  it("writes an estimate with its interval, and thresholds in words", () => {
    expect(formatEstimate("accuracy", est(0.84, 0.79, 0.88))).toBe("84% (79%–88%)");
    expect(formatEstimate("rmse", est(4.2))).toBe("4.20");
    expect(formatEstimate("rmse", null)).toBe("no value");
    expect(formatThreshold(minAcc(0.85))).toBe("Accuracy at least 85%");
    expect(formatThreshold({ metric: "rmse", max: 4 })).toBe("RMSE at most 4.00");
  });
});

describe("pass or fail against the threshold", () => {
  it.each([
    [0.84, minAcc(0.85), "fail"],
    [0.85, minAcc(0.85), "pass"], // the threshold itself passes: value ≥ min
    [0.9, minAcc(0.85), "pass"],
    [4.2, { metric: "rmse", max: 4 } as SliceThreshold, "fail"],
    [4, { metric: "rmse", max: 4 } as SliceThreshold, "pass"],
    [0.9, null, "no threshold"],
    [null, minAcc(0.85), "no value"],
  ] as const)("%s against %j → %s", (value, threshold, want) => expect(verdictOf(value, threshold)).toBe(want));
});

describe("change between versions", () => {
  it.each([
    [[0.91, 0.89, 0.93], [0.84, 0.81, 0.87], "fell"], // 0.87 < 0.89: apart
    [[0.91, 0.87, 0.94], [0.84, 0.79, 0.88], "about the same"], // 0.88 ≥ 0.87: they overlap
    [[0.8, 0.75, 0.84], [0.9, 0.86, 0.93], "rose"],
    [[0.9, 0.85, 0.94], [0.9001, 0.86, 0.94], "held"], // both read 90%
    [[0.91, null, null], [0.84, 0.79, 0.88], "unknown"],
  ] as const)("%j → %j: %s", (b, a, want) => {
    const p = (x: readonly [number, number | null, number | null]) => ({ value: x[0], lower: x[1], upper: x[2] });
    expect(changeBetween("accuracy", p(b), p(a))).toBe(want);
  });
});

describe("the current version", () => {
  const vs = [{ version: 1 }, { version: 2 }, { version: 3 }];
  it.each([
    [{ champion: 2 }, { version: 2, reason: "champion" }],
    [{}, { version: 3, reason: "newest" }],
    [{ challenger: 1 }, { version: 3, reason: "newest" }],
    [{ champion: 9 }, { version: 3, reason: "newest" }], // an alias to a version not listed is ignored
  ])("aliases %j → %j", (aliases, want) => expect(currentVersion(vs, aliases)).toEqual(want));
  it("is none without versions", () => expect(currentVersion([], { champion: 1 })).toBeNull());
});

describe("buildDashboard", () => {
  const mobileV1 = slice("mobile users", { accuracy: est(0.91, 0.89, 0.93) }, { threshold: minAcc(0.85) });
  const mobileV2 = slice("mobile users", { accuracy: est(0.84, 0.81, 0.87) }, { threshold: minAcc(0.85) });
  const versions: VersionEvaluation[] = [
    // Listed out of order on purpose: the trend is by version number.
    { version: 2, evaluation: evaluation("multiclass", est(0.9, 0.87, 0.92), [mobileV2, slice("tablets", { accuracy: est(0.88, 0.8, 0.93) }, { pinned: false })]) },
    { version: 1, evaluation: evaluation("multiclass", est(0.9, 0.88, 0.93), [mobileV1]) },
  ];

  it("shows All data and the pinned slices of the champion, with pass/fail, trends and sentences", () => {
    const d = buildDashboard("churn", versions, { champion: 2 });
    if (d.kind !== "ready") throw new Error(`expected a ready dashboard, got ${d.kind}`);
    expect(d.current).toEqual({ version: 2, reason: "champion" });
    expect(d.level).toBe(0.95);
    expect(d.pinned).toBe(1);
    expect(d.rows.map((r) => [r.name, r.metric, r.verdict])).toEqual([
      ["All data", "accuracy", "no threshold"],
      ["mobile users", "accuracy", "fail"],
    ]);
    expect(d.rows[1].trend).toEqual([
      { version: 1, value: 0.91, lower: 0.89, upper: 0.93, current: false },
      { version: 2, value: 0.84, lower: 0.81, upper: 0.87, current: true },
    ]);
    expect(d.summary).toEqual(["Accuracy on all data held at 90% in version 2.", "Accuracy for mobile users fell from 91% to 84% in version 2, below its threshold of 85%."]);
  });

  it("compares the champion with earlier versions only, and keeps later ones in the trend", () => {
    const d = buildDashboard("churn", versions, { champion: 1 });
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.rows[1].trend.map((p) => [p.version, p.current])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(d.rows[1].verdict).toBe("pass");
    expect(d.summary[1]).toBe("Accuracy for mobile users is 91% in version 1; no earlier version has it to compare with.");
  });

  it.each([
    // [v1 estimate, v2 estimate, threshold, sentence for version 2]
    [est(0.8, 0.75, 0.84), est(0.9, 0.86, 0.93), null, "Accuracy for mobile users rose from 80% to 90% in version 2."],
    [
      est(0.86, 0.8, 0.9),
      est(0.84, 0.79, 0.88),
      minAcc(0.85),
      "Accuracy for mobile users was about the same in version 2 (84%, against 86%; the difference is within the margin of error), below its threshold of 85%.",
    ],
    [est(0.86), est(0.84), null, "Accuracy for mobile users went from 86% to 84% in version 2 (no margin of error was recorded, so it is unclear whether that is a real change)."],
    [est(0.86, 0.8, 0.9), { ...est(null), reason: "no row of this slice is in the test split" }, minAcc(0.85), "Accuracy for mobile users has no value in version 2: no row of this slice is in the test split."],
  ] as const)("accuracy %j then %j", (e1, e2, threshold, sentence) => {
    const v = (version: number, e: StoredEstimate) => ({ version, evaluation: evaluation("multiclass", est(0.9, 0.88, 0.92), [slice("mobile users", { accuracy: e }, { threshold })]) });
    const d = buildDashboard("churn", [v(1, e1), v(2, e2)], {});
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.summary[1]).toBe(sentence);
  });

  it("uses the threshold's metric, says lower is better for errors, and names a version that is not the one just before", () => {
    const reg = (rmse: StoredEstimate, mae: StoredEstimate) => evaluation("regression", est(3, 2.8, 3.2), [slice("north", { rmse, mae }, { threshold: { metric: "mae", max: 2 } })]);
    const d = buildDashboard(
      "prices",
      [
        { version: 1, evaluation: reg(est(3.1, 2.9, 3.3), est(1.5, 1.4, 1.6)) },
        { version: 2, evaluation: null }, // pushed without an evaluated run: left out of the trend
        { version: 3, evaluation: reg(est(4.2, 4, 4.5), est(2.31, 2.2, 2.4)) },
      ],
      {},
    );
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.task).toBe("regression");
    expect(d.rows.map((r) => [r.name, r.metric, r.verdict])).toEqual([
      ["All data", "rmse", "no threshold"],
      ["north", "mae", "fail"],
    ]);
    expect(d.rows[1].trend.map((p) => p.version)).toEqual([1, 3]);
    expect(d.summary).toEqual([
      "RMSE on all data held at 3.00 in version 3.",
      "Mean absolute error for north rose from 1.50 (version 1) to 2.31 in version 3 (lower is better), above its threshold of 2.00.",
    ]);
  });

  it("puts the threshold right after the value when there is nothing to compare with, and gives a slice's error as the reason", () => {
    const only = evaluation("multiclass", est(0.9, 0.88, 0.92), [
      slice("mobile users", { accuracy: est(0.84, 0.81, 0.87) }, { threshold: minAcc(0.85) }),
      slice("old column", {}, { error: "column plan_type is not in the data any more." }),
    ]);
    const d = buildDashboard("churn", [{ version: 1, evaluation: only }], {});
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.summary.slice(1)).toEqual([
      "Accuracy for mobile users is 84% in version 1, below its threshold of 85%; no earlier version has it to compare with.",
      "Accuracy for old column has no value in version 1: column plan_type is not in the data any more.",
    ]);
    expect(d.rows[2].verdict).toBe("no threshold");
  });

  it("leaves a slice out of the trend in versions that do not have it", () => {
    const v1 = evaluation("multiclass", est(0.9, 0.88, 0.92), [slice("other", { accuracy: est(0.5, 0.4, 0.6) })]);
    const v2 = evaluation("multiclass", est(0.9, 0.88, 0.92), [slice("mobile users", { accuracy: est(0.84, 0.81, 0.87) })]);
    const d = buildDashboard("churn", [{ version: 1, evaluation: v1 }, { version: 2, evaluation: v2 }], {});
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.rows[1].trend.map((p) => p.version)).toEqual([2]);
    expect(d.rows[1].verdict).toBe("no threshold");
  });

  it("says what is missing: no versions, no evaluation on the current version, nothing pinned", () => {
    expect(buildDashboard("empty", [], {})).toEqual({ kind: "no-versions", model: "empty" });
    expect(buildDashboard("m", [{ version: 1, evaluation: null }], {}, () => false)).toEqual({ kind: "no-evaluation", model: "m", current: { version: 1, reason: "newest" }, hasRun: false });
    const unpinned = buildDashboard("m", [{ version: 1, evaluation: evaluation("multiclass", est(0.9, 0.88, 0.92), [slice("a", { accuracy: est(0.5) }, { pinned: false })]) }], {});
    if (unpinned.kind !== "ready") throw new Error(unpinned.kind);
    expect(unpinned.pinned).toBe(0);
    expect(unpinned.rows.map((r) => r.name)).toEqual(["All data"]);
  });
});
