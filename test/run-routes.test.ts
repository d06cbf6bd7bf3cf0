import { describe, expect, it } from "vitest";
import * as runById from "@/app/api/runs/[id]/route";
import * as runs from "@/app/api/runs/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import type { Run, RunSummary } from "@/lib/api/runs";
import { runRequest } from "./store.runs.contract";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): requests act as the local admin.
useRouteStore("run-routes");

const req = (method: string, url: string, body?: unknown) =>
  new Request(`http://localhost${url}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

async function expectError(res: Response, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe("run routes", () => {
  it("create, report progress, end once, list and read back", async () => {
    const created = await runs.POST(req("POST", "/api/runs", runRequest({ name: "route run" })));
    expect(created.status).toBe(201);
    const run = (await created.json()) as Run;
    const ended = await runById.PATCH(req("PATCH", `/api/runs/${run.id}`, { status: "cancelled", error: { code: "cancelled", message: "cancelled in epoch 2" } }), ctx(run.id));
    expect(ended.status).toBe(200);
    await expectError(await runById.PATCH(req("PATCH", `/api/runs/${run.id}`, { status: "finished" }), ctx(run.id)), 409, "conflict", /already ended/);
    const list = await runs.GET(req("GET", "/api/runs?sort=created&dir=desc&status=cancelled"));
    const page = (await list.json()) as { runs: RunSummary[]; total: number };
    expect(page.runs.map((r) => [r.id, r.status])).toEqual([[run.id, "cancelled"]]);
    const got = (await (await runById.GET(req("GET", `/api/runs/${run.id}`), ctx(run.id))).json()) as Run;
    expect(got).toMatchObject({ status: "cancelled", error: { message: "cancelled in epoch 2" }, config: { target: "Species" } });
  });

  it("refuses bad queries, bodies and ids with a JSON 4xx", async () => {
    await expectError(await runs.GET(req("GET", "/api/runs?sort=loss")), 400, "invalid", /sort: must be one of created, metric, name/);
    await expectError(await runs.GET(req("GET", "/api/runs?limit=0")), 400, "invalid", /limit/);
    await expectError(await runs.POST(req("POST", "/api/runs", { ...runRequest(), config: { ...runRequest().config, task: "ranking" } })), 400, "invalid", /config\.task/);
    await expectError(await runById.PATCH(req("PATCH", "/api/runs/x", {}), ctx("x")), 400, "invalid", /nothing to change/);
    await expectError(await runById.GET(req("GET", "/api/runs/123"), ctx("123")), 404, "not_found", /run not found/);
  });
});
