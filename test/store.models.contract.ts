import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GateVerdict } from "@/lib/api/models";
import type { NewModelVersion } from "@/lib/store/models";
import type { Store } from "@/lib/store/store";
import type { OpenAt } from "./store.contract";

const blessed: GateVerdict = { blessed: true, checks: [{ name: "size", passed: true, detail: "10 bytes" }] };
const vetoed: GateVerdict = { blessed: false, checks: [{ name: "reference", passed: false, detail: "output differs" }] };

function version(model: string, content: string, verdict = blessed): NewModelVersion {
  const bytes = new TextEncoder().encode(content);
  return {
    model,
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    metadata: { "lathe.task": "binary" },
    reference: { inputs: [{ name: "x", shape: [1, 1], datatype: "FP32", data: [1] }], outputs: [{ name: "probabilities", shape: [1, 2], datatype: "FP32", data: [0.2, 0.8] }] },
    verdict,
    runId: null,
    note: "",
  };
}

export function describeModelStoreContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`ModelStore contract: ${name}`, () => {
    let store: Store;
    let owner: string;
    beforeAll(async () => {
      store = await (await newLocation())();
      owner = (await store.users.createUser({ username: "deployer", displayName: "Deployer", role: "data_scientist" }, "password123")).id;
    });
    afterAll(async () => {
      await store?.close();
    });

    it("numbers versions per model, keeps their bytes, and returns the same version for the same bytes", async () => {
      const a = await store.models.pushVersion(version("churn", "model-a"), owner);
      expect(a).toMatchObject({ created: true, version: { model: "churn", version: 1, sizeBytes: 7, verdict: blessed } });
      const again = await store.models.pushVersion(version("churn", "model-a"), owner);
      expect(again).toMatchObject({ created: false, version: { version: 1 } });
      const b = await store.models.pushVersion(version("churn", "model-b"), owner);
      expect(b.version.version).toBe(2);
      const file = await store.models.modelFile("churn", 2);
      expect(new TextDecoder().decode(file.bytes)).toBe("model-b");
      expect(file.sha256).toBe(b.version.sha256);
      // The same bytes under another model name are that model's version 1.
      expect((await store.models.pushVersion(version("fraud", "model-a"), owner)).version.version).toBe(1);
      await expect(store.models.modelFile("churn", 9)).rejects.toMatchObject({ code: "not_found" });
      await expect(store.models.getModel("nope")).rejects.toMatchObject({ code: "not_found" });
    });

    it("concurrent pushes of one model get distinct numbers and lose nothing", async () => {
      const pushes = await Promise.all(Array.from({ length: 6 }, (_, i) => store.models.pushVersion(version("race", `bytes-${i}`), owner)));
      expect(pushes.map((p) => p.version.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      const same = await Promise.all(Array.from({ length: 4 }, () => store.models.pushVersion(version("race2", "same"), owner)));
      expect(new Set(same.map((p) => p.version.version))).toEqual(new Set([1]));
      expect(same.filter((p) => p.created)).toHaveLength(1);
    });

    it("moves aliases to blessed versions only, logging who, when, why and from where", async () => {
      await store.models.pushVersion(version("rank", "r1"), owner);
      await store.models.pushVersion(version("rank", "r2"), owner);
      await store.models.pushVersion(version("rank", "r3-bad", vetoed), owner);
      await store.models.moveAlias("rank", "champion", 1, "first model", owner);
      const d = await store.models.moveAlias("rank", "champion", 2, "better on mobile", owner);
      expect(d.aliases).toEqual({ champion: 2 });
      expect(d.history.map((h) => [h.alias, h.fromVersion, h.toVersion, h.reason])).toEqual([
        ["champion", 1, 2, "better on mobile"],
        ["champion", null, 1, "first model"],
      ]);
      expect(d.history[0].movedBy).toBe(owner);
      await expect(store.models.moveAlias("rank", "challenger", 3, "try it", owner)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/vetoed/) });
      await expect(store.models.moveAlias("rank", "champion", 7, "typo", owner)).rejects.toMatchObject({ code: "not_found" });
      expect(await store.models.aliasVersion("rank", "champion")).toBe(2);
      expect(await store.models.aliasVersion("rank", "challenger")).toBeNull();
      const list = await store.models.listModels();
      expect(list.find((m) => m.name === "rank")).toMatchObject({ versions: 3, latest: 3, aliases: { champion: 2 } });
    });

    it("keeps a traffic policy per model; its challenger must be a blessed version", async () => {
      await store.models.pushVersion(version("split", "s1"), owner);
      await store.models.pushVersion(version("split", "s2"), owner);
      await store.models.pushVersion(version("split", "s3-bad", vetoed), owner);
      expect(await store.models.trafficPolicy("split")).toEqual({ mode: "champion" });
      const canary = { mode: "canary" as const, challenger: 2, percent: 10, stickyKey: "x-user" };
      expect(await store.models.setTrafficPolicy("split", canary, owner)).toEqual(canary);
      expect(await store.models.trafficPolicy("split")).toEqual(canary);
      await expect(store.models.setTrafficPolicy("split", { mode: "shadow", challenger: 3, percent: 50 }, owner)).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/vetoed/) });
      await expect(store.models.setTrafficPolicy("split", { mode: "shadow", challenger: 9, percent: 50 }, owner)).rejects.toMatchObject({ code: "not_found" });
      await expect(store.models.setTrafficPolicy("nobody", { mode: "champion" }, owner)).rejects.toMatchObject({ code: "not_found" });
      expect(await store.models.trafficPolicy("split")).toEqual(canary);
    });

    it("answers the latest alias and policy right after each move, reads interleaved with writes included (PGlite keeps them in memory)", async () => {
      for (const c of ["c1", "c2", "c3"]) await store.models.pushVersion(version("flip", c), owner);
      for (const v of [1, 2, 3, 1]) {
        // A read racing the move may see either side; the read after it must see the move.
        const [, moved] = await Promise.all([store.models.aliasVersion("flip", "champion"), store.models.moveAlias("flip", "champion", v, "flip", owner)]);
        expect(moved.aliases.champion).toBe(v);
        expect(await store.models.aliasVersion("flip", "champion")).toBe(v);
        const policy = { mode: "shadow" as const, challenger: v, percent: 10 * v };
        await Promise.all([store.models.trafficPolicy("flip"), store.models.setTrafficPolicy("flip", policy, owner)]);
        expect(await store.models.trafficPolicy("flip")).toEqual(policy);
      }
      // A failed move leaves what was there.
      await expect(store.models.moveAlias("flip", "champion", 9, "no such version", owner)).rejects.toMatchObject({ code: "not_found" });
      expect(await store.models.aliasVersion("flip", "champion")).toBe(1);
    });
  });
}
