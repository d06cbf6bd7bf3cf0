import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreateRunRequest, ParityRecord, Run } from "@/lib/api/runs";
import type { RunEvaluation } from "@/lib/api/evaluation";
import { parseModelSpec } from "@/lib/train/model-spec";
import type { Store } from "@/lib/store/store";
import { StoreError } from "@/lib/store/store-error";
import type { OpenAt } from "./store.contract";

export function runRequest(over: Partial<CreateRunRequest> = {}): CreateRunRequest {
  return {
    name: "penguins species",
    config: {
      task: "multiclass",
      target: "Species",
      features: ["Beak Length (mm)", "Island"],
      featureSpec: { columns: [] },
      modelSpec: parseModelSpec({ kind: "mlp", optimizer: { kind: "adam" } }),
      split: { kind: "stratified", seed: 1 },
    },
    dataset: { name: "penguins", version: 1, fingerprint: "sha256:abc", rows: 344 },
    labelSnapshot: null,
    environment: { appVersion: "test", browser: "node", backend: "cpu", adapter: null, note: "" },
    tags: [],
    notes: "",
    parentId: null,
    ...over,
  };
}

/**
 * A whole run as a runs file carries it (finished, with curves, metrics and
 * weights), with a fresh id so every call imports; as another Lathe would
 * have written it.
 */
export function exportedRun(over: Partial<Run> = {}): Run {
  const req = runRequest();
  return {
    id: crypto.randomUUID(),
    name: req.name,
    status: "finished",
    task: req.config.task,
    datasetName: req.dataset.name,
    metricName: "accuracy",
    primaryMetric: 0.93,
    tags: ["from elsewhere"],
    createdAt: "2025-03-01T10:00:00.000Z",
    finishedAt: "2025-03-01T10:05:00.000Z",
    createdBy: "6f1c9a2e-1b7d-4c1e-9a51-0d3f5c2b7e10",
    config: req.config,
    dataset: req.dataset,
    labelSnapshot: null,
    environment: req.environment,
    metrics: { validation: { accuracy: 0.93 } },
    curves: [epoch(1), epoch(2)],
    weights: { layers: [{ shape: [2, 3], values: [0.1, -0.2, 0.3, 0.4, 0.5, -0.6] }] },
    fittedFeatures: { columns: [] },
    timings: { trainMs: 300000 },
    error: null,
    notes: "trained on the laptop",
    parentId: null,
    parity: null,
    evaluation: null,
    updatedAt: "2025-03-01T10:05:00.000Z",
    ...over,
  };
}

export function runEvaluation(over: Partial<RunEvaluation> = {}): RunEvaluation {
  const estimate = { value: 0.9, lower: 0.8, upper: 0.95, interval: "wilson" as const, baseline: 0.44 };
  return {
    evaluatedAt: "2025-03-01T10:05:00.000Z",
    split: "test",
    rows: 69,
    datasetFingerprint: "abc123",
    classes: ["Adelie", "Chinstrap", "Gentoo"],
    minSupport: 10,
    report: { task: "multiclass", accuracy: estimate },
    slices: [
      {
        name: "Biscoe",
        definition: "island = 'Biscoe'",
        rows: 30,
        lowSupport: false,
        metrics: { accuracy: estimate },
        test: { kind: "two-proportion", statistic: 1.2, p: 0.23, q: 0.46, rest: 0.88 },
        pinned: true,
        threshold: { metric: "accuracy", min: 0.85 },
      },
    ],
    ...over,
  };
}

export function parityRecord(over: Partial<ParityRecord> = {}): ParityRecord {
  const outcome = { passed: true, maxDiff: 3e-7, agreement: 1, metric: 0.97, metricChange: 0, sizeBytes: 20480, msPerRow: 0.002, reasons: [] };
  return {
    checkedAt: "2025-03-02T09:00:00.000Z",
    rows: 69,
    metricName: "accuracy",
    tfjsMetric: 0.97,
    thresholds: { fp32MaxDiff: 1e-4, int8MinAgreement: 0.99, int8MaxMetricChange: 0.01 },
    fp32: outcome,
    int8: { ...outcome, maxDiff: 0.004, sizeBytes: 6144 },
    datasetFingerprint: "abc",
    ...over,
  };
}

export const epoch = (n: number) => ({ epoch: n, train: { loss: 1 / n, metric: 0.5 }, validation: { loss: 1.1 / n, metric: 0.5 }, elapsedMs: n * 10, samplesPerSecond: 1000 });

/** Runs: created running, progress, one ending, notes and tags after, sorted and filtered lists. */
export function describeRunStoreContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`RunStore contract: ${name}`, () => {
    let store: Store;
    let owner: string;
    beforeAll(async () => {
      store = await (await newLocation())();
      owner = (await store.users.createUser({ username: "runner", displayName: "Runner", role: "data_scientist" }, "password123")).id;
    });
    afterAll(async () => {
      await store?.close();
    });

    it("records a run from start to its one ending, keeping notes and tags editable", async () => {
      const run = await store.runs.createRun(runRequest({ tags: ["baseline"] }), owner);
      expect(run).toMatchObject({ status: "running", metricName: "accuracy", primaryMetric: null, curves: [], tags: ["baseline"], datasetName: "penguins" });
      await store.runs.updateRun(run.id, { curves: [epoch(1), epoch(2)] });
      const done = await store.runs.updateRun(run.id, {
        status: "finished",
        curves: [epoch(1), epoch(2), epoch(3)],
        metrics: { test: { accuracy: 0.97 } },
        primaryMetric: 0.96,
        weights: { layers: [] },
        timings: { trainMs: 1234 },
      });
      expect(done).toMatchObject({ status: "finished", primaryMetric: 0.96, metrics: { test: { accuracy: 0.97 } }, timings: { trainMs: 1234 } });
      expect(done.curves).toHaveLength(3);
      expect(done.finishedAt).not.toBeNull();
      const again = store.runs.updateRun(run.id, { status: "cancelled" });
      await expect(again).rejects.toBeInstanceOf(StoreError);
      await expect(again).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/already ended/) });
      await expect(store.runs.updateRun(run.id, { curves: [] })).rejects.toMatchObject({ code: "conflict" });
      expect(await store.runs.updateRun(run.id, { notes: "good", tags: ["baseline", "keep"] })).toMatchObject({ notes: "good", tags: ["baseline", "keep"], status: "finished" });
      await expect(store.runs.getRun("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
      await expect(store.runs.getRun("nope")).rejects.toMatchObject({ code: "not_found" });
    });

    it("keeps a finished run's export parity check, replaced by the next; refuses one for a run still going", async () => {
      const run = await store.runs.createRun(runRequest(), owner);
      const check = parityRecord();
      await expect(store.runs.updateRun(run.id, { parity: check })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/only a finished run/) });
      await store.runs.updateRun(run.id, { status: "finished" });
      expect((await store.runs.updateRun(run.id, { parity: check })).parity).toEqual(check);
      const failing = parityRecord({ int8: { ...check.int8, passed: false, reasons: ["same class on 97.00 % of rows, below 99.00 %"] } });
      await store.runs.updateRun(run.id, { parity: failing });
      expect((await store.runs.getRun(run.id)).parity).toEqual(failing);
    });

    it("keeps a finished run's evaluation, replaced by the next; refuses one for a run still going; a runs file carries it", async () => {
      const run = await store.runs.createRun(runRequest(), owner);
      const evaluation = runEvaluation();
      await expect(store.runs.updateRun(run.id, { evaluation })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/only a finished run is evaluated/) });
      await store.runs.updateRun(run.id, { status: "finished" });
      expect((await store.runs.updateRun(run.id, { evaluation })).evaluation).toEqual(evaluation);
      const again = runEvaluation({ rows: 70, slices: [] });
      await store.runs.updateRun(run.id, { evaluation: again });
      const stored = await store.runs.getRun(run.id);
      expect(stored.evaluation).toEqual(again);
      // Training's own record is untouched by an evaluation.
      expect(stored.status).toBe("finished");
      const copy = exportedRun({ evaluation });
      await store.runs.importRuns([copy], owner);
      expect((await store.runs.getRun(copy.id)).evaluation).toEqual(evaluation);
    });

    it("records failed and cancelled runs with their reason, and links a re-run to its parent", async () => {
      const a = await store.runs.createRun(runRequest(), owner);
      const failed = await store.runs.updateRun(a.id, { status: "failed", error: { code: "non_finite_loss", message: "loss became NaN in epoch 3" } });
      expect(failed).toMatchObject({ status: "failed", error: { code: "non_finite_loss" } });
      const re = await store.runs.createRun(runRequest({ parentId: a.id }), owner);
      expect(re.parentId).toBe(a.id);
      await expect(store.runs.createRun(runRequest({ parentId: "00000000-0000-4000-8000-000000000000" }), owner)).rejects.toMatchObject({ code: "not_found" });
    });

    it("sorts by metric and filters by status, tag and dataset on the server", async () => {
      const mk = async (metric: number | null, tags: string[], dataset: string) => {
        const r = await store.runs.createRun(runRequest({ tags, dataset: { name: dataset, version: 1, fingerprint: null, rows: 10 } }), owner);
        return metric === null ? r : store.runs.updateRun(r.id, { status: "finished", primaryMetric: metric });
      };
      const low = await mk(0.5, ["sweep"], "cars");
      const high = await mk(0.9, ["sweep"], "cars");
      const none = await mk(null, ["sweep"], "cars");
      const page = await store.runs.listRuns({ sort: "metric", dir: "desc", tag: "sweep", dataset: "cars", limit: 10, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.runs.map((r) => r.id)).toEqual([high.id, low.id, none.id]);
      const asc = await store.runs.listRuns({ sort: "metric", dir: "asc", dataset: "cars", limit: 1, offset: 0 });
      expect(asc).toMatchObject({ total: 3, runs: [{ id: low.id }] });
      const running = await store.runs.listRuns({ sort: "created", dir: "desc", status: "running", dataset: "cars", limit: 10, offset: 0 });
      expect(running.runs.map((r) => r.id)).toEqual([none.id]);
    });
  });
}
