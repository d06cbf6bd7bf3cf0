import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Run } from "@/lib/api/runs";
import type { Store } from "@/lib/store/store";
import type { OpenAt } from "./store.contract";
import { runRequest } from "./store.runs.contract";

/**
 * Groups by tag and dataset, and the metric filter, on a store of their own
 * so every count is exact. Classification runs report accuracy (higher is
 * better), regression runs RMSE (lower is better).
 */
export function describeRunGroupsContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`RunStore contract, groups and metric filter: ${name}`, () => {
    let store: Store;
    const runs: Record<string, Run> = {};
    beforeAll(async () => {
      store = await (await newLocation())();
      const owner = (await store.users.createUser({ username: "grouper", displayName: "Grouper", role: "data_scientist" }, "password123")).id;
      const regression = { ...runRequest().config, task: "regression" as const, target: "Miles_per_Gallon" };
      const cars = { name: "cars", version: 1, fingerprint: null, rows: 406 };
      // Created in this order, one after another, so createdAt increases down the list.
      const plan: [string, Parameters<typeof runRequest>[0], number | null][] = [
        ["acc80", { tags: ["sweep"] }, 0.8],
        ["acc90", { tags: ["sweep", "best"] }, 0.9],
        ["accLive", { tags: ["sweep"] }, null],
        ["dup", { tags: ["dup", "dup"] }, null],
        ["acc90Later", { tags: ["best"] }, 0.9],
        ["rmse3", { tags: ["sweep"], config: regression, dataset: cars }, 3.0],
        ["rmse25", { config: regression, dataset: cars }, 2.5],
        ["rmse4", { config: regression, dataset: cars }, 4.0],
      ];
      for (const [key, over, metric] of plan) {
        const r = await store.runs.createRun(runRequest(over), owner);
        runs[key] = metric === null ? r : await store.runs.updateRun(r.id, { status: "finished", primaryMetric: metric });
      }
    });
    afterAll(async () => {
      await store?.close();
    });

    it("groups by tag: a run in each of its tags once, untagged under \"\", best per metric with its direction, largest first", async () => {
      const groups = await store.runs.groupRuns("tag", {});
      expect(groups).toEqual([
        {
          key: "sweep",
          count: 4,
          best: { accuracy: { value: 0.9, runId: runs.acc90.id }, rmse: { value: 3.0, runId: runs.rmse3.id } },
          latest: runs.rmse3.createdAt,
        },
        { key: "", count: 2, best: { accuracy: null, rmse: { value: 2.5, runId: runs.rmse25.id } }, latest: runs.rmse4.createdAt },
        // A tie on the metric goes to the run that reached it first.
        { key: "best", count: 2, best: { accuracy: { value: 0.9, runId: runs.acc90.id }, rmse: null }, latest: runs.acc90Later.createdAt },
        { key: "dup", count: 1, best: { accuracy: null, rmse: null }, latest: runs.dup.createdAt },
      ]);
    });

    it("groups by dataset, after the list's filters", async () => {
      expect(await store.runs.groupRuns("dataset", {})).toMatchObject([
        { key: "penguins", count: 5, best: { accuracy: { value: 0.9, runId: runs.acc90.id }, rmse: null }, latest: runs.acc90Later.createdAt },
        { key: "cars", count: 3, best: { accuracy: null, rmse: { value: 2.5, runId: runs.rmse25.id } }, latest: runs.rmse4.createdAt },
      ]);
      const finished = await store.runs.groupRuns("dataset", { status: "finished", tag: "sweep" });
      expect(finished.map((g) => [g.key, g.count])).toEqual([
        ["penguins", 2],
        ["cars", 1],
      ]);
      expect(await store.runs.groupRuns("tag", { dataset: "nowhere" })).toEqual([]);
    });

    it("filters the list by metric name and inclusive bounds, leaving out runs without a metric", async () => {
      const list = (f: object) => store.runs.listRuns({ sort: "metric", dir: "asc", limit: 100, offset: 0, ...f });
      const ids = async (f: object) => (await list(f)).runs.map((r) => r.id);
      // Equal metrics sort by id: compare as sets.
      expect((await ids({ metricName: "accuracy", metricMin: 0.85 })).sort()).toEqual([runs.acc90.id, runs.acc90Later.id].sort());
      expect(await ids({ metricName: "rmse", metricMax: 3 })).toEqual([runs.rmse25.id, runs.rmse3.id]);
      expect(await list({ metricMin: 0.8, metricMax: 3 })).toMatchObject({ total: 5 });
      expect(await ids({ metricName: "rmse" })).toEqual([runs.rmse25.id, runs.rmse3.id, runs.rmse4.id]);
      expect(await ids({ metricName: "accuracy", metricMin: 0.95 })).toEqual([]);
      // The export takes the same filters.
      expect((await store.runs.exportRuns({ filters: { metricName: "rmse", metricMin: 2.5, metricMax: 2.5 } })).runs.map((r) => r.id)).toEqual([runs.rmse25.id]);
    });
  });
}
