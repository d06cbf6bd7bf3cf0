import { describe, expect, it } from "vitest";
import { fleissKappa } from "@/lib/labels/agreement/fleiss";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { countLabels } from "@/lib/labels/agreement/label-counts";
import { binaryRatingsForLabel } from "@/lib/labels/agreement/multi-label";
import { perLabelAgreement } from "@/lib/labels/agreement/per-label";
import { createRandom } from "@/lib/labels/agreement/random";
import type { Ratings } from "@/lib/labels/agreement/ratings";

/** Ratings from a subjects × raters matrix of 1-based category numbers; null = not rated. */
function fromMatrix(rows: (number | null)[][], labelCount: number): Ratings {
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  rows.forEach((row, i) =>
    row.forEach((v, a) => {
      if (v === null) return;
      item.push(i);
      annotator.push(a);
      label.push(v - 1);
    }),
  );
  return {
    labelCount,
    annotatorCount: Math.max(...rows.map((r) => r.length)),
    itemCount: rows.length,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  };
}

/** Ratings from a subjects × categories table of counts n_ij (raters numbered per item). */
function fromCounts(table: number[][]): Ratings {
  const rows = table.map((counts) => counts.flatMap((n, j) => Array<number>(n).fill(j + 1)));
  return fromMatrix(rows, table[0].length);
}

const counts = (r: Ratings) => countLabels(indexByItem(r));

/*
 * Fleiss (1971), "Measuring nominal scale agreement among many raters",
 * Psychological Bulletin 76(5) 378–382, Table 1: 30 patients, 6 psychiatrists
 * each, 5 diagnoses (1 depression, 2 personality disorder, 3 schizophrenia,
 * 4 neurosis, 5 other). The table is distributed as the `diagnoses` data set
 * of R package irr (Gamer et al.), whose kappam.fleiss(diagnoses, detail =
 * TRUE) reports Kappa = 0.430 and category kappas 0.245, 0.245, 0.520,
 * 0.471, 0.566 — the values in the paper. Rows below: one patient, the six
 * raters' diagnoses.
 */
const DIAGNOSES = [
  [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
  [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
  [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
  [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
  [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
  [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
];

/*
 * Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5
 * categories, given as counts n_ij. The article reports P̄ = 0.378,
 * P̄e = 0.213, κ = 0.210 and p_j = 0.143, 0.200, 0.279, 0.150, 0.229.
 */
const WIKIPEDIA = [
  [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
];

describe("Fleiss' kappa against published values", () => {
  it("Fleiss (1971) Table 1 / irr `diagnoses`: κ = 0.430", () => {
    const k = fleissKappa(counts(fromMatrix(DIAGNOSES, 5)));
    expect(k.items).toBe(30);
    expect(k.kappa).toBeCloseTo(0.43, 3);
  });

  it("Fleiss (1971) category kappas: 0.245, 0.245, 0.520, 0.471, 0.566", () => {
    const perLabel = perLabelAgreement(counts(fromMatrix(DIAGNOSES, 5)));
    [0.245, 0.245, 0.52, 0.471, 0.566].forEach((k, j) => expect(perLabel[j].kappa).toBeCloseTo(k, 3));
  });

  it("Wikipedia worked example: P̄ = 0.378, P̄e = 0.213, κ = 0.210", () => {
    const t = counts(fromCounts(WIKIPEDIA));
    const k = fleissKappa(t);
    expect(k.observed).toBeCloseTo(0.378, 3);
    expect(k.expected).toBeCloseTo(0.213, 3);
    expect(k.kappa).toBeCloseTo(0.21, 3);
    const shares = perLabelAgreement(t).map((l) => l.share);
    [0.143, 0.2, 0.279, 0.15, 0.229].forEach((p, j) => expect(shares[j]).toBeCloseTo(p, 3));
  });
});

/** Fleiss (1971) equations written out directly over an N × K count table with equal n per row. */
function naiveFleiss(table: number[][]): number {
  const N = table.length;
  const n = table[0].reduce((a, b) => a + b, 0);
  const K = table[0].length;
  const p = Array.from({ length: K }, (_, j) => table.reduce((s, row) => s + row[j], 0) / (N * n));
  const P = table.map((row) => (row.reduce((s, x) => s + x * x, 0) - n) / (n * (n - 1)));
  const Pbar = P.reduce((a, b) => a + b, 0) / N;
  const Pe = p.reduce((s, x) => s + x * x, 0);
  return (Pbar - Pe) / (1 - Pe);
}

describe("Fleiss' kappa: independent checks", () => {
  it("equals a direct implementation of Fleiss (1971) on seeded random data with 4 raters per item", () => {
    const rng = createRandom(2024);
    const K = 4;
    const matrix = Array.from({ length: 500 }, () => {
      const truth = rng.uint32() % K;
      return Array.from({ length: 4 }, () => 1 + (rng.float() < 0.6 ? truth : rng.uint32() % K));
    });
    const table = matrix.map((row) => Array.from({ length: K }, (_, j) => row.filter((v) => v === j + 1).length));
    expect(fleissKappa(counts(fromMatrix(matrix, K))).kappa).toBeCloseTo(naiveFleiss(table), 12);
  });

  it("with varying raters per item uses each item's own n_i and leaves single-rated items out (hand computed)", () => {
    // Item 1: (1,1,2)  P_1 = (2·1 + 0) / (3·2) = 1/3
    // Item 2: (1,1)    P_2 = 1
    // Item 3: (2,2,2,1) P_3 = (3·2 + 0) / (4·3) = 1/2
    // Item 4: (2)      one rating: left out
    // P̄ = (1/3 + 1 + 1/2) / 3 = 11/18; ratings of items 1–3: 1 ×5, 2 ×4 → p = (5/9, 4/9)
    // P̄e = 25/81 + 16/81 = 41/81; κ = (11/18 − 41/81) / (1 − 41/81) = (99 − 82)/162 / (40/81) = 17/80
    const r = fromMatrix([[1, 1, 2], [1, 1], [2, 2, 2, 1], [2]], 2);
    const k = fleissKappa(counts(r));
    expect(k.items).toBe(3);
    expect(k.observed).toBeCloseTo(11 / 18, 12);
    expect(k.expected).toBeCloseTo(41 / 81, 12);
    expect(k.kappa).toBeCloseTo(17 / 80, 12);
  });

  it("is the p_j q_j-weighted mean of the category kappas (Fleiss 1971), also with varying raters", () => {
    const rng = createRandom(7);
    const K = 5;
    const matrix = Array.from({ length: 300 }, () => {
      const truth = rng.uint32() % K;
      const raters = 1 + (rng.uint32() % 5);
      return Array.from({ length: raters }, () => 1 + (rng.float() < 0.5 ? truth : rng.uint32() % K));
    });
    const t = counts(fromMatrix(matrix, K));
    const perLabel = perLabelAgreement(t);
    const pq = perLabel.map((l) => l.share * (1 - l.share));
    const weighted = perLabel.reduce((s, l, j) => s + pq[j] * l.kappa, 0) / pq.reduce((a, b) => a + b, 0);
    expect(fleissKappa(t).kappa).toBeCloseTo(weighted, 12);
  });

  it("category kappa equals Fleiss' kappa of the present/absent split of that label", () => {
    const rng = createRandom(99);
    const K = 3;
    const matrix = Array.from({ length: 200 }, () =>
      Array.from({ length: 2 + (rng.uint32() % 3) }, () => 1 + (rng.uint32() % K)),
    );
    const r = fromMatrix(matrix, K);
    const labelStart = Int32Array.from({ length: r.label.length + 1 }, (_, k) => k);
    const multi = { ...r, labelStart, labels: r.label };
    const perLabel = perLabelAgreement(counts(r));
    for (let j = 0; j < K; j++) {
      expect(perLabel[j].kappa).toBeCloseTo(fleissKappa(counts(binaryRatingsForLabel(multi, j))).kappa, 12);
    }
  });
});

describe("Fleiss' kappa: limits and degenerate input", () => {
  it("is 1 under perfect agreement with more than one category in use", () => {
    expect(fleissKappa(counts(fromMatrix([[1, 1, 1], [2, 2, 2], [3, 3]], 3))).kappa).toBe(1);
  });

  it("is NaN, not an exception, when every rating is one category (P̄e = 1)", () => {
    const k = fleissKappa(counts(fromMatrix([[2, 2], [2, 2, 2]], 3)));
    expect(k.observed).toBe(1);
    expect(k.kappa).toBeNaN();
  });

  it("is NaN with no item rated twice", () => {
    const k = fleissKappa(counts(fromMatrix([[1], [2], [null, 3]], 3)));
    expect(k.items).toBe(0);
    expect(k.kappa).toBeNaN();
  });
});
