import { describe, expect, it } from "vitest";
import { createRandom } from "@/lib/labels/agreement/random";
import { normalQuantile, NormalSampler } from "@/lib/eval/normal";

describe("normalQuantile (Wichura 1988, AS 241)", () => {
  // Reference values: scipy.special.ndtri in scipy 1.17.1 (Cephes' ndtri, an
  // independent algorithm), printed with repr().
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.9999, 3.719016485455709],
    [0.25, -0.6744897501960817],
    [0.001, -3.090232306167813],
    [1e-20, -9.262340089798409],
    [1e-300, -37.0470962993612],
  ])("Φ⁻¹(%s) = %s", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 13);
  });

  it("is odd around ½ and infinite at the ends", () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 15);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe("NormalSampler (Marsaglia polar method)", () => {
  it("has mean 0, variance 1, and the normal's tail mass beyond 1.96", () => {
    const s = new NormalSampler(createRandom(42));
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const z = s.next();
      sum += z;
      sq += z * z;
      if (Math.abs(z) > 1.959963984540054) tail++;
    }
    // Standard errors: mean 1/√n ≈ 0.0022, variance √(2/n) ≈ 0.0032, tail share √(.05·.95/n) ≈ 0.0005.
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.015);
    expect(Math.abs(tail / n - 0.05)).toBeLessThan(0.0025);
  });
});
