import { describe, expect, it } from "vitest";
import { predictionDrift } from "@/lib/serve/prediction-drift";

const labels = (counts: Record<string, number>) => [{ label: Object.entries(counts).flatMap(([l, n]) => Array<string>(n).fill(l)) }];

describe("prediction drift", () => {
  it("classes: Pearson's chi-square against the first window's shares, worked by hand", () => {
    // Expected 100/100 from a 50/50 reference; observed 60/140: (40² + 40²) / 100 = 32 on 1 df, p ≈ 1.5e-8.
    const d = predictionDrift("classification", labels({ a: 100, b: 100 }), labels({ a: 60, b: 140 }))!;
    expect(d).toMatchObject({ statistic: "chi_square", drifted: true, rows: 200, referenceRows: 200 });
    expect(d.value).toBeCloseTo(32, 10);
    expect(d.pValue!).toBeLessThan(1e-7);
    const same = predictionDrift("classification", labels({ a: 100, b: 100 }), labels({ a: 100, b: 100 }))!;
    expect(same).toMatchObject({ value: 0, drifted: false });
  });

  it("judges nothing before the reference holds 100 predictions, and nothing on a live window under 100", () => {
    expect(predictionDrift("classification", labels({ a: 50, b: 49 }), labels({ a: 500 }))).toBeNull();
    expect(predictionDrift("classification", labels({ a: 100, b: 100 }), labels({ a: 99 }))!.drifted).toBeNull();
  });

  it("values: on the reference's deciles; the same values do not drift, values moved by two standard deviations do", () => {
    const ref = Array.from({ length: 500 }, (_, i) => i / 500);
    expect(predictionDrift("regression", [{ value: ref }], [{ value: ref }])).toMatchObject({ statistic: "ks", drifted: false });
    const moved = predictionDrift("regression", [{ value: ref }], [{ value: ref.map((x) => x + 0.58) }])!;
    expect(moved.drifted).toBe(true);
    // Half the moved values fall beyond the reference's max: KS D over the binned CDF is at least 0.5.
    expect(moved.value).toBeGreaterThanOrEqual(0.5);
  });
});
