import "server-only";
import { randomUUID } from "node:crypto";
import type * as ort from "onnxruntime-node";
import { API_ERROR_STATUS } from "@/lib/api/api-error";
import { RequestError } from "@/lib/api/http";
import { requestIdSchema } from "@/lib/api/monitoring";
import { StoreError } from "@/lib/store/store-error";
import { OUTPUTS } from "@/lib/onnx/model-graph";
import type { Store } from "@/lib/store/store";
import { feedsFromInferRequest, inferResponse, modelMetadata, type InferResponse, type ModelMetadata } from "./oip";
import { tensorsOf } from "./onnx-node";
import { feedsFromRecords } from "./records";
import { loadVersion, resolveVersion, type LoadedModel } from "./sessions";
import { recordAnswer, type InferRoute } from "./metrics";
import { requestLog, type ServedOutputs } from "./request-log";
import { ServeRequestError } from "./serve-error";
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
 * Resolves to its outputs (for the request log), or null when it failed.
 */
function runShadow(store: Store, model: string, shadow: number, feeds: OnnxFeed[], answer: ort.InferenceSession.OnnxValueMapType): Promise<ServedOutputs | null> {
  return (async () => {
    try {
      const m = await loadVersion(store, model, shadow);
      const out = await m.session.run(tensorsOf(feeds));
      const pick = (o: ort.InferenceSession.OnnxValueMapType) => (o[OUTPUTS.label] ?? o[OUTPUTS.value]).data as string[] | Float32Array;
      recordShadow(model, shadow, disagreement(pick(answer), pick(out)));
      return servedOutputs(m, out);
    } catch {
      recordShadow(model, shadow, null);
      return null;
    }
  })();
}

/** What one answered request leaves for its route to shape into a reply. */
interface Answered {
  m: LoadedModel;
  rows: number;
  out: ort.InferenceSession.OnnxValueMapType;
}

/**
 * The serving path both routes share: pick the version, load it, check the
 * request against its inputs, run it, start the shadow, count and (when
 * sampled) log the request, including a refused or failed one.
 */
async function answer(
  store: Store,
  target: { model: string; version: number | null; caller: Caller | null },
  route: InferRoute,
  requestId: string,
  parse: (m: LoadedModel) => { rows: number; feeds: OnnxFeed[] },
): Promise<Answered> {
  const t0 = performance.now();
  const log = requestLog(store);
  const logged = log.sampled();
  const at = new Date();
  let version: number | null = null;
  let shadow: number | null = null;
  try {
    const v = await versionsFor(store, target.model, target.version, target.caller);
    version = v.answer;
    shadow = v.shadow;
    const m = await loadVersion(store, target.model, v.answer);
    const { rows, feeds } = parse(m);
    const out = await m.session.run(tensorsOf(feeds));
    const shadowRun = v.shadow !== null ? runShadow(store, target.model, v.shadow, feeds, out) : null;
    const ms = performance.now() - t0;
    recordAnswer(target.model, m.version, route, rows, ms / 1000);
    if (logged) {
      const entry = { model: target.model, requestId, version, shadowVersion: shadow, at, route, status: 200, error: null, latencyMs: ms, rows, feeds, outputs: servedOutputs(m, out), shadowOutputs: null };
      // With a shadow, the entry waits for its answer so both outputs are logged together.
      if (shadowRun) void shadowRun.then((shadowOutputs) => log.add({ ...entry, shadowOutputs }));
      else log.add(entry);
    }
    return { m, rows, out };
  } catch (e) {
    const status = statusOf(e);
    // An unknown model has no log to write to; a name typo must not create one.
    if (logged && !(status === 404 && version === null)) {
      log.add({ model: target.model, requestId, version, shadowVersion: shadow, at, route, status, error: e instanceof Error ? e.message.slice(0, 500) : String(e), latencyMs: performance.now() - t0, rows: 0, feeds: null, outputs: null, shadowOutputs: null });
    }
    throw e;
  }
}

/** POST /v2/models/{name}[/versions/{v}]/infer: the v2 protocol's request, answered by the version named, or as the traffic policy routes it. */
export async function inferV2(store: Store, model: string, version: number | null, body: unknown, caller: Caller | null = null): Promise<InferResponse> {
  // The client's id names the request in the log and in feedback; without one the server makes one and returns it.
  const clientId = typeof (body as { id?: unknown } | null)?.id === "string" ? (body as { id: string }).id : undefined;
  const requestId = clientId !== undefined && requestIdSchema.safeParse(clientId).success ? clientId : randomUUID();
  let wanted: string[] | null = null;
  const { m, out } = await answer(store, { model, version, caller }, "v2", requestId, (loaded) => {
    const req = feedsFromInferRequest(body, loaded.inputs, { maxRows: MAX_ROWS });
    wanted = req.wanted;
    return req;
  });
  // The v2 protocol echoes the client's id; an id too long to log is still echoed, and the log uses the server's.
  return inferResponse(model, String(m.version), clientId ?? requestId, outputsOf(out), wanted);
}

export interface Prediction {
  model: string;
  version: number;
  /** Names this request in the log, for feedback: the caller's X-Request-Id, or one the server made. */
  requestId: string;
  /** Per record: the label and class probabilities, or the value. */
  predictions: ({ label: string; probabilities: Record<string, number> } | { value: number })[];
}

/** POST /api/models/{name}/predict: JSON records in, one prediction per record out, with the version that answered. */
export async function predictRecords(store: Store, model: string, body: unknown, caller: Caller | null = null): Promise<Prediction> {
  const given = caller?.header("x-request-id") ?? null;
  const requestId = given !== null && requestIdSchema.safeParse(given).success ? given : randomUUID();
  const { m, rows, out } = await answer(store, { model, version: null, caller }, "predict", requestId, (loaded) => feedsFromRecords(body, loaded.inputs, { maxRows: MAX_ROWS }));
  const classes = m.classes;
  const predictions = Array.from({ length: rows }, (_, i) => {
    if (out[OUTPUTS.value]) return { value: (out[OUTPUTS.value].data as Float32Array)[i] };
    const p = out[OUTPUTS.probabilities].data as Float32Array;
    const k = classes.length;
    return { label: (out[OUTPUTS.label].data as string[])[i], probabilities: Object.fromEntries(classes.map((c, j) => [c, p[i * k + j]])) };
  });
  return { model, version: m.version, requestId, predictions };
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

function servedOutputs(m: LoadedModel, out: ort.InferenceSession.OnnxValueMapType): ServedOutputs {
  if (out[OUTPUTS.value]) return { value: out[OUTPUTS.value].data as Float32Array };
  return { label: out[OUTPUTS.label].data as string[], probabilities: out[OUTPUTS.probabilities].data as Float32Array, classes: m.classes.length };
}

/** The status the route will answer a thrown error with (v2-respond.ts, lib/api/http.ts). */
function statusOf(e: unknown): number {
  if (e instanceof ServeRequestError) return 400;
  if (e instanceof RequestError || e instanceof StoreError) return API_ERROR_STATUS[e.code];
  return 500;
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
