import { beforeAll, describe, expect, it } from "vitest";
import * as alias from "@/app/api/models/[name]/aliases/[alias]/route";
import * as model from "@/app/api/models/[name]/route";
import * as versions from "@/app/api/models/[name]/versions/route";
import * as models from "@/app/api/models/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import type { ModelDetail, ModelSummary, ModelVersion } from "@/lib/api/models";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { exportedPenguinModel } from "./serve/exported-model";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): requests act as the local admin.
useRouteStore("model-routes");

const req = (method: string, url: string, body?: unknown) =>
  new Request(`http://localhost${url}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
const named = (name: string) => ({ params: Promise.resolve({ name }) });
const push = (name: string, e: ExportCheckResult, p: "fp32" | "int8" = "fp32", over: Record<string, unknown> = {}) =>
  versions.POST(req("POST", `/api/models/${name}/versions`, { onnx: Buffer.from(e.files[p]).toString("base64"), reference: e.references[p], ...over }), named(name));

async function expectError(res: Response, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

let a: ExportCheckResult;
let b: ExportCheckResult;
beforeAll(async () => {
  [a, b] = [await exportedPenguinModel(1, 20), await exportedPenguinModel(2, 25)];
});

describe("model registry routes", () => {
  it("push: 201 and blessed for an exported file, 200 with the same version for the same bytes", async () => {
    const res = await push("penguins", a);
    expect(res.status).toBe(201);
    const v = (await res.json()) as ModelVersion;
    expect(v).toMatchObject({ model: "penguins", version: 1, verdict: { blessed: true }, runId: "run-1-20" });
    expect(v.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await push("penguins", a);
    expect(again.status).toBe(200);
    expect(((await again.json()) as ModelVersion).version).toBe(1);
    const int8 = (await (await push("penguins", a, "int8")).json()) as ModelVersion;
    expect(int8).toMatchObject({ version: 2, verdict: { blessed: true } });
  });

  it("a corrupt file is stored vetoed with its reasons and can never take an alias", async () => {
    const res = await push("broken", a, "fp32", { onnx: Buffer.from(a.files.fp32.subarray(0, 500)).toString("base64") });
    expect(res.status).toBe(201);
    const v = (await res.json()) as ModelVersion;
    expect(v.verdict.blessed).toBe(false);
    expect(v.verdict.checks.find((c) => c.name === "parses")?.passed).toBe(false);
    await expectError(await alias.PUT(req("PUT", "/api/models/broken/aliases/champion", { version: 1, reason: "try" }), { params: Promise.resolve({ name: "broken", alias: "champion" }) }), 409, "conflict", /vetoed/);
  });

  it("aliases move with a reason, and the champion's metric gates the next push", async () => {
    const put = (version: number, reason: string, name = "champion") => alias.PUT(req("PUT", `/api/models/penguins/aliases/${name}`, { version, reason }), { params: Promise.resolve({ name: "penguins", alias: name }) });
    expect((await put(1, "first")).status).toBe(200);
    const d = (await (await put(2, "smaller file")).json()) as ModelDetail;
    expect(d.aliases).toEqual({ champion: 2 });
    expect(d.history.map((h) => [h.fromVersion, h.toVersion, h.reason])).toEqual([[1, 2, "smaller file"], [null, 1, "first"]]);
    await expectError(await put(1, " "), 400, "invalid", /say why/);
    // Model b is trained differently; whichever way its test accuracy falls, the champion check reports both numbers.
    const vb = (await (await push("penguins", b)).json()) as ModelVersion;
    expect(vb.verdict.checks.find((c) => c.name === "champion")?.detail).toMatch(/^test accuracy [\d.]+ against the champion's [\d.]+/);
    const list = (await (await models.GET(req("GET", "/api/models"))).json()) as { models: ModelSummary[] };
    expect(list.models.find((m) => m.name === "penguins")).toMatchObject({ versions: 3, aliases: { champion: 2 } });
    const got = (await (await model.GET(req("GET", "/api/models/penguins"), named("penguins"))).json()) as ModelDetail;
    expect(got.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it("refuses path characters in names, bad base64, and unknown models, with a JSON 4xx", async () => {
    await expectError(await push("../etc", a), 400, "invalid", /model: not a valid name/);
    await expectError(await push("a%2Fb", a), 400, "invalid", /model: not a valid name/);
    await expectError(await push("ok", a, "fp32", { onnx: "not base64!" }), 400, "invalid", /onnx: not base64/);
    await expectError(await push("ok", a, "fp32", { reference: { inputs: [] } }), 400, "invalid", /reference/);
    await expectError(await model.GET(req("GET", "/api/models/none"), named("none")), 404, "not_found", /model not found: none/);
  });
});
