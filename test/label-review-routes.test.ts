import { beforeAll, describe, expect, it } from "vitest";
import * as adjudication from "@/app/api/projects/[id]/items/[seq]/adjudication/route";
import * as items from "@/app/api/projects/[id]/items/route";
import * as review from "@/app/api/projects/[id]/review/route";
import * as projects from "@/app/api/projects/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { MAX_FLAG_REASON, type LabelProject, type ReviewItem } from "@/lib/api/labels";
import { spec } from "./store.labels.contract";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): every request is the local admin, so this
// file is about what POST /api/projects/{id}/review does and refuses; access
// by role and token scope is test/role-matrix.test.ts.
useRouteStore("label-review-routes");

const HOST = "http://localhost";
const projectCtx = (id: string) => ({ params: Promise.resolve({ id }) });

function post(url: string, body: string): Request {
  return new Request(`${HOST}${url}`, { method: "POST", body, headers: { "content-type": "application/json" } });
}

async function expectError(res: Response, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  if (message) expect(body.error.message).toMatch(message);
  return body.error;
}

describe("POST /api/projects/{id}/review flags rows for review with a reason", () => {
  let project: LabelProject;
  const flag = (body: unknown, id = project.id) => review.POST(post(`/api/projects/${id}/review`, typeof body === "string" ? body : JSON.stringify(body)), projectCtx(id));
  const queue = async (): Promise<ReviewItem[]> => {
    const res = await review.GET(new Request(`${HOST}/api/projects/${project.id}/review`), projectCtx(project.id));
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: ReviewItem[] }).items;
  };

  beforeAll(async () => {
    const res = await projects.POST(post("/api/projects", JSON.stringify(spec({ annotatorsPerItem: 1, overlapShare: 0 }))));
    expect(res.status).toBe(201);
    project = (await res.json()) as LabelProject;
    const list = [{ id: "p1", data: { text: "first" } }, { id: "p2", data: { text: "second" } }];
    expect((await items.POST(post(`/api/projects/${project.id}/items`, JSON.stringify({ items: list })), projectCtx(project.id))).status).toBe(201);
  });

  it("answers 200 with { flagged, added }, and the review queue shows each reason", async () => {
    const body = {
      items: [
        { id: "p2", data: { text: "not stored: p2 keeps its row" }, reason: "model v3 predicted 'neg', feedback says 'pos'" },
        { id: "from-monitoring-1", data: { text: "a logged request" }, reason: "feedback says 'neu'" },
      ],
    };
    const res = await flag(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ flagged: 1, added: 1 });
    const q = await queue();
    expect(q.map((i) => [i.key, i.data, i.flag?.reason, i.flag?.flaggedBy])).toEqual([
      ["p2", { text: "second" }, "model v3 predicted 'neg', feedback says 'pos'", "Local admin"],
      ["from-monitoring-1", { text: "a logged request" }, "feedback says 'neu'", "Local admin"],
    ]);
    // Sent again: the same flags, nothing new.
    const again = await flag(body);
    expect(await again.json()).toEqual({ flagged: 2, added: 0 });
    expect(await queue()).toEqual(q);
  });

  it("clears the flag when a reviewer decides, keeping the reason on the decision", async () => {
    const [first] = await queue();
    const res = await adjudication.POST(
      post(`/api/projects/${project.id}/items/${first.seq}/adjudication`, JSON.stringify({ labels: ["pos"], baseVersion: first.goldVersion })),
      { params: Promise.resolve({ id: project.id, seq: String(first.seq) }) },
    );
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ labels: ["pos"], flagReason: first.flag?.reason });
    expect((await queue()).map((i) => i.key)).not.toContain(first.key);
  });

  it("refuses an unknown project, empty or oversized batches, bad reasons and malformed JSON, changing nothing", async () => {
    const before = await queue();
    const one = { items: [{ id: "p1", data: {}, reason: "why" }] };
    await expectError(await flag(one, "00000000-0000-4000-8000-000000000000"), 404, "not_found", /project not found/);
    await expectError(await flag(one, "not-a-project"), 404, "not_found", /project not found/);
    expect((await expectError(await flag({ items: [] }), 400, "invalid", /flag at least one item/)).field).toBe("items");
    const long = await expectError(await flag({ items: [{ id: "p1", data: {}, reason: "x".repeat(MAX_FLAG_REASON + 1) }] }), 400, "invalid");
    expect(long.field).toBe("items.0.reason");
    await expectError(await flag({ items: [{ id: "p1", data: {}, reason: "   " }] }), 400, "invalid", /items\.0\.reason: must not be empty/);
    await expectError(await flag({ items: [{ id: "p1", data: {} }] }), 400, "invalid", /items\.0\.reason/);
    await expectError(await flag({ items: [{ id: "p1", data: {}, reason: "a\u0000b" }] }), 400, "invalid", /NUL/);
    await expectError(await flag({ items: [{ id: "p1", data: { nested: { no: 1 } }, reason: "r" }] }), 400, "invalid", /items\.0\.data\.nested/);
    await expectError(await flag({ ...one, priority: "high" }), 400, "invalid", /priority/);
    const tooMany = { items: Array.from({ length: 1001 }, (_, i) => ({ id: `t${i}`, data: {}, reason: "r" })) };
    await expectError(await flag(tooMany), 400, "invalid", /at most 1000 items/);
    await expectError(await flag("{ items: nope"), 400, "invalid", /not valid JSON/);
    await expectError(await flag({ items: [{ id: "x", data: {}, reason: "a" }, { id: "x", data: {}, reason: "b" }] }), 409, "conflict", /"x" appears twice/);
    expect(await queue()).toEqual(before);
  });
});
