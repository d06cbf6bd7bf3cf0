import { describe, expect, it } from "vitest";
import { indexByItem } from "@/lib/labels/agreement/item-index";
import { coincidenceMatrix, krippendorffAlpha } from "@/lib/labels/agreement/krippendorff";
import { countLabels } from "@/lib/labels/agreement/label-counts";
import { createRandom } from "@/lib/labels/agreement/random";
import type { Ratings } from "@/lib/labels/agreement/ratings";

/** Ratings from an observers × units reliability data matrix of 1-based values; null = missing. */
function fromReliabilityData(observers: (number | null)[][], labelCount: number): Ratings {
  const item: number[] = [];
  const annotator: number[] = [];
  const label: number[] = [];
  observers.forEach((row, a) =>
    row.forEach((v, u) => {
      if (v === null) return;
      item.push(u);
      annotator.push(a);
      label.push(v - 1);
    }),
  );
  return {
    labelCount,
    annotatorCount: observers.length,
    itemCount: observers[0].length,
    item: Int32Array.from(item),
    annotator: Int32Array.from(annotator),
    label: Int32Array.from(label),
  };
}

const counts = (r: Ratings) => countLabels(indexByItem(r));
const _ = null;

/*
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * section C ("nominal data, any number of observers, missing data"):
 * 4 observers, 12 units, values 1–5. Reported: nominal α = 0.743,
 * value totals n_1..n_5 = 9, 13, 10, 5, 3 with n = 40 pairable values;
 * unit 12 holds a single value and is unpairable.
 */
const EXAMPLE_C = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha (nominal) against Krippendorff (2011), example C", () => {
  const t = counts(fromReliabilityData(EXAMPLE_C, 5));

  it("α = 0.743", () => {
    const a = krippendorffAlpha(t);
    expect(a.alpha).toBeCloseTo(0.743, 3);
    // Exactly: Σ o_cc = 32, n = 40, Σ n_c² = 384 → α = 1 − 39·8 / (1600 − 384) = 113/152.
    expect(a.alpha).toBeCloseTo(113 / 152, 12);
  });

  it("uses 40 pairable values from 11 units: unit 12's single value is left out", () => {
    const a = krippendorffAlpha(t);
    expect(a.pairableValues).toBe(40);
    expect(a.units).toBe(11);
  });

  it("coincidence matrix: margins 9, 13, 10, 5, 3 and the entries worked by hand", () => {
    const o = coincidenceMatrix(t);
    const K = 5;
    const rowSums = Array.from({ length: K }, (_, c) => o.slice(c * K, c * K + K).reduce((s, x) => s + x, 0));
    [9, 13, 10, 5, 3].forEach((n, c) => expect(rowSums[c]).toBeCloseTo(n, 12));
    // Row 1: unit 1 (1,1,1) gives o_11 += 3·2/2 = 3; unit 8 (1,1,2,1) o_11 += 3·2/3 = 2,
    // o_12 += 3·1/3 = 1; unit 11 (1,1) o_11 += 2; unit 6 (1,2,3,4) o_1k += 1/3 each.
    const row1 = [7, 4 / 3, 1 / 3, 1 / 3, 0];
    row1.forEach((v, k) => expect(o[k]).toBeCloseTo(v, 12));
    for (let c = 0; c < K; c++) for (let k = 0; k < K; k++) expect(o[c * K + k]).toBeCloseTo(o[k * K + c], 12);
  });
});

/**
 * Krippendorff's definition enumerated literally: every ordered pair of values
 * from different observers within a unit adds 1/(m_u − 1) to o_ck; then
 * α = 1 − (n − 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
 */
function naiveAlpha(observers: (number | null)[][], K: number): number {
  const o = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  const units = observers[0].length;
  for (let u = 0; u < units; u++) {
    const values = observers.map((row) => row[u]).filter((v): v is number => v !== null);
    const m = values.length;
    if (m < 2) continue;
    for (let x = 0; x < m; x++) for (let y = 0; y < m; y++) if (x !== y) o[values[x] - 1][values[y] - 1] += 1 / (m - 1);
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  let disagree = 0;
  let expected = 0;
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      if (c === k) continue;
      disagree += o[c][k];
      expected += nc[c] * nc[k];
    }
  }
  return 1 - ((n - 1) * disagree) / expected;
}

describe("Krippendorff's alpha: independent checks", () => {
  it("equals literal pair enumeration on seeded random data with 30% missing values", () => {
    const rng = createRandom(11);
    const K = 4;
    const units = 400;
    const truth = Array.from({ length: units }, () => 1 + (rng.uint32() % K));
    const observers = Array.from({ length: 6 }, () =>
      truth.map((v) => (rng.float() < 0.3 ? null : rng.float() < 0.65 ? v : 1 + (rng.uint32() % K))),
    );
    expect(krippendorffAlpha(counts(fromReliabilityData(observers, K))).alpha).toBeCloseTo(naiveAlpha(observers, K), 12);
  });

  it("is 1 under perfect agreement and NaN when a single value is used throughout", () => {
    expect(krippendorffAlpha(counts(fromReliabilityData([[1, 2, 3], [1, 2, 3]], 3))).alpha).toBe(1);
    expect(krippendorffAlpha(counts(fromReliabilityData([[2, 2, 2], [2, 2, _]], 3))).alpha).toBeNaN();
  });

  it("is NaN with no pairable unit", () => {
    const a = krippendorffAlpha(counts(fromReliabilityData([[1, _, 3], [_, 2, _]], 3)));
    expect(a.pairableValues).toBe(0);
    expect(a.alpha).toBeNaN();
  });
});
