import { describe, expect, it } from "vitest";
import { regressionData } from "@/lib/eval/input";
import { regressionMetrics, residuals } from "@/lib/eval/regression";

const f64 = (a: number[]) => Float64Array.from(a);

function metrics(y: number[], yhat: number[], w?: number[]) {
  const data = regressionData(f64(y), f64(yhat), w ? f64(w) : null);
  return regressionMetrics(data.y, residuals(data), data.weights);
}

describe("regression metrics", () => {
  it("match scikit-learn's docstring examples for y = [3, −0.5, 2, 7], ŷ = [2.5, 0, 2, 8]", () => {
    // mean_absolute_error → 0.5; mean_squared_error → 0.375 (RMSE √0.375 = 0.612…);
    // r2_score → 0.948…; by hand 1 − 1.5 / 29.1875.
    const m = metrics([3, -0.5, 2, 7], [2.5, 0.0, 2, 8]);
    expect(m.mae).toBeCloseTo(0.5, 15);
    expect(m.rmse).toBeCloseTo(Math.sqrt(0.375), 15);
    expect(m.r2).toBeCloseTo(1 - 1.5 / 29.1875, 15);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 15);
  });

  it("weights rows (hand-worked)", () => {
    // y = [1, 2, 3], ŷ = [1, 2, 4], w = [1, 1, 2]: r = [0, 0, −1]; Σw = 4;
    // MAE 2/4; RMSE √(2/4); ȳ_w = 9/4, SST = 1.5625 + 0.0625 + 2·0.5625 = 2.75; R² = 1 − 2/2.75.
    const m = metrics([1, 2, 3], [1, 2, 4], [1, 1, 2]);
    expect(m.mae).toBeCloseTo(0.5, 15);
    expect(m.rmse).toBeCloseTo(Math.sqrt(0.5), 15);
    expect(m.r2).toBeCloseTo(1 - 2 / 2.75, 15);
  });

  it("residuals are observed minus predicted", () => {
    const data = regressionData(f64([3, -0.5]), f64([2.5, 0]));
    expect(Array.from(residuals(data))).toEqual([0.5, -0.5]);
  });

  it("R² is undefined for a constant target (scikit-learn's force_finite would say 1 or 0)", () => {
    expect(metrics([2, 2, 2], [1, 2, 3]).r2).toBeNaN();
  });
});
