import type { Interval, PercentileInterval } from "./intervals";

/**
 * One metric as the UI shows it and the store keeps it: plain JSON, with
 * null where a number is undefined (JSON has no NaN).
 */
export interface Estimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** "wilson" for proportions, "bootstrap" (percentile) otherwise; null when there is no interval. */
  interval: "wilson" | "bootstrap" | null;
  /** The baseline model's value of the same metric. */
  baseline: number | null;
  /** Why `value` is null, in words a user can act on. */
  reason?: string;
  /** Bootstrap resamples on which the metric was undefined and that were left out of the interval. */
  undefinedResamples?: number;
}

export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export function wilsonEstimate(value: number, ci: Interval, baseline: number, reason: string): Estimate {
  const v = finiteOrNull(value);
  return {
    value: v,
    lower: v === null ? null : finiteOrNull(ci.lower),
    upper: v === null ? null : finiteOrNull(ci.upper),
    interval: v === null ? null : "wilson",
    baseline: finiteOrNull(baseline),
    ...(v === null ? { reason } : {}),
  };
}

export function bootstrapEstimate(value: number, ci: PercentileInterval, baseline: number, reason: string): Estimate {
  const v = finiteOrNull(value);
  const e: Estimate = {
    value: v,
    lower: v === null ? null : finiteOrNull(ci.lower),
    upper: v === null ? null : finiteOrNull(ci.upper),
    interval: v === null ? null : "bootstrap",
    baseline: finiteOrNull(baseline),
  };
  if (v === null) e.reason = reason;
  else if (ci.undefinedResamples > 0) e.undefinedResamples = ci.undefinedResamples;
  return e;
}
