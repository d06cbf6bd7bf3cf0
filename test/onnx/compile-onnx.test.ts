import { describe, expect, it } from "vitest";
import { compileFeaturesToOnnx, MISSING_CATEGORY } from "@/lib/features/compile-onnx";
import { fitFeatureSpec } from "@/lib/features/fit";
import { GraphBuilder, ML_DOMAIN } from "@/lib/onnx/graph";
import { onnxFeeds } from "@/lib/onnx/inputs";
import { DataType, encodeModel } from "@/lib/onnx/proto";
import { bool, cat, date, num, rows, table } from "../features/tables";
import { A, EXPECTED, G, OTHER, SPEC, TABLE, TRAIN } from "../features/hand-worked";
import { matrix, runOnnx } from "./ort-node";

/** A model that only applies the fitted features, so the design matrix itself is the output. */
function featuresOnly(fitted: ReturnType<typeof fitFeatureSpec>): Uint8Array {
  const g = new GraphBuilder();
  g.output(compileFeaturesToOnnx(g, fitted), "design_matrix", DataType.FLOAT, ["N", fitted.outputs.length]);
  return encodeModel({
    ir_version: 8,
    opset_import: [{ domain: "", version: 17 }, { domain: ML_DOMAIN, version: 3 }],
    producer_name: "test",
    producer_version: "0",
    graph: g.graph("features"),
    metadata_props: [],
  });
}

describe("compileFeaturesToOnnx in onnxruntime-node", () => {
  const fitted = fitFeatureSpec(SPEC, TABLE, TRAIN);
  const bytes = featuresOnly(fitted);

  it("builds the hand-computed design matrix of the TF.js compiler's test from raw columns (tolerance 1e-6)", async () => {
    const out = await runOnnx(bytes, onnxFeeds(fitted, TABLE, rows(0, 1, 2, 3, 4, 5, 6, 7)));
    const m = matrix(out.design_matrix);
    expect(m.length).toBe(8);
    m.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - EXPECTED[i][j]), `row ${i}, column ${j}`).toBeLessThan(1e-6 * Math.max(1, Math.abs(EXPECTED[i][j])))));
  });

  it("a new batch: unseen and rare categories → other, missing → the fill's slot", async () => {
    const batch = table(
      num("x", [2.6, 2.6, 2.6, 2.6]),
      cat("species", ["Macaroni", "Gentoo", null, "Chinstrap"], ["Chinstrap", "Macaroni", "Gentoo"]),
      bool("flag", [null, null, null, null]),
      date("when", [null, null, null, null]),
    );
    const feeds = onnxFeeds(fitted, batch, rows(0, 1, 2, 3));
    expect(feeds.find((f) => f.name === "species")?.data).toEqual(["Macaroni", "Gentoo", MISSING_CATEGORY, "Chinstrap"]);
    const m = matrix((await runOnnx(bytes, feeds)).design_matrix);
    expect(m.map((r) => r.slice(1, 4))).toEqual([OTHER, G, A, OTHER]);
  });

  it("a constant categorical fill outside the top K sends missing rows to other", async () => {
    const f = fitFeatureSpec(
      { columns: [{ name: "s", kind: "categorical", impute: { strategy: "constant", value: "none" }, topK: 1 }] },
      table(cat("s", ["a", "a", null, "b"])),
      rows(0, 1, 2, 3),
    );
    const m = matrix((await runOnnx(featuresOnly(f), onnxFeeds(f, table(cat("s", [null, "a", "b"])), rows(0, 1, 2)))).design_matrix);
    expect(m).toEqual([[0, 1], [1, 0], [0, 1]]);
  });

  it("refuses a training category that is the missing marker, naming it", () => {
    const f = fitFeatureSpec(
      { columns: [{ name: "s", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 3 }] },
      table(cat("s", [MISSING_CATEGORY, "a"])),
      rows(0, 1),
    );
    expect(() => featuresOnly(f)).toThrow(/"s".*<missing>/);
  });
});
