import "server-only";
import type * as ort from "onnxruntime-node";
import { OUTPUTS } from "@/lib/onnx/model-graph";
import type { Store } from "@/lib/store/store";
import { feedsFromInferRequest, inferResponse, modelMetadata, type InferResponse, type ModelMetadata } from "./oip";
import { tensorsOf } from "./onnx-node";
import { feedsFromRecords } from "./records";
import { loadVersion, resolveVersion, type LoadedModel } from "./sessions";
import { recordAnswer } from "./metrics";
import { recordShadow } from "./shadow-stats";
import { disagreement, route } from "./traffic";
import type { OnnxFeed } from "@/lib/onnx/inputs";

/** Rows per request: a bigger batch is refused (400), so one request cannot hold the server. */
export const MAX_ROWS = 10_000;

/** What a request to a model (not to one of its versions) asks of the traffic router. */
export interface Caller {
  /** Reads a request header: where a canary's sticky key comes from. */
  header(name: string): string | null;
}

/**
 * Which version answers, and which (if any) also runs in the shadow: the
 * version named, or the champion and the model's traffic policy.
 */
async function versionsFor(store: Store, model: string, version: number | null, caller: Caller | null): Promise<{ answer: number; shadow: number | null }> {
  if (version !== null) return { answer: version, shadow: null };
  const champion = await resolveVersion(store, model, null);
  const policy = await store.models.trafficPolicy(model);
  const key = policy.mode === "canary" && policy.stickyKey && caller ? caller.header(policy.stickyKey) : null;
  return route(policy, champion, { key, random: Math.random() });
}

/**
 * Runs the shadow version on the same feeds after the answer has gone: it
 * never delays or changes the response, and its failures are only counted.
 */
function runShadow(store: Store, model: string, shadow: number, feeds: OnnxFeed[], answer: ort.InferenceSession.OnnxValueMapType): void {
  void (async () => {
    try {
      const m = await loadVersion(store, model, shadow);
      const out = await m.session.run(tensorsOf(feeds));
      const pick = (o: ort.InferenceSession.OnnxValueMapType) => (o[OUTPUTS.label] ?? o[OUTPUTS.value]).data as string[] | Float32Array;
      recordShadow(model, shadow, disagreement(pick(answer), pick(out)));
    } catch {
      recordShadow(model, shadow, null);
    }
  })();
}

/** POST /v2/models/{name}[/versions/{v}]/infer: the v2 protocol's request, answered by the version named, or as the traffic policy routes it. */
export async function inferV2(store: Store, model: string, version: number | null, body: unknown, caller: Caller | null = null): Promise<InferResponse> {
  const t0 = performance.now();
  const v = await versionsFor(store, model, version, caller);
  const m = await loadVersion(store, model, v.answer);
  const req = feedsFromInferRequest(body, m.inputs, { maxRows: MAX_ROWS });
  const out = await m.session.run(tensorsOf(req.feeds));
  if (v.shadow !== null) runShadow(store, model, v.shadow, req.feeds, out);
  const response = inferResponse(model, String(m.version), req.id, outputsOf(out), req.wanted);
  recordAnswer(model, m.version, "v2", req.rows, (performance.now() - t0) / 1000);
  return response;
}

export interface Prediction {
  model: string;
  version: number;
  /** Per record: the label and class probabilities, or the value. */
  predictions: ({ label: string; probabilities: Record<string, number> } | { value: number })[];
}

/** POST /api/models/{name}/predict: JSON records in, one prediction per record out, with the version that answered. */
export async function predictRecords(store: Store, model: string, body: unknown, caller: Caller | null = null): Promise<Prediction> {
  const t0 = performance.now();
  const v = await versionsFor(store, model, null, caller);
  const m = await loadVersion(store, model, v.answer);
  const { rows, feeds } = feedsFromRecords(body, m.inputs, { maxRows: MAX_ROWS });
  const out = await m.session.run(tensorsOf(feeds));
  if (v.shadow !== null) runShadow(store, model, v.shadow, feeds, out);
  const classes = m.classes;
  const predictions = Array.from({ length: rows }, (_, i) => {
    if (out[OUTPUTS.value]) return { value: (out[OUTPUTS.value].data as Float32Array)[i] };
    const p = out[OUTPUTS.probabilities].data as Float32Array;
    const k = classes.length;
    return { label: (out[OUTPUTS.label].data as string[])[i], probabilities: Object.fromEntries(classes.map((c, j) => [c, p[i * k + j]])) };
  });
  recordAnswer(model, m.version, "predict", rows, (performance.now() - t0) / 1000);
  return { model, version: m.version, predictions };
}

/** GET /v2/models/{name}[/versions/{v}]: inputs and outputs as the v2 protocol describes them. */
export async function metadataV2(store: Store, model: string, version: number | null): Promise<ModelMetadata> {
  const m = await loadVersion(store, model, await resolveVersion(store, model, version));
  const versions = (await store.models.getModel(model)).versions.filter((v) => v.verdict.blessed).map((v) => String(v.version));
  return modelMetadata(model, versions, m.inputs, outputShapes(m));
}

/** Whether the version (or the champion) is loaded and answers: loading it if needed. */
export async function readyV2(store: Store, model: string, version: number | null): Promise<boolean> {
  await loadVersion(store, model, await resolveVersion(store, model, version));
  return true;
}

function outputsOf(out: ort.InferenceSession.OnnxValueMapType) {
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, { data: (t as ort.Tensor).data as Float32Array | string[], dims: (t as ort.Tensor).dims }]));
}

function outputShapes(m: LoadedModel) {
  if (m.task === "regression") return [{ name: OUTPUTS.value, datatype: "FP32" as const, shape: ["N"] }];
  const k = m.classes.length;
  return [
    { name: OUTPUTS.label, datatype: "BYTES" as const, shape: ["N"] },
    { name: OUTPUTS.probabilities, datatype: "FP32" as const, shape: ["N", k] },
  ];
}
