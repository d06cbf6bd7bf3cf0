import { describe, expect, it } from "vitest";
import { cohenFromTable, cohenKappa } from "@/lib/labels/agreement/cohen";
import { AgreementError } from "@/lib/labels/agreement/errors";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { pairTables } from "@/lib/labels/agreement/pair-tables";
import { pairwiseAgreement } from "@/lib/labels/agreement/pairwise";
import { createRandom } from "@/lib/labels/agreement/random";
import type { Ratings } from "@/lib/labels/agreement/ratings";

/** Two raters' ratings reproducing a K×K table of counts (rows rater 0, columns rater 1). */
function fromTable(table: number[][]): Ratings {
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  let i = 0;
  table.forEach((row, a) =>
    row.forEach((n, b) => {
      for (let k = 0; k < n; k++, i++) item.push(i, i), annotator.push(0, 1), label.push(a, b);
    }),
  );
  return {
    labelCount: table.length,
    annotatorCount: 2,
    itemCount: i,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  };
}

/*
 * Wikipedia, "Cohen's kappa", first worked example: 50 grant proposals, two
 * readers saying yes/no: 20 yes–yes, 5 A-yes/B-no, 10 A-no/B-yes, 15 no–no.
 * Reported: p_o = 0.7, p_e = 0.5, κ = 0.4.
 */
const WIKIPEDIA_2X2 = [
  [20, 5],
  [10, 15],
];

/*
 * Hand-computed 3 × 3 case, 40 items:
 *   [[10, 2, 1], [3, 8, 2], [0, 1, 13]]
 *   p_o = 31/40; rows 13, 13, 14; columns 13, 11, 16
 *   p_e = (13·13 + 13·11 + 14·16) / 1600 = 536/1600
 *   κ = (1240 − 536) / (1600 − 536) = 704/1064 = 88/133 ≈ 0.6617
 */
const HAND_3X3 = [
  [10, 2, 1],
  [3, 8, 2],
  [0, 1, 13],
];

describe("Cohen's kappa against reference values", () => {
  it("Wikipedia 2×2 example from the table: p_o = 0.7, p_e = 0.5, κ = 0.4", () => {
    const k = cohenFromTable(WIKIPEDIA_2X2.flat(), 2);
    expect(k.items).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it("Wikipedia 2×2 example from ratings, directly and through the pair tables", () => {
    const r = fromTable(WIKIPEDIA_2X2);
    expect(cohenKappa(r, 0, 1).kappa).toBeCloseTo(0.4, 12);
    const pw = pairwiseAgreement(pairTables(indexByItem(r)));
    expect(pw.cohenKappa[1]).toBeCloseTo(0.4, 12);
    expect(pw.percentAgreement[1]).toBeCloseTo(0.7, 12);
  });

  it("hand-computed 3×3 case: κ = 88/133", () => {
    expect(cohenFromTable(HAND_3X3.flat(), 3).kappa).toBeCloseTo(88 / 133, 12);
    expect(cohenKappa(fromTable(HAND_3X3), 1, 0).kappa).toBeCloseTo(88 / 133, 12);
  });

  it("R irr kappa2 (unweighted) on raters 2 and 3 of Fleiss's `diagnoses` data: κ = 0.631", () => {
    // The two raters' columns of the Fleiss (1971) table used in agreement-fleiss.test.ts;
    // 0.631 is irr's output as asserted in pyirr's port (tests/test_kappa2.py).
    const rater2 = [4, 2, 3, 5, 2, 1, 3, 1, 1, 5, 4, 2, 2, 4, 2, 3, 1, 1, 2, 3, 5, 4, 2, 1, 4, 2, 1, 2, 3, 5];
    const rater3 = [4, 2, 3, 5, 2, 3, 3, 3, 4, 5, 4, 4, 2, 4, 4, 3, 1, 1, 4, 3, 5, 4, 4, 4, 4, 2, 1, 4, 3, 5];
    const table = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
    rater2.forEach((x, i) => table[x - 1][rater3[i] - 1]++);
    expect(cohenFromTable(table.flat(), 5).kappa).toBeCloseTo(0.631, 3);
  });
});

describe("pairwise matrices", () => {
  it("match cohenKappa pair by pair on seeded data with missing ratings; symmetric; NaN diagonal", () => {
    const rng = createRandom(5);
    const A = 5;
    const K = 3;
    const item: number[] = [];
    const annotator: number[] = [];
    const label: number[] = [];
    for (let i = 0; i < 300; i++) {
      const truth = rng.uint32() % K;
      for (let a = 0; a < A; a++) {
        if (rng.float() < 0.5) continue;
        item.push(i);
        annotator.push(a);
        label.push(rng.float() < 0.7 ? truth : rng.uint32() % K);
      }
    }
    const r: Ratings = {
      labelCount: K,
      annotatorCount: A,
      itemCount: 300,
      item: Int32Array.from(item),
      annotator: Int32Array.from(annotator),
      label: Int32Array.from(label),
    };
    const pw = pairwiseAgreement(pairTables(indexByItem(r)));
    for (let a = 0; a < A; a++) {
      expect(pw.cohenKappa[a * A + a]).toBeNaN();
      expect(pw.percentAgreement[a * A + a]).toBeNaN();
      for (let b = 0; b < A; b++) {
        if (a === b) continue;
        const direct = cohenKappa(r, a, b);
        expect(pw.shared[a * A + b]).toBe(direct.items);
        expect(pw.cohenKappa[a * A + b]).toBeCloseTo(direct.kappa, 12);
        expect(pw.percentAgreement[a * A + b]).toBeCloseTo(direct.observed, 12);
        expect(pw.cohenKappa[a * A + b]).toBe(pw.cohenKappa[b * A + a]);
      }
    }
  });

  it("hand example: sharing, raw agreement, and NaN kappa below two shared items", () => {
    // Annotators 0,1 share items 0,1,2 with labels (0,0), (1,1), (0,1): agreement 2/3,
    //   κ: rows (2,1) cols (1,2) → p_e = (2·1 + 1·2)/9 = 4/9, κ = (2/3 − 4/9)/(5/9) = 2/5.
    // Annotators 0,2 share only item 3: kappa NaN; agreement 1 (both 2).
    // Annotators 1,2 share nothing: both NaN.
    const r: Ratings = {
      labelCount: 3,
      annotatorCount: 3,
      itemCount: 4,
      item: Int32Array.of(0, 0, 1, 1, 2, 2, 3, 3),
      annotator: Int32Array.of(0, 1, 1, 0, 0, 1, 2, 0),
      label: Int32Array.of(0, 0, 1, 1, 0, 1, 2, 2),
    };
    const pw = pairwiseAgreement(pairTables(indexByItem(r)));
    expect(Array.from(pw.shared)).toEqual([0, 3, 1, 3, 0, 0, 1, 0, 0]);
    expect(pw.percentAgreement[1]).toBeCloseTo(2 / 3, 12);
    expect(pw.cohenKappa[1]).toBeCloseTo(2 / 5, 12);
    expect(pw.percentAgreement[2]).toBe(1);
    expect(pw.cohenKappa[2]).toBeNaN();
    expect(pw.percentAgreement[5]).toBeNaN();
    expect(pw.cohenKappa[5]).toBeNaN();
  });

  it("kappa is 1 under perfect agreement and NaN when both raters use one label throughout", () => {
    expect(cohenFromTable([5, 0, 0, 7], 2).kappa).toBe(1);
    expect(cohenFromTable([9, 0, 0, 0], 2).kappa).toBeNaN();
  });

  it("rejects the same annotator twice and annotators out of range", () => {
    const r = fromTable(WIKIPEDIA_2X2);
    expect(() => cohenKappa(r, 1, 1)).toThrow(AgreementError);
    expect(() => cohenKappa(r, 0, 2)).toThrow(/annotator out of range: 2/);
  });
});
