import { describe, expect, it } from "vitest";
import { benjaminiHochberg, bhAdjust } from "@/lib/eval/stats/benjamini-hochberg";
import { createRandom } from "@/lib/labels/agreement/random";

/*
 * Benjamini & Hochberg (1995), JRSS B 57:289–300, §4.2: fifteen p-values
 * from a study of myocardial infarction treatment; at q = 0.05 the
 * procedure rejects the four smallest. The adjusted values are worked by
 * hand with R's p.adjust(method = "BH") rule, min_{j ≥ i} m p(j)/j.
 */
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
const BH_1995_ADJUSTED = [
  0.0015, // 15 × 0.0001 / 1
  0.003, // 15 × 0.0004 / 2
  0.0095, // 15 × 0.0019 / 3
  0.035625, // 15 × 0.0095 / 4
  0.0603, // 15 × 0.0201 / 5
  0.063857142857142857, // 15 × 0.0278 / 6 = 0.0695, but the later 15 × 0.0298 / 7 is smaller
  0.063857142857142857, // 15 × 0.0298 / 7
  0.0645, // 15 × 0.0344 / 8
  0.0765, // 15 × 0.0459 / 9
  0.486, // 15 × 0.324 / 10
  0.58118181818181818, // 15 × 0.4262 / 11
  0.714875, // 15 × 0.5719 / 12
  0.75323076923076923, // 15 × 0.6528 / 13
  0.81321428571428571, // 15 × 0.759 / 14
  1, // 15 × 1 / 15
];

describe("Benjamini–Hochberg", () => {
  it("adjusts the 1995 paper's p-values as p.adjust does and rejects the four smallest at q = 0.05", () => {
    const r = benjaminiHochberg(BH_1995, 0.05);
    r.adjusted.forEach((p, i) => expect(p).toBeCloseTo(BH_1995_ADJUSTED[i], 14));
    expect(r.rejected).toEqual(BH_1995.map((_, i) => i < 4));
    expect(r.rejectedCount).toBe(4);
  });

  it("does not depend on input order", () => {
    const order = [7, 3, 14, 0, 9, 1, 12, 5, 2, 11, 4, 13, 8, 6, 10];
    const adjusted = bhAdjust(order.map((i) => BH_1995[i]));
    order.forEach((i, k) => expect(adjusted[k]).toBeCloseTo(BH_1995_ADJUSTED[i], 14));
  });

  it("is monotone, at least p, at most 1, and rejects exactly the step-up set, on 200 seeded random sets", () => {
    const rng = createRandom(5);
    for (let trial = 0; trial < 200; trial++) {
      const m = 1 + Math.floor(rng.float() * 60);
      // A mixture of nulls (uniform) and signals (near 0), with deliberate ties.
      const p = Array.from({ length: m }, () => (rng.float() < 0.3 ? rng.float() * 0.01 : Math.round(rng.float() * 50) / 50));
      const q = 0.1;
      const { adjusted, rejected } = benjaminiHochberg(p, q);
      for (let i = 0; i < m; i++) {
        expect(adjusted[i]).toBeGreaterThanOrEqual(p[i]);
        expect(adjusted[i]).toBeLessThanOrEqual(1);
        for (let j = 0; j < m; j++) if (p[i] <= p[j]) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j]);
      }
      // The procedure as the paper states it: k = max{i : p(i) ≤ i q / m}, reject p ≤ p(k).
      const sorted = [...p].sort((a, b) => a - b);
      let k = 0;
      sorted.forEach((x, i) => {
        if (x <= ((i + 1) * q) / m) k = i + 1;
      });
      const cut = k === 0 ? -1 : sorted[k - 1];
      expect(rejected).toEqual(p.map((x) => x <= cut));
    }
  });

  it("leaves NaN out of m, as R's p.adjust does with NA", () => {
    const adjusted = bhAdjust([0.01, NaN, 0.04]);
    expect(adjusted[0]).toBeCloseTo(0.02, 15);
    expect(adjusted[1]).toBeNaN();
    expect(adjusted[2]).toBeCloseTo(0.04, 15);
    expect(benjaminiHochberg([NaN]).rejected).toEqual([false]);
  });

  it("refuses p-values outside [0, 1] and q outside (0, 1)", () => {
    expect(() => bhAdjust([0.5, 1.2])).toThrow(/p-value must be in \[0, 1\]: 1.2 at 1/);
    expect(() => benjaminiHochberg([0.5], 0)).toThrow(/q must be between 0 and 1/);
  });
});
