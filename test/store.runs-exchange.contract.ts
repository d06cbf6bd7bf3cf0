import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExport, runExportSchema } from "@/lib/api/run-export";
import type { Run } from "@/lib/api/runs";
import type { Store } from "@/lib/store/store";
import type { OpenAt } from "./store.contract";
import { epoch, exportedRun, runRequest } from "./store.runs.contract";

/** What an import may change: the owner and the "imported" tag. */
const sameRunAs = (r: Run) => ({ ...r, createdBy: "(importer)", tags: [] });

/**
 * Runs files between two stores (the same run on two Lathes): export,
 * import keeping everything, skipping what exists, ending what was running,
 * and writing nothing when one run is refused.
 */
export function describeRunExchangeContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`RunStore contract, export and import: ${name}`, () => {
    let here: Store;
    let there: Store;
    let owner: string;
    let importer: string;
    beforeAll(async () => {
      [here, there] = await Promise.all([(await newLocation())(), (await newLocation())()]);
      owner = (await here.users.createUser({ username: "exporter", displayName: "Exporter", role: "data_scientist" }, "password123")).id;
      importer = (await there.users.createUser({ username: "importer", displayName: "Importer", role: "data_scientist" }, "password123")).id;
    });
    afterAll(async () => {
      await Promise.all([here?.close(), there?.close()]);
    });

    /** A finished run with every part filled in, and a failed re-run of it. */
    async function parentAndChild(): Promise<[Run, Run]> {
      const p = await here.runs.createRun(runRequest({ tags: ["baseline"], labelSnapshot: "snap-1", notes: "first try" }), owner);
      await here.runs.updateRun(p.id, { curves: [epoch(1), epoch(2)] });
      const parent = await here.runs.updateRun(p.id, {
        status: "finished",
        curves: [epoch(1), epoch(2), epoch(3)],
        metrics: { test: { accuracy: 0.97, confusion: [[5, 1], [0, 6]] } },
        primaryMetric: 0.9612345678901234,
        weights: { layers: [{ shape: [2], values: [0.25, -1.5e-7] }] },
        fittedFeatures: { columns: [{ name: "Island", kind: "onehot", categories: ["Biscoe", "Dream"] }] },
        timings: { trainMs: 1234.5 },
      });
      const c = await here.runs.createRun(runRequest({ parentId: parent.id, tags: ["rerun", "l2"] }), owner);
      const child = await here.runs.updateRun(c.id, { status: "failed", curves: [epoch(1)], error: { code: "non_finite_loss", message: "loss became NaN in epoch 2" } });
      return [parent, child];
    }

    it("round-trips every part of a run through a runs file, child before parent, as the importer with an imported tag", async () => {
      const [parent, child] = await parentAndChild();
      const out = await here.runs.exportRuns({ ids: [child.id, parent.id] });
      expect(out.runs.map((r) => r.id)).toEqual([child.id, parent.id]);
      expect(out.total).toBe(2);
      // Through the file's text and schema, as the import route reads it.
      const file = runExportSchema.parse(JSON.parse(JSON.stringify(runExport(out.runs, new Date()))));
      expect(file.runs).toEqual(out.runs);

      expect(await there.runs.importRuns(file.runs, importer)).toEqual({ imported: 2, skipped: [], unlinked: [] });
      for (const r of [parent, child]) {
        const got = await there.runs.getRun(r.id);
        const before = await here.runs.getRun(r.id);
        expect(sameRunAs(got)).toEqual(sameRunAs(before));
        expect(got.createdBy).toBe(importer);
        expect(got.tags).toEqual([...before.tags, "imported"]);
      }
      expect((await there.runs.getRun(child.id)).parentId).toBe(parent.id);
      const listed = await there.runs.listRuns({ sort: "created", dir: "desc", tag: "imported", limit: 10, offset: 0 });
      expect(listed.runs.map((r) => r.id).sort()).toEqual([parent.id, child.id].sort());
    });

    it("skips ids already stored without overwriting them, and imports the rest", async () => {
      const [parent, child] = await parentAndChild();
      const { runs } = await here.runs.exportRuns({ ids: [parent.id, child.id] });
      await there.runs.importRuns([runs[0]], importer);
      await there.runs.updateRun(parent.id, { notes: "edited over there" });
      expect(await there.runs.importRuns(runs, importer)).toEqual({ imported: 1, skipped: [parent.id], unlinked: [] });
      expect(await there.runs.getRun(parent.id)).toMatchObject({ notes: "edited over there", tags: ["baseline", "imported"] });
      // The child links to the parent that was already there.
      expect((await there.runs.getRun(child.id)).parentId).toBe(parent.id);
      expect(await there.runs.importRuns(runs, importer)).toEqual({ imported: 0, skipped: [parent.id, child.id], unlinked: [] });
    });

    it("imports a run still running as failed (abandoned), ended when it last reported, curves kept", async () => {
      const live = await here.runs.createRun(runRequest({ name: "still training" }), owner);
      const reported = await here.runs.updateRun(live.id, { curves: [epoch(1), epoch(2)] });
      const { runs } = await here.runs.exportRuns({ ids: [live.id] });
      expect(runs[0].status).toBe("running");
      await there.runs.importRuns(runs, importer);
      const got = await there.runs.getRun(live.id);
      expect(got).toMatchObject({ status: "failed", error: { code: "abandoned" }, finishedAt: reported.updatedAt, updatedAt: reported.updatedAt });
      expect(got.error?.message).toMatch(/cannot resume/);
      expect(got.curves).toEqual(reported.curves);
      expect((await here.runs.getRun(live.id)).status).toBe("running");
    });

    it("keeps a run whose parent is nowhere, without the link, and says so", async () => {
      const lost = crypto.randomUUID();
      const orphan = exportedRun({ parentId: lost });
      expect(await there.runs.importRuns([orphan], importer)).toEqual({ imported: 1, skipped: [], unlinked: [orphan.id] });
      expect(await there.runs.getRun(orphan.id)).toMatchObject({ parentId: null, createdAt: orphan.createdAt, primaryMetric: 0.93, weights: orphan.weights });
    });

    it("writes nothing when the database refuses one run half-way, and names that run", async () => {
      const good = exportedRun();
      // The route's schema refuses this; the store must still stay whole if such a run gets through.
      const bad = exportedRun({ status: "paused" as Run["status"] });
      const attempt = there.runs.importRuns([good, bad, exportedRun()], importer);
      await expect(attempt).rejects.toMatchObject({ code: "invalid", field: "runs.1", message: expect.stringMatching(new RegExp(`runs\\.1: .*${bad.id}.*nothing was imported`)) });
      await expect(there.runs.getRun(good.id)).rejects.toMatchObject({ code: "not_found" });
      // The store is usable afterwards, and the good run imports on its own.
      expect(await there.runs.importRuns([good], importer)).toMatchObject({ imported: 1 });
    });

    it("exports by ids in the order asked, refusing unknown ids by name; or the newest matching the filters", async () => {
      const [parent, child] = await parentAndChild();
      const missing = "00000000-0000-4000-8000-000000000000";
      await expect(here.runs.exportRuns({ ids: [parent.id, missing, "nope"] })).rejects.toMatchObject({
        code: "not_found",
        field: "ids",
        message: `runs not found: ${missing}, nope`,
      });
      expect((await here.runs.exportRuns({ ids: [parent.id.toUpperCase(), parent.id] })).runs.map((r) => r.id)).toEqual([parent.id]);
      const rerun = await here.runs.exportRuns({ filters: { tag: "rerun" } });
      expect(rerun.runs[0]).toEqual(await here.runs.getRun(child.id));
      expect(rerun.total).toBe(rerun.runs.length);
      expect(rerun.runs.every((r) => r.tags.includes("rerun"))).toBe(true);
      const times = rerun.runs.map((r) => r.createdAt);
      expect(times).toEqual([...times].sort().reverse());
    });
  });
}
