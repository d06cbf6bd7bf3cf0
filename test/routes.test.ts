import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";
import * as notebook from "@/app/api/notebooks/[id]/route";
import * as notebooks from "@/app/api/notebooks/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { healthSchema } from "@/lib/api/health";
import { MAX_BODY_BYTES } from "@/lib/api/http";
import { savedNotebookSchema } from "@/lib/api/notebook";
import { notebookListSchema } from "@/lib/api/notebook-requests";
import { closeStore } from "@/lib/store";
import { doc } from "./store.contract";

// getStore() reads the environment when first called, so this points the
// route handlers at a PGlite store in a temp dir.
const dataDir = mkdtempSync(path.join(tmpdir(), "lathe-routes-"));
process.env.LATHE_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;
process.env.NEXT_PUBLIC_LATHE_VERSION = "test-version";

afterAll(async () => {
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

const BASE = "http://localhost/api/notebooks";

function send(method: string, body: string, url = BASE): Request {
  return new Request(url, { method, body, headers: { "content-type": "application/json" } });
}

function ctx(id: string) {
  return { params: Promise.resolve({ id }) };
}

async function expectError(res: Response, status: number, code: string, field?: string) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (field !== undefined) expect(body.error.field).toBe(field);
  return body.error;
}

async function create(title: string) {
  const res = await notebooks.POST(send("POST", JSON.stringify({ notebook: doc(title) })));
  expect(res.status).toBe(201);
  return savedNotebookSchema.parse(await res.json());
}

describe("route handlers", () => {
  it("GET /api/health reports the store and its migrations", async () => {
    const res = await health.GET();
    expect(res.status).toBe(200);
    const body = healthSchema.parse(await res.json());
    expect(body).toMatchObject({ status: "ok", version: "test-version", store: { kind: "pglite", migrationsCurrent: true } });
    expect(body.store.applied).toBe(body.store.latest);
  });

  it("creates, reads, lists, updates and deletes a notebook", async () => {
    const created = await create("via routes");
    expect(created).toMatchObject({ title: "via routes", revision: 1, notebook: doc("via routes") });

    const got = await notebook.GET(new Request(`${BASE}/${created.id}`), ctx(created.id));
    expect(got.status).toBe(200);
    expect(savedNotebookSchema.parse(await got.json())).toEqual(created);

    const put = await notebook.PUT(send("PUT", JSON.stringify({ notebook: doc("renamed"), baseRevision: 1 })), ctx(created.id));
    expect(put.status).toBe(200);
    expect(savedNotebookSchema.parse(await put.json())).toMatchObject({ id: created.id, title: "renamed", revision: 2 });

    const list = notebookListSchema.parse(await (await notebooks.GET(new Request(BASE))).json());
    expect(list.notebooks[0]).toMatchObject({ id: created.id, title: "renamed", revision: 2 });

    const del = await notebook.DELETE(new Request(`${BASE}/${created.id}`, { method: "DELETE" }), ctx(created.id));
    expect(del.status).toBe(204);
    await expectError(await notebook.GET(new Request(`${BASE}/${created.id}`), ctx(created.id)), 404, "not_found");
  });

  it("answers malformed JSON with 400 body: not valid JSON", async () => {
    const err = await expectError(await notebooks.POST(send("POST", "{ not json")), 400, "invalid", "body");
    expect(err.message).toBe("body: not valid JSON");
  });

  it("answers a schema violation with 400 naming the field", async () => {
    const untitled = { notebook: { ...doc("x"), title: "" } };
    const a = await expectError(await notebooks.POST(send("POST", JSON.stringify(untitled))), 400, "invalid", "notebook.title");
    expect(a.message).toMatch(/^notebook\.title: /);

    const badCell = { notebook: { ...doc("x"), cells: [{ id: "c", kind: "sql", source: 42 }] } };
    await expectError(await notebooks.POST(send("POST", JSON.stringify(badCell))), 400, "invalid", "notebook.cells.0.source");

    await expectError(await notebooks.POST(send("POST", JSON.stringify({ notebook: doc("x"), baseRevision: 1 }))), 400, "invalid", "baseRevision");

    const created = await create("needs revision");
    await expectError(await notebook.PUT(send("PUT", JSON.stringify({ notebook: doc("x") })), ctx(created.id)), 400, "invalid", "baseRevision");
  });

  it("answers a stale save with 409 telling the user to reload", async () => {
    const created = await create("contested");
    const first = await notebook.PUT(send("PUT", JSON.stringify({ notebook: doc("mine"), baseRevision: 1 })), ctx(created.id));
    expect(first.status).toBe(200);
    const err = await expectError(
      await notebook.PUT(send("PUT", JSON.stringify({ notebook: doc("theirs"), baseRevision: 1 })), ctx(created.id)),
      409,
      "conflict",
    );
    expect(err.message).toMatch(/reload/);
  });

  it("answers unknown ids with 404", async () => {
    const id = crypto.randomUUID();
    await expectError(await notebook.GET(new Request(`${BASE}/${id}`), ctx(id)), 404, "not_found");
    await expectError(await notebook.PUT(send("PUT", JSON.stringify({ notebook: doc("x"), baseRevision: 1 })), ctx(id)), 404, "not_found");
    await expectError(await notebook.DELETE(new Request(`${BASE}/${id}`, { method: "DELETE" }), ctx("nope")), 404, "not_found");
  });

  it("answers a body over 5 MB with 413", async () => {
    const huge = JSON.stringify({ notebook: { ...doc("big"), cells: [{ id: "m", kind: "markdown", source: "x".repeat(MAX_BODY_BYTES) }] } });
    await expectError(await notebooks.POST(send("POST", huge)), 413, "too_large");
  });

  it("answers 503 from /api/health when the store cannot open", async () => {
    await closeStore();
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/none";
    try {
      await expectError(await health.GET(), 503, "unavailable");
    } finally {
      delete process.env.DATABASE_URL;
      await closeStore();
    }
    expect((await health.GET()).status).toBe(200);
  });
});
