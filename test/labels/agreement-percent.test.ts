import { describe, expect, it } from "vitest";
import { confusedPairs } from "@/lib/labels/agreement/confused-pairs";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { countLabels } from "@/lib/labels/agreement/label-counts";
import { percentAgreement } from "@/lib/labels/agreement/percent-agreement";
import { perLabelAgreement } from "@/lib/labels/agreement/per-label";
import { ratingsFrom } from "@/lib/labels/agreement/ratings";

const LABELS = ["cat", "dog", "bird"] as const;

/** Rows from item → labels given by annotators "a", "b", "c", … in order; null = not rated. */
function rows(items: Record<string, (string | null)[]>) {
  return Object.entries(items).flatMap(([item, labels]) =>
    labels.flatMap((label, k) => (label === null ? [] : [{ item, annotator: String.fromCharCode(97 + k), label }])),
  );
}

/*
 * Hand-worked data, 3 annotators:
 *   i1: cat cat cat    pairs agreeing 3/3 = 1      all agree
 *   i2: cat cat dog    1/3                          (cat,cat) agrees; 2 × {cat,dog}
 *   i3: cat dog bird   0/3                          {cat,dog} {cat,bird} {dog,bird}
 *   i4: dog dog —      1/1 = 1                      all agree
 *   i5: bird — —       one rating: not used
 * pairwise = (1 + 1/3 + 0 + 1) / 4 = 7/12; all agree = 2/4
 * confused pairs: {cat,dog} 2 + 1 = 3; {cat,bird} 1; {dog,bird} 1; total 5
 */
const HAND = rows({
  i1: ["cat", "cat", "cat"],
  i2: ["cat", "cat", "dog"],
  i3: ["cat", "dog", "bird"],
  i4: ["dog", "dog", null],
  i5: ["bird", null, null],
});
const counts = countLabels(indexByItem(ratingsFrom(HAND, LABELS).ratings));

describe("percent agreement (hand-worked)", () => {
  it("pairwise share averages the agreeing-pair share of items with ≥ 2 ratings: 7/12", () => {
    const pa = percentAgreement(counts);
    expect(pa.items).toBe(4);
    expect(pa.pairwise).toBeCloseTo(7 / 12, 12);
  });

  it("all-agree share: 2 of 4 items", () => {
    expect(percentAgreement(counts).allAgree).toBe(0.5);
  });

  it("with two raters per item is the share of items agreed on", () => {
    const two = rows({ x: ["cat", "cat"], y: ["cat", "dog"], z: ["bird", "bird"] });
    const pa = percentAgreement(countLabels(indexByItem(ratingsFrom(two, LABELS).ratings)));
    expect(pa.pairwise).toBeCloseTo(2 / 3, 12);
    expect(pa.allAgree).toBeCloseTo(2 / 3, 12);
  });

  it("is NaN, not an exception, when no item has two ratings", () => {
    const pa = percentAgreement(countLabels(indexByItem(ratingsFrom(rows({ x: ["cat"], y: [null, "dog"] }), LABELS).ratings)));
    expect(pa.items).toBe(0);
    expect(pa.pairwise).toBeNaN();
    expect(pa.allAgree).toBeNaN();
  });
});

describe("most confused label pairs (hand-worked)", () => {
  it("counts disagreeing rating pairs per unordered label pair, most first", () => {
    // label indexes: cat 0, dog 1, bird 2
    expect(confusedPairs(counts)).toEqual([
      { a: 0, b: 1, count: 3, share: 3 / 5 },
      { a: 0, b: 2, count: 1, share: 1 / 5 },
      { a: 1, b: 2, count: 1, share: 1 / 5 },
    ]);
  });

  it("is empty under perfect agreement", () => {
    const same = rows({ x: ["cat", "cat"], y: ["dog", "dog", "dog"] });
    expect(confusedPairs(countLabels(indexByItem(ratingsFrom(same, LABELS).ratings)))).toEqual([]);
  });
});

describe("specific agreement (hand-worked, same data)", () => {
  it("Σ n_ij(n_ij − 1) / Σ n_ij(n_i − 1) per label", () => {
    // cat:  i1 3·2=6 / 3·2=6; i2 2·1=2 / 2·2=4; i3 0 / 1·2=2     → 8/12
    // dog:  i2 0 / 1·2=2;     i3 0 / 2;         i4 2·1=2 / 2·1=2 → 2/6
    // bird: i3 0 / 2                                           → 0
    const perLabel = perLabelAgreement(counts);
    expect(perLabel[0].specificAgreement).toBeCloseTo(8 / 12, 12);
    expect(perLabel[1].specificAgreement).toBeCloseTo(2 / 6, 12);
    expect(perLabel[2].specificAgreement).toBe(0);
  });

  it("for two raters is 2a / (2a + b + c) (Fleiss 1975)", () => {
    // 2×2 table for "cat": a = both cat = 4, b = only first = 2, c = only second = 1, d = neither = 3
    const two = [
      ...Array.from({ length: 4 }, () => ["cat", "cat"]),
      ...Array.from({ length: 2 }, () => ["cat", "dog"]),
      ...Array.from({ length: 1 }, () => ["dog", "cat"]),
      ...Array.from({ length: 3 }, () => ["dog", "dog"]),
    ];
    const r = ratingsFrom(rows(Object.fromEntries(two.map((l, i) => [`x${i}`, l]))), LABELS).ratings;
    const perLabel = perLabelAgreement(countLabels(indexByItem(r)));
    expect(perLabel[0].specificAgreement).toBeCloseTo((2 * 4) / (2 * 4 + 2 + 1), 12);
    // "dog" is the negative class here: 2d / (2d + b + c)
    expect(perLabel[1].specificAgreement).toBeCloseTo((2 * 3) / (2 * 3 + 2 + 1), 12);
  });

  it("is NaN for a label nobody used; its kappa is NaN too", () => {
    const two = rows({ x: ["cat", "cat"], y: ["cat", "dog"] });
    const bird = perLabelAgreement(countLabels(indexByItem(ratingsFrom(two, LABELS).ratings)))[2];
    expect(bird.ratings).toBe(0);
    expect(bird.specificAgreement).toBeNaN();
    expect(bird.kappa).toBeNaN();
  });
});
