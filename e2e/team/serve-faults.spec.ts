import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, type APIResponse } from "@playwright/test";
import type { ModelDetail, ModelSummary, ModelVersion, ReferenceBatch } from "@/lib/api/models";
import { startPostgres, type ThrowawayPostgres } from "../../scripts/pg-throwaway.mjs";
import { expect } from "../fixtures";
import { GATE_CHECKS, expectInferAnswer, inferBody, penguinFile, pushBody, sha256, signIn, startApp, variant, waitHealthy, type AppServer, type Client } from "./serve-fault-helpers";

/**
 * The serving backend under faults: a server killed mid-push, PostgreSQL
 * going away and coming back under a running app, and two app instances on
 * one database. API only: these journeys need no browser. Each test starts
 * servers of its own on ports 3110–3119 and stops them, whatever happens.
 */

let model: { bytes: Uint8Array; reference: ReferenceBatch };
test.beforeAll(async () => {
  model = await penguinFile();
});

const jsonOf = async <T>(res: APIResponse, status: number, what: string): Promise<T> => {
  const text = await res.text();
  expect(res.status(), `${what}: ${text}`).toBe(status);
  return JSON.parse(text) as T;
};

test("SIGKILL during pushes: no half-registered version, and an interrupted file pushes again", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), "lathe-pushkill-"));
  let app = startApp(3110, { LATHE_DATA_DIR: dataDir });
  try {
    await waitHealthy(app);
    const admin = await signIn(app);
    const files = Array.from({ length: 400 }, (_, i) => variant(model.bytes, i));
    const shas = files.map(sha256);
    const acked = new Map<number, ModelVersion>();
    const interrupted: number[] = [];
    let next = 0;
    let stop = false;
    // Four pushes in flight at once, each of a file no other lane sends.
    const lane = async () => {
      while (!stop && next < files.length) {
        const i = next++;
        const res = await admin.api.post("/api/models/killed/versions", { headers: admin.headers, data: pushBody(files[i], model.reference, `file ${i}`) }).catch(() => null);
        const body = res === null ? null : await res.json().catch(() => null);
        if (res === null || body === null) {
          interrupted.push(i);
          return; // the server is gone
        }
        expect(res.status(), `push of file ${i}: ${JSON.stringify(body)}`).toBe(201);
        acked.set(i, body as ModelVersion);
      }
    };
    const lanes = [0, 1, 2, 3].map(lane);
    await expect.poll(() => acked.size, { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(12);
    // In the same tick: no lane starts another push, and the four awaiting an answer lose the server.
    stop = true;
    await app.kill();
    await Promise.all(lanes);
    await admin.dispose();
    expect(interrupted.length, "pushes in flight at the kill").toBeGreaterThanOrEqual(1);

    app = startApp(3110, { LATHE_DATA_DIR: dataDir });
    await waitHealthy(app);
    const after = await signIn(app);
    const detail = await jsonOf<ModelDetail>(await after.api.get("/api/models/killed"), 200, "model after restart");
    const versions = detail.versions;
    // Numbered 1..n: no gap a lost push left, no number given twice.
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, k) => k + 1));
    expect(new Set(versions.map((v) => v.sha256)).size, "distinct files").toBe(versions.length);
    for (const [i, v] of acked) {
      expect(v.sha256, `acknowledged file ${i}`).toBe(shas[i]);
      expect(versions.find((s) => s.version === v.version), `acknowledged v${v.version}`).toMatchObject({ sha256: shas[i], note: `file ${i}` });
    }
    // Beyond the acknowledged, only files whose push was cut short may be there.
    const unacked = versions.filter((v) => ![...acked.values()].some((a) => a.version === v.version));
    for (const v of unacked) expect(interrupted.map((i) => shas[i]), `unacknowledged v${v.version}`).toContain(v.sha256);
    for (const v of versions) {
      expect(v.verdict.blessed, `verdict of v${v.version}`).toBe(true);
      expect(v.verdict.checks.map((c) => c.name), `checks of v${v.version}`).toEqual(GATE_CHECKS);
      const ready = await after.infer.get(`/v2/models/killed/versions/${v.version}/ready`);
      expect(await jsonOf(ready, 200, `ready v${v.version}`)).toEqual({ name: "killed", ready: true });
      await expectInferAnswer(await after.infer.post(`/v2/models/killed/versions/${v.version}/infer`, { data: inferBody(model.reference) }), model.reference, v.version, `infer v${v.version}`);
    }

    // The cut-short files push again: as the version already stored (200), or as the next one (201).
    let n = versions.length;
    for (const i of interrupted) {
      const res = await after.api.post("/api/models/killed/versions", { headers: after.headers, data: pushBody(files[i], model.reference, `again ${i}`) });
      const stored = versions.find((v) => v.sha256 === shas[i]);
      const v = await jsonOf<ModelVersion>(res, stored ? 200 : 201, `re-push of interrupted file ${i}`);
      expect(v.sha256).toBe(shas[i]);
      expect(v.version).toBe(stored ? stored.version : ++n);
      expect(v.verdict.blessed).toBe(true);
    }
    const [i0, v0] = [...acked][0];
    const again = await jsonOf<ModelVersion>(await after.api.post("/api/models/killed/versions", { headers: after.headers, data: pushBody(files[i0], model.reference, "again") }), 200, "re-push of an acknowledged file");
    expect(again.version).toBe(v0.version);
    const final = await jsonOf<ModelDetail>(await after.api.get("/api/models/killed"), 200, "model at the end");
    expect(final.versions.map((v) => v.version)).toEqual(Array.from({ length: n }, (_, k) => k + 1));
    await after.dispose();
  } finally {
    await app.kill();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** What each request of a client gets while the database is down: a 503 with a JSON error, soon; per route, what it said. */
async function duringOutage({ api, headers, infer }: Client, name: string, reference: ReferenceBatch) {
  // A hang fails the request (and the test) instead of the suite's timeout.
  const timeout = 20_000;
  const record = [{ Island: "Biscoe", "Beak Length (mm)": 47.5, "Flipper Length (mm)": 220 }];
  const calls: Record<string, () => Promise<APIResponse>> = {
    list: () => api.get("/api/models", { timeout }),
    detail: () => api.get(`/api/models/${name}`, { timeout }),
    push: () => api.post(`/api/models/${name}/versions`, { headers, data: pushBody(variant(model.bytes, 999), reference, "down"), timeout }),
    alias: () => api.put(`/api/models/${name}/aliases/champion`, { headers, data: { version: 1, reason: "down" }, timeout }),
    predict: () => infer.post(`/api/models/${name}/predict`, { data: record, timeout }),
    health: () => api.get("/api/health", { timeout }),
  };
  const v2: Record<string, () => Promise<APIResponse>> = {
    infer: () => infer.post(`/v2/models/${name}/infer`, { data: inferBody(reference), timeout }),
    inferPinned: () => infer.post(`/v2/models/${name}/versions/1/infer`, { data: inferBody(reference), timeout }),
    metadata: () => infer.get(`/v2/models/${name}`, { timeout }),
  };
  // Several of each at once: failed connections must not leak the pool's slots (10).
  const run = (fns: Record<string, () => Promise<APIResponse>>) => Promise.all(Object.entries(fns).flatMap(([k, f]) => [1, 2, 3].map(async () => [k, await f()] as const)));
  const [apiReplies, v2Replies] = await Promise.all([run(calls), run(v2)]);
  const seen: Record<string, string> = {};
  for (const [k, res] of apiReplies) {
    const body = await jsonOf<{ error: { code: string; message: string } }>(res, 503, `${k} while the database is down`);
    expect(body.error.code, k).toBe("unavailable");
    expect(body.error.message, k).toMatch(/^database unavailable: /);
    seen[k] = `${res.status()} ${body.error.message}`;
  }
  for (const [k, res] of v2Replies) {
    // The v2 protocol's error shape. An answer from the loaded session would
    // also do, but every request first looks up its session in the store.
    const body = await jsonOf<{ error: string }>(res, 503, `v2 ${k} while the database is down`);
    expect(body.error, k).toMatch(/^database unavailable: /);
    seen[`v2 ${k}`] = `${res.status()} ${body.error}`;
  }
  expect(await jsonOf(await api.get("/v2/health/ready", { timeout }), 503, "v2 ready while the database is down")).toEqual({ ready: false });
  expect(await jsonOf(await api.get("/v2/health/live", { timeout }), 200, "v2 live while the database is down")).toEqual({ live: true });
  return seen;
}

/**
 * Callers that keep asking across a database restart — two inference loops
 * (token), a push loop and a listing loop (session) — until stopped. Every
 * reply is kept: a success, or a clean 503, is all they may get.
 */
function keepAsking(client: Client, name: string, reference: ReferenceBatch, firstFile: number) {
  let stop = false;
  const replies: { what: string; status: number; body: string }[] = [];
  const pushed = new Map<string, number>(); // SHA-256 → version, for pushes that got their 201
  const sent: string[] = [];
  let file = firstFile;
  const timeout = 20_000;
  const loop = async (what: string, call: () => Promise<APIResponse>) => {
    while (!stop) {
      const res = await call();
      const body = await res.text();
      replies.push({ what, status: res.status(), body });
      if (what === "push" && res.status() === 201) {
        const v = JSON.parse(body) as ModelVersion;
        pushed.set(v.sha256, v.version);
      }
    }
  };
  const pushNext = () => {
    const bytes = variant(model.bytes, file++);
    sent.push(sha256(bytes));
    return client.api.post(`/api/models/${name}/versions`, { headers: client.headers, data: pushBody(bytes, reference, "under load"), timeout });
  };
  const loops = [
    loop("infer", () => client.infer.post(`/v2/models/${name}/infer`, { data: inferBody(reference), timeout })),
    loop("infer", () => client.infer.post(`/v2/models/${name}/infer`, { data: inferBody(reference), timeout })),
    loop("push", pushNext),
    loop("list", () => client.api.get("/api/models", { timeout })),
  ];
  const ok = (from = 0) => replies.slice(from).filter((r) => r.status < 300).length;
  return {
    replies,
    ok,
    async stop() {
      stop = true;
      await Promise.all(loops);
      const clean = (r: (typeof replies)[number]) => {
        if (r.status === 200 || r.status === 201) return true;
        if (r.status !== 503) return false;
        const body = JSON.parse(r.body) as { error: string | { code: string; message: string } };
        return typeof body.error === "string" ? body.error.startsWith("database unavailable: ") : body.error.code === "unavailable";
      };
      return { bad: replies.filter((r) => !clean(r)), refused: replies.filter((r) => r.status === 503).length, pushed, sent };
    },
  };
}

test("PostgreSQL restarting: requests fail cleanly with 503, then succeed again without restarting the app", async () => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), "lathe-pgdown-"));
  let pg: ThrowawayPostgres | null = null;
  let app: AppServer | null = null;
  try {
    pg = await startPostgres();
    app = startApp(3111, { DATABASE_URL: pg.url, LATHE_DATA_DIR: dataDir });
    await waitHealthy(app);
    const client = await signIn(app);
    const { api, headers } = client;
    const first = variant(model.bytes, 1);
    const v1 = await jsonOf<ModelVersion>(await api.post("/api/models/pgdown/versions", { headers, data: pushBody(first, model.reference, "first") }), 201, "first push");
    expect(v1.version).toBe(1);
    const champion = (version: number) => api.put("/api/models/pgdown/aliases/champion", { headers, data: { version, reason: "e2e" } });
    await jsonOf(await champion(1), 200, "champion → 1");
    await expectInferAnswer(await client.infer.post("/v2/models/pgdown/infer", { data: inferBody(model.reference) }), model.reference, 1, "infer before the outage");

    const pushed = new Map<string, number>([[v1.sha256, 1]]);
    const sent = [v1.sha256];
    for (const [k, mode] of (["fast", "immediate"] as const).entries()) {
      const load = keepAsking(client, "pgdown", model.reference, 1000 * (k + 1));
      await expect.poll(() => load.ok(), { timeout: 30_000, intervals: [50] }).toBeGreaterThanOrEqual(8);
      // Stopped under load: queries and push transactions are in flight.
      await pg.halt(mode);
      const seen = await duringOutage(client, "pgdown", model.reference);
      test.info().annotations.push({ type: `database down (${mode})`, description: JSON.stringify(seen) });
      expect(app.alive(), `the app survived the outage (${mode}):\n${app.output()}`).toBe(true);
      const resumedAt = load.replies.length;
      await pg.resume();
      // The same process and session: the first requests after the database is back succeed.
      await expectInferAnswer(await client.infer.post("/v2/models/pgdown/infer", { data: inferBody(model.reference) }), model.reference, 1, `infer after the ${mode} restart`);
      await jsonOf(await api.get("/api/models"), 200, `list after the ${mode} restart`);
      await expect.poll(() => load.ok(resumedAt), { timeout: 30_000, intervals: [50], message: `the load recovers after the ${mode} restart` }).toBeGreaterThanOrEqual(8);
      const done = await load.stop();
      expect(done.bad, `replies other than a success or a clean 503 (${mode}); the server said:\n${app.output()}`).toEqual([]);
      expect(done.refused, `the load met the outage (${mode})`).toBeGreaterThan(0);
      for (const [sha, v] of done.pushed) pushed.set(sha, v);
      sent.push(...done.sent);
    }

    // The registry after two restarts under load: numbered without gaps, every
    // acknowledged push there, nothing that was never sent (the outage's pushes).
    const detail = await jsonOf<ModelDetail>(await api.get("/api/models/pgdown"), 200, "model after the restarts");
    expect(detail.versions.map((v) => v.version)).toEqual(detail.versions.map((_, k) => k + 1));
    for (const [sha, v] of pushed) expect(detail.versions.find((s) => s.sha256 === sha)?.version, `acknowledged ${sha}`).toBe(v);
    for (const v of detail.versions) expect(sent, `v${v.version} was pushed`).toContain(v.sha256);
    const latest = detail.versions.at(-1)!.version;
    await jsonOf(await champion(latest), 200, `champion → ${latest} after both restarts`);
    await expectInferAnswer(await client.infer.post("/v2/models/pgdown/infer", { data: inferBody(model.reference) }), model.reference, latest, "infer by the new champion");
    expect(app.alive()).toBe(true);
    // Survived is not enough: next start logs and outlives what plain Node would die of.
    expect(app.output()).not.toMatch(/uncaughtException|unhandledRejection/);
    await client.dispose();
  } finally {
    await app?.kill();
    await pg?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("two app instances on one PostgreSQL: pushes, aliases and traffic policies made on one apply on the other", async () => {
  test.setTimeout(120_000);
  const dirs = [mkdtempSync(join(tmpdir(), "lathe-twin-a-")), mkdtempSync(join(tmpdir(), "lathe-twin-b-"))];
  let pg: ThrowawayPostgres | null = null;
  const apps: AppServer[] = [];
  try {
    pg = await startPostgres();
    // Started together on an empty database: both migrate it and bootstrap the admin at once.
    apps.push(startApp(3112, { DATABASE_URL: pg.url, LATHE_DATA_DIR: dirs[0] }), startApp(3113, { DATABASE_URL: pg.url, LATHE_DATA_DIR: dirs[1] }));
    await Promise.all(apps.map(waitHealthy));
    const [a, b] = await Promise.all(apps.map(signIn));
    const push = (on: typeof a, i: number) => on.api.post("/api/models/twin/versions", { headers: on.headers, data: pushBody(variant(model.bytes, i), model.reference, `file ${i}`) });
    const champion = (on: typeof a, version: number) => on.api.put("/api/models/twin/aliases/champion", { headers: on.headers, data: { version, reason: "e2e" } });
    const infer = (on: typeof a) => on.infer.post("/v2/models/twin/infer", { data: inferBody(model.reference) });

    // Pushed on A: B lists it and serves it.
    const v1 = await jsonOf<ModelVersion>(await push(a, 1), 201, "push on A");
    expect(v1.version).toBe(1);
    const onB = await jsonOf<{ models: ModelSummary[] }>(await b.api.get("/api/models"), 200, "list on B");
    expect(onB.models).toEqual([expect.objectContaining({ name: "twin", versions: 1, latest: 1 })]);
    expect((await jsonOf<ModelDetail>(await b.api.get("/api/models/twin"), 200, "detail on B")).versions.map((v) => v.sha256)).toEqual([v1.sha256]);
    await expectInferAnswer(await b.infer.post("/v2/models/twin/versions/1/infer", { data: inferBody(model.reference) }), model.reference, 1, "B infers v1");

    // The champion alias moved on A answers B's next unpinned request; B's rollback answers A's.
    await jsonOf(await champion(a, 1), 200, "champion → 1 on A");
    await expectInferAnswer(await infer(b), model.reference, 1, "B's champion after A set it");
    expect((await jsonOf<ModelVersion>(await push(a, 2), 201, "second push on A")).version).toBe(2);
    await expectInferAnswer(await infer(b), model.reference, 1, "B's champion before the move");
    await jsonOf(await champion(a, 2), 200, "champion → 2 on A");
    await expectInferAnswer(await infer(b), model.reference, 2, "B's champion after A moved it");
    await jsonOf(await champion(b, 1), 200, "rollback to 1 on B");
    await expectInferAnswer(await infer(a), model.reference, 1, "A's champion after B rolled back");

    // Concurrent pushes of other files to A and B: distinct, consecutive numbers.
    const files = [10, 11, 12, 13, 14, 15];
    const pushed = await Promise.all(files.map(async (i, k) => jsonOf<ModelVersion>(await push(k % 2 === 0 ? a : b, i), 201, `concurrent push of file ${i}`)));
    expect(pushed.map((v) => v.version).sort((x, y) => x - y)).toEqual([3, 4, 5, 6, 7, 8]);
    pushed.forEach((v, k) => expect(v.sha256).toBe(sha256(variant(model.bytes, files[k]))));
    // The same bytes to both at once: one version, created once.
    const same = await Promise.all([push(a, 20), push(b, 20)]);
    expect(same.map((r) => r.status()).sort()).toEqual([200, 201]);
    const [s1, s2] = (await Promise.all(same.map((r) => r.json()))) as ModelVersion[];
    expect([s1.version, s2.version]).toEqual([9, 9]);
    expect(s1.sha256).toBe(s2.sha256);
    const detail = await jsonOf<ModelDetail>(await a.api.get("/api/models/twin"), 200, "detail on A");
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // A canary set on B sends all of A's unpinned requests to the challenger.
    const policy = { mode: "canary", challenger: 9, percent: 100, stickyKey: null };
    await jsonOf(await b.api.put("/api/models/twin/traffic", { headers: b.headers, data: policy }), 200, "canary on B");
    expect((await jsonOf<{ policy: unknown }>(await a.api.get("/api/models/twin/traffic"), 200, "policy on A")).policy).toEqual(policy);
    for (let k = 0; k < 3; k++) await expectInferAnswer(await infer(a), model.reference, 9, `A under B's canary (${k})`);
    await jsonOf(await b.api.put("/api/models/twin/traffic", { headers: b.headers, data: { mode: "champion" } }), 200, "champion only on B");
    await expectInferAnswer(await infer(a), model.reference, 1, "A after B ended the canary");
    await Promise.all([a.dispose(), b.dispose()]);
  } finally {
    await Promise.all(apps.map((s) => s.kill()));
    await pg?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});
