import type { Random } from "./random";

/**
 * Exact binomial variates, the building block of the multinomial bootstrap
 * draw. Two regimes, as in Hörmann (1993) "The generation of binomial random
 * variates", J. Statist. Comput. Simul. 46:
 *  - mode m = ⌊(n + 1)p⌋ < 11: sequential inversion from 0 (expected
 *    O(np) steps, which is few here);
 *  - otherwise BTRD, transformed rejection with decomposition (O(1)
 *    expected time for any n).
 * p > 1/2 is reflected to n − B(n, 1 − p) so both work with p ≤ 1/2.
 */
export function binomial(rng: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const m = Math.floor((n + 1) * p);
  return m < 11 ? inversion(rng, n, p) : btrd(rng, n, p, m);
}

function inversion(rng: Random, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  // f(0) = qⁿ ≥ e^(−np/q) ≥ e^(−22) here (np < 11, q ≥ ½): no underflow.
  let f = Math.pow(q, n);
  let u = rng.float();
  let x = 0;
  while (u > f) {
    u -= f;
    x++;
    // Rounding can leave u above the remaining mass; stop where it ends.
    if (x >= n) return n;
    f *= a / x - s;
    if (f === 0) return x;
  }
  return x;
}

// Stirling correction fc(k) = ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π].
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
const FC_TABLE = (() => {
  const t = new Float64Array(10);
  let lnFact = 0;
  for (let k = 0; k < 10; k++) {
    if (k > 0) lnFact += Math.log(k);
    t[k] = lnFact - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LN_2PI);
  }
  return t;
})();

/** Exported for its test: the table below 10, the asymptotic series above. */
export function stirlingCorrection(k: number): number {
  if (k < 10) return FC_TABLE[k];
  const r = 1 / (k + 1);
  const r2 = r * r;
  return (1 / 12 - (1 / 360 - r2 / 1260) * r2) * r;
}

function btrd(rng: Random, n: number, p: number, m: number): number {
  const r = p / (1 - p);
  const nr = (n + 1) * r;
  const npq = n * p * (1 - p);
  const sqrtNpq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * sqrtNpq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * sqrtNpq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    // Step 1: the bulk of draws fall in the box and are accepted at once.
    let v = rng.float();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    // Step 2: a point in the tails of the hat.
    if (v >= vr) {
      u = rng.float() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.float() * vr;
    }
    // Step 3.0
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // Step 3.1: compare with f(k)/f(m) by the recurrence f(i)/f(i−1) = nr/i − r.
      let f = 1;
      if (m < k) {
        for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      } else if (m > k) {
        for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      }
      if (v <= f) return k;
      continue;
    }
    // Step 3.2: squeeze on log scale.
    v = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    // Steps 3.3–3.4: the exact log ratio via Stirling corrections.
    const nm = n - m + 1;
    const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
    const nk = n - k + 1;
    if (v <= h + (n + 1) * Math.log(nm / nk) + (k + 0.5) * Math.log((nk * r) / (k + 1)) - stirlingCorrection(k) - stirlingCorrection(n - k)) {
      return k;
    }
  }
}
