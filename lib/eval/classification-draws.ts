import { percentileInterval, type PercentileInterval } from "./intervals";

/** One percentile interval per classification metric that is bootstrapped. */
export interface ClassificationIntervals {
  method: "rows" | "cells";
  f1: PercentileInterval[];
  rocAuc: PercentileInterval[];
  averagePrecision: PercentileInterval[];
  macro: { precision: PercentileInterval; recall: PercentileInterval; f1: PercentileInterval };
  weighted: { precision: PercentileInterval; recall: PercentileInterval; f1: PercentileInterval };
  headlineAuc: PercentileInterval;
  headlineAp: PercentileInterval;
  logLoss: PercentileInterval;
  brier: PercentileInterval;
  ece: PercentileInterval;
}

/** Resampled values, one Float64Array of length B per metric (per class: classes × B). */
export class Draws {
  readonly f1: Float64Array;
  readonly auc: Float64Array;
  readonly ap: Float64Array;
  readonly one: Record<
    "macroP" | "macroR" | "macroF" | "weightedP" | "weightedR" | "weightedF" | "auc" | "ap" | "logLoss" | "brier" | "ece",
    Float64Array
  >;

  constructor(
    readonly classes: number,
    readonly resamples: number,
  ) {
    this.f1 = new Float64Array(classes * resamples);
    this.auc = new Float64Array(classes * resamples);
    this.ap = new Float64Array(classes * resamples);
    const v = () => new Float64Array(resamples);
    this.one = {
      macroP: v(), macroR: v(), macroF: v(), weightedP: v(), weightedR: v(), weightedF: v(),
      auc: v(), ap: v(), logLoss: v(), brier: v(), ece: v(),
    };
  }

  intervals(method: "rows" | "cells", level: number): ClassificationIntervals {
    const B = this.resamples;
    const perClass = (a: Float64Array) =>
      Array.from({ length: this.classes }, (_, c) => percentileInterval(a.subarray(c * B, (c + 1) * B), level));
    const one = (a: Float64Array) => percentileInterval(a, level);
    const o = this.one;
    return {
      method,
      f1: perClass(this.f1),
      rocAuc: perClass(this.auc),
      averagePrecision: perClass(this.ap),
      macro: { precision: one(o.macroP), recall: one(o.macroR), f1: one(o.macroF) },
      weighted: { precision: one(o.weightedP), recall: one(o.weightedR), f1: one(o.weightedF) },
      headlineAuc: one(o.auc),
      headlineAp: one(o.ap),
      logLoss: one(o.logLoss),
      brier: one(o.brier),
      ece: one(o.ece),
    };
  }
}
