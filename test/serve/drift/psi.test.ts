import { describe, expect, it } from "vitest";
import { numericStats } from "@/lib/onnx/feature-stats";
import { createRandom } from "@/lib/labels/agreement/random";
import { PSI_MAJOR, PSI_MINOR, binCounts, psi } from "@/lib/serve/drift/psi";

describe("psi", () => {
  /*
   * Hand-worked. Training [25, 25, 25, 25] → shares e = 0.25 each; live
   * [10, 20, 30, 40] → a = 0.1, 0.2, 0.3, 0.4.
   *   (0.1 − 0.25)·ln(0.1/0.25) = 0.15·ln 2.5  = 0.15·0.916291 = 0.137444
   *   (0.2 − 0.25)·ln(0.2/0.25) = 0.05·ln 1.25 = 0.05·0.223144 = 0.011157
   *   (0.3 − 0.25)·ln(0.3/0.25) = 0.05·ln 1.2  = 0.05·0.182322 = 0.009116
   *   (0.4 − 0.25)·ln(0.4/0.25) = 0.15·ln 1.6  = 0.15·0.470004 = 0.070501
   *   PSI = 0.228217 (between Siddiqi's 0.1 and 0.25: a minor change)
   *
   * An empty training bin. Training [50, 50, 0] → e = 0.5, 0.5, 0 → floored
   * to 1e-4; live [50, 40, 10] → a = 0.5, 0.4, 0.1.
   *   0 + (0.4 − 0.5)·ln 0.8 + (0.1 − 0.0001)·ln(0.1/0.0001)
   *   = 0.0223144 + 0.0999·6.907755 = 0.0223144 + 0.6900850 = 0.712399
   */
  it.each([
    ["four bins, shares moving right", [25, 25, 25, 25], [10, 20, 30, 40], 0.228217],
    ["the same histogram as shares", [1, 1, 1, 1], [1, 2, 3, 4], 0.228217],
    ["an empty training bin floored at 1e-4", [50, 50, 0], [50, 40, 10], 0.712399],
    ["identical histograms", [3, 5, 2], [30, 50, 20], 0],
    ["a bin empty on both sides adds nothing", [25, 0, 25, 25, 25], [10, 0, 20, 30, 40], 0.228217],
  ])("%s", (_name, expected, actual, want) => {
    expect(psi(expected, actual)).toBeCloseTo(want, 6);
  });

  it("is symmetric: the sum is KL(a‖e) + KL(e‖a)", () => {
    expect(psi([10, 20, 30, 40], [25, 25, 25, 25])).toBeCloseTo(psi([25, 25, 25, 25], [10, 20, 30, 40]), 14);
  });

  it("uses the floor it is given", () => {
    // (0.1 − 0.01)·ln(0.1/0.01) + (0.4 − 0.5)·ln 0.8 = 0.09·2.302585 + 0.0223144 = 0.2295471
    expect(psi([50, 50, 0], [50, 40, 10], 0.01)).toBeCloseTo(0.2295471, 6);
  });

  it("is NaN for an empty histogram", () => {
    expect(psi([0, 0], [1, 2])).toBeNaN();
  });

  it.each([
    ["histograms of different lengths", [1, 2], [1, 2, 3], /differ in length/],
    ["a negative count", [1, -2], [1, 2], /expected count of bin 1 is not a count: -2/],
    ["a NaN count", [1, 2], [NaN, 2], /actual count of bin 0/],
  ])("rejects %s", (_name, e, a, message) => {
    expect(() => psi(e, a)).toThrow(message);
  });

  it("exports Siddiqi's (2006) interpretation bands", () => {
    expect([PSI_MINOR, PSI_MAJOR]).toEqual([0.1, 0.25]);
  });
});

describe("binCounts", () => {
  it.each([
    // [q0, q1) [q1, q2) [q2, q3]; below q0 → first bin, above q3 → last, NaN skipped.
    ["outside and on the edges", [0, 10, 20, 30], [-5, 0, 9.99, 10, 25, 30, 31, NaN], [3, 1, 3]],
    // Tied edges: a value goes to the last bin whose lower edge it reaches.
    ["tied edges", [0, 0, 0, 1, 1], [0, 0.5, 1, 2, -1], [1, 0, 2, 2]],
    ["a constant input: all but lower values in the last bin", [4, 4, 4], [3, 4, 5], [1, 2]],
    ["no edges", [], [1, 2], []],
  ])("%s", (_name, edges, values, want) => {
    expect(binCounts(values, edges)).toEqual(want);
  });

  // The training side of PSI: counting the training values again must give the
  // metadata's counts, which lib/onnx/feature-stats.ts computed by a sorted sweep.
  const rng = createRandom(7);
  it.each([
    ["0 … 100", Float64Array.from({ length: 101 }, (_, i) => i)],
    ["a 0/1 input, 45 % zeros", Float64Array.from({ length: 200 }, (_, i) => (i < 90 ? 0 : 1))],
    ["a day-of-week input", Float64Array.from({ length: 1000 }, () => Math.floor(rng.float() * 7))],
    ["quarters, with ties", Float64Array.from({ length: 500 }, () => Math.round(rng.float() * 40) / 4)],
  ])("reproduces feature-stats counts for %s", (_name, values) => {
    const s = numericStats(values);
    expect(binCounts(values, s.quantiles)).toEqual(s.counts);
  });
});
