import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { pushVersion } from "@/lib/serve/push";
import { StoreError } from "@/lib/store/store-error";
import type { Store } from "@/lib/store/store";
import { exportedPenguinModel } from "./exported-model";

let exported: ExportCheckResult;
beforeAll(async () => {
  exported = await exportedPenguinModel();
});

/** A store whose champion lookup answers `champion` (or fails with it), and which records what it was asked to store. */
function storeWith(champion: () => Promise<number | null>) {
  const stored = vi.fn(async (v: { verdict: unknown }) => ({ version: { version: 1, verdict: v.verdict }, created: true }));
  const store = { models: { aliasVersion: champion, modelFile: vi.fn(), pushVersion: stored } } as unknown as Store;
  return { store, stored };
}

const request = () => ({ onnx: Buffer.from(exported.files.fp32).toString("base64"), reference: exported.references.fp32, note: "" });

describe("pushVersion and the champion it is judged against", () => {
  it("a model without a champion: judged without one, and stored", async () => {
    const { store, stored } = storeWith(async () => null);
    await pushVersion(store, "penguins", request(), "u1");
    expect(stored).toHaveBeenCalledTimes(1);
    const { verdict } = stored.mock.calls[0][0] as { verdict: { blessed: boolean; checks: { name: string; detail: string }[] } };
    expect(verdict.blessed).toBe(true);
    expect(verdict.checks.find((c) => c.name === "champion")?.detail).toMatch(/no champion/);
  });

  it("a store that cannot say who the champion is: the push fails as the store did, and nothing is judged or stored", async () => {
    const { store, stored } = storeWith(() => Promise.reject(new StoreError("unavailable", "database unavailable: connect ECONNREFUSED")));
    await expect(pushVersion(store, "penguins", request(), "u1")).rejects.toMatchObject({ code: "unavailable" });
    expect(stored).not.toHaveBeenCalled();
  });
});
