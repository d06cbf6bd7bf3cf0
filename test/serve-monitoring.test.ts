import { beforeAll, describe, expect, it } from "vitest";
import * as feedback from "@/app/api/models/[name]/feedback/route";
import * as monitoring from "@/app/api/models/[name]/monitoring/route";
import * as predict from "@/app/api/models/[name]/predict/route";
import * as review from "@/app/api/models/[name]/review/route";
import * as traffic from "@/app/api/models/[name]/traffic/route";
import * as infer from "@/app/v2/models/[name]/infer/route";
import * as versionInfer from "@/app/v2/models/[name]/versions/[version]/infer/route";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { decodeModel } from "@/lib/onnx/proto";
import type { Prediction } from "@/lib/serve/infer";
import type { MonitoringReport } from "@/lib/serve/monitor";
import { inferResponseSchema } from "@/lib/serve/oip";
import { requestLog } from "@/lib/serve/request-log";
import { getStore } from "@/lib/store";
import { exportedPenguinModel, FEATURES, PENGUINS } from "./serve/exported-model";
import { useRouteStore } from "./route-store";
import { spec } from "./store.labels.contract";

useRouteStore("serve-monitoring");

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${url}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
const get = (url: string) => new Request(`http://localhost${url}`);
const ctx = (name: string, version?: string) => ({ params: Promise.resolve(version === undefined ? { name } : { name, version }) });

/** The model's inputs of each penguin, and its species as the truth. */
const RECORDS = PENGUINS.map((p) => Object.fromEntries(FEATURES.map((f) => [f, p[f] ?? null])));
const SPECIES = PENGUINS.map((p) => p.Species as string);

/** Fisher–Yates with a seeded LCG: penguins.json is sorted by species, and a sorted stream would look like drift. */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

let e: ExportCheckResult;
let admin: string;
/** Rows the feedback test found wrong, counted from the answers themselves. */
let wrongAnswers = -1;
beforeAll(async () => {
  e = await exportedPenguinModel();
  admin = (await (await getStore()).users.ensureLocalAdmin()).id;
});

async function register(model: string, p: "fp32" | "int8") {
  const store = await getStore();
  const bytes = e.files[p];
  const metadata = Object.fromEntries(decodeModel(bytes).metadata_props.map((m) => [m.key, m.value]));
  const { version } = await store.models.pushVersion({ model, bytes, sha256: `${model}-${p}`, metadata, reference: e.references[p], verdict: { blessed: true, checks: [] }, runId: null, note: "" }, admin);
  return version.version;
}

async function predictAll(model: string, rows: number[], shift = 0, batch = 50): Promise<{ rows: number[]; response: Prediction }[]> {
  const out = [];
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    const records = part.map((r) => {
      const rec = { ...RECORDS[r] };
      const f = rec["Flipper Length (mm)"];
      if (typeof f === "number") rec["Flipper Length (mm)"] = f + shift;
      return rec;
    });
    const res = await predict.POST(post(`/api/models/${model}/predict`, records), ctx(model));
    expect(res.status).toBe(200);
    out.push({ rows: part, response: (await res.json()) as Prediction });
  }
  return out;
}

async function report(model: string, query = ""): Promise<MonitoringReport> {
  const res = await monitoring.GET(get(`/api/models/${model}/monitoring${query}`), ctx(model));
  expect(res.status).toBe(200);
  return (await res.json()) as MonitoringReport;
}

describe("request log, feedback and the monitoring report (onnxruntime-node, PGlite)", () => {
  it("logs each answered request with the values served and the answer given; ids come from the client or the server", async () => {
    await register("logged", "fp32");
    await (await getStore()).models.moveAlias("logged", "champion", 1, "first", admin);
    const records = RECORDS.slice(0, 3);
    const res = await predict.POST(post("/api/models/logged/predict", records, { "x-request-id": "client-42" }), ctx("logged"));
    const body = (await res.json()) as Prediction;
    expect(body.requestId).toBe("client-42");
    const v2 = inferResponseSchema.parse(await (await infer.POST(post("/v2/models/logged/infer", { inputs: e.references.fp32.inputs }), ctx("logged"))).json());
    expect(v2.id).toMatch(/^[0-9a-f-]{36}$/);
    const store = await getStore();
    await requestLog(store).flush();
    const logged = await store.requests.predictionsOf("logged", 1, 10, "oldest");
    expect(logged.map((l) => l.requestId)).toEqual(["client-42", v2.id]);
    // The log holds what was served: the records' values (float32, seven digits) and the labels answered.
    expect(logged[0].inputs.Island).toEqual(records.map((r) => r.Island));
    expect(logged[0].inputs["Beak Length (mm)"]).toEqual(records.map((r) => r["Beak Length (mm)"]));
    expect(logged[0].outputs.label).toEqual(body.predictions.map((p) => (p as { label: string }).label));
    const best = body.predictions.map((p) => Math.max(...Object.values((p as { probabilities: Record<string, number> }).probabilities)));
    logged[0].outputs.confidence!.forEach((c, i) => expect(c).toBeCloseTo(best[i], 5));
    expect(logged[1].outputs.label).toEqual(v2.outputs.find((o) => o.name === "predicted_label")!.data);
  });

  it("feedback by request id gives an online accuracy equal to the one computed from the answers; refused requests count as errors", async () => {
    const rows = shuffled(RECORDS.length, 7).slice(0, 200);
    const answered = await predictAll("logged", rows);
    // A refused request (a misspelt column) is logged with its status.
    const bad = await predict.POST(post("/api/models/logged/predict", [{ island: "Dream" }]), ctx("logged"));
    expect(bad.status).toBe(400);
    const res = await feedback.POST(post("/api/models/logged/feedback", { feedback: answered.map((a) => ({ requestId: a.response.requestId, truth: a.rows.map((r) => SPECIES[r]) })) }), ctx("logged"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ recorded: answered.length, notLogged: [] });
    let right = 0;
    answered.forEach((a) => a.response.predictions.forEach((p, i) => (right += (p as { label: string }).label === SPECIES[a.rows[i]] ? 1 : 0)));
    wrongAnswers = 200 - right;
    const r = await report("logged");
    const v1 = r.versions.find((v) => v.version === 1)!;
    expect(v1.feedbackRows).toBe(200);
    expect(v1.online).toBeCloseTo(right / 200, 10);
    // 2 requests in the first test, 4 here, 1 refused.
    expect(v1.requests).toBe(7);
    expect(v1.errorRate).toBeCloseTo(1 / 7, 10);
    expect(v1.offline).toBeGreaterThan(0.5);
    expect(r.buckets.reduce((a, b) => a + b.requests, 0)).toBe(7);
    expect(r.buckets.reduce((a, b) => a + b.feedbackRows, 0)).toBe(200);
    expect(v1.p50).toBeGreaterThan(0);
    expect(v1.p99).toBeGreaterThanOrEqual(v1.p50!);
    // Shares of predicted classes over the logged rows sum to one in a bucket with traffic.
    const busy = r.buckets.filter((b) => b.requests > 0);
    for (const b of busy) if (Object.keys(b.classes).length > 0) expect(Object.values(b.classes).reduce((a, c) => a + c, 0)).toBeCloseTo(1, 10);
    expect(r.age).toMatchObject({ version: 1 });
  });

  it("sends the rows feedback found wrong to a labeling project's review queue, each with its reason", async () => {
    expect(wrongAnswers).toBeGreaterThan(0);
    const store = await getStore();
    const project = await store.labels.createProject(spec({ name: "penguin mistakes", labels: ["Adelie", "Chinstrap", "Gentoo"] }), admin);
    const res = await review.POST(post("/api/models/logged/review", { projectId: project.id }), ctx("logged"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sent: wrongAnswers, added: wrongAnswers, flagged: 0 });
    const queue = await store.labels.reviewQueue(project.id, 200);
    expect(queue).toHaveLength(wrongAnswers);
    for (const item of queue) {
      expect(item.flag?.reason).toMatch(/^model logged v1 predicted "(Adelie|Chinstrap|Gentoo)" \(confidence 0\.\d\d\); feedback says "(Adelie|Chinstrap|Gentoo)"$/);
      expect(item.data.predicted).not.toBe(item.data.truth);
      expect(Object.keys(item.data)).toEqual(expect.arrayContaining([...FEATURES, "predicted", "truth", "confidence"]));
    }
    // Sending again flags the same items, adding none.
    expect(await (await review.POST(post("/api/models/logged/review", { projectId: project.id }), ctx("logged"))).json()).toEqual({ sent: wrongAnswers, added: 0, flagged: wrongAnswers });
    expect((await review.POST(post("/api/models/logged/review", { projectId: "no-such-project" }), ctx("logged"))).status).toBe(404);
  });

  it("refuses feedback of the wrong length and lists request ids the log never held", async () => {
    const [a] = await predictAll("logged", [0, 1]);
    const wrong = await feedback.POST(post("/api/models/logged/feedback", { feedback: [{ requestId: a.response.requestId, truth: ["Adelie"] }] }), ctx("logged"));
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(await wrong.json())).toMatch(/1 values, but request .* had 2 rows/);
    const unknown = await feedback.POST(post("/api/models/logged/feedback", { feedback: [{ requestId: "never-sent", truth: ["Adelie"] }] }), ctx("logged"));
    expect(await unknown.json()).toEqual({ recorded: 0, notLogged: ["never-sent"] });
    expect((await feedback.POST(post("/api/models/logged/feedback", { feedback: [] }), ctx("logged"))).status).toBe(400);
    expect((await feedback.POST(post("/api/models/nobody/feedback", { feedback: [{ requestId: "x", truth: [1] }] }), ctx("nobody"))).status).toBe(404);
  });

  it("input and prediction drift: traffic like training raises nothing; flippers 25 mm longer drift that input and the predictions", async () => {
    await register("drifting", "fp32");
    await (await getStore()).models.moveAlias("drifting", "champion", 1, "first", admin);
    await predictAll("drifting", shuffled(RECORDS.length, 11));
    const calm = await report("drifting");
    const flipper = () => calm.drift!.inputs!.inputs.find((i) => i.input === "Flipper Length (mm)")!;
    expect(calm.drift!.rows).toBe(344);
    expect(flipper()).toMatchObject({ statistic: "ks", drifted: false });
    expect(calm.drift!.inputs!.drifted).toBe(0);
    expect(calm.drift!.prediction).toMatchObject({ statistic: "chi_square", drifted: false });
    expect(calm.alerts.filter((a) => a.kind === "drift" || a.kind === "prediction_drift")).toEqual([]);

    await predictAll("drifting", shuffled(RECORDS.length, 12), 25);
    await predictAll("drifting", shuffled(RECORDS.length, 13), 25);
    const shifted = await report("drifting");
    const f = shifted.drift!.inputs!.inputs.find((i) => i.input === "Flipper Length (mm)")!;
    expect(f.drifted).toBe(true);
    expect(shifted.drift!.inputs!.inputs.find((i) => i.input === "Island")!.drifted).toBe(false);
    expect(shifted.drift!.prediction!.drifted).toBe(true);
    expect(shifted.alerts.map((a) => a.kind)).toEqual(expect.arrayContaining(["drift", "prediction_drift"]));
  });

  it("shadow traffic logs both answers; its disagreement equals the one computed by asking each version directly", async () => {
    const v2 = await register("logged", "int8");
    const put = new Request("http://localhost/api/models/logged/traffic", { method: "PUT", body: JSON.stringify({ mode: "shadow", challenger: v2, percent: 100 }), headers: { "content-type": "application/json" } });
    expect((await traffic.PUT(put, ctx("logged"))).status).toBe(200);
    const rows = shuffled(RECORDS.length, 3).slice(0, 100);
    const answered = await predictAll("logged", rows);
    let differ = 0;
    for (const a of answered) {
      const res = await predictVersion(v2, a.rows);
      a.response.predictions.forEach((p, i) => (differ += (p as { label: string }).label === res[i] ? 0 : 1));
    }
    // The shadow's log entries are written when its answer is in.
    await expect.poll(async () => (await report("logged")).shadow.find((s) => s.challenger === v2)?.rows ?? 0, { timeout: 10_000 }).toBe(100);
    const s = (await report("logged")).shadow.find((x) => x.challenger === v2)!;
    expect(s.disagreement).toBeCloseTo(differ / 100, 10);
  });
});

/** Labels a version gives for some penguins, asked through /v2/…/versions/{v}/infer. */
async function predictVersion(version: number, rows: number[]): Promise<string[]> {
  const col = (f: string) => rows.map((r) => RECORDS[r][f]);
  const body = {
    inputs: [
      { name: FEATURES[0], shape: [rows.length, 1], datatype: "BYTES", data: col(FEATURES[0]).map((v) => v ?? null) },
      { name: FEATURES[1], shape: [rows.length, 1], datatype: "FP32", data: col(FEATURES[1]).map((v) => v ?? null) },
      { name: FEATURES[2], shape: [rows.length, 1], datatype: "FP32", data: col(FEATURES[2]).map((v) => v ?? null) },
    ],
  };
  const res = await versionInfer.POST(post(`/v2/models/logged/versions/${version}/infer`, body), ctx("logged", String(version)));
  expect(res.status).toBe(200);
  return inferResponseSchema.parse(await res.json()).outputs.find((o) => o.name === "predicted_label")!.data as string[];
}
