import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LoggedRequest } from "@/lib/api/monitoring";
import type { LogWindow } from "@/lib/store/model-requests";
import type { Store } from "@/lib/store/store";
import type { OpenAt } from "./store.contract";

const T0 = Date.parse("2026-03-01T10:00:00Z");
const MINUTE = 60_000;

function entry(model: string, id: string, over: Partial<LoggedRequest> = {}): LoggedRequest {
  return {
    model,
    requestId: id,
    version: 1,
    shadowVersion: null,
    at: new Date(T0 + 30_000),
    route: "v2",
    status: 200,
    error: null,
    latencyMs: 1,
    rows: 1,
    sampleRate: 1,
    inputs: { x: [1] },
    outputs: { label: ["a"], confidence: [0.9] },
    shadowOutputs: null,
    ...over,
  };
}

/** Type 7 (linear interpolation) quantile, as numpy's default and PostgreSQL's percentile_cont compute it (Hyndman & Fan 1996). */
function quantile7(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo] + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]) - s[lo]);
}

const window = (model: string): LogWindow => ({ model, since: new Date(T0), until: new Date(T0 + 3 * MINUTE), bucketMs: MINUTE });

export function describeRequestStoreContract(name: string, newLocation: () => Promise<OpenAt>): void {
  describe(`RequestStore contract: ${name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await (await newLocation())();
    });
    afterAll(async () => {
      await store?.close();
    });

    it("aggregates per bucket and version: estimated counts, error share and latency percentiles (checked against a type-7 quantile)", async () => {
      // Bucket 0: 40 requests at sample rate 0.5 (80 estimated), 4 of them failed; bucket 2: 10 requests of version 2.
      const lat0 = Array.from({ length: 40 }, (_, i) => ((i * 37) % 40) + 0.5);
      const first = lat0.map((ms, i) => entry("m1", `a${i}`, { latencyMs: ms, sampleRate: 0.5, at: new Date(T0 + i * 1000), ...(i % 10 === 0 ? { status: 400, error: "bad", inputs: null, outputs: null, rows: 0 } : {}) }));
      const later = Array.from({ length: 10 }, (_, i) => entry("m1", `b${i}`, { version: 2, latencyMs: 100 + i, at: new Date(T0 + 2 * MINUTE + i * 1000) }));
      await store.requests.logRequests([...first, ...later]);
      // Outside the window, and another model: not counted.
      await store.requests.logRequests([entry("m1", "old", { at: new Date(T0 - 1) }), entry("m2", "other")]);
      const byBucket = await store.requests.trafficByBucket(window("m1"));
      expect([...byBucket.keys()].sort()).toEqual([0, 2]);
      const b0 = byBucket.get(0)!;
      expect(b0.requests).toBeCloseTo(80, 6);
      expect(b0.errors).toBeCloseTo(8, 6);
      for (const [p, got] of [[0.5, b0.p50], [0.95, b0.p95], [0.99, b0.p99]] as const) expect(got).toBeCloseTo(quantile7(lat0, p), 4);
      expect(byBucket.get(2)).toMatchObject({ requests: 10, errors: 0 });
      const byVersion = await store.requests.trafficByVersion(window("m1"));
      expect(byVersion.get(2)!.p50).toBeCloseTo(quantile7(later.map((e) => e.latencyMs), 0.5), 4);
      expect(byVersion.get(1)!.requests).toBeCloseTo(80, 6);
    });

    it("keeps the first entry of a request id, and counts predicted classes per bucket", async () => {
      await store.requests.logRequests([
        entry("m3", "r1", { rows: 3, inputs: { x: [1, 2, 3] }, outputs: { label: ["a", "b", "b"] } }),
        entry("m3", "r2", { rows: 1, outputs: { label: ["a"] }, sampleRate: 0.25 }),
      ]);
      await store.requests.logRequests([entry("m3", "r1", { outputs: { label: ["z"] } })]);
      const classes = await store.requests.classesByBucket(window("m3"));
      // r2 stands for 4 requests (sample rate 0.25): a = 1 + 4, b = 2.
      expect(classes.get(0)).toEqual({ a: 5, b: 2 });
    });

    it("records feedback by request id, refuses a wrong length, and scores accuracy per bucket and version", async () => {
      await store.requests.logRequests([
        entry("m4", "q1", { rows: 4, inputs: { x: [1, 2, 3, 4] }, outputs: { label: ["a", "b", "a", "b"] } }),
        entry("m4", "q2", { rows: 2, version: 2, inputs: { x: [1, 2] }, outputs: { label: ["a", "a"] } }),
        entry("m4", "q3", { status: 400, outputs: null, inputs: null, rows: 0 }),
      ]);
      await expect(store.requests.recordFeedback("m4", "classification", { feedback: [{ requestId: "q1", truth: ["a"] }] })).rejects.toMatchObject({ code: "invalid" });
      const r = await store.requests.recordFeedback("m4", "classification", {
        feedback: [
          { requestId: "q1", truth: ["a", "a", "a", null] },
          { requestId: "q2", truth: ["b", "a"] },
          { requestId: "q3", truth: ["a"] },
          { requestId: "nope", truth: ["a"] },
        ],
      });
      expect(r).toEqual({ recorded: 2, notLogged: ["q3", "nope"] });
      const fb = await store.requests.feedbackByBucket(window("m4"), "classification");
      // q1: rows 1–3 judged (the null is unknown), 2 right; q2: 1 of 2 right.
      expect(fb.sort((a, b) => a.version - b.version)).toEqual([
        { bucket: 0, version: 1, rows: 3, score: 2 },
        { bucket: 0, version: 2, rows: 2, score: 1 },
      ]);
      const back = await store.requests.withFeedback("m4", new Date(T0), 10);
      expect(back.map((p) => p.requestId).sort()).toEqual(["q1", "q2"]);
      expect(back.find((p) => p.requestId === "q1")!.feedback).toEqual(["a", "a", "a", null]);
    });

    it("scores regression feedback as a sum of squared errors and refuses text truth", async () => {
      await store.requests.logRequests([entry("m5", "v1", { rows: 3, inputs: { x: [1, 2, 3] }, outputs: { value: [1.5, 2, -1] } })]);
      await expect(store.requests.recordFeedback("m5", "regression", { feedback: [{ requestId: "v1", truth: [1, "x", 2] }] })).rejects.toMatchObject({ code: "invalid" });
      await store.requests.recordFeedback("m5", "regression", { feedback: [{ requestId: "v1", truth: [1, 2, 1] }] });
      // (0.5)² + 0² + (−2)² = 4.25
      expect(await store.requests.feedbackByBucket(window("m5"), "regression")).toEqual([{ bucket: 0, version: 1, rows: 3, score: 4.25 }]);
      expect((await store.requests.meanValueByBucket(window("m5"))).get(0)).toBeCloseTo(2.5 / 3, 6);
    });

    it("measures shadow disagreement row by row", async () => {
      await store.requests.logRequests([
        entry("m6", "s1", { rows: 4, shadowVersion: 3, inputs: { x: [1, 2, 3, 4] }, outputs: { label: ["a", "b", "a", "b"] }, shadowOutputs: { label: ["a", "a", "a", "a"] } }),
        entry("m6", "s2", { rows: 1, shadowVersion: 3, outputs: { label: ["b"] }, shadowOutputs: { label: ["b"] } }),
      ]);
      expect(await store.requests.shadowByVersion(window("m6"), "classification")).toEqual([{ challenger: 3, rows: 5, disagreement: 0.4 }]);
    });

    it("reads a version's logged predictions newest or oldest first", async () => {
      await store.requests.logRequests([1, 2, 3].map((i) => entry("m7", `p${i}`, { at: new Date(T0 + i * 1000), inputs: { x: [i] } })));
      expect((await store.requests.predictionsOf("m7", 1, 2, "newest")).map((p) => p.requestId)).toEqual(["p3", "p2"]);
      expect((await store.requests.predictionsOf("m7", 1, 2, "oldest")).map((p) => [p.requestId, p.inputs])).toEqual([["p1", { x: [1] }], ["p2", { x: [2] }]]);
    });
  });
}
