import { describe, expect, it } from "vitest";
import type { LoggedRequest } from "@/lib/api/monitoring";
import { LOG_ROWS_PER_REQUEST, RequestLog, sampleRateFromEnv, type PendingRequest } from "@/lib/serve/request-log";
import type { Store } from "@/lib/store/store";

/** A store seam that records batches, or fails while `down` is set: the buffer, not the database, is under test here. */
function fakeStore() {
  const batches: LoggedRequest[][] = [];
  const state = { down: false };
  const store = {
    requests: {
      logRequests: async (b: LoggedRequest[]) => {
        if (state.down) throw new Error("connection refused");
        batches.push(b);
      },
    },
  } as unknown as Store;
  return { store, batches, state };
}

const pending = (i: number, over: Partial<PendingRequest> = {}): PendingRequest => ({
  model: "m",
  requestId: `r${i}`,
  version: 1,
  shadowVersion: null,
  at: new Date(0),
  route: "v2",
  status: 200,
  error: null,
  latencyMs: 1,
  rows: 1,
  feeds: [{ name: "x", type: "float32", dims: [1, 1], data: Float32Array.of(i) }],
  outputs: { value: Float32Array.of(i * 2) },
  shadowOutputs: null,
  ...over,
});

describe("request log buffer", () => {
  it("writes in batches of the configured size, in order", async () => {
    const { store, batches } = fakeStore();
    const log = new RequestLog(store, 1, { batchSize: 3, flushMs: 60_000 });
    for (let i = 0; i < 7; i++) log.add(pending(i));
    await log.flush();
    expect(batches.map((b) => b.map((e) => e.requestId))).toEqual([["r0", "r1", "r2"], ["r3", "r4", "r5"], ["r6"]]);
    expect(batches[0][1]).toMatchObject({ inputs: { x: [1] }, outputs: { value: [2] }, sampleRate: 1 });
  });

  it("flushes on its timer without being asked", async () => {
    const { store, batches } = fakeStore();
    const log = new RequestLog(store, 1, { flushMs: 20 });
    log.add(pending(1));
    await expect.poll(() => batches.length, { timeout: 2000 }).toBe(1);
  });

  it("keeps entries while the store is down and writes them when it is back; beyond its bound it drops the oldest", async () => {
    const { store, batches, state } = fakeStore();
    const log = new RequestLog(store, 1, { batchSize: 2, flushMs: 60_000, maxBuffered: 4 });
    state.down = true;
    for (let i = 0; i < 3; i++) log.add(pending(i));
    await log.flush();
    expect(log.pending).toBe(3);
    for (let i = 3; i < 6; i++) log.add(pending(i));
    await log.flush();
    expect(log.pending).toBe(4);
    state.down = false;
    await log.flush();
    expect(batches.flat().map((e) => e.requestId)).toEqual(["r2", "r3", "r4", "r5"]);
    expect(log.pending).toBe(0);
  });

  it("keeps at most LOG_ROWS_PER_REQUEST rows of a batch, a date's parts per row, and missing categories as null", async () => {
    const { store, batches } = fakeStore();
    const log = new RequestLog(store, 1);
    const n = LOG_ROWS_PER_REQUEST + 5;
    log.add(
      pending(0, {
        rows: n,
        feeds: [
          { name: "d", type: "float32", dims: [n, 2], data: Float32Array.from({ length: 2 * n }, (_, i) => i) },
          { name: "c", type: "string", dims: [n, 1], data: Array.from({ length: n }, (_, i) => (i === 0 ? "<missing>" : "a")) },
        ],
        outputs: { label: Array.from({ length: n }, () => "y"), probabilities: Float32Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 0.25 : 0.75)), classes: 2 },
      }),
    );
    await log.flush();
    const e = batches[0][0];
    expect(e.rows).toBe(n);
    expect((e.inputs!.d as number[][]).length).toBe(LOG_ROWS_PER_REQUEST);
    expect((e.inputs!.d as number[][])[1]).toEqual([2, 3]);
    expect((e.inputs!.c as (string | null)[]).slice(0, 2)).toEqual([null, "a"]);
    expect(e.outputs!.confidence!.slice(0, 2)).toEqual([0.75, 0.75]);
    expect(e.outputs!.label!.length).toBe(LOG_ROWS_PER_REQUEST);
  });

  it("samples: 0 logs nothing, 1 everything, 0.25 about a quarter", () => {
    const { store } = fakeStore();
    expect(Array.from({ length: 100 }, () => new RequestLog(store, 0).sampled()).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => new RequestLog(store, 1).sampled()).every(Boolean)).toBe(true);
    const quarter = new RequestLog(store, 0.25);
    const hits = Array.from({ length: 10_000 }, () => quarter.sampled()).filter(Boolean).length;
    // Binomial(10,000, 0.25): sd ≈ 43; ±5 sd.
    expect(Math.abs(hits - 2500)).toBeLessThan(217);
  });

  it("reads the sample rate from LATHE_REQUEST_LOG_SAMPLE and refuses nonsense", () => {
    expect(sampleRateFromEnv(undefined)).toBe(1);
    expect(sampleRateFromEnv("0")).toBe(0);
    expect(sampleRateFromEnv("0.1")).toBe(0.1);
    expect(() => sampleRateFromEnv("2")).toThrow(/between 0 and 1/);
    expect(() => sampleRateFromEnv("half")).toThrow(/between 0 and 1/);
  });
});
