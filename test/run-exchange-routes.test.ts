import { describe, expect, it } from "vitest";
import * as runById from "@/app/api/runs/[id]/route";
import * as runExportRoute from "@/app/api/runs/export/route";
import * as runGroups from "@/app/api/runs/groups/route";
import * as runImport from "@/app/api/runs/import/route";
import * as runs from "@/app/api/runs/route";
import { apiErrorBodySchema } from "@/lib/api/api-error";
import { runExport, runExportSchema, type RunImportResult } from "@/lib/api/run-export";
import type { Run, RunGroup, RunSummary } from "@/lib/api/runs";
import { exportedRun, runRequest } from "./store.runs.contract";
import { useRouteStore } from "./route-store";

// Local mode (loopback, no users): requests act as the local admin. Who may
// export and import is checked in test/role-matrix.test.ts.
useRouteStore("run-exchange");

const req = (method: string, url: string, body?: string) => new Request(`http://localhost${url}`, { method, body, headers: { "content-type": "application/json" } });
const file = (rs: Run[]) => JSON.stringify(runExport(rs, new Date()));
const post = (body: string) => runImport.POST(req("POST", "/api/runs/import", body));

async function expectError(res: Response, status: number, code: string, message: RegExp, field?: string) {
  expect(res.status).toBe(status);
  const body = apiErrorBodySchema.parse(await res.json());
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
  if (field !== undefined) expect(body.error.field).toBe(field);
}

async function created(over: Parameters<typeof runRequest>[0] = {}): Promise<Run> {
  const res = await runs.POST(req("POST", "/api/runs", JSON.stringify(runRequest(over))));
  expect(res.status).toBe(201);
  return (await res.json()) as Run;
}

describe("run export and import routes", () => {
  it("exports chosen runs as a dated attachment that the import schema reads back unchanged", async () => {
    const a = await created({ name: "export a", tags: ["exported"] });
    const b = await created({ name: "export b", tags: ["exported"] });
    await runById.PATCH(req("PATCH", `/api/runs/${a.id}`, JSON.stringify({ status: "finished", primaryMetric: 0.9, weights: { w: [1, 2] } })), { params: Promise.resolve({ id: a.id }) });
    const res = await runExportRoute.GET(req("GET", `/api/runs/export?ids=${b.id},${a.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="lathe-runs-\d{8}\.json"$/);
    expect(res.headers.get("content-disposition")).toContain(new Date().toISOString().slice(0, 10).replaceAll("-", ""));
    expect(res.headers.get("x-lathe-runs-total")).toBe("2");
    const body = await res.json();
    const parsed = runExportSchema.parse(body);
    expect(parsed).toEqual(body);
    expect(parsed).toMatchObject({ format: "lathe-runs", version: 1 });
    const full = async (id: string) => (await (await runById.GET(req("GET", `/api/runs/${id}`), { params: Promise.resolve({ id }) })).json()) as Run;
    expect(parsed.runs).toEqual([await full(b.id), await full(a.id)]);

    const byFilter = runExportSchema.parse(await (await runExportRoute.GET(req("GET", "/api/runs/export?tag=exported&metricName=accuracy&metricMin=0.5"))).json());
    expect(byFilter.runs.map((r) => r.id)).toEqual([a.id]);
  });

  it("answers unknown ids with 404 naming them, and bad filters with 400", async () => {
    const a = await created();
    const ghost = "00000000-0000-4000-8000-00000000beef";
    await expectError(await runExportRoute.GET(req("GET", `/api/runs/export?ids=${a.id},${ghost},x`)), 404, "not_found", new RegExp(`runs not found: ${ghost}, x$`), "ids");
    await expectError(await runExportRoute.GET(req("GET", "/api/runs/export?ids=,")), 400, "invalid", /ids: no run ids/);
    await expectError(await runExportRoute.GET(req("GET", "/api/runs/export?metricMin=high")), 400, "invalid", /metricMin: must be a number \(got high\)/, "metricMin");
  });

  it("imports a file as the importer, skipping ids it already has", async () => {
    const fresh = [exportedRun(), exportedRun({ status: "running", finishedAt: null })];
    const res = await post(file(fresh));
    expect(res.status).toBe(200);
    expect((await res.json()) as RunImportResult).toEqual({ imported: 2, skipped: [], unlinked: [] });
    const again = (await (await post(file(fresh))).json()) as RunImportResult;
    expect(again).toEqual({ imported: 0, skipped: fresh.map((r) => r.id), unlinked: [] });
    const list = (await (await runs.GET(req("GET", "/api/runs?tag=imported&status=failed"))).json()) as { runs: RunSummary[] };
    expect(list.runs.map((r) => r.id)).toEqual([fresh[1].id]);
  });

  it("refuses malformed JSON, a foreign file and a bad run with 400 naming the path; nothing is imported", async () => {
    await expectError(await post('{"format": "lathe-runs", "runs": ['), 400, "invalid", /^file: not valid JSON \(.+\); choose a runs file exported from Lathe$/, "body");
    await expectError(await post(""), 400, "invalid", /file: not valid JSON/);
    await expectError(await post(JSON.stringify({ name: "a notebook" })), 400, "invalid", /^format: not a Lathe runs file/, "format");
    await expectError(await post(JSON.stringify({ ...runExport([], new Date()), version: 2 })), 400, "invalid", /^version: unsupported version/, "version");

    const good = exportedRun();
    const cases: [Run, string, RegExp][] = [
      [{ ...exportedRun(), config: { ...good.config, task: "ranking" as Run["task"] } }, "runs.1.config.task", /Invalid option/],
      [{ ...exportedRun(), curves: [{ ...good.curves[0], epoch: 0 }] }, "runs.1.curves.0.epoch", /Too small: expected number to be >=1/],
      [{ ...exportedRun(), status: "paused" as Run["status"] }, "runs.1.status", /Invalid option/],
      [{ ...exportedRun(), id: "run-7" }, "runs.1.id", /Invalid UUID/],
      [{ ...exportedRun(), createdAt: "yesterday" }, "runs.1.createdAt", /must be an ISO 8601 date-time/],
      [{ ...exportedRun(), createdAt: "0000-01-01T00:00:00Z" }, "runs.1.createdAt", /must not be before 1970/],
      [{ ...exportedRun(), metricName: "rmse" }, "runs.1.metricName", /must be accuracy for a multiclass run/],
      [{ ...exportedRun(), finishedAt: null }, "runs.1.finishedAt", /required for a finished run/],
      [{ ...exportedRun(), extra: 1 } as Run, "runs.1.extra", /Unrecognized key/],
      [{ ...good }, "runs.1.id", new RegExp(`same id as runs.0: ${good.id}`)],
    ];
    for (const [bad, field, message] of cases) {
      await expectError(await post(file([good, bad])), 400, "invalid", new RegExp(`^${field.replaceAll(".", "\\.")}: ${message.source}`, "i"), field);
    }
    await expectError(await post(file(Array.from({ length: 1001 }, () => good))), 400, "invalid", /^runs: at most 1000 runs per file/, "runs");
    await expectError(await runById.GET(req("GET", `/api/runs/${good.id}`), { params: Promise.resolve({ id: good.id }) }), 404, "not_found", /run not found/);
  });

  it("refuses a file over 50 MB with 413, however its length is declared", async () => {
    const big = file([exportedRun({ weights: { blob: "x".repeat(50 * 1024 * 1024) } })]);
    await expectError(await post(big), 413, "too_large", /body too large: over 50 MB/);
    const declared = new Request("http://localhost/api/runs/import", { method: "POST", body: "{}", headers: { "content-length": String(60 * 1024 * 1024) } });
    await expectError(await runImport.POST(declared), 413, "too_large", /over 50 MB/);
  });
});

describe("run groups and metric filter routes", () => {
  it("groups by tag or dataset with the list's filters", async () => {
    await created({ tags: ["grouped"], dataset: { name: "grouping-data", version: 1, fingerprint: null, rows: 3 } });
    const res = await runGroups.GET(req("GET", "/api/runs/groups?by=dataset&tag=grouped"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { by: string; groups: RunGroup[] };
    expect(body).toMatchObject({ by: "dataset", groups: [{ key: "grouping-data", count: 1, best: { accuracy: null, rmse: null } }] });
    await expectError(await runGroups.GET(req("GET", "/api/runs/groups")), 400, "invalid", /by: must be one of tag, dataset \(got nothing\)/, "by");
    await expectError(await runGroups.GET(req("GET", "/api/runs/groups?by=status")), 400, "invalid", /by: must be one of tag, dataset/);
  });

  it("parses the metric filter of GET /api/runs, refusing bad numbers and names", async () => {
    await expectError(await runs.GET(req("GET", "/api/runs?metricMin=abc")), 400, "invalid", /metricMin: must be a number \(got abc\)/, "metricMin");
    await expectError(await runs.GET(req("GET", "/api/runs?metricMax=0x1")), 400, "invalid", /metricMax: must be a number/, "metricMax");
    await expectError(await runs.GET(req("GET", "/api/runs?metricMax=Infinity")), 400, "invalid", /metricMax: must be a number/);
    await expectError(await runs.GET(req("GET", "/api/runs?metricName=f1")), 400, "invalid", /metricName: must be one of accuracy, rmse/, "metricName");
    await expectError(await runs.GET(req("GET", "/api/runs?metricMin=0.9&metricMax=0.1")), 400, "invalid", /metricMin: must not exceed metricMax/);
    expect((await runs.GET(req("GET", "/api/runs?metricName=accuracy&metricMin=.5&metricMax=1e0"))).status).toBe(200);
    // Empty form fields count as absent, as for the other filters.
    expect((await runs.GET(req("GET", "/api/runs?metricName=&metricMin=&metricMax="))).status).toBe(200);
  });
});
