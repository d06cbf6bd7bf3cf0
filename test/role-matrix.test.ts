import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/auth/me/route";
import * as adjudication from "@/app/api/projects/[id]/items/[seq]/adjudication/route";
import * as annotations from "@/app/api/projects/[id]/items/[seq]/annotations/route";
import * as comments from "@/app/api/projects/[id]/items/[seq]/comments/route";
import * as projectImport from "@/app/api/projects/[id]/import/route";
import * as projectItems from "@/app/api/projects/[id]/items/route";
import * as projectLabels from "@/app/api/projects/[id]/labels/route";
import * as queue from "@/app/api/projects/[id]/queue/route";
import * as review from "@/app/api/projects/[id]/review/route";
import * as projects from "@/app/api/projects/route";
import * as runById from "@/app/api/runs/[id]/route";
import * as runExportRoute from "@/app/api/runs/export/route";
import * as runImport from "@/app/api/runs/import/route";
import * as modelAlias from "@/app/api/models/[name]/aliases/[alias]/route";
import * as modelVersions from "@/app/api/models/[name]/versions/route";
import * as modelPredict from "@/app/api/models/[name]/predict/route";
import * as modelBatch from "@/app/api/models/[name]/batch/route";
import * as modelTraffic from "@/app/api/models/[name]/traffic/route";
import * as modelFeedback from "@/app/api/models/[name]/feedback/route";
import * as modelReview from "@/app/api/models/[name]/review/route";
import { decodeModel } from "@/lib/onnx/proto";
import { exportedPenguinModel, FEATURES } from "./serve/exported-model";
import * as runs from "@/app/api/runs/route";
import * as notebook from "@/app/api/notebooks/[id]/route";
import * as notebooks from "@/app/api/notebooks/route";
import * as tokenById from "@/app/api/tokens/[id]/route";
import * as tokens from "@/app/api/tokens/route";
import * as userById from "@/app/api/users/[id]/route";
import * as users from "@/app/api/users/route";
import { meSchema } from "@/lib/api/auth-requests";
import { PERMISSIONS } from "@/lib/auth/roles";
import { getStore } from "@/lib/store";
import { request, roleMatrixTests, signIn, signInActors, type Actor, type Actors, type RouteCase } from "./role-matrix-harness";
import { doc } from "./store.contract";
import { spec } from "./store.labels.contract";
import { runExport } from "@/lib/api/run-export";
import { exportedRun, runRequest } from "./store.runs.contract";
import { useRouteStore } from "./route-store";

// getStore() reads the environment when first called: a PGlite store in a
// temp dir, listening (as far as the app knows) on loopback, with no users.
useRouteStore("matrix");

let seq = 0;
const unique = (base: string) => `${base}-${++seq}`;

/** A project with one item (five slots, so every allowed role can answer it), made directly in the store. */
async function freshProject(owner: Actor): Promise<{ id: string; params: { id: string; seq: string } }> {
  const labels = (await getStore()).labels;
  const p = await labels.createProject(spec({ name: unique("matrix project"), annotatorsPerItem: 5 }), owner.userId);
  await labels.addItems(p.id, { items: [{ id: "item-1", data: { text: "hello" } }] });
  return { id: p.id, params: { id: p.id, seq: "1" } };
}

/**
 * Every mutating route that needs a permission. Append new routes here (the
 * labeling routes under /api/projects included): method, handler, the
 * permission it asks `authorize` for, a request builder, and at least one
 * hand-written expectation that does not come from PERMISSIONS.
 */
const ROUTES: RouteCase[] = [
  {
    method: "POST",
    route: "/api/notebooks",
    handler: notebooks.POST,
    permission: "notebooks.write",
    build: () => ({ path: "/api/notebooks", body: { notebook: doc(unique("matrix")) } }),
    expect: [
      ["labeler", "refused"],
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "PUT",
    route: "/api/notebooks/{id}",
    handler: notebook.PUT,
    permission: "notebooks.write",
    build: async () => {
      const saved = await (await getStore()).saveNotebook(null, { notebook: doc(unique("put")) });
      return { path: `/api/notebooks/${saved.id}`, params: { id: saved.id }, body: { notebook: doc("edited"), baseRevision: 1 } };
    },
    expect: [
      ["reviewer", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "DELETE",
    route: "/api/notebooks/{id}",
    handler: notebook.DELETE,
    permission: "notebooks.write",
    build: async () => {
      const saved = await (await getStore()).saveNotebook(null, { notebook: doc(unique("delete")) });
      return { path: `/api/notebooks/${saved.id}`, params: { id: saved.id } };
    },
    expect: [
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/users",
    handler: users.POST,
    permission: "users.manage",
    build: () => ({ path: "/api/users", body: { username: unique("invitee"), displayName: "Invitee", role: "labeler" } }),
    expect: [
      ["data_scientist", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "PATCH",
    route: "/api/users/{id}",
    handler: userById.PATCH,
    permission: "users.manage",
    build: async () => {
      const inv = await (await getStore()).users.invite({ username: unique("target"), displayName: "Target", role: "labeler" });
      return { path: `/api/users/${inv.user.id}`, params: { id: inv.user.id }, body: { role: "viewer" } };
    },
    expect: [
      ["reviewer", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/tokens",
    handler: tokens.POST,
    permission: "tokens.own",
    build: () => ({ path: "/api/tokens", body: { name: unique("script"), scopes: ["read"] } }),
    expect: [
      ["labeler", "allowed"],
      ["viewer", "allowed"],
    ],
    sessionOnly: true,
  },
  {
    method: "DELETE",
    route: "/api/tokens/{id}",
    handler: tokenById.DELETE,
    permission: "tokens.own",
    build: async (actor) => {
      const t = await (await getStore()).users.createToken(actor.userId, unique("to revoke"), ["read"]);
      return { path: `/api/tokens/${t.summary.id}`, params: { id: t.summary.id } };
    },
    expect: [["viewer", "allowed"]],
  },
  {
    method: "POST",
    route: "/api/projects",
    handler: projects.POST,
    permission: "projects.manage",
    build: () => ({ path: "/api/projects", body: spec({ name: unique("project") }) }),
    expect: [
      ["labeler", "refused"],
      ["reviewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/items",
    handler: projectItems.POST,
    permission: "projects.manage",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/items`, params: { id: p.id }, body: { items: [{ id: unique("item"), data: { text: "x" } }] } };
    },
    expect: [
      ["viewer", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/queue",
    handler: queue.POST,
    permission: "labels.submit",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/queue`, params: { id: p.id }, body: { count: 2 } };
    },
    expect: [
      ["viewer", "refused"],
      ["labeler", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/items/{seq}/annotations",
    handler: annotations.POST,
    permission: "labels.submit",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/items/1/annotations`, params: p.params, body: { kind: "label", labels: ["pos"] } };
    },
    expect: [
      ["viewer", "refused"],
      ["labeler", "allowed"],
      ["reviewer", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/items/{seq}/adjudication",
    handler: adjudication.POST,
    permission: "labels.adjudicate",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/items/1/adjudication`, params: p.params, body: { labels: ["neg"], baseVersion: 0 } };
    },
    expect: [
      ["labeler", "refused"],
      ["data_scientist", "refused"],
      ["reviewer", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/items/{seq}/comments",
    handler: comments.POST,
    permission: "labels.submit",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/items/1/comments`, params: p.params, body: { body: "unclear wording" } };
    },
    expect: [
      ["viewer", "refused"],
      ["labeler", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/labels",
    handler: projectLabels.POST,
    permission: "projects.manage",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/labels`, params: { id: p.id }, body: { kind: "rename", from: "pos", to: "positive" } };
    },
    expect: [
      ["reviewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/import",
    handler: projectImport.POST,
    permission: "projects.manage",
    build: async (a) => {
      const p = await freshProject(a);
      return { path: `/api/projects/${p.id}/import?what=raw&format=csv`, params: { id: p.id }, text: `item_id,annotator,label\nitem-1,${a.username},neg\n` };
    },
    expect: [
      ["labeler", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/projects/{id}/review",
    handler: review.POST,
    permission: "projects.manage",
    // Flags the project's item and adds a new one: it loads items, so it needs what loading items needs.
    build: async (a) => {
      const p = await freshProject(a);
      const items = [{ id: "item-1", data: {}, reason: "model says neg" }, { id: unique("flagged"), data: { text: "x" }, reason: "feedback says pos" }];
      return { path: `/api/projects/${p.id}/review`, params: { id: p.id }, body: { items } };
    },
    expect: [
      ["labeler", "refused"],
      ["reviewer", "refused"],
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/runs",
    handler: runs.POST,
    permission: "runs.write",
    build: () => ({ path: "/api/runs", body: runRequest({ name: unique("run") }) }),
    expect: [
      ["viewer", "refused"],
      ["labeler", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "PATCH",
    route: "/api/runs/{id}",
    handler: runById.PATCH,
    permission: "runs.write",
    build: async (a) => {
      const run = await (await getStore()).runs.createRun(runRequest({ name: unique("patched") }), a.userId);
      return { path: `/api/runs/${run.id}`, params: { id: run.id }, body: { notes: "checked", tags: ["matrix"] } };
    },
    expect: [
      ["reviewer", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/runs/import",
    handler: runImport.POST,
    permission: "runs.write",
    // A fresh id each time, so an allowed call really imports.
    build: () => ({ path: "/api/runs/import", body: runExport([exportedRun({ name: unique("imported") })], new Date()) }),
    expect: [
      ["viewer", "refused"],
      ["reviewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/models/{name}/versions",
    handler: modelVersions.POST,
    permission: "models.push",
    // Bytes that are not ONNX: the gate vetoes them, and the version is still stored (201) with its reasons.
    build: () => {
      const name = unique("matrix-model");
      const reference = { inputs: [{ name: "x", shape: [1, 1], datatype: "FP32", data: [1] }], outputs: [{ name: "predicted_value", shape: [1], datatype: "FP32", data: [1] }] };
      return { path: `/api/models/${name}/versions`, params: { name }, body: { onnx: Buffer.from(name).toString("base64"), reference } };
    },
    expect: [
      ["labeler", "refused"],
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "PUT",
    route: "/api/models/{name}/aliases/{alias}",
    handler: modelAlias.PUT,
    permission: "models.deploy",
    build: async (actor) => {
      const name = unique("matrix-alias");
      const bytes = new TextEncoder().encode(name);
      const owner = actor.userId;
      await (await getStore()).models.pushVersion(
        { model: name, bytes, sha256: name, metadata: {}, reference: { inputs: [], outputs: [] }, verdict: { blessed: true, checks: [] }, runId: null, note: "" },
        owner,
      );
      return { path: `/api/models/${name}/aliases/champion`, params: { name, alias: "champion" }, body: { version: 1, reason: "first" } };
    },
    expect: [
      ["reviewer", "refused"],
      ["admin", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/models/{name}/predict",
    handler: modelPredict.POST,
    permission: "models.infer",
    build: async (actor) => {
      const name = await served(actor);
      return { path: `/api/models/${name}/predict`, params: { name }, body: [{ Island: "Dream", [FEATURES[1]]: 40, [FEATURES[2]]: 190 }] };
    },
    expect: [
      ["labeler", "allowed"],
      ["viewer", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/models/{name}/batch",
    handler: modelBatch.POST,
    permission: "models.infer",
    // A CSV file as the body (the harness sends `text` as text/csv).
    build: async (actor) => {
      const name = await served(actor);
      return { path: `/api/models/${name}/batch`, params: { name }, text: `Island,${FEATURES[1]},${FEATURES[2]}\nDream,40,190\n` };
    },
    expect: [
      ["labeler", "allowed"],
      ["viewer", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/models/{name}/feedback",
    handler: modelFeedback.POST,
    permission: "models.infer",
    // An id the log never held: allowed callers get 200 with it listed as not logged.
    build: async (actor) => {
      const name = await served(actor);
      return { path: `/api/models/${name}/feedback`, params: { name }, body: { feedback: [{ requestId: unique("matrix-request"), truth: ["Adelie"] }] } };
    },
    expect: [
      ["labeler", "allowed"],
      ["viewer", "allowed"],
    ],
  },
  {
    method: "POST",
    route: "/api/models/{name}/review",
    handler: modelReview.POST,
    permission: "projects.manage",
    // No feedback logged yet: an allowed caller gets 200 with nothing sent.
    build: async (actor) => {
      const name = await served(actor);
      const project = await freshProject(actor);
      return { path: `/api/models/${name}/review`, params: { name }, body: { projectId: project.id } };
    },
    expect: [
      ["reviewer", "refused"],
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
  {
    method: "PUT",
    route: "/api/models/{name}/traffic",
    handler: modelTraffic.PUT,
    permission: "models.deploy",
    build: async (actor) => {
      const name = await served(actor);
      return { path: `/api/models/${name}/traffic`, params: { name }, body: { mode: "canary", challenger: 1, percent: 10 } };
    },
    expect: [
      ["viewer", "refused"],
      ["data_scientist", "allowed"],
    ],
  },
];

/** A served model with a champion, made once: what the predict route needs to answer. */
let servedModel: Promise<string> | null = null;
function served(owner: Actor): Promise<string> {
  servedModel ??= (async () => {
    const e = await exportedPenguinModel();
    const store = await getStore();
    const metadata = Object.fromEntries(decodeModel(e.files.fp32).metadata_props.map((m) => [m.key, m.value]));
    await store.models.pushVersion({ model: "matrix-served", bytes: e.files.fp32, sha256: "matrix-served", metadata, reference: e.references.fp32, verdict: { blessed: true, checks: [] }, runId: null, note: "" }, owner.userId);
    await store.models.moveAlias("matrix-served", "champion", 1, "serve it", owner.userId);
    return "matrix-served";
  })();
  return servedModel;
}

/** Mutating routes that need no permission, each with why; covered by test/auth-routes.test.ts. */
const PUBLIC_MUTATIONS = [
  "POST /api/auth/signin", // how one gets a session; checks Origin
  "POST /api/auth/signout", // ends one's own session; checks CSRF when a session is live
  "POST /api/auth/invite/accept", // the invite code is the credential
];


function mutatingRoutesOnDisk(): string[] {
  const root = path.join(process.cwd(), "app", "api");
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const route = "/api/" + path.relative(root, dir).split(path.sep).join("/").replace(/\[(\w+)\]/g, "{$1}");
        // Read as text, not imported: a half-written route elsewhere must not break this listing.
        for (const m of readFileSync(p, "utf8").matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(POST|PUT|PATCH|DELETE)\b/g)) found.push(`${m[1]} ${route}`);
      }
    }
  };
  walk(root);
  return found.sort();
}

describe("route table", () => {
  it("lists every mutating route handler in app/api", () => {
    const listed = new Set([...ROUTES.map((r) => `${r.method} ${r.route}`), ...PUBLIC_MUTATIONS]);
    const missing = mutatingRoutesOnDisk().filter((r) => !listed.has(r));
    expect(missing, "mutating routes missing from ROUTES in test/role-matrix.test.ts").toEqual([]);
    for (const r of [...listed]) expect(mutatingRoutesOnDisk(), `ROUTES names a route that does not exist: ${r}`).toContain(r);
  });
});

describe("local mode", () => {
  const anon = (method: string, p: string, body?: unknown, c = {}) => request(method, { path: p, body }, c);
  const readMe = async (c = {}) => meSchema.parse(await (await me.GET(anon("GET", "/api/auth/me", undefined, c))).json());

  it("with no users on loopback, anonymous requests act as the local admin", async () => {
    const res = await notebooks.POST(anon("POST", "/api/notebooks", { notebook: doc("local") }));
    expect(res.status).toBe(201);
    const m = await readMe();
    expect(m).toMatchObject({ localMode: true, via: "local", csrfToken: null, user: { username: "local", displayName: "Local admin", role: "admin" } });
    expect(m.permissions).toEqual(Object.keys(PERMISSIONS));
    expect(await (await getStore()).users.countUsers()).toBe(0);
  });

  it("still refuses a cross-origin mutation, and a foreign Host name (DNS rebinding)", async () => {
    const cross = await notebooks.POST(anon("POST", "/api/notebooks", { notebook: doc("x") }, { origin: "http://evil.example" }));
    expect(cross.status).toBe(403);
    const rebound = await notebooks.GET(anon("GET", "/api/notebooks", undefined, { host: "evil.example:3000" }));
    expect(rebound.status).toBe(401);
  });

  it("is off when the server listens beyond loopback (LATHE_HOST=0.0.0.0), even with no users", async () => {
    process.env.LATHE_HOST = "0.0.0.0";
    try {
      expect((await notebooks.GET(anon("GET", "/api/notebooks"))).status).toBe(401);
      const post = await notebooks.POST(anon("POST", "/api/notebooks", { notebook: doc("x") }));
      expect(post.status).toBe(401);
      expect((await post.json()).error.code).toBe("unauthenticated");
      expect(await readMe()).toMatchObject({ user: null, via: null, localMode: false, permissions: [] });
    } finally {
      delete process.env.LATHE_HOST;
    }
  });

  it("insists the first user be an admin with a password, so someone can sign in afterwards", async () => {
    const labeler = await users.POST(anon("POST", "/api/users", { username: "first", displayName: "First", role: "labeler", password: "password1" }));
    expect(labeler.status).toBe(400);
    const invite = await users.POST(anon("POST", "/api/users", { username: "first", displayName: "First", role: "admin" }));
    expect(invite.status).toBe(400);
    expect(await (await getStore()).users.countUsers()).toBe(0);
  });

  it("bootstraps the admin named by LATHE_ADMIN_USERNAME/PASSWORD on a non-loopback install", async () => {
    process.env.LATHE_HOST = "0.0.0.0";
    process.env.LATHE_ADMIN_USERNAME = "boot";
    process.env.LATHE_ADMIN_PASSWORD = "boot password";
    try {
      const { res, session, csrf } = await signIn("boot", "boot password");
      expect(res.status).toBe(200);
      const m = await readMe({ session });
      expect(m).toMatchObject({ localMode: false, via: "session", csrfToken: csrf, user: { username: "boot", role: "admin" } });
      expect(await (await getStore()).users.countUsers()).toBe(1);
    } finally {
      delete process.env.LATHE_HOST;
      delete process.env.LATHE_ADMIN_USERNAME;
      delete process.env.LATHE_ADMIN_PASSWORD;
    }
  });

  it("ends once a user exists: anonymous requests on loopback get 401", async () => {
    const res = await notebooks.POST(anon("POST", "/api/notebooks", { notebook: doc("x") }));
    expect(res.status).toBe(401);
    expect((await notebooks.GET(anon("GET", "/api/notebooks"))).status).toBe(401);
    expect(await readMe()).toMatchObject({ user: null, localMode: false });
  });
});

describe("role matrix", () => {
  let actors: Actors;
  beforeAll(async () => {
    actors = await signInActors("matrix");
  });
  roleMatrixTests(ROUTES, () => actors);

  it("lets a viewer export runs (runs.read) but not import them (runs.write)", async () => {
    const v = actors.viewer;
    const run = await (await getStore()).runs.createRun(runRequest({ name: unique("viewed") }), actors.data_scientist.userId);
    const exported = await runExportRoute.GET(request("GET", { path: `/api/runs/export?ids=${run.id}` }, { session: v.session }));
    expect(exported.status).toBe(200);
    const body = await exported.json();
    expect(body.runs.map((r: { id: string }) => r.id)).toEqual([run.id]);
    const imported = await runImport.POST(request("POST", { path: "/api/runs/import", body: { ...body, runs: [exportedRun()] } }, { session: v.session, csrf: v.csrf }));
    expect(imported.status).toBe(403);
    expect((await imported.json()).error.message).toContain("runs.write");
  });
});
