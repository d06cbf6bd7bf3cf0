import { describe, expect, it } from "vitest";
import { chiSquareSurvival, gammaP, gammaQ, lnGamma } from "@/lib/serve/drift/gamma";

/** ln((n − 1)!) by summing logs: an independent route to ln Γ(n) for whole n. */
const lnFactorial = (n: number) => {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
};

/** Q(n, x) = e^(−x) Σ_{j<n} x^j / j! for whole n (the Poisson tail identity; Abramowitz & Stegun 6.5.13). */
const qWhole = (n: number, x: number) => {
  let term = 1;
  let s = 0;
  for (let j = 0; j < n; j++) {
    if (j > 0) term *= x / j;
    s += term;
  }
  return Math.exp(-x) * s;
};

describe("lnGamma", () => {
  it.each([
    // Γ(1/2) = √π; Γ(1) = Γ(2) = 1; Γ(n) = (n − 1)!
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [1, 0],
    [2, 0],
    [5, Math.log(24)],
    [10, lnFactorial(9)],
    [100, lnFactorial(99)],
    [171.5, lnGamma(170.5) + Math.log(170.5)], // Γ(x + 1) = x Γ(x)
  ])("ln Γ(%d)", (x, want) => {
    expect(lnGamma(x)).toBeCloseTo(want, 11);
  });

  it("rejects x ≤ 0", () => {
    expect(() => lnGamma(0)).toThrow(/x > 0/);
  });
});

describe("regularised incomplete gamma", () => {
  // Rows cover both branches: the series (x < a + 1) and the continued fraction.
  it.each([
    [1, 0.5],
    [3, 1],
    [3, 10],
    [10, 5],
    [10, 20],
    [25, 30],
    [50, 10],
  ])("Q(%d, %d) matches the Poisson-sum closed form", (a, x) => {
    expect(gammaQ(a, x)).toBeCloseTo(qWhole(a, x), 12);
    expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
  });

  // Q(1/2, x) = erfc(√x). erfc from Abramowitz & Stegun (1964), Table 7.1:
  // erf 0.5 = 0.520499877813047, erf 1 = 0.842700792949715, erf 2 = 0.995322265018953.
  it.each([
    [0.25, 1 - 0.520499877813047],
    [1, 1 - 0.842700792949715],
    [4, 1 - 0.995322265018953],
  ])("Q(1/2, %d) = erfc(√x)", (x, want) => {
    expect(gammaQ(0.5, x)).toBeCloseTo(want, 13);
  });

  it("takes the ends of the range", () => {
    expect(gammaQ(2, 0)).toBe(1);
    expect(gammaP(2, 0)).toBe(0);
    expect(gammaQ(2, Infinity)).toBe(0);
  });

  it("keeps a tiny upper tail that 1 − P would lose", () => {
    // Q(1, x) = e^(−x) exactly.
    expect(gammaQ(1, 50) / Math.exp(-50)).toBeCloseTo(1, 12);
  });

  it.each([
    [0, 1],
    [-1, 1],
    [1, -0.5],
  ])("rejects a = %d, x = %d", (a, x) => {
    expect(() => gammaQ(a, x)).toThrow(/incomplete gamma/);
  });

  it("chi-square with 2 df is exponential: P(χ²₂ ≥ x) = e^(−x/2)", () => {
    for (const x of [0.1, 1, 5.991, 20]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 13);
  });
});
