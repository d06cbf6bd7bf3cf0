import { describe, expect, it } from "vitest";
import { dequantize, quantizePerColumn } from "@/lib/onnx/quantize";
import { Random } from "@/lib/train/random";

describe("per-column symmetric int8 quantization", () => {
  it("hand-worked: each column's scale is its largest |w| / 127", () => {
    // Column 0: max 2 → scale 2/127; 1 → round(63.5) = 64 (half away from zero, as Math.round for positives); −2 → −127.
    // Column 1: all zero → scale 1, values 0.
    const q = quantizePerColumn([1, 0, -2, 0], 2, 2);
    expect(Array.from(q.scales)).toEqual([Math.fround(2 / 127), 1]);
    expect(Array.from(q.values)).toEqual([64, 0, -127, 0]);
  });

  it("error bound: |w − q·scale| ≤ scale / 2 for every weight (seeded Gaussian-ish weights, 64×64)", () => {
    const rng = new Random(7);
    const w = Float32Array.from({ length: 64 * 64 }, () => (rng.float() + rng.float() + rng.float() - 1.5) * (1 + rng.float() * 3));
    const q = quantizePerColumn(w, 64, 64);
    const back = dequantize(q);
    for (let k = 0; k < w.length; k++) {
      // A float32 rounding of q·scale adds at most one ulp; 1e-6 relative covers it.
      expect(Math.abs(w[k] - back[k])).toBeLessThanOrEqual(q.scales[k % 64] / 2 + 1e-6 * Math.abs(w[k]));
    }
    for (const v of q.values) expect(Math.abs(v)).toBeLessThanOrEqual(127);
    // Each column's largest magnitude lands on ±127.
    for (let j = 0; j < 64; j++) expect(Math.max(...Array.from({ length: 64 }, (_, i) => Math.abs(q.values[i * 64 + j])))).toBe(127);
  });

  it("refuses a weight count that does not fit the shape", () => {
    expect(() => quantizePerColumn([1, 2, 3], 2, 2)).toThrow(/3 weights for a 2×2/);
  });
});
