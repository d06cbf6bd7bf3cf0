import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/dashboard/[model]/export/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import type { RunEvaluation } from "@/lib/api/evaluation";
import { loadDashboard } from "@/lib/eval/dashboard-source";
import { getStore } from "@/lib/store";
import { request, signIn } from "./role-matrix-harness";
import { runEvaluation, runRequest } from "./store.runs.contract";
import { useRouteStore } from "./route-store";

// A real PGlite store in a temp folder; users exist, so every request needs a session.
useRouteStore("dashboard-export");

const PASSWORD = "dashboard password";
let viewer: { session: string };
let labeler: { session: string };
let owner: string;

const est = (value: number, lower: number, upper: number) => ({ value, lower, upper, interval: "wilson" as const, baseline: 0.4 });
const evaluation = (mobile: number): RunEvaluation =>
  runEvaluation({
    slices: [{ name: "mobile <b>users</b>", definition: "device = 'mobile'", rows: 80, lowSupport: false, metrics: { accuracy: est(mobile, mobile - 0.02, mobile + 0.02) }, test: null, pinned: true, threshold: { metric: "accuracy", min: 0.85 } }],
  });

/** A finished run with `e` stored, and a version of `model` pushed from it (straight into the store: the gate is not under test here). */
async function versionFromRun(model: string, e: RunEvaluation | null, runId?: string): Promise<string> {
  const store = await getStore();
  let id = runId;
  if (id === undefined) {
    const run = await store.runs.createRun(runRequest(), owner);
    await store.runs.updateRun(run.id, { status: "finished" });
    if (e !== null) await store.runs.updateRun(run.id, { evaluation: e });
    id = run.id;
  }
  const bytes = new TextEncoder().encode(`${model}:${id}:${Math.random()}`);
  const reference = { inputs: [{ name: "x", shape: [1, 1], datatype: "FP32" as const, data: [1] }], outputs: [{ name: "y", shape: [1, 1], datatype: "FP32" as const, data: [1] }] };
  await store.models.pushVersion({ model, bytes, sha256: Buffer.from(bytes).toString("hex").padEnd(64, "0").slice(0, 64), metadata: {}, reference, verdict: { blessed: true, checks: [] }, runId: id, note: "" }, owner);
  return id;
}

const get = (model: string, session?: string) => exportRoute.GET(request("GET", { path: `/api/dashboard/${model}/export` }, { session }), { params: Promise.resolve({ model }) });

beforeAll(async () => {
  const store = await getStore();
  owner = (await store.users.createUser({ username: "dash-owner", displayName: "Owner", role: "data_scientist" }, PASSWORD)).id;
  await store.users.createUser({ username: "dash-viewer", displayName: "Viewer", role: "viewer" }, PASSWORD);
  await store.users.createUser({ username: "dash-labeler", displayName: "Labeler", role: "labeler" }, PASSWORD);
  viewer = await signIn("dash-viewer", PASSWORD);
  labeler = await signIn("dash-labeler", PASSWORD);
  await versionFromRun("churn", evaluation(0.92));
  await versionFromRun("churn", evaluation(0.8));
  await (await getStore()).models.moveAlias("churn", "champion", 2, "test", owner);
});

describe("GET /api/dashboard/{model}/export", () => {
  it("gives a viewer the dashboard as a self-contained HTML download", async () => {
    const res = await get("churn", viewer.session);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="dashboard-churn-\d{4}-\d{2}-\d{2}\.html"$/);
    const html = await res.text();
    expect(html).toContain("Accuracy for mobile &lt;b&gt;users&lt;/b&gt; fell from 92% to 80% in version 2, below its threshold of 85%.");
    expect(html).not.toMatch(/<script|<b>|https?:\/\//i);
  });

  it("refuses a role without models.read, anyone signed out, and says which model is missing", async () => {
    expect((await get("churn", labeler.session)).status).toBe(403);
    expect((await get("churn")).status).toBe(401);
    const missing = await get("no-such-model", viewer.session);
    expect(missing.status).toBe(404);
    expect(apiErrorBodySchema.parse(await missing.json()).error.message).toMatch(/no-such-model/);
    const bad = await get("..%2Fetc", viewer.session);
    expect(bad.status).toBe(400);
  });
});

describe("loadDashboard", () => {
  it("reads each version's run from the store, and tells a missing run from an unevaluated one", async () => {
    const d = await loadDashboard(await getStore(), "churn");
    if (d.kind !== "ready") throw new Error(d.kind);
    expect(d.rows[1].trend.map((p) => [p.version, p.value])).toEqual([
      [1, 0.92],
      [2, 0.8],
    ]);

    await versionFromRun("unevaluated", null);
    expect(await loadDashboard(await getStore(), "unevaluated")).toMatchObject({ kind: "no-evaluation", current: { version: 1 }, hasRun: true });
    // A file exported elsewhere names a run this store never saw (and not even a UUID).
    await versionFromRun("foreign", null, "run-1-20");
    await versionFromRun("foreign", null, "00000000-0000-4000-8000-000000000000");
    expect(await loadDashboard(await getStore(), "foreign")).toMatchObject({ kind: "no-evaluation", current: { version: 2, reason: "newest" }, hasRun: false });
  });
});
