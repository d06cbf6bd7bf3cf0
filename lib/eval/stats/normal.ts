import { gammaQ } from "@/lib/serve/drift/gamma";
import { StatsError } from "./errors";
import { normalQuantile as as241 } from "../normal";

/*
 * The standard normal distribution from the regularised incomplete gamma
 * function already used for chi-square p-values (lib/serve/drift/gamma.ts):
 * erfc(x) = Q(1/2, x²) (Abramowitz & Stegun 6.5.17 with 7.1.2), so
 * P(Z > z) = Q(1/2, z²/2) / 2 for z ≥ 0. Each tail is computed directly,
 * so small p-values keep their relative precision (no 1 − Φ cancellation).
 */

/** Φ(z) = P(Z ≤ z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  const tail = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/** P(|Z| ≥ |z|): the two-sided p-value of a z statistic. */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (!Number.isFinite(z)) return 0;
  return gammaQ(0.5, (z * z) / 2);
}

/** Φ⁻¹(p), by Wichura's AS 241 (lib/eval/normal.ts); a p outside [0, 1] is an error here, not NaN. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new StatsError("invalid_option", `a probability must be in [0, 1]: ${p}`);
  return as241(p);
}

/** The z with P(|Z| ≤ z) = level, e.g. 1.959963984540054 for 0.95. */
export function twoSidedCriticalZ(level: number): number {
  if (!(level > 0 && level < 1)) throw new StatsError("invalid_option", `level must be between 0 and 1: ${level}`);
  return normalQuantile(1 - (1 - level) / 2);
}
