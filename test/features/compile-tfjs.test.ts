import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { compileToTfjs, disposeTfInputs } from "@/lib/features/compile-tfjs";
import { fitFeatureSpec } from "@/lib/features/fit";
import { bool, cat, date, num, rows, table } from "./tables";
import { A, EXPECTED, G, OTHER, SPEC, TABLE, TRAIN } from "./hand-worked";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/**
 * Within 1e-6, absolute for |expected| ≤ 1 and relative above: the matrix is
 * float32 (24-bit significand, ≈ 6e-8 relative per rounding, a few roundings
 * per entry), so an entry near 47.5 is only good to ≈ 3e-6 absolute.
 */
function expectMatrix(actual: number[][], expected: number[][], tolerance = 1e-6) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((v, j) => {
      const e = expected[i][j];
      expect(Math.abs(v - e), `row ${i}, column ${j}: ${v} vs ${e}`).toBeLessThan(tolerance * Math.max(1, Math.abs(e)));
    });
  });
}

describe("compileToTfjs", () => {
  const fitted = fitFeatureSpec(SPEC, TABLE, TRAIN);
  const compiled = compileToTfjs(fitted);

  it("names the outputs in design-matrix order", () => {
    expect(compiled.outputs.map((o) => o.name)).toEqual([
      "x", "species=Adelie", "species=Gentoo", "species=<other>", "flag", "when.month", "when.dayofweek", "when.hour",
    ]);
  });

  it("builds the hand-computed float32 design matrix (tolerance 1e-6)", () => {
    const m = compiled.apply(tf, TABLE, rows(0, 1, 2, 3, 4, 5, 6, 7));
    expect(m.shape).toEqual([8, 8]);
    expect(m.dtype).toBe("float32");
    expectMatrix(m.arraySync(), EXPECTED);
    m.dispose();
  });

  it("selects and orders rows by index", () => {
    const m = compiled.apply(tf, TABLE, rows(7, 0));
    expectMatrix(m.arraySync(), [EXPECTED[7], EXPECTED[0]]);
    m.dispose();
  });

  it("standardised training column has mean 0 and population std 1", () => {
    const m = compiled.apply(tf, TABLE, TRAIN);
    const x = (m.arraySync() as number[][]).map((r) => r[0]);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(Math.abs(Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length) - 1)).toBeLessThan(1e-6);
    m.dispose();
  });

  it("a new batch with its own dictionary: unseen and rare categories → other, missing → Adelie", () => {
    const batch = table(
      num("x", [2.6, 2.6, 2.6, 2.6]),
      cat("species", ["Macaroni", "Gentoo", null, "Chinstrap"], ["Chinstrap", "Macaroni", "Gentoo"]),
      bool("flag", [null, null, null, null]),
      date("when", [null, null, null, null]),
    );
    const m = compiled.apply(tf, batch, rows(0, 1, 2, 3));
    expect((m.arraySync() as number[][]).map((r) => r.slice(1, 4))).toEqual([OTHER, G, A, OTHER]);
    m.dispose();
  });

  it("a constant categorical fill outside the top K sends missing rows to other", () => {
    const f = fitFeatureSpec(
      { columns: [{ name: "s", kind: "categorical", impute: { strategy: "constant", value: "none" }, topK: 1 }] },
      table(cat("s", ["a", "a", null, "b"])),
      rows(0, 1, 2, 3),
    );
    expect(f.columns[0]).toMatchObject({ categories: ["a"] }); // a 2 beats b 1 and "none" 1
    const m = compileToTfjs(f).apply(tf, table(cat("s", [null, "a", "b"])), rows(0, 1, 2));
    expect(m.arraySync()).toEqual([[0, 1], [1, 0], [0, 1]]);
    m.dispose();
  });

  it("an all-missing categorical with a constant fill still compiles (empty dictionary)", () => {
    const f = fitFeatureSpec(
      { columns: [{ name: "s", kind: "categorical", impute: { strategy: "constant", value: "n/a" }, topK: 3 }] },
      table(cat("s", [null, null])),
      rows(0, 1),
    );
    const m = compileToTfjs(f).apply(tf, table(cat("s", [null, null])), rows(0, 1));
    expect(m.arraySync()).toEqual([[1, 0], [1, 0]]);
    m.dispose();
  });

  it("zero rows give a [0, outputs] matrix", () => {
    const m = compiled.apply(tf, TABLE, rows());
    expect(m.shape).toEqual([0, 8]);
    m.dispose();
  });

  it("leaks no tensors: transform is tidy and apply disposes its inputs", () => {
    const before = tf.memory().numTensors;
    const inputs = compiled.toTfInputs(tf, TABLE, TRAIN);
    const m = compiled.transform(tf, inputs);
    disposeTfInputs(inputs);
    m.dispose();
    compiled.apply(tf, TABLE, TRAIN).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
