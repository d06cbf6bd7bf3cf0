import { describe, expect, it } from "vitest";
import { bootstrapIntervals, type BootstrapIntervals } from "@/lib/labels/agreement/bootstrap";
import { AgreementError } from "@/lib/labels/agreement/errors";
import { fleissKappa } from "@/lib/labels/agreement/fleiss";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { krippendorffAlpha } from "@/lib/labels/agreement/krippendorff";
import { countLabels } from "@/lib/labels/agreement/label-counts";
import { pairTables } from "@/lib/labels/agreement/pair-tables";
import { pairwiseAgreement } from "@/lib/labels/agreement/pairwise";
import { percentAgreement } from "@/lib/labels/agreement/percent-agreement";
import { percentileInterval } from "@/lib/labels/agreement/percentile";
import { createRandom } from "@/lib/labels/agreement/random";
import type { Ratings } from "@/lib/labels/agreement/ratings";

/** Seeded synthetic project: each item has a true label; annotators agree with it with probability `accuracy`. */
function synthetic(seed: number, items: number, A: number, K: number, accuracy: number, ratingsPerItem: () => number): Ratings {
  const rng = createRandom(seed);
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  for (let i = 0; i < items; i++) {
    const truth = rng.uint32() % K;
    const chosen = new Set<number>();
    const m = ratingsPerItem();
    while (chosen.size < m) chosen.add(rng.uint32() % A);
    for (const a of chosen) {
      item.push(i);
      annotator.push(a);
      label.push(rng.float() < accuracy ? truth : rng.uint32() % K);
    }
  }
  return {
    labelCount: K,
    annotatorCount: A,
    itemCount: items,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  };
}

const sizes = createRandom(123);
const RATINGS = synthetic(77, 400, 4, 3, 0.6, () => 1 + (sizes.uint32() % 3));
const COUNTS = countLabels(indexByItem(RATINGS));
const PAIRS = pairTables(indexByItem(RATINGS));

function contains(ci: { lower: number; upper: number }, x: number): boolean {
  return ci.lower <= x && x <= ci.upper;
}

describe("bootstrap percentile intervals", () => {
  const ci = bootstrapIntervals(COUNTS, PAIRS, { resamples: 1000, seed: 5 });

  it("contain the point estimates", () => {
    expect(contains(ci.percentAgreement, percentAgreement(COUNTS).pairwise)).toBe(true);
    expect(contains(ci.allAgree, percentAgreement(COUNTS).allAgree)).toBe(true);
    expect(contains(ci.fleissKappa, fleissKappa(COUNTS).kappa)).toBe(true);
    expect(contains(ci.krippendorffAlpha, krippendorffAlpha(COUNTS).alpha)).toBe(true);
    const pw = pairwiseAgreement(PAIRS);
    const A = RATINGS.annotatorCount;
    for (let p = 0; p < PAIRS.pairCount; p++) {
      const kappa = pw.cohenKappa[PAIRS.pairA[p] * A + PAIRS.pairB[p]];
      expect(contains({ lower: ci.cohenKappa!.lower[p], upper: ci.cohenKappa!.upper[p] }, kappa)).toBe(true);
    }
  });

  it("are reproducible with the same seed and change with another", () => {
    const again = bootstrapIntervals(COUNTS, PAIRS, { resamples: 1000, seed: 5 });
    expect(again).toEqual(ci);
    const other = bootstrapIntervals(COUNTS, PAIRS, { resamples: 1000, seed: 6 });
    expect(other.fleissKappa.lower).not.toBe(ci.fleissKappa.lower);
    expect(other.krippendorffAlpha.upper).not.toBe(ci.krippendorffAlpha.upper);
  });

  it("for the overall statistics do not depend on whether pair intervals are asked for", () => {
    const without = bootstrapIntervals(COUNTS, PAIRS, { resamples: 1000, seed: 5, pairs: false });
    expect(without.cohenKappa).toBeNull();
    const strip = (x: BootstrapIntervals) => ({ ...x, cohenKappa: null });
    expect(strip(without)).toEqual(strip(ci));
  });

  it("record the defaults: 1000 resamples, seed 1, level 0.95", () => {
    const d = bootstrapIntervals(COUNTS, null);
    expect([d.resamples, d.seed, d.level]).toEqual([1000, 1, 0.95]);
    expect(d.cohenKappa).toBeNull();
  });

  it("rejects bad options with invalid_option", () => {
    for (const bad of [{ resamples: 0 }, { resamples: 2.5 }, { level: 1 }, { level: 0 }, { seed: 0.5 }]) {
      expect(() => bootstrapIntervals(COUNTS, null, bad)).toThrow(AgreementError);
    }
  });
});

/** Fleiss' kappa of a list of per-item count vectors, written out directly. */
function naiveFleiss(items: number[][]): number {
  const K = items[0].length;
  let pbar = 0;
  const totals = new Array<number>(K).fill(0);
  let ratings = 0;
  for (const row of items) {
    const n = row.reduce((a, b) => a + b, 0);
    pbar += row.reduce((s, x) => s + x * (x - 1), 0) / (n * (n - 1));
    row.forEach((x, j) => (totals[j] += x));
    ratings += n;
  }
  pbar /= items.length;
  const pe = totals.reduce((s, t) => s + (t / ratings) ** 2, 0);
  return (pbar - pe) / (1 - pe);
}

describe("the pattern-multinomial bootstrap against plain item resampling", () => {
  it("gives the same Fleiss' kappa interval as drawing items one by one (within Monte Carlo error)", () => {
    // Plain bootstrap, as textbooks state it: draw n of the n usable items with replacement.
    const index = indexByItem(RATINGS);
    const items: number[][] = [];
    for (let i = 0; i < RATINGS.itemCount; i++) {
      if (index.start[i + 1] - index.start[i] < 2) continue;
      const row = new Array<number>(RATINGS.labelCount).fill(0);
      for (let k = index.start[i]; k < index.start[i + 1]; k++) row[index.label[k]]++;
      items.push(row);
    }
    const B = 4000;
    const rng = createRandom(31337);
    const values = new Float64Array(B);
    for (let b = 0; b < B; b++) {
      values[b] = naiveFleiss(Array.from({ length: items.length }, () => items[Math.floor(rng.float() * items.length)]));
    }
    const mean = values.reduce((a, x) => a + x, 0) / B;
    const sd = Math.sqrt(values.reduce((s, x) => s + (x - mean) ** 2, 0) / (B - 1));
    const plain = percentileInterval(values, 0.95);

    for (const method of ["binomial", "direct"] as const) {
      const ours = bootstrapIntervals(COUNTS, null, { resamples: B, seed: 9, method }).fleissKappa;
      // Percentile endpoints from 4000 resamples vary by roughly 0.05 SD; allow 0.2 SD.
      expect(Math.abs(ours.lower - plain.lower)).toBeLessThan(0.2 * sd);
      expect(Math.abs(ours.upper - plain.upper)).toBeLessThan(0.2 * sd);
    }
  });
});

describe("percentileInterval", () => {
  it("takes type-7 quantiles: values 1..5 at 95% give [1.1, 4.9]", () => {
    // h = (5 − 1)·0.025 = 0.1 → 1 + 0.1·(2 − 1); h = 4·0.975 = 3.9 → 4 + 0.9·(5 − 4)
    const ci = percentileInterval(Float64Array.of(5, 3, 1, 4, 2), 0.95);
    expect(ci.lower).toBeCloseTo(1.1, 12);
    expect(ci.upper).toBeCloseTo(4.9, 12);
    expect(ci.undefinedResamples).toBe(0);
  });

  it("leaves undefined resamples out and counts them", () => {
    const ci = percentileInterval(Float64Array.of(NaN, 2, NaN, 1), 0.5);
    expect(ci.undefinedResamples).toBe(2);
    expect(ci.lower).toBeCloseTo(1.25, 12);
    expect(ci.upper).toBeCloseTo(1.75, 12);
    expect(percentileInterval(Float64Array.of(NaN), 0.9).lower).toBeNaN();
  });
});

describe("bootstrap on degenerate input gives NaN bounds, not exceptions", () => {
  it("when no item has two ratings", () => {
    const r = synthetic(1, 50, 3, 3, 0.5, () => 1);
    const t = countLabels(indexByItem(r));
    const ci = bootstrapIntervals(t, pairTables(indexByItem(r)), { resamples: 50 });
    expect(ci.fleissKappa.lower).toBeNaN();
    expect(ci.krippendorffAlpha.upper).toBeNaN();
    expect(ci.percentAgreement.undefinedResamples).toBe(50);
    expect(ci.cohenKappa!.lower.length).toBe(0);
  });

  it("when every rating is the same label", () => {
    const r = synthetic(2, 50, 3, 1, 1, () => 2);
    const ci = bootstrapIntervals(countLabels(indexByItem(r)), null, { resamples: 50 });
    expect(ci.percentAgreement).toEqual({ lower: 1, upper: 1, undefinedResamples: 0 });
    expect(ci.fleissKappa.lower).toBeNaN();
    expect(ci.fleissKappa.undefinedResamples).toBe(50);
  });
});
