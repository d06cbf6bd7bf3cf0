import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, StoreError, type Store } from "@/lib/store";
import { startPostgres, type ThrowawayPostgres } from "../scripts/pg-throwaway.mjs";

/**
 * PostgreSQL stopping under requests in flight: a statement or a transaction
 * that loses its connection fails as "unavailable" (503, retry), not as an
 * unexpected error, and nothing is thrown outside the request; once the
 * server is back, the same store answers again.
 */

// No skip when PostgreSQL is missing: beforeAll throws the reason and every test fails.
let server: ThrowawayPostgres | undefined;
let store: Store | undefined;
let userId = "";

beforeAll(async () => {
  server = await startPostgres();
  store = await openStore({ databaseUrl: server.url });
  userId = (await store.users.ensureLocalAdmin()).id;
});
afterAll(async () => {
  await store?.close();
  await server?.stop();
});

const version = (model: string) => ({
  model,
  bytes: new Uint8Array([1, 2, 3]),
  sha256: `sha-${model}`,
  metadata: {},
  reference: { inputs: [{ name: "x", shape: [1], datatype: "FP32" as const, data: [1] }], outputs: [{ name: "y", shape: [1], datatype: "FP32" as const, data: [1] }] },
  verdict: { blessed: true, checks: [] },
  runId: null,
  note: "",
});

/** Another session holding `sql`'s locks in an open transaction, so the store's next request waits on the server. */
async function holdLock(sql: string): Promise<pg.Client> {
  const c = new pg.Client(server!.url);
  c.on("error", () => {}); // it loses its connection too
  await c.connect();
  await c.query("BEGIN");
  await c.query(sql);
  return c;
}

/** Until the store's request is waiting on a lock on the server. */
async function waitingOnLock(): Promise<void> {
  const c = new pg.Client(server!.url);
  await c.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
      if (rows[0].n > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("no request is waiting on the lock");
  } finally {
    await c.end();
  }
}

const unavailable = (e: unknown) => e instanceof StoreError && e.code === "unavailable" && /^database unavailable: /.test(e.message);

describe.each(["fast", "immediate"] as const)("PostgreSQL stopped (%s) under requests in flight", (mode) => {
  it("a transaction in flight fails as unavailable, and the store answers after the restart", async () => {
    const model = `outage-tx-${mode}`;
    const locker = await holdLock(`SELECT pg_advisory_xact_lock(hashtext('lathe.model:${model}'))`);
    const push = store!.models.pushVersion(version(model), userId).then(
      () => "pushed",
      (e: unknown) => e,
    );
    await waitingOnLock();
    await server!.halt(mode);
    const failed = await push;
    expect(unavailable(failed), String(failed)).toBe(true);
    // While it is down, new requests fail the same way.
    expect(unavailable(await store!.models.listModels().catch((e: unknown) => e))).toBe(true);
    await server!.resume();
    await locker.end().catch(() => {});
    expect((await store!.models.listModels()).find((m) => m.name === model)).toBeUndefined();
    expect((await store!.models.pushVersion(version(model), userId)).created).toBe(true);
  });

  it("a statement in flight fails as unavailable, and the store answers after the restart", async () => {
    const locker = await holdLock("LOCK TABLE model_versions IN ACCESS EXCLUSIVE MODE");
    const list = store!.models.listModels().then(
      () => "listed",
      (e: unknown) => e,
    );
    await waitingOnLock();
    await server!.halt(mode);
    const failed = await list;
    expect(unavailable(failed), String(failed)).toBe(true);
    await server!.resume();
    await locker.end().catch(() => {});
    expect(Array.isArray(await store!.models.listModels())).toBe(true);
  });
});
