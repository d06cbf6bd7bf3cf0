import { beforeAll, describe, expect, it } from "vitest";
import * as predict from "@/app/api/models/[name]/predict/route";
import * as traffic from "@/app/api/models/[name]/traffic/route";
import * as metrics from "@/app/metrics/route";
import * as live from "@/app/v2/health/live/route";
import * as ready from "@/app/v2/health/ready/route";
import * as infer from "@/app/v2/models/[name]/infer/route";
import * as meta from "@/app/v2/models/[name]/route";
import * as modelReady from "@/app/v2/models/[name]/ready/route";
import * as versionInfer from "@/app/v2/models/[name]/versions/[version]/infer/route";
import type { ReferenceBatch } from "@/lib/api/models";
import { decodeModel } from "@/lib/onnx/proto";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { inferResponseSchema, modelMetadataSchema } from "@/lib/serve/oip";
import { getStore } from "@/lib/store";
import { exportedPenguinModel, FEATURES } from "./serve/exported-model";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users) until the last test adds a user: requests act as the local admin.
useRouteStore("serve-routes");

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });
const ctx = (name: string, version?: string) => ({ params: Promise.resolve(version === undefined ? { name } : { name, version }) });

/** The v2 request for the reference batch's inputs. */
const inferBody = (ref: ReferenceBatch, id = "req-1") => ({ id, inputs: ref.inputs.map((t) => ({ name: t.name, shape: t.shape, datatype: t.datatype, data: t.data })) });

let e: ExportCheckResult;
beforeAll(async () => {
  e = await exportedPenguinModel();
});

async function register(model: string, p: "fp32" | "int8", blessed = true) {
  const store = await getStore();
  const bytes = e.files[p];
  const metadata = Object.fromEntries(decodeModel(bytes).metadata_props.map((m) => [m.key, m.value]));
  const admin = await localAdminId();
  const { version } = await store.models.pushVersion({ model, bytes, sha256: `${p}-${blessed}`, metadata, reference: e.references[p], verdict: { blessed, checks: [] }, runId: null, note: "" }, admin);
  return version.version;
}

/** The built-in local admin owns what this test pushes (creating another user would end local mode). */
async function localAdminId(): Promise<string> {
  return (await (await getStore()).users.ensureLocalAdmin()).id;
}

async function errorOf(res: Response, status: number): Promise<string> {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string };
  expect(typeof body.error).toBe("string");
  return body.error;
}

describe("v2 inference protocol and /predict (onnxruntime-node)", () => {
  it("health: live, and ready when the store is migrated", async () => {
    expect(await (await live.GET()).json()).toEqual({ live: true });
    expect((await ready.GET()).status).toBe(200);
  });

  it("metadata and readiness of the champion; no champion and unknown models are 404", async () => {
    await register("penguins", "fp32");
    expect(await errorOf(await meta.GET(get("/v2/models/penguins"), ctx("penguins")), 404)).toMatch(/has no champion: point the champion alias/);
    const store = await getStore();
    await store.models.moveAlias("penguins", "champion", 1, "first", await localAdminId());
    const m = modelMetadataSchema.parse(await (await meta.GET(get("/v2/models/penguins"), ctx("penguins"))).json());
    expect(m.inputs.map((i) => [i.name, i.datatype])).toEqual([["Island", "BYTES"], [FEATURES[1], "FP32"], [FEATURES[2], "FP32"]]);
    expect(m.outputs.map((o) => [o.name, o.shape])).toEqual([["predicted_label", [-1]], ["probabilities", [-1, 3]]]);
    expect(await (await modelReady.GET(get("/v2/models/penguins/ready"), ctx("penguins"))).json()).toEqual({ name: "penguins", ready: true });
    expect(await errorOf(await meta.GET(get("/v2/models/nobody"), ctx("nobody")), 404)).toMatch(/model not found: nobody/);
  });

  it("infer: the champion reproduces the export's own answers; /versions/{v} asks another version", async () => {
    const res = await infer.POST(post("/v2/models/penguins/infer", inferBody(e.references.fp32)), ctx("penguins"));
    expect(res.status).toBe(200);
    const body = inferResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ model_name: "penguins", model_version: "1", id: "req-1" });
    const probs = body.outputs.find((o) => o.name === "probabilities")!;
    const expected = e.references.fp32.outputs.find((o) => o.name === "probabilities")!.data as number[];
    (probs.data as number[]).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-6));
    const labels = body.outputs.find((o) => o.name === "predicted_label")!;
    expect(labels).toMatchObject({ datatype: "BYTES", shape: [32] });

    const v2 = await register("penguins", "int8");
    const other = await versionInfer.POST(post(`/v2/models/penguins/versions/${v2}/infer`, { ...inferBody(e.references.int8), outputs: [{ name: "predicted_label" }] }), ctx("penguins", String(v2)));
    const ob = inferResponseSchema.parse(await other.json());
    expect(ob.model_version).toBe(String(v2));
    expect(ob.outputs.map((o) => o.name)).toEqual(["predicted_label"]);
  });

  it("bad requests get 400 naming the field, and the server keeps answering", async () => {
    const ref = inferBody(e.references.fp32);
    const call = (body: unknown) => infer.POST(post("/v2/models/penguins/infer", body), ctx("penguins"));
    expect(await errorOf(await call({ inputs: ref.inputs.slice(1) }), 400)).toMatch(/Island/);
    const wrongType = { inputs: ref.inputs.map((t) => (t.name === FEATURES[1] ? { ...t, data: t.data.map(() => "long") } : t)) };
    expect(await errorOf(await call(wrongType), 400)).toMatch(/Beak Length \(mm\)/);
    const tooMany = { inputs: ref.inputs.map((t) => ({ ...t, shape: [20_000, 1], data: new Array(20_000).fill(t.datatype === "BYTES" ? "Biscoe" : 1) })) };
    expect(await errorOf(await call(tooMany), 400)).toMatch(/limit of 10000/);
    expect(await errorOf(await infer.POST(post("/v2/models/penguins/infer", "{not json"), ctx("penguins")), 400)).toBeTruthy();
    expect(await errorOf(await versionInfer.POST(post("/v2/models/penguins/versions/x/infer", ref), ctx("penguins", "x")), 400)).toMatch(/not a version number/);
    expect(await errorOf(await infer.POST(post("/v2/models/..%2Fetc/infer", ref), ctx("..%2Fetc")), 400)).toMatch(/not a valid name/);
    const vetoed = await register("penguins", "int8", false);
    expect(await errorOf(await versionInfer.POST(post(`/v2/models/penguins/versions/${vetoed}/infer`, ref), ctx("penguins", String(vetoed))), 409)).toMatch(/vetoed/);
    expect((await call(ref)).status).toBe(200);
  });

  it("/api/models/{name}/predict: records in, labels and probabilities out, with the version", async () => {
    const records = [
      { Island: "Biscoe", [FEATURES[1]]: 47.5, [FEATURES[2]]: 220 },
      { Island: null, [FEATURES[1]]: 38.1, [FEATURES[2]]: 181 },
    ];
    const res = await predict.POST(post("/api/models/penguins/predict", records), ctx("penguins"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; predictions: { label: string; probabilities: Record<string, number> }[] };
    expect(body.version).toBe(1);
    expect(body.predictions).toHaveLength(2);
    for (const p of body.predictions) {
      expect(Object.keys(p.probabilities)).toEqual(["Adelie", "Chinstrap", "Gentoo"]);
      expect(Math.abs(Object.values(p.probabilities).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-5);
      expect(p.label).toBe(Object.entries(p.probabilities).sort((a, b) => b[1] - a[1])[0][0]);
    }
    const bad = await predict.POST(post("/api/models/penguins/predict", [{ Island: "Biscoe", Beak: 1 }]), ctx("penguins"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/Beak/);
  });

  it("traffic: a canary answers from the challenger for its share, sticky by header; a shadow answers from the champion and counts disagreement", async () => {
    const put = (policy: unknown) => traffic.PUT(new Request("http://localhost/api/models/penguins/traffic", { method: "PUT", body: JSON.stringify(policy), headers: { "content-type": "application/json" } }), ctx("penguins"));
    const versionOf = async (headers: Record<string, string> = {}) => inferResponseSchema.parse(await (await infer.POST(post("/v2/models/penguins/infer", inferBody(e.references.fp32), headers), ctx("penguins"))).json()).model_version;
    expect((await put({ mode: "canary", challenger: 2, percent: 100 })).status).toBe(200);
    expect(await versionOf()).toBe("2");
    expect((await put({ mode: "canary", challenger: 2, percent: 0 })).status).toBe(200);
    expect(await versionOf()).toBe("1");
    // Half the callers by key: each key always sees one version, and both versions answer someone.
    await put({ mode: "canary", challenger: 2, percent: 50, stickyKey: "x-user" });
    const seen = new Map<string, Set<string>>();
    for (let u = 0; u < 20; u++) for (let i = 0; i < 3; i++) (seen.get(`user-${u}`) ?? seen.set(`user-${u}`, new Set()).get(`user-${u}`)!).add((await versionOf({ "x-user": `user-${u}` }))!);
    expect([...seen.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set([...seen.values()].flatMap((s) => [...s]))).toEqual(new Set(["1", "2"]));

    await put({ mode: "shadow", challenger: 2, percent: 100 });
    for (let i = 0; i < 3; i++) expect(await versionOf()).toBe("1");
    await new Promise((r) => setTimeout(r, 200)); // the shadow runs after the answer
    const stats = (await (await traffic.GET(get("/api/models/penguins/traffic"), ctx("penguins"))).json()) as { policy: { mode: string }; shadow: { challenger: number; requests: number; rows: number; kind: string; disagreement: number }[] };
    expect(stats.policy.mode).toBe("shadow");
    const s = stats.shadow.find((x) => x.challenger === 2)!;
    expect(s.requests).toBeGreaterThanOrEqual(3);
    expect(s.kind).toBe("labels");
    // fp32 and int8 of one model: at most a few of its 32 reference rows change label.
    expect(s.disagreement).toBeLessThan(0.1);
    const bad = await put({ mode: "canary", challenger: 2, percent: 150 });
    expect(bad.status).toBe(400);
    await put({ mode: "champion" });
  });

  it("GET /metrics counts answers by model and version, latency in a histogram, and refusals by status", async () => {
    const text = async () => (await metrics.GET(get("/metrics"))).text();
    const count = (t: string, series: string) => Number(new RegExp(`^${series.replace(/[{}]/g, "\\$&")} (\\d+)$`, "m").exec(t)?.[1] ?? 0);
    const before = await text();
    const answered = 'lathe_inference_requests_total{model="penguins",version="1",route="v2"}';
    const refused = 'lathe_inference_errors_total{model="penguins",route="v2",status="400"}';
    const unknown = 'lathe_inference_errors_total{model="unknown",route="v2",status="404"}';
    for (let i = 0; i < 3; i++) expect((await infer.POST(post("/v2/models/penguins/infer", inferBody(e.references.fp32)), ctx("penguins"))).status).toBe(200);
    expect((await infer.POST(post("/v2/models/penguins/infer", { inputs: [] }), ctx("penguins"))).status).toBe(400);
    expect((await infer.POST(post("/v2/models/ghost/infer", inferBody(e.references.fp32)), ctx("ghost"))).status).toBe(404);
    const after = await text();
    expect(count(after, answered) - count(before, answered)).toBe(3);
    expect(count(after, refused) - count(before, refused)).toBe(1);
    expect(count(after, unknown) - count(before, unknown)).toBe(1);
    expect(count(after, 'lathe_inference_rows_total{model="penguins",version="1"}') - count(before, 'lathe_inference_rows_total{model="penguins",version="1"}')).toBe(96);
    expect(after).toMatch(/^lathe_inference_seconds_bucket\{le="\+Inf",model="penguins",version="1",route="v2"\} \d+$/m);
    expect(after).not.toContain('model="ghost"');
  });

  it("a token without the inference scope is refused (403), one with it answers", async () => {
    const store = await getStore();
    const user = await store.users.createUser({ username: "service", displayName: "Service", role: "viewer" }, "password123");
    const readOnly = await store.users.createToken(user.id, "read only", ["read"]);
    const inference = await store.users.createToken(user.id, "inference", ["inference"]);
    const body = inferBody(e.references.fp32);
    expect(await errorOf(await infer.POST(post("/v2/models/penguins/infer", body, { authorization: `Bearer ${readOnly.token}` }), ctx("penguins")), 403)).toMatch(/scope inference/);
    expect((await infer.POST(post("/v2/models/penguins/infer", body, { authorization: `Bearer ${inference.token}` }), ctx("penguins"))).status).toBe(200);
    expect(await errorOf(await infer.POST(post("/v2/models/penguins/infer", body), ctx("penguins")), 401)).toBeTruthy();
  });
});
