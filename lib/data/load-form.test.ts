import { describe, expect, it } from "vitest";
import { DEFAULT_LOAD_FORM, loadOptions } from "./load-form";

describe("loadOptions", () => {
  it("leaves everything to detection by default", () => {
    expect(loadOptions(DEFAULT_LOAD_FORM)).toEqual({ tableName: undefined, csv: {}, maxBytes: 1024 ** 3 });
  });
  it("turns the form into overrides", () => {
    const o = loadOptions({ tableName: " codes ", delimiter: "\\t", header: "no", types: "zip: varchar", maxMb: "0.5" });
    expect(o).toEqual({ tableName: "codes", csv: { delimiter: "\t", header: false, types: { zip: "VARCHAR" } }, maxBytes: 524288 });
  });
  it("falls back to the default limit on a non-positive size and rejects bad types", () => {
    expect(loadOptions({ ...DEFAULT_LOAD_FORM, maxMb: "-1" }).maxBytes).toBe(1024 ** 3);
    expect(() => loadOptions({ ...DEFAULT_LOAD_FORM, types: "zip varchar" })).toThrow(/column: TYPE/);
  });
});
