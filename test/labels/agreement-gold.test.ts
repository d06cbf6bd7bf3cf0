import { describe, expect, it } from "vitest";
import { AgreementError } from "@/lib/labels/agreement/errors";
import { goldAgreement, NO_GOLD } from "@/lib/labels/agreement/gold";
import type { Ratings } from "@/lib/labels/agreement/ratings";

/*
 * Hand-worked: 6 items, gold = [0, 0, 1, 1, NO_GOLD, 2], 3 labels.
 *   annotator 0 rates items 0..5 as 0, 1, 1, 1, 2, 2
 *     compared on items 0,1,2,3,5 (item 4 has no gold): 5; matches 0,2,3,5 → accuracy 4/5
 *     table rows (annotator) 0:1 1:3 2:1, cols (gold) 0:2 1:2 2:1
 *     p_e = (1·2 + 3·2 + 1·1)/25 = 9/25; κ = (4/5 − 9/25)/(16/25) = 11/16
 *   annotator 1 rates only item 2 (label 0): compared 1, accuracy 0, κ NaN (< 2 items)
 *   annotator 2 rates only item 4 (no gold): compared 0, accuracy NaN
 */
const ratings: Ratings = {
  labelCount: 3,
  annotatorCount: 3,
  itemCount: 6,
  item: Int32Array.of(0, 1, 2, 3, 4, 5, 2, 4),
  annotator: Int32Array.of(0, 0, 0, 0, 0, 0, 1, 2),
  label: Int32Array.of(0, 1, 1, 1, 2, 2, 0, 1),
};
const gold = Int32Array.of(0, 0, 1, 1, NO_GOLD, 2);

describe("agreement with gold labels (hand-worked)", () => {
  it("accuracy and Cohen's kappa against gold, per annotator", () => {
    const [a0, a1, a2] = goldAgreement(ratings, gold);
    expect(a0).toMatchObject({ annotator: 0, compared: 5 });
    expect(a0.accuracy).toBeCloseTo(4 / 5, 12);
    expect(a0.kappa).toBeCloseTo(11 / 16, 12);
    expect(a1).toMatchObject({ annotator: 1, compared: 1, accuracy: 0 });
    expect(a1.kappa).toBeNaN();
    expect(a2.compared).toBe(0);
    expect(a2.accuracy).toBeNaN();
    expect(a2.kappa).toBeNaN();
  });

  it("rejects gold of the wrong length or out of range", () => {
    expect(() => goldAgreement(ratings, new Int32Array(5))).toThrow(AgreementError);
    expect(() => goldAgreement(ratings, Int32Array.of(0, 0, 1, 1, 3, 2))).toThrow(/gold label out of range at item 4: 3/);
    expect(() => goldAgreement(ratings, Int32Array.of(0, 0, 1, 1, -2, 2))).toThrow(/invalid|out of range/);
  });
});
