import { describe, expect, it } from "vitest";
import { numericStats } from "@/lib/onnx/feature-stats";
import { createRandom } from "@/lib/labels/agreement/random";
import { binRepresentatives, ksAgainstBins, wassersteinAgainstBins } from "@/lib/serve/drift/binned";
import { ksAgainstQuantiles, ksTwoSample } from "@/lib/serve/drift/ks";
import { normalisedWasserstein, wasserstein, wassersteinAgainstQuantiles } from "@/lib/serve/drift/wasserstein";

/** Standard normal draws by Box–Muller from a seeded generator. */
function normals(seed: number, n: number): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float()));
}

/*
 * Hand-worked: quantiles 0 1 2 3 4 (four bins), 25 training rows each;
 * live 0.5, 0.5, 1.5, 3.5 → bins [2, 1, 0, 1].
 * Cumulative shares: live 0.5, 0.75, 0.75, 1; training 0.25, 0.5, 0.75, 1.
 * KS on the inner knots: max(0.25, 0.25, 0) = 0.25.
 * Representatives: q1 = 1, midpoints 1.5 and 2.5, q3 = 3; W1 = Σ |ΔC|·Δr
 *   = 0.25·0.5 + 0.25·1 + 0·0.5 = 0.375
 * (scipy.stats.wasserstein_distance([1, 1.5, 2.5, 3], [1, 1.5, 2.5, 3],
 * [25]*4, [2, 1, 0, 1]) = 0.375 too.)
 */
describe("binned KS and W1, hand-worked", () => {
  const q = [0, 1, 2, 3, 4];
  const counts = [25, 25, 25, 25];
  const live = [0.5, 0.5, 1.5, 3.5];

  it("KS D = 0.25, Ne = 4·100/104", () => {
    const r = ksAgainstBins(live, q, counts);
    expect(r.d).toBeCloseTo(0.25, 14);
    expect(r.effectiveN).toBeCloseTo(400 / 104, 12);
  });

  it("W1 = 0.375", () => {
    expect(wassersteinAgainstBins(live, q, counts)).toBeCloseTo(0.375, 14);
  });

  it.each([
    [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9]],
    [[0, 1, 2, 3, 4], [1, 1.5, 2.5, 3]],
    [[0, 5, 10], [5, 5]],
    [[2, 3], [2]],
  ])("bin representatives of %j", (quantiles, want) => {
    expect(binRepresentatives(quantiles)).toEqual(want);
  });

  it("rejects counts that do not fit the quantiles", () => {
    expect(() => ksAgainstBins(live, q, [1, 2])).toThrow(/bin counts: 2 for 5 quantiles/);
  });

  it("is NaN for an empty window", () => {
    expect(ksAgainstBins([NaN], q, counts).d).toBeNaN();
    expect(wassersteinAgainstBins([], q, counts)).toBeNaN();
  });
});

describe("binning loses nothing on a discrete input with one value per bin", () => {
  // Day of week, 0–6: each value falls in its own decile bin, so the binned D
  // must equal the raw two-sample D and the binned W1 the raw W1 of the
  // values winsorised to [q1, q9] with each value at its bin's representative.
  const rng = createRandom(31);
  const training = Float64Array.from({ length: 5000 }, () => Math.floor(rng.float() * 7));
  const live = Float64Array.from({ length: 400 }, () => Math.min(6, Math.floor(rng.float() * 8)));
  const s = numericStats(training);

  it("KS: binned D = raw two-sample D", () => {
    expect(ksAgainstBins(live, s.quantiles, s.counts).d).toBeCloseTo(ksTwoSample(training, live).d, 12);
  });

  it("W1: binned = raw W1 of the values mapped to their representatives", () => {
    const r = binRepresentatives(s.quantiles);
    // The last bin whose lower edge v reaches (the first bin below them all).
    const bin = (v: number) => {
      let b = 0;
      for (let i = 1; i < r.length; i++) if (v >= s.quantiles[i]) b = i;
      return b;
    };
    const place = (xs: Float64Array) => Array.from(xs, (v) => r[bin(v)]);
    expect(wassersteinAgainstBins(live, s.quantiles, s.counts)).toBeCloseTo(wasserstein(place(training), place(live)), 12);
  });
});

/*
 * Why the monitor uses the bins: with the piecewise-linear decile CDF, live
 * windows drawn from the very distribution training saw look drifted,
 * because the outer bins' ramps to the extreme min and max misstate the
 * tails. Seeded normal data: 20,000 training rows, 20 live windows of 999.
 */
describe("windows from the training distribution", () => {
  const training = normals(1, 20_000);
  const s = numericStats(training);
  const windows = Array.from({ length: 20 }, (_, i) => normals(100 + i, 999));
  const alarms = (f: (w: Float64Array) => boolean) => windows.filter(f).length;

  it("read as drifted through the linear decile CDF", () => {
    expect(alarms((w) => ksAgainstQuantiles(w, s.quantiles, s.count).pValue < 0.01)).toBeGreaterThanOrEqual(10);
    expect(alarms((w) => normalisedWasserstein(wassersteinAgainstQuantiles(w, s.quantiles), s.std) >= 0.1)).toBe(20);
  });

  it("do not through the bins", () => {
    expect(alarms((w) => ksAgainstBins(w, s.quantiles, s.counts).pValue < 0.01)).toBeLessThanOrEqual(1);
    expect(alarms((w) => normalisedWasserstein(wassersteinAgainstBins(w, s.quantiles, s.counts), s.std) >= 0.1)).toBe(0);
  });

  it("while the bins still see a shift of 0.25 std in every window", () => {
    const shifted = windows.map((w) => w.map((v) => v + 0.25 * s.std!));
    expect(shifted.filter((w) => ksAgainstBins(w, s.quantiles, s.counts).pValue < 0.01).length).toBe(20);
    expect(shifted.filter((w) => normalisedWasserstein(wassersteinAgainstBins(w, s.quantiles, s.counts), s.std) >= 0.1).length).toBe(20);
  });
});
