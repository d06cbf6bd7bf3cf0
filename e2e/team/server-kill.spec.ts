import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request } from "@playwright/test";
import { expect, test } from "../fixtures";
import { PASSWORD, apiAs } from "./team-fixtures";

/**
 * SIGKILL mid-labeling loses no acknowledged annotation: a labeler submits
 * as fast as the server answers, with several requests in flight; the
 * server process is killed without warning; a new one on the same data
 * folder must hold every answer that got its 201, once.
 */

const PORT = 3102;
const BASE = `http://localhost:${PORT}`;
const ADMIN = { username: "killadmin", password: "kill-admin-password" };

/** The Next.js server itself (not an npx wrapper), so SIGKILL hits the process that holds the store. */
function startServer(dataDir: string): ChildProcess {
  return spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: "ignore",
    env: {
      ...process.env,
      LATHE_DATA_DIR: dataDir,
      LATHE_HOST: "127.0.0.1",
      LATHE_ADMIN_USERNAME: ADMIN.username,
      LATHE_ADMIN_PASSWORD: ADMIN.password,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
}

async function waitHealthy(): Promise<void> {
  const api = await request.newContext({ baseURL: BASE });
  try {
    await expect
      .poll(async () => (await api.get("/api/health").catch(() => null))?.status() ?? 0, { timeout: 60_000, intervals: [200] })
      .toBe(200);
  } finally {
    await api.dispose();
  }
}

test("a server killed with SIGKILL mid-labeling keeps every acknowledged annotation", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), "lathe-kill-"));
  let server = startServer(dataDir);
  try {
    await waitHealthy();
    const admin = await apiAs(BASE, ADMIN.username, ADMIN.password);
    const h = { "x-lathe-csrf": admin.csrf };
    expect((await admin.api.post("/api/users", { data: { username: "kim", displayName: "Kim", role: "labeler", password: PASSWORD }, headers: h })).status()).toBe(201);
    const created = await admin.api.post("/api/projects", {
      headers: h,
      data: {
        name: "Kill test",
        labels: ["a", "b"],
        annotatorsPerItem: 1,
        overlapShare: 0,
        idColumn: "id",
        displayColumns: [{ name: "text", kind: "text" }],
        source: { kind: "query", text: "generated" },
      },
    });
    const projectId = ((await created.json()) as { id: string }).id;
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `k${i + 1}`, data: { text: `item ${i + 1}` } }));
    expect((await admin.api.post(`/api/projects/${projectId}/items`, { headers: h, data: { items } })).status()).toBe(201);
    await admin.api.dispose();

    const kim = await apiAs(BASE, "kim");
    const acknowledged = new Map<string, string>();
    let stop = false;
    // Four labeling loops in flight at once, each submitting to item seqs of its own.
    const loop = async (lane: number) => {
      for (let seq = lane + 1; !stop && seq <= items.length; seq += 4) {
        const label = seq % 3 === 0 ? "b" : "a";
        const res = await kim.api
          .post(`/api/projects/${projectId}/items/${seq}/annotations`, { headers: { "x-lathe-csrf": kim.csrf }, data: { kind: "label", labels: [label] } })
          .catch(() => null);
        if (res === null) return; // the server is gone
        if (res.status() === 201) acknowledged.set(`k${seq}`, label);
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await expect.poll(() => acknowledged.size, { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(60);
    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    stop = true;
    await Promise.all(loops);
    await kim.api.dispose();
    const acked = new Map(acknowledged);
    expect(acked.size).toBeGreaterThanOrEqual(60);

    server = startServer(dataDir);
    await waitHealthy();
    const after = await apiAs(BASE, ADMIN.username, ADMIN.password);
    const csv = await after.api.get(`/api/projects/${projectId}/export?what=raw&format=csv`);
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split(/\r\n/).slice(1).map((l) => l.split(","));
    const stored = new Map<string, string>();
    for (const [itemId, , annotator, , kind, label] of rows) {
      expect(annotator).toBe("kim");
      expect(kind).toBe("label");
      expect(stored.has(itemId), `item ${itemId} stored twice`).toBe(false);
      stored.set(itemId, label);
    }
    for (const [itemId, label] of acked) expect(stored.get(itemId), `acknowledged answer on ${itemId}`).toBe(label);
    // At most the requests in flight at the kill were stored without an acknowledgement.
    expect(stored.size - acked.size).toBeLessThanOrEqual(4);
    // The append-only log holds each stored answer once: no version was written twice.
    for (const itemId of stored.keys()) {
      const history = await after.api.get(`/api/projects/${projectId}/items/${itemId.slice(1)}`);
      expect(history.status()).toBe(200);
      const { annotations } = (await history.json()) as { annotations: { version: number }[] };
      expect(annotations.map((a) => a.version), `versions of ${itemId}`).toEqual([1]);
    }
    await after.api.dispose();
  } finally {
    server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
