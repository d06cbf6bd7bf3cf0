import { percentileInterval, quantile7, type PercentileInterval } from "@/lib/labels/agreement/percentile";
import { EvalError } from "./errors";
import { normalQuantile } from "./normal";

export { percentileInterval, quantile7, type PercentileInterval };

/**
 * Confidence intervals. Proportions (accuracy, per-class precision and
 * recall, a reliability bin's observed rate) get the Wilson score interval,
 * which is closed-form and keeps its coverage near 0 and 1 where the Wald
 * interval collapses (Newcombe 1998); everything else gets a seeded
 * percentile bootstrap (bootstrap-*.ts).
 */
export interface Interval {
  lower: number;
  upper: number;
}

/**
 * Wilson (1927) score interval for a proportion p̂ observed on n trials at
 * coverage `level`: the p whose score test does not reject,
 * (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). `n` need not be an
 * integer: weighted rows pass Kish's effective size. NaN bounds when n = 0.
 */
export function wilsonInterval(proportion: number, n: number, level: number = DEFAULT_LEVEL): Interval {
  if (!(n > 0) || Number.isNaN(proportion)) return { lower: NaN, upper: NaN };
  const z = normalQuantile((1 + level) / 2);
  const z2n = (z * z) / n;
  const centre = proportion + z2n / 2;
  const half = z * Math.sqrt((proportion * (1 - proportion)) / n + z2n / (4 * n));
  const d = 1 + z2n;
  // Clamped: rounding can put a bound a hair outside [0, 1] at p̂ = 0 or 1.
  return { lower: Math.max(0, (centre - half) / d), upper: Math.min(1, (centre + half) / d) };
}

/** Kish's effective sample size (Σw)² / Σw², the n of a weighted proportion's variance. */
export function effectiveSize(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

export interface BootstrapOptions {
  /** Number of resamples; default 1000. */
  resamples?: number;
  /** 32-bit integer seed; default 1, so a report replays unless asked otherwise. */
  seed?: number;
  /** Coverage of every interval, in (0, 1); default 0.95. */
  level?: number;
}

export interface BootstrapSettings {
  resamples: number;
  seed: number;
  level: number;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_SEED = 1;
export const DEFAULT_LEVEL = 0.95;

export function resolveBootstrap(o: BootstrapOptions): BootstrapSettings {
  const resamples = o.resamples ?? DEFAULT_RESAMPLES;
  const seed = o.seed ?? DEFAULT_SEED;
  const level = o.level ?? DEFAULT_LEVEL;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 100_000) {
    throw new EvalError("invalid_option", `resamples must be an integer from 1 to 100000: ${resamples}`);
  }
  if (!Number.isInteger(seed)) throw new EvalError("invalid_option", `seed must be an integer: ${seed}`);
  if (!(level > 0 && level < 1)) throw new EvalError("invalid_option", `level must be between 0 and 1: ${level}`);
  return { resamples, seed, level };
}
