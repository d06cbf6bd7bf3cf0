import { describe, expect, it } from "vitest";
import { extent, fitScale, mean, median, mostFrequent, populationStd } from "@/lib/features/stats";

describe("statistics", () => {
  it("population std: Wikipedia 'Standard deviation' example [2,4,4,4,5,5,7,9] has mean 5, σ = 2", () => {
    const v = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(v)).toBe(5);
    expect(populationStd(v)).toBe(2);
  });

  it("median: odd count is the middle value, even count the mean of the two middle (numpy.median)", () => {
    expect(median([7, 1, 2])).toBe(2);
    // sorted 1 1 2 3 4 5 6 9 → (3 + 4) / 2
    expect(median([3, 1, 4, 1, 5, 9, 2, 6])).toBe(3.5);
    expect(median([-10, 5])).toBe(-2.5);
    expect(median([42])).toBe(42);
  });

  it("median sorts numerically, not as strings (10 > 9)", () => {
    expect(median([10, 9, 1])).toBe(9);
  });

  it("most frequent: ties go to the smallest value (sklearn SimpleImputer 'most_frequent')", () => {
    expect(mostFrequent([3, 1, 3, 1, 2])).toBe(1);
    expect(mostFrequent([5, 5, -2, 9])).toBe(5);
    expect(mostFrequent([0.5, -0.5])).toBe(-0.5);
  });

  it("extent", () => {
    expect(extent([3, -1, 8, 2])).toEqual([-1, 8]);
  });

  it("fitScale: constant column gets divisor 1 (sklearn _handle_zeros_in_scale)", () => {
    // 0.1 × 3 sums to 0.30000000000000004, so a float mean/std would leave a tiny non-zero std.
    expect(fitScale("standard", [0.1, 0.1, 0.1])).toEqual({ method: "standard", mean: 0.1, std: 1 });
    expect(fitScale("minmax", [4, 4])).toEqual({ method: "minmax", min: 4, range: 1 });
    expect(fitScale("none", [1, 2])).toEqual({ method: "none" });
  });
});
