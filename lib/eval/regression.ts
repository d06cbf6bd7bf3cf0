import type { RegressionData } from "./input";

/**
 * Regression metrics on held-out predictions, weighted when weights are
 * given (as scikit-learn's sample_weight):
 *  - MAE = Σ w|r| / Σ w and RMSE = √(Σ w r² / Σ w), in the target's units;
 *  - R² = 1 − Σ w r² / Σ w (y − ȳ_w)², the coefficient of determination
 *    (scikit-learn's r2_score). With a constant target it is undefined
 *    (NaN) here, where scikit-learn's force_finite returns 1 or 0.
 * Residuals are r = y − ŷ, observed minus predicted, so a positive residual
 * means the model predicted too low.
 */
export interface RegressionMetrics {
  mae: number;
  rmse: number;
  r2: number;
}

export function residuals(data: RegressionData): Float64Array {
  const r = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) r[i] = data.y[i] - data.yhat[i];
  return r;
}

export function regressionMetrics(y: ArrayLike<number>, r: Float64Array, weights: ArrayLike<number> | null): RegressionMetrics {
  let total = 0;
  let abs = 0;
  let sq = 0;
  let sy = 0;
  for (let i = 0; i < r.length; i++) {
    const w = weights ? weights[i] : 1;
    total += w;
    abs += w * Math.abs(r[i]);
    sq += w * r[i] * r[i];
    sy += w * y[i];
  }
  if (!(total > 0)) return { mae: NaN, rmse: NaN, r2: NaN };
  const mean = sy / total;
  let ss = 0;
  for (let i = 0; i < r.length; i++) {
    const d = y[i] - mean;
    ss += (weights ? weights[i] : 1) * d * d;
  }
  return { mae: abs / total, rmse: Math.sqrt(sq / total), r2: ss > 0 ? 1 - sq / ss : NaN };
}
