import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import { createRandom, type Random } from "@/lib/labels/agreement/random";
import { CellSums } from "./cell-sums";
import { r2Influence } from "./influence";
import type { RegressionData } from "./input";
import { percentileInterval, type BootstrapSettings, type PercentileInterval } from "./intervals";
import { NormalSampler } from "./normal";
import { regressionMetrics, type RegressionMetrics } from "./regression";
import { chooseMethod, DEFAULT_CELLS, type BootstrapMethod } from "./resampling";

/**
 * Percentile bootstrap intervals for MAE, RMSE and R², resampling rows
 * with replacement (the multinomial bootstrap). "rows" recomputes the
 * metrics from per-row multiplicities (exact); "cells" draws Σ m·s·|r|
 * and Σ m·s·r² with Σ m·s from value cells (cell-sums.ts) — RMSE is the
 * square root of the resampled MSE, and a percentile interval commutes
 * with that monotone map — and R² through its influence values
 * (influence.ts), since its mean moves with the resample.
 */
export interface RegressionIntervals {
  method: "rows" | "cells";
  mae: PercentileInterval;
  rmse: PercentileInterval;
  r2: PercentileInterval;
}

export function regressionIntervals(
  data: RegressionData,
  r: Float64Array,
  point: RegressionMetrics,
  settings: BootstrapSettings,
  options: { method?: BootstrapMethod; cells?: number } = {},
): RegressionIntervals {
  const method = chooseMethod(options.method ?? "auto", data.rows, 1);
  const B = settings.resamples;
  const mae = new Float64Array(B);
  const rmse = new Float64Array(B);
  const r2 = new Float64Array(B);
  const root = createRandom(settings.seed);
  if (method === "rows") {
    const rng = root.fork();
    const resampler = new MultinomialResampler(new Int32Array(data.rows).fill(1), "direct");
    const m = new Int32Array(data.rows);
    const w = new Float64Array(data.rows);
    for (let b = 0; b < B; b++) {
      resampler.draw(rng, m);
      for (let i = 0; i < data.rows; i++) w[i] = data.weights ? m[i] * data.weights[i] : m[i];
      const met = regressionMetrics(data.y, r, w);
      mae[b] = met.mae;
      rmse[b] = met.rmse;
      r2[b] = met.r2;
    }
  } else {
    // Value cells carry their exact within-cell variance, as for the mean losses of classification.
    const cells = Math.max(8, Math.floor((options.cells ?? DEFAULT_CELLS) / 2));
    const maeRng = root.fork();
    const mseRng = root.fork();
    const r2Rng = root.fork();
    const w = data.weights;
    const abs = new Float64Array(data.rows);
    const sq = new Float64Array(data.rows);
    for (let i = 0; i < data.rows; i++) {
      const s = w ? w[i] : 1;
      abs[i] = s * Math.abs(r[i]);
      sq[i] = s * r[i] * r[i];
    }
    ratios(abs, w, cells, maeRng, mae, (v) => v);
    ratios(sq, w, cells, mseRng, rmse, Math.sqrt);
    const psi = r2Influence(data.y, r, w);
    if (!psi) r2.fill(NaN);
    else {
      let drift = 0;
      for (const v of psi) drift += v;
      const sums = new CellSums({ values: psi, weights: null, group: null, groups: 1, cellsPerGroup: cells });
      const normal = new NormalSampler(r2Rng);
      const x = new Float64Array(1);
      const s = new Float64Array(1);
      for (let b = 0; b < B; b++) {
        sums.draw(r2Rng, normal, x, s);
        r2[b] = point.r2 + x[0] - drift;
      }
    }
  }
  return {
    method,
    mae: percentileInterval(mae, settings.level),
    rmse: percentileInterval(rmse, settings.level),
    r2: percentileInterval(r2, settings.level),
  };
}

function ratios(values: Float64Array, weights: Float64Array | null, cells: number, rng: Random, out: Float64Array, f: (v: number) => number): void {
  const sums = new CellSums({ values, weights, group: null, groups: 1, cellsPerGroup: cells });
  const normal = new NormalSampler(rng);
  const x = new Float64Array(1);
  const s = new Float64Array(1);
  for (let b = 0; b < out.length; b++) {
    sums.draw(rng, normal, x, s);
    out[b] = s[0] > 0 ? f(Math.max(0, x[0]) / s[0]) : NaN;
  }
}
