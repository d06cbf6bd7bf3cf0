import { MultinomialResampler } from "@/lib/labels/agreement/multinomial";
import { createRandom, type Random } from "@/lib/labels/agreement/random";
import { classificationMetrics, type ClassificationMetrics, type PreparedClassification } from "./classification";
import { cellsPath } from "./classification-cells";
import { Draws, type ClassificationIntervals } from "./classification-draws";
import type { BootstrapSettings } from "./intervals";
import { chooseMethod, DEFAULT_CELLS, type BootstrapMethod } from "./resampling";

export type { ClassificationIntervals } from "./classification-draws";

/**
 * Percentile bootstrap intervals (Efron & Tibshirani 1993 ch. 13) for the
 * classification metrics that are not simple proportions, resampling rows
 * with replacement.
 *
 * Multiplicities are multinomial (n picks), not Poisson(1) weights: every
 * resample then has exactly n rows, as the estimate does, and the totals
 * of any grouping of rows (confusion cells, score bins, value cells) are
 * exactly Multinomial(n, size/n), drawn by sequential binomials in time
 * independent of n (MultinomialResampler, shared with the agreement
 * bootstrap). Poisson(1) weights would be as cheap per cell, but add the
 * spread of a random total — felt at small n — and would give the two
 * paths below different targets.
 *
 * Two ways to draw the same resamples (resampling.ts says which is used):
 *  - "rows": per-row multiplicities (n uniform picks), then every metric
 *    recomputed under weights = sample weight × multiplicity over the
 *    orders sorted once. Exact; O(n·classes) per resample.
 *  - "cells": each metric family draws its own sufficient statistics
 *    directly (classification-cells.ts). O(cells) per resample, whatever
 *    n is.
 */
export interface ClassificationBootstrapOptions {
  method?: BootstrapMethod;
  /** Cell budget (resampling.ts); default 128. */
  cells?: number;
}

/** `point` is classificationMetrics(prep, prep.data.weights): the estimates the intervals go with. */
export function classificationIntervals(
  prep: PreparedClassification,
  point: ClassificationMetrics,
  settings: BootstrapSettings,
  options: ClassificationBootstrapOptions = {},
): ClassificationIntervals {
  const { rows, classes } = prep.data;
  const method = chooseMethod(options.method ?? "auto", rows, classes);
  const draws = new Draws(classes, settings.resamples);
  const root = createRandom(settings.seed);
  if (method === "rows") rowsPath(prep, draws, root.fork());
  else cellsPath(prep, point, draws, root, options.cells ?? DEFAULT_CELLS);
  return draws.intervals(method, settings.level);
}

function rowsPath(prep: PreparedClassification, d: Draws, rng: Random): void {
  const { rows, weights } = prep.data;
  const B = d.resamples;
  const resampler = new MultinomialResampler(new Int32Array(rows).fill(1), "direct");
  const m = new Int32Array(rows);
  const w = new Float64Array(rows);
  for (let b = 0; b < B; b++) {
    resampler.draw(rng, m);
    for (let i = 0; i < rows; i++) w[i] = weights ? m[i] * weights[i] : m[i];
    const met = classificationMetrics(prep, w);
    for (let c = 0; c < d.classes; c++) {
      d.f1[c * B + b] = met.scores.f1[c];
      d.auc[c * B + b] = met.rocAuc[c];
      d.ap[c * B + b] = met.averagePrecision[c];
    }
    const o = d.one;
    o.macroP[b] = met.scores.macro.precision;
    o.macroR[b] = met.scores.macro.recall;
    o.macroF[b] = met.scores.macro.f1;
    o.weightedP[b] = met.scores.weighted.precision;
    o.weightedR[b] = met.scores.weighted.recall;
    o.weightedF[b] = met.scores.weighted.f1;
    o.auc[b] = met.headlineAuc;
    o.ap[b] = met.headlineAp;
    o.logLoss[b] = met.logLoss;
    o.brier[b] = met.brier;
    o.ece[b] = met.reliability.ece;
  }
}
