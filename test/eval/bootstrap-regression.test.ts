import { describe, expect, it } from "vitest";
import { regressionIntervals } from "@/lib/eval/bootstrap-regression";
import { regressionData } from "@/lib/eval/input";
import { regressionMetrics, residuals } from "@/lib/eval/regression";
import { createRandom } from "@/lib/labels/agreement/random";
import { expectSameInterval, naiveBootstrap, percentiles, seededWeights } from "./helpers";

function setUp(rows: number, seed: number, weighted: boolean) {
  const rng = createRandom(seed);
  const y = new Float64Array(rows);
  const yhat = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = 10 * rng.float();
    y[i] = 2 * x + (rng.float() < 0.05 ? 15 * rng.float() : rng.float() - 0.5); // 5 % outliers
    yhat[i] = 2 * x;
  }
  const data = regressionData(y, yhat, weighted ? seededWeights(rows, seed + 1) : null);
  const r = residuals(data);
  return { data, r, point: regressionMetrics(data.y, r, data.weights) };
}

describe("regression bootstrap", () => {
  it("row path gives the intervals of naive index resampling", () => {
    const { data, r, point } = setUp(600, 71, false);
    const ours = regressionIntervals(data, r, point, { resamples: 2000, seed: 72, level: 0.95 }, { method: "rows" });
    const naive = (f: (m: ReturnType<typeof regressionMetrics>) => number) =>
      percentiles(naiveBootstrap(600, 2000, 73, (w) => f(regressionMetrics(data.y, r, w))));
    expectSameInterval(ours.mae, naive((m) => m.mae), expect);
    expectSameInterval(ours.rmse, naive((m) => m.rmse), expect);
    expectSameInterval(ours.r2, naive((m) => m.r2), expect);
  });

  it.each([false, true])("cell path agrees with the row path (20,000 rows, weighted: %s)", (weighted) => {
    const { data, r, point } = setUp(20_000, 74, weighted);
    const cells = regressionIntervals(data, r, point, { resamples: 2000, seed: 75, level: 0.95 }, { method: "cells" });
    const rows = regressionIntervals(data, r, point, { resamples: 2000, seed: 76, level: 0.95 }, { method: "rows" });
    expect(cells.method).toBe("cells");
    expectSameInterval(cells.mae, rows.mae, expect);
    expectSameInterval(cells.rmse, rows.rmse, expect);
    expectSameInterval(cells.r2, rows.r2, expect);
  }, 120_000);
});
