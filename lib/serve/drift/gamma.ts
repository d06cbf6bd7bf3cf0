import { DriftError } from "./errors";

/*
 * The log-gamma function and the regularised incomplete gamma functions,
 * after Press, Teukolsky, Vetterling & Flannery, "Numerical Recipes", 3rd ed.
 * (2007), §6.1 (gammln) and §6.2 (gser, gcf). They give the chi-square
 * distribution's tail: P(χ²_k ≥ x) = Q(k/2, x/2).
 */

/** Lanczos coefficients (g = 671/128, 14 terms) of NR3 §6.1 gammln: close to double precision for x > 0. */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new DriftError("invalid_option", `lnGamma needs x > 0: ${x}`);
  let y = x;
  const t = x + 5.2421875;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return (x + 0.5) * Math.log(t) - t + Math.log((2.5066282746310005 * ser) / x);
}

/** Relative precision at which the series and the continued fraction stop. */
const EPS = 1e-15;
/** Near the smallest normal double: keeps Lentz's method off a division by zero. */
const FPMIN = 1e-300;
/** Both expansions converge in about √a iterations; this bound only stops a runaway loop. */
const MAX_ITERATIONS = 100_000;

/** P(a, x) by its series, accurate for x < a + 1 (NR3 §6.2, gser). */
function seriesP(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    term *= x / ++ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

/** Q(a, x) by its continued fraction (modified Lentz), accurate for x ≥ a + 1 (NR3 §6.2, gcf). */
function continuedFractionQ(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

function check(a: number, x: number): void {
  if (!(a > 0) || !Number.isFinite(a)) throw new DriftError("invalid_option", `incomplete gamma needs a finite a > 0: ${a}`);
  if (!(x >= 0)) throw new DriftError("invalid_option", `incomplete gamma needs x ≥ 0: ${x}`);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a), for a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? seriesP(a, x) : 1 - continuedFractionQ(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a) = 1 − P(a, x), for a > 0, x ≥ 0. */
export function gammaQ(a: number, x: number): number {
  check(a, x);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  // Each branch computes the smaller tail directly, so a tiny Q is not lost to 1 − P.
  return x < a + 1 ? 1 - seriesP(a, x) : continuedFractionQ(a, x);
}

/** Upper tail of the chi-square distribution with `df` degrees of freedom: P(χ²_df ≥ x). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new DriftError("invalid_option", `chi-square needs df > 0: ${df}`);
  return gammaQ(df / 2, x / 2);
}
