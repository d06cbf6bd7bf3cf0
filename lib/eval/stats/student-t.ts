import { lnGamma } from "@/lib/serve/drift/gamma";
import { StatsError } from "./errors";
import { normalCdf, normalTwoSidedP } from "./normal";

/*
 * Student's t distribution through the regularised incomplete beta
 * function I_x(a, b), after Press, Teukolsky, Vetterling & Flannery,
 * "Numerical Recipes", 3rd ed. (2007), §6.4 (betai, betacf): the continued
 * fraction evaluated by the modified Lentz method. For T with ν degrees of
 * freedom (ν need not be whole: Welch's df is not),
 *
 *   P(|T| ≥ |t|) = I_{ν/(ν + t²)}(ν/2, 1/2).
 */

const EPS = 1e-15;
const FPMIN = 1e-300;
/** The fraction converges in O(√max(a, b)) terms; this only stops a runaway loop. */
const MAX_ITERATIONS = 100_000;

/** The continued fraction for I_x(a, b) (NR3 §6.4 betacf), accurate for x < (a + 1)/(a + b + 2). */
function continuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * I_x(a, b) for a, b > 0, 0 ≤ x ≤ 1. `y` = 1 − x may be passed when the
 * caller knows it more precisely than 1 − x would give (e.g. t²/(ν + t²)).
 */
export function regularizedBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (!(a > 0) || !(b > 0)) throw new StatsError("invalid_option", `the incomplete beta needs a, b > 0: ${a}, ${b}`);
  if (!(x >= 0 && x <= 1)) throw new StatsError("invalid_option", `the incomplete beta needs 0 ≤ x ≤ 1: ${x}`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(y));
  // Each side of the switch point uses the fraction where it converges fast; the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) covers the other.
  return x < (a + 1) / (a + b + 2) ? (front * continuedFraction(a, b, x)) / a : 1 - (front * continuedFraction(b, a, y)) / b;
}

function checkDf(df: number): void {
  if (!(df > 0)) throw new StatsError("invalid_option", `degrees of freedom must be > 0: ${df}`);
}

/** P(|T| ≥ |t|) for T ~ t(df): the two-sided p-value. df = ∞ is the normal distribution. */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalTwoSidedP(t);
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  return regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** P(T ≤ t) for T ~ t(df). */
export function studentTCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) return NaN;
  if (df === Infinity) return normalCdf(t);
  const half = studentTTwoSidedP(t, df) / 2;
  return t < 0 ? half : 1 - half;
}
