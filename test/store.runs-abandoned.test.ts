import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "@/lib/store";
import { ABANDONED_AFTER_SECONDS } from "@/lib/store/runs-abandoned-sql";
import { runRequest } from "./store.runs.contract";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * A closed tab: the page stops reporting on its run. The store then records
 * the run as failed once it has been silent ABANDONED_AFTER_SECONDS. Time is
 * moved by ageing the run's last report in the store's own table (the real
 * PGlite, reopened on the same folder), not by waiting two minutes.
 */
describe("a run whose page went away", () => {
  it("is recorded as failed (abandoned) after two silent minutes, keeping its curves; a run heard from recently stays running", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "lathe-abandoned-"));
    dirs.push(dir);
    let store = await openStore({ dataDir: dir });
    const owner = (await store.users.createUser({ username: "runner", displayName: "Runner", role: "data_scientist" }, "password123")).id;
    const silent = await store.runs.createRun(runRequest({ name: "tab closed" }), owner);
    const curve = { epoch: 1, train: { loss: 0.9, metric: 0.5 }, validation: { loss: 1, metric: 0.5 }, elapsedMs: 10, samplesPerSecond: 1000 };
    await store.runs.updateRun(silent.id, { curves: [curve] });
    const alive = await store.runs.createRun(runRequest({ name: "still training" }), owner);
    await store.close();

    // openStore keeps PGlite in <dataDir>/pglite.
    const pg = await PGlite.create(path.join(dir, "pglite"));
    await pg.query(`UPDATE runs SET updated_at = now() - make_interval(secs => $2) WHERE id = $1`, [silent.id, ABANDONED_AFTER_SECONDS + 1]);
    await pg.query(`UPDATE runs SET updated_at = now() - make_interval(secs => $2) WHERE id = $1`, [alive.id, ABANDONED_AFTER_SECONDS - 60]);
    await pg.close();

    store = await openStore({ dataDir: dir });
    const gone = await store.runs.getRun(silent.id);
    expect(gone.status).toBe("failed");
    expect(gone.error).toMatchObject({ code: "abandoned", message: expect.stringMatching(/stopped reporting \(closed tab or crashed browser\)/) });
    expect(gone.curves).toEqual([curve]);
    expect(gone.finishedAt).not.toBeNull();
    expect((await store.runs.getRun(alive.id)).status).toBe("running");
    // The list applies the same rule before it reads.
    const { runs } = await store.runs.listRuns({ sort: "created", dir: "asc", limit: 10, offset: 0 });
    expect(runs.map((r) => [r.name, r.status])).toEqual([
      ["tab closed", "failed"],
      ["still training", "running"],
    ]);
    await store.close();
  });
});
