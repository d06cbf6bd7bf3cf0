import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as file from "@/app/api/models/[name]/versions/[version]/file/route";
import * as versions from "@/app/api/models/[name]/versions/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import type { ModelVersion } from "@/lib/api/models";
import type { ExportCheckResult } from "@/lib/onnx/export-check";
import { exportedPenguinModel } from "./serve/exported-model";
import { request, signInActors } from "./role-matrix-harness";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): requests act as the local admin.
useRouteStore("model-file");

const named = (name: string) => ({ params: Promise.resolve({ name }) });
const push = (name: string, onnx: Uint8Array, e: ExportCheckResult) =>
  versions.POST(
    new Request(`http://localhost/api/models/${name}/versions`, { method: "POST", body: JSON.stringify({ onnx: Buffer.from(onnx).toString("base64"), reference: e.references.fp32 }), headers: { "content-type": "application/json" } }),
    named(name),
  );
const get = (name: string, version: string, headers: Record<string, string> = {}) =>
  file.GET(new Request(`http://localhost/api/models/${name}/versions/${version}/file`, { headers }), { params: Promise.resolve({ name, version }) });

async function expectError(res: Response, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

let e: ExportCheckResult;
beforeAll(async () => {
  e = await exportedPenguinModel(1, 20);
});

describe("GET /api/models/{name}/versions/{version}/file", () => {
  it("answers the pushed bytes as an immutable attachment, its SHA-256 as the ETag", async () => {
    const pushed = (await (await push("penguins", e.files.fp32, e)).json()) as ModelVersion;
    const res = await get("penguins", "1");
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(e.files.fp32))).toBe(true);
    // The digest computed here, independently of the store's.
    const sha = createHash("sha256").update(e.files.fp32).digest("hex");
    expect(pushed.sha256).toBe(sha);
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    expect(res.headers.get("content-length")).toBe(String(e.files.fp32.byteLength));
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="penguins-v1.onnx"');
    expect(res.headers.get("cache-control")).toMatch(/immutable/);
    expect(res.headers.get("x-lathe-blessed")).toBe("true");
  });

  it("answers 304 with no body when the client already holds that ETag", async () => {
    const etag = (await get("penguins", "1")).headers.get("etag")!;
    const res = await get("penguins", "1", { "if-none-match": `W/"other", ${etag}` });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe("");
    expect(res.headers.get("etag")).toBe(etag);
    expect((await get("penguins", "1", { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("lets a vetoed version be downloaded, saying so in X-Lathe-Blessed", async () => {
    const broken = e.files.fp32.subarray(0, 500);
    const v = (await (await push("broken", broken, e)).json()) as ModelVersion;
    expect(v.verdict.blessed).toBe(false);
    const res = await get("broken", "1");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-lathe-blessed")).toBe("false");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="broken-v1.onnx"');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(new Uint8Array(broken));
  });

  it("is a JSON 404 for an unknown model or version, and a 400 for a path that cannot name one", async () => {
    await expectError(await get("none", "1"), 404, "not_found", /not found: none v1/);
    await expectError(await get("penguins", "9"), 404, "not_found", /not found: penguins v9/);
    await expectError(await get("penguins", "0"), 400, "invalid", /version: not a version number/);
    await expectError(await get("penguins", "1.5"), 400, "invalid", /version: not a version number/);
    await expectError(await get("..", "1"), 400, "invalid", /model: not a valid name/);
  });

  // Last: signing users in ends local mode for the rest of the file.
  it("needs models.read: a viewer may download, a labeler may not", async () => {
    const actors = await signInActors("model-file");
    const as = (session: string) => file.GET(request("GET", { path: "/api/models/penguins/versions/1/file" }, { session }), { params: Promise.resolve({ name: "penguins", version: "1" }) });
    expect((await as(actors.viewer.session)).status).toBe(200);
    await expectError(await as(actors.labeler.session), 403, "forbidden", /models\.read/);
    await expectError(await file.GET(request("GET", { path: "/api/models/penguins/versions/1/file" }), { params: Promise.resolve({ name: "penguins", version: "1" }) }), 401, "unauthenticated", /./);
  });
});
