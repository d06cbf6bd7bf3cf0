import { describe, expect, it } from "vitest";
import { defaultSpecFor, parseFeatureSpec } from "@/lib/features/spec";
import { bool, cat, date, num } from "./tables";

describe("defaultSpecFor", () => {
  it("suggests mean+standard, most_frequent+top 20, most_frequent, and year/month/dayofweek+median+standard", () => {
    const spec = defaultSpecFor([num("x", [1]), cat("s", ["a"]), bool("b", [true]), date("d", [null])]);
    expect(spec).toEqual({
      columns: [
        { name: "x", kind: "numeric", impute: { strategy: "mean" }, scale: "standard" },
        { name: "s", kind: "categorical", impute: { strategy: "most_frequent" }, topK: 20 },
        { name: "b", kind: "boolean", impute: { strategy: "most_frequent" } },
        { name: "d", kind: "date", parts: ["year", "month", "dayofweek"], impute: { strategy: "median" }, scale: "standard" },
      ],
    });
    expect(parseFeatureSpec(spec)).toEqual(spec);
  });
});
