import { describe, expect, it } from "vitest";
import { AgreementError, computeAgreement, ratingsFrom, type Ratings } from "@/lib/labels/agreement";

const _ = null;
/*
 * Krippendorff (2011) example C (see agreement-krippendorff.test.ts): 4
 * observers × 12 units, values 1–5 mapped to labels 0–4; nominal α = 0.743.
 */
const EXAMPLE_C = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];
const rows = EXAMPLE_C.flatMap((values, a) =>
  values.flatMap((v, u) => (v === null ? [] : [{ item: u + 1, annotator: `obs${a}`, label: String(v) }])),
);
const { ratings } = ratingsFrom(rows, ["1", "2", "3", "4", "5"]);

describe("computeAgreement", () => {
  const gold = new Int32Array(ratings.itemCount).fill(-1);
  gold[0] = 0;
  gold[5] = 1;
  gold[7] = 0;
  const report = computeAgreement(ratings, { gold, bootstrap: { resamples: 200, seed: 3 } });

  it("reports Krippendorff's α = 0.743 for example C and counts the unpairable unit out", () => {
    expect(report.krippendorffAlpha.alpha).toBeCloseTo(0.743, 3);
    expect(report.krippendorffAlpha.pairableValues).toBe(40);
    expect(report.itemCount).toBe(12);
    expect(report.ratingCount).toBe(41);
    expect(report.pairableItems).toBe(11);
    expect(report.fleissKappa.items).toBe(11);
  });

  it("is plain JSON: serialising and parsing gives the same object (no NaN, no typed arrays)", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("gives null where a statistic is undefined: the pairwise diagonal", () => {
    for (let a = 0; a < 4; a++) {
      expect(report.pairwise.cohenKappa[a][a]).toBeNull();
      expect(report.pairwise.percentAgreement[a][a]).toBeNull();
      expect(report.pairwise.sharedItems[a][a]).toBe(0);
      expect(report.bootstrap!.cohenKappa!.lower[a][a]).toBeNull();
    }
  });

  it("pairwise matrices are symmetric; observers A and B share 9 units and agree on 8", () => {
    // Units rated by both A and B: 1–9; they differ on unit 6 only (1 vs 2).
    expect(report.pairwise.sharedItems[0][1]).toBe(9);
    expect(report.pairwise.percentAgreement[0][1]).toBeCloseTo(8 / 9, 12);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expect(report.pairwise.cohenKappa[a][b]).toBe(report.pairwise.cohenKappa[b][a]);
  });

  it("scores each observer against gold on the items that have it", () => {
    // Gold on units 1 (label 0), 6 (label 1), 8 (label 0). Observer A: 1→0 ✓, 6→0 ✗, 8→0 ✓.
    // Observer C did not rate unit 1: compares units 6 (→2 ✗) and 8 (→1 ✗).
    expect(report.gold![0]).toMatchObject({ annotator: 0, compared: 3 });
    expect(report.gold![0].accuracy).toBeCloseTo(2 / 3, 12);
    expect(report.gold![2]).toMatchObject({ compared: 2, accuracy: 0 });
  });

  it("bootstrap intervals bracket the point estimates", () => {
    const b = report.bootstrap!;
    expect(b.resamples).toBe(200);
    expect(b.krippendorffAlpha.lower!).toBeLessThanOrEqual(report.krippendorffAlpha.alpha!);
    expect(b.krippendorffAlpha.upper!).toBeGreaterThanOrEqual(report.krippendorffAlpha.alpha!);
    expect(b.fleissKappa.lower!).toBeLessThanOrEqual(report.fleissKappa.kappa!);
    expect(b.fleissKappa.upper!).toBeGreaterThanOrEqual(report.fleissKappa.kappa!);
  });

  it("omits gold and bootstrap unless asked", () => {
    const plain = computeAgreement(ratings);
    expect(plain.gold).toBeNull();
    expect(plain.bootstrap).toBeNull();
    expect(plain.fleissKappa).toEqual(report.fleissKappa);
  });
});

describe("computeAgreement on limiting and degenerate input", () => {
  it("perfect agreement scores 1 everywhere it is defined", () => {
    const r = ratingsFrom(
      [
        { item: 1, annotator: "a", label: "x" },
        { item: 1, annotator: "b", label: "x" },
        { item: 2, annotator: "a", label: "y" },
        { item: 2, annotator: "b", label: "y" },
        { item: 3, annotator: "a", label: "x" },
        { item: 3, annotator: "b", label: "x" },
      ],
      ["x", "y"],
    ).ratings;
    const rep = computeAgreement(r);
    expect(rep.percentAgreement).toEqual({ pairwise: 1, allAgree: 1, items: 3 });
    expect(rep.fleissKappa.kappa).toBe(1);
    expect(rep.krippendorffAlpha.alpha).toBe(1);
    expect(rep.pairwise.cohenKappa[0][1]).toBe(1);
    expect(rep.perLabel.map((l) => l.kappa)).toEqual([1, 1]);
    expect(rep.confusedPairs).toEqual([]);
  });

  it("no item with two ratings: nulls, no exception", () => {
    const r: Ratings = {
      labelCount: 3,
      annotatorCount: 2,
      itemCount: 3,
      item: Int32Array.of(0, 1, 2),
      annotator: Int32Array.of(0, 1, 0),
      label: Int32Array.of(0, 1, 2),
    };
    const rep = computeAgreement(r, { bootstrap: { resamples: 20 } });
    expect(rep.pairableItems).toBe(0);
    expect(rep.percentAgreement.pairwise).toBeNull();
    expect(rep.fleissKappa.kappa).toBeNull();
    expect(rep.krippendorffAlpha.alpha).toBeNull();
    expect(rep.pairwise.cohenKappa[0][1]).toBeNull();
    expect(rep.perLabel.every((l) => l.kappa === null && l.specificAgreement === null)).toBe(true);
    expect(rep.bootstrap!.fleissKappa).toEqual({ lower: null, upper: null, undefinedResamples: 20 });
    expect(JSON.parse(JSON.stringify(rep))).toEqual(rep);
  });

  it("a single category everywhere: agreement 1, chance-corrected statistics null", () => {
    const r: Ratings = {
      labelCount: 2,
      annotatorCount: 2,
      itemCount: 3,
      item: Int32Array.of(0, 0, 1, 1, 2, 2),
      annotator: Int32Array.of(0, 1, 0, 1, 0, 1),
      label: Int32Array.of(1, 1, 1, 1, 1, 1),
    };
    const rep = computeAgreement(r);
    expect(rep.percentAgreement.pairwise).toBe(1);
    expect(rep.fleissKappa.kappa).toBeNull();
    expect(rep.krippendorffAlpha.alpha).toBeNull();
    expect(rep.pairwise.cohenKappa[0][1]).toBeNull();
    expect(rep.pairwise.percentAgreement[0][1]).toBe(1);
  });

  it("empty project: no items, no ratings", () => {
    const rep = computeAgreement({
      labelCount: 2,
      annotatorCount: 0,
      itemCount: 0,
      item: new Int32Array(0),
      annotator: new Int32Array(0),
      label: new Int32Array(0),
    });
    expect(rep.pairableItems).toBe(0);
    expect(rep.pairwise.cohenKappa).toEqual([]);
    expect(rep.fleissKappa.kappa).toBeNull();
  });

  it("invalid ratings are an AgreementError, not a wrong number", () => {
    const bad = { ...ratings, label: ratings.label.map((l, k) => (k === 0 ? 9 : l)) };
    expect(() => computeAgreement(bad)).toThrow(AgreementError);
  });
});
