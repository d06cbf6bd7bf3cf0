import { describe, expect, it } from "vitest";
import { FeatureSpecError } from "@/lib/features/errors";
import { fitFeatureSpec } from "@/lib/features/fit";
import { parseFittedSpec, serializeFittedSpec, type FittedFeatureSpec } from "@/lib/features/spec";
import { bool, cat, date, num, rows, table } from "./tables";

const FITTED = fitFeatureSpec(
  {
    columns: [
      { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" },
      { name: "species", kind: "categorical", impute: { strategy: "constant", value: "?" }, topK: 2 },
      { name: "flag", kind: "boolean", impute: { strategy: "most_frequent" } },
      { name: "when", kind: "date", parts: ["year", "epoch_days"], impute: { strategy: "median" }, scale: "minmax" },
    ],
  },
  table(
    num("x", [0.1, 0.2, null]),
    cat("species", ["b", "a", null]),
    bool("flag", [true, null, false]),
    date("when", ["2024-02-29T23:30:00Z", null, "1969-12-31T23:59:59Z"]),
  ),
  rows(0, 1, 2),
);

/** The same object with every key order reversed, recursively. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  }
  return v;
}

function expectInvalid(json: unknown) {
  expect(() => parseFittedSpec(json)).toThrow(FeatureSpecError);
}

describe("fitted spec JSON", () => {
  it("round trip is byte-stable: serialize(parse(serialize(f))) === serialize(f)", () => {
    const text = serializeFittedSpec(FITTED);
    const back = parseFittedSpec(text);
    expect(back).toEqual(FITTED);
    expect(serializeFittedSpec(back)).toBe(text);
  });

  it("key order comes from the schema, not from how the object was built", () => {
    const shuffled = reverseKeys(FITTED) as FittedFeatureSpec;
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(FITTED));
    expect(serializeFittedSpec(shuffled)).toBe(serializeFittedSpec(FITTED));
  });

  it("puts version, spec, columns, outputs in that order", () => {
    expect(Object.keys(JSON.parse(serializeFittedSpec(FITTED)))).toEqual(["version", "spec", "columns", "outputs"]);
  });

  it("keeps full float64 precision (0.1 + 0.2 imputed mean survives exactly)", () => {
    const x = parseFittedSpec(serializeFittedSpec(FITTED)).columns[0];
    expect(x).toMatchObject({ fill: (0.1 + 0.2) / 2 });
  });

  it("rejects text that is not JSON, another version, and a spec whose parts disagree", () => {
    expectInvalid("{");
    const plain = JSON.parse(serializeFittedSpec(FITTED));
    expectInvalid({ ...plain, version: 2 });
    expectInvalid({ ...plain, outputs: plain.outputs.slice(1) });
    expectInvalid({ ...plain, columns: [...plain.columns].reverse() });
    const tooMany = structuredClone(plain);
    tooMany.columns[1].categories = ["a", "b", "c"]; // topK is 2
    expectInvalid(tooMany);
    const zeroStd = structuredClone(plain);
    zeroStd.columns[0].scale.std = 0;
    expectInvalid(zeroStd);
  });

  it("rejects a fill that JSON cannot carry (NaN became null)", () => {
    const plain = JSON.parse(serializeFittedSpec(FITTED));
    plain.columns[0].fill = null;
    expectInvalid(plain);
  });
});
