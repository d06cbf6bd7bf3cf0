import { describe, expect, it } from "vitest";
import { datasetChange } from "@/lib/runs/dataset-change";

const v = (version: number, fingerprint: string) => ({ name: "penguins", version, fingerprint });

describe("datasetChange: does a run's data still match what is loaded?", () => {
  it("is the same when the newest loaded version carries the run's fingerprint", () => {
    expect(datasetChange({ name: "penguins", version: 2, fingerprint: "b" }, [v(1, "a"), v(2, "b")]).kind).toBe("same");
  });
  it("is changed when a newer version with other bytes was loaded, and names both versions", () => {
    const c = datasetChange({ name: "penguins", version: 1, fingerprint: "a" }, [v(2, "b"), v(1, "a")]);
    expect(c.kind).toBe("changed");
    expect(c.message).toContain("version 1");
    expect(c.message).toContain("version 2 is current");
  });
  it("compares by fingerprint: the same bytes loaded again as a new version are no change", () => {
    expect(datasetChange({ name: "penguins", version: 1, fingerprint: "a" }, [v(1, "a"), v(2, "a")]).kind).toBe("same");
  });
  it("says so when the table is not loaded, or the run read a query", () => {
    expect(datasetChange({ name: "penguins", version: 1, fingerprint: "a" }, []).kind).toBe("missing");
    expect(datasetChange({ name: "SELECT 1", version: null, fingerprint: null }, [v(1, "a")]).kind).toBe("unknown");
  });
});
