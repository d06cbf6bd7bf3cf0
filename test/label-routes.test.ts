import { beforeAll, describe, expect, it } from "vitest";
import * as exportRoute from "@/app/api/projects/[id]/export/route";
import * as importRoute from "@/app/api/projects/[id]/import/route";
import * as adjudication from "@/app/api/projects/[id]/items/[seq]/adjudication/route";
import * as annotations from "@/app/api/projects/[id]/items/[seq]/annotations/route";
import * as items from "@/app/api/projects/[id]/items/route";
import * as agreement from "@/app/api/projects/[id]/agreement/route";
import * as projects from "@/app/api/projects/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { MAX_ITEMS_PER_REQUEST, type LabelProject } from "@/lib/api/labels";
import { spec } from "./store.labels.contract";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): every request is the local admin, so
// these tests are about what the labeling routes answer to bad input, not
// about access (test/role-matrix.test.ts covers that).
useRouteStore("label-routes");

const HOST = "http://localhost";

function post(url: string, body: string, type = "application/json"): Request {
  return new Request(`${HOST}${url}`, { method: "POST", body, headers: { "content-type": type } });
}

async function expectError(res: Response, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  return body.error;
}

const itemCtx = (id: string, seq: string) => ({ params: Promise.resolve({ id, seq }) });
const projectCtx = (id: string) => ({ params: Promise.resolve({ id }) });

describe("labeling routes answer bad input with a JSON 4xx and change nothing", () => {
  let project: LabelProject;
  const submit = (seq: string, body: unknown, id = project.id) =>
    annotations.POST(post(`/api/projects/${id}/items/${seq}/annotations`, JSON.stringify(body)), itemCtx(id, seq));

  beforeAll(async () => {
    const res = await projects.POST(post("/api/projects", JSON.stringify(spec({ annotatorsPerItem: 1, overlapShare: 0 }))));
    expect(res.status).toBe(201);
    project = (await res.json()) as LabelProject;
    const list = Array.from({ length: 3 }, (_, i) => ({ id: `q${i + 1}`, data: { text: `item ${i + 1}` } }));
    expect((await items.POST(post(`/api/projects/${project.id}/items`, JSON.stringify({ items: list })), projectCtx(project.id))).status).toBe(201);
  });

  it("refuses a label outside the schema, naming it and the labels there are", async () => {
    const e = await expectError(await submit("1", { kind: "label", labels: ["great"] }), 400, "invalid", /label not in the schema: "great" \(labels: neg, neu, pos\)/);
    expect(e.field).toBe("labels");
  });

  it("answers an unknown item, a malformed item number and an unknown project", async () => {
    await expectError(await submit("99", { kind: "label", labels: ["pos"] }), 404, "not_found", /item not found: #99/);
    await expectError(await submit("1e3", { kind: "label", labels: ["pos"] }), 400, "invalid", /not an item number/);
    await expectError(await submit("1", { kind: "label", labels: ["pos"] }, "00000000-0000-4000-8000-000000000000"), 404, "not_found", /project not found/);
  });

  it("stores a double submit once: the same client id is answered 200 with the first answer; without one it is a 409", async () => {
    const body = { kind: "label", labels: ["pos"], clientId: "route-test-0001" };
    const first = await submit("1", body);
    expect(first.status).toBe(201);
    // Every reply says how long the handler itself took.
    expect(first.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d{2}$/);
    const again = await submit("1", body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);
    await expectError(await submit("1", { kind: "label", labels: ["neg"] }), 409, "conflict", /already answered/);
    await expectError(await submit("1", { kind: "label", labels: ["neg"], baseVersion: 5 }), 409, "conflict", /stale version/);
    const raw = await exportRoute.GET(new Request(`${HOST}/api/projects/${project.id}/export?what=raw&format=jsonl`), projectCtx(project.id));
    expect((await raw.text()).trim().split("\n")).toHaveLength(1);
  });

  it("refuses a decision on an item someone already adjudicated, naming who", async () => {
    const decide = (base: number, label: string) =>
      adjudication.POST(post(`/api/projects/${project.id}/items/2/adjudication`, JSON.stringify({ labels: [label], baseVersion: base })), itemCtx(project.id, "2"));
    expect((await decide(0, "neg")).status).toBe(201);
    await expectError(await decide(0, "pos"), 409, "conflict", /already adjudicated: Local admin chose neg \(version 1\)/);
  });

  it("refuses malformed JSON, unknown fields, NUL characters and oversized batches by field", async () => {
    await expectError(await annotations.POST(post(`/api/projects/${project.id}/items/3/annotations`, "{ nope"), itemCtx(project.id, "3")), 400, "invalid", /not valid JSON/);
    await expectError(await submit("3", { kind: "label", labels: ["pos"], colour: "red" }), 400, "invalid", /colour/);
    await expectError(await submit("3", { kind: "ambiguous", reason: "a\u0000b" }), 400, "invalid", /NUL/);
    const many = Array.from({ length: MAX_ITEMS_PER_REQUEST + 1 }, (_, i) => ({ id: `m${i}`, data: {} }));
    await expectError(await items.POST(post(`/api/projects/${project.id}/items`, JSON.stringify({ items: many })), projectCtx(project.id)), 400, "invalid", /at most 5000/);
  });

  it("refuses a label file with a bad row, naming the row, and imports nothing from it", async () => {
    const csv = "item_id,annotator,label\nq3,local,pos\nq3x,local,pos\n";
    await expectError(
      await importRoute.POST(post(`/api/projects/${project.id}/import?what=raw&format=csv`, csv, "text/csv"), projectCtx(project.id)),
      404,
      "not_found",
      /row 2: no item with id "q3x"/,
    );
    await expectError(
      await importRoute.POST(post(`/api/projects/${project.id}/import?what=raw&format=csv`, 'item_id,annotator,label\n"q3,local,pos\n', "text/csv"), projectCtx(project.id)),
      400,
      "invalid",
      /file: line 2: a quoted field is never closed/,
    );
    await expectError(await importRoute.POST(post(`/api/projects/${project.id}/import?what=raw&format=xlsx`, csv, "text/csv"), projectCtx(project.id)), 400, "invalid", /format/);
    const raw = await exportRoute.GET(new Request(`${HOST}/api/projects/${project.id}/export?what=raw&format=csv`), projectCtx(project.id));
    expect((await raw.text()).trim().split("\r\n").slice(1).map((l) => l.split(",")[0])).toEqual(["q1"]);
  });

  it("reports agreement with its snapshot id, which moves when labels change", async () => {
    const read = async () => {
      const res = await agreement.GET(new Request(`${HOST}/api/projects/${project.id}/agreement?resamples=50`), projectCtx(project.id));
      expect(res.status).toBe(200);
      return (await res.json()) as { snapshotId: string };
    };
    const before = await read();
    expect(before.snapshotId).toMatch(new RegExp(`^${project.id}@a\\d+\\.j\\d+\\.[0-9a-f]{10}$`));
    expect((await read()).snapshotId).toBe(before.snapshotId);
    expect((await submit("3", { kind: "label", labels: ["neu"] })).status).toBe(201);
    expect((await read()).snapshotId).not.toBe(before.snapshotId);
  });
});
