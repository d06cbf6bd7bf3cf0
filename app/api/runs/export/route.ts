import { respond } from "@/lib/api/http";
import { runExport, runExportFileName } from "@/lib/api/run-export";
import { runFilterParams, runIdsParam } from "@/lib/api/run-query-params";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/**
 * GET /api/runs/export?ids=a,b,c — those runs, whole, as a runs file
 * (lib/api/run-export.ts) to download. Without ids: the newest 1000 runs
 * matching the list's filters (status, tag, dataset, metricName, metricMin,
 * metricMax); with ids the filters are ignored. X-Lathe-Runs-Total says how
 * many matched, so a page can warn when the file holds fewer.
 */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "runs.read");
    const url = new URL(request.url);
    const ids = runIdsParam(url);
    const { runs, total } = await (await getStore()).runs.exportRuns(ids === null ? { filters: runFilterParams(url) } : { ids });
    const now = new Date();
    return Response.json(runExport(runs, now), {
      status: 200,
      headers: {
        "content-disposition": `attachment; filename="${runExportFileName(now)}"`,
        "x-lathe-runs-total": String(total),
      },
    });
  });
}
