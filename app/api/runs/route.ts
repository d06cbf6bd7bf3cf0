import { RequestError, readJsonBody, respond } from "@/lib/api/http";
import { intParam } from "@/lib/api/route-params";
import { runFilterParams } from "@/lib/api/run-query-params";
import { createRunRequestSchema, RUN_SORTS, type RunListQuery } from "@/lib/api/runs";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/**
 * GET /api/runs?sort=created|metric|name&dir=asc|desc&limit=&offset= and the
 * filters status=&tag=&dataset=&metricName=accuracy|rmse&metricMin=&metricMax=
 * (lib/api/run-query-params.ts).
 */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "runs.read");
    const url = new URL(request.url);
    const p = (k: string) => url.searchParams.get(k) || undefined;
    const sort = p("sort") ?? "created";
    const dir = p("dir") ?? "desc";
    if (!(RUN_SORTS as readonly string[]).includes(sort)) throw new RequestError("invalid", `sort: must be one of ${RUN_SORTS.join(", ")} (got ${sort})`, "sort");
    if (dir !== "asc" && dir !== "desc") throw new RequestError("invalid", `dir: must be asc or desc (got ${dir})`, "dir");
    const q: RunListQuery = {
      ...runFilterParams(url),
      sort: sort as RunListQuery["sort"],
      dir,
      limit: intParam(url, "limit", 100, 1, 1000),
      offset: intParam(url, "offset", 0, 0, 10_000_000),
    };
    return Response.json(await (await getStore()).runs.listRuns(q), { status: 200 });
  });
}

export function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const who = await authorize(request, "runs.write");
    const req = await readJsonBody(request, createRunRequestSchema);
    return Response.json(await (await getStore()).runs.createRun(req, who.userId), { status: 201 });
  });
}
