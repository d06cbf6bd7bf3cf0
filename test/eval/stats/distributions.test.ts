import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile, normalTwoSidedP, twoSidedCriticalZ } from "@/lib/eval/stats/normal";
import { regularizedBeta, studentTCdf, studentTTwoSidedP } from "@/lib/eval/stats/student-t";

describe("normal distribution", () => {
  // Reference values: R 4.x pnorm / qnorm (which use Cody 1969 and Wichura 1988 AS241), agreeing with Abramowitz & Stegun Table 26.1.
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316300946],
    [-10, 7.619853024160527e-24],
  ])("Φ(%d) = %d", (z, want) => {
    expect(normalCdf(z) / want).toBeCloseTo(1, 12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9, 1.2815515655446004],
    [0.5, 0],
    [0.025, -1.959963984540054],
  ])("Φ⁻¹(%d) = %d", (p, want) => {
    expect(normalQuantile(p)).toBeCloseTo(want, 12);
  });

  it("inverts Φ from 1e-300 to 1 − 1e-12", () => {
    for (const p of [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.1, 0.3, 0.49, 0.51, 0.7, 0.99, 1 - 1e-6, 1 - 1e-12]) {
      const z = normalQuantile(p);
      // Compare in the smaller tail, relative to its size.
      const [tail, want] = p < 0.5 ? [normalCdf(z), p] : [normalCdf(-z), 1 - p];
      expect(Math.abs(tail - want) / want).toBeLessThan(1e-12);
    }
  });

  it("two-sided p and critical z", () => {
    expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(normalTwoSidedP(-1.959963984540054)).toBeCloseTo(0.05, 14);
    expect(twoSidedCriticalZ(0.95)).toBeCloseTo(1.959963984540054, 13);
    expect(twoSidedCriticalZ(0.99)).toBeCloseTo(2.5758293035489004, 13);
  });
});

describe("regularised incomplete beta", () => {
  // Closed forms (Abramowitz & Stegun 26.5.1 with 6.2.1): I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, and I_½(a, a) = ½ by symmetry.
  it.each([
    [0.3, 2.5, 1, Math.pow(0.3, 2.5)],
    [0.9, 7, 1, Math.pow(0.9, 7)],
    [0.3, 1, 4, 1 - Math.pow(0.7, 4)],
    [0.01, 1, 50, 1 - Math.pow(0.99, 50)],
    [0.5, 3.7, 3.7, 0.5],
    [0.5, 400, 400, 0.5],
  ])("I_%d(%d, %d)", (x, a, b, want) => {
    // ln Γ of large arguments leaves ~1e-13 absolute error in the prefactor (NR3 §6.4).
    expect(regularizedBeta(x, a, b)).toBeCloseTo(want, a > 100 ? 11 : 13);
  });

  it("gives binomial tails: P(X ≤ k) = I_{1−p}(n − k, k + 1) (A&S 26.5.24), against a direct sum", () => {
    const n = 40;
    const p = 0.3;
    let pmf = Math.pow(1 - p, n);
    let cdf = 0;
    for (let k = 0; k < n; k++) {
      cdf += pmf;
      expect(regularizedBeta(1 - p, n - k, k + 1)).toBeCloseTo(cdf, 13);
      pmf *= ((n - k) / (k + 1)) * (p / (1 - p));
    }
  });
});

describe("Student's t distribution", () => {
  // Closed forms for 1 and 2 df (e.g. Johnson, Kotz & Balakrishnan, "Continuous Univariate Distributions" vol. 2, ch. 28):
  // F₁(t) = ½ + atan(t)/π (Cauchy); F₂(t) = ½ + t / (2√(2 + t²)).
  it.each([-30, -2, -0.5, 0, 0.3, 1, 4, 100])("closed forms at t = %d", (t) => {
    expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
    expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
  });

  // Critical values from tables of the t distribution (Abramowitz & Stegun Table 26.10; R: qt(0.975, 10) = 2.228138851986274 …).
  it.each([
    [2.228138851986274, 10, 0.05],
    [2.042272456301238, 30, 0.05],
    [4.032142983557536, 5, 0.01],
    [12.70620473617471, 1, 0.05],
  ])("P(|T| ≥ %d) with %d df = %d", (t, df, p) => {
    expect(studentTTwoSidedP(t, df)).toBeCloseTo(p, 10);
    expect(studentTTwoSidedP(-t, df)).toBeCloseTo(p, 10);
  });

  it("tends to the normal as df grows", () => {
    expect(studentTTwoSidedP(1.959963984540054, 1e7)).toBeCloseTo(0.05, 6);
    expect(studentTTwoSidedP(1.959963984540054, Infinity)).toBeCloseTo(0.05, 14);
  });
});
