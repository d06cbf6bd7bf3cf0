import { describe, expect, it } from "vitest";
import { AgreementError } from "@/lib/labels/agreement/errors";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { countLabels } from "@/lib/labels/agreement/label-counts";
import { binaryRatingsForLabel, type MultiLabelRatings } from "@/lib/labels/agreement/multi-label";
import { pairTables } from "@/lib/labels/agreement/pair-tables";
import { ratingsFrom, validateRatings, type Ratings } from "@/lib/labels/agreement/ratings";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof AgreementError ? e.code : "not an AgreementError";
  }
  return undefined;
}

describe("ratingsFrom", () => {
  it("numbers items and annotators by first appearance and labels by their list position", () => {
    const { ratings, itemIds, annotatorIds } = ratingsFrom(
      [
        { item: "q7", annotator: "ann", label: "no" },
        { item: 3, annotator: "bo", label: "yes" },
        { item: "q7", annotator: "bo", label: "yes" },
        { item: "3", annotator: "ann", label: "no" },
      ],
      ["yes", "no"],
    );
    expect(itemIds).toEqual(["q7", 3, "3"]);
    expect(annotatorIds).toEqual(["ann", "bo"]);
    expect(ratings.labelCount).toBe(2);
    expect(ratings.itemCount).toBe(3);
    expect(Array.from(ratings.item)).toEqual([0, 1, 0, 2]);
    expect(Array.from(ratings.annotator)).toEqual([0, 1, 1, 0]);
    expect(Array.from(ratings.label)).toEqual([1, 0, 0, 1]);
  });

  it("rejects unknown labels and a label listed twice", () => {
    expect(codeOf(() => ratingsFrom([{ item: 1, annotator: "a", label: "maybe" }], ["yes", "no"]))).toBe("unknown_label");
    expect(codeOf(() => ratingsFrom([], ["yes", "yes"]))).toBe("invalid_ratings");
  });
});

describe("validation", () => {
  const base: Ratings = {
    labelCount: 2,
    annotatorCount: 2,
    itemCount: 2,
    item: Int32Array.of(0, 1),
    annotator: Int32Array.of(0, 1),
    label: Int32Array.of(0, 1),
  };

  it("accepts well-formed ratings", () => {
    expect(() => validateRatings(base)).not.toThrow();
  });

  it.each([
    ["item out of range", { item: Int32Array.of(0, 2) }, /item out of range at rating 1: 2/],
    ["negative annotator", { annotator: Int32Array.of(-1, 1) }, /annotator out of range at rating 0: -1/],
    ["label out of range", { label: Int32Array.of(0, 2) }, /label out of range at rating 1: 2/],
    ["arrays of different length", { label: Int32Array.of(0) }, /differ in length/],
    ["fractional count", { itemCount: 1.5 }, /item count is not a count/],
    ["too many labels", { labelCount: 5000 }, /too many labels/],
  ])("rejects %s", (_name, patch, message) => {
    const r = { ...base, ...patch } as Ratings;
    expect(() => validateRatings(r)).toThrow(message);
    expect(codeOf(() => validateRatings(r))).toBe("invalid_ratings");
  });

  it("rejects an annotator rating the same item twice", () => {
    const r = { ...base, item: Int32Array.of(1, 1, 1), annotator: Int32Array.of(0, 1, 0), label: Int32Array.of(0, 0, 1) };
    expect(codeOf(() => indexByItem(r))).toBe("duplicate_rating");
    expect(() => indexByItem(r)).toThrow(/annotator 0 rated item 1 more than once/);
  });
});

describe("tables built from ratings", () => {
  it("countLabels stores each distinct count vector once, with how many items have it", () => {
    // Items (labels): [0,0,1] [1,0,0] [0,1,0] [2,2] [2,2] [1] — the first three are one
    // pattern {0:2, 1:1}; [2,2] twice; the single rating is left out.
    const r: Ratings = {
      labelCount: 3,
      annotatorCount: 3,
      itemCount: 6,
      item: Int32Array.of(0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5),
      annotator: Int32Array.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 1, 2, 0),
      label: Int32Array.of(0, 0, 1, 1, 0, 0, 0, 1, 0, 2, 2, 2, 2, 1),
    };
    const t = countLabels(indexByItem(r));
    expect(t.patternCount).toBe(2);
    expect(Array.from(t.items)).toEqual([3, 2]);
    expect(Array.from(t.raters)).toEqual([3, 2]);
    expect(Array.from(t.cellStart)).toEqual([0, 2, 3]);
    expect(Array.from(t.cellLabel)).toEqual([0, 1, 2]);
    expect(Array.from(t.cellCount)).toEqual([2, 1, 2]);
  });

  it("pairTables lists only annotator pairs that share items, with their label-pair counts", () => {
    // Item 0: a0=0, a2=1; item 1: a0=0, a2=1; item 2: a2=1, a3=1. Annotator 1 rates nothing shared.
    const r: Ratings = {
      labelCount: 2,
      annotatorCount: 4,
      itemCount: 4,
      item: Int32Array.of(0, 0, 1, 1, 2, 2, 3),
      annotator: Int32Array.of(2, 0, 0, 2, 3, 2, 1),
      label: Int32Array.of(1, 0, 0, 1, 1, 1, 0),
    };
    const t = pairTables(indexByItem(r));
    expect(t.pairCount).toBe(2);
    expect(Array.from(t.pairA)).toEqual([0, 2]);
    expect(Array.from(t.pairB)).toEqual([2, 3]);
    expect(Array.from(t.shared)).toEqual([2, 1]);
    // Cell code = label of the lower annotator · K + label of the higher one.
    expect(Array.from(t.cellCode)).toEqual([0 * 2 + 1, 1 * 2 + 1]);
    expect(Array.from(t.cellCount)).toEqual([2, 1]);
  });
});

describe("binaryRatingsForLabel", () => {
  it("turns label sets into present (1) / absent (0) ratings of one label", () => {
    // Ratings' label sets: {0,2}, {}, {2}, {1}
    const m: MultiLabelRatings = {
      labelCount: 3,
      annotatorCount: 2,
      itemCount: 2,
      item: Int32Array.of(0, 0, 1, 1),
      annotator: Int32Array.of(0, 1, 0, 1),
      labelStart: Int32Array.of(0, 2, 2, 3, 4),
      labels: Int32Array.of(0, 2, 2, 1),
    };
    expect(Array.from(binaryRatingsForLabel(m, 2).label)).toEqual([1, 0, 1, 0]);
    expect(Array.from(binaryRatingsForLabel(m, 0).label)).toEqual([1, 0, 0, 0]);
    expect(binaryRatingsForLabel(m, 1).labelCount).toBe(2);
    expect(codeOf(() => binaryRatingsForLabel(m, 3))).toBe("invalid_option");
  });
});
