import { RequestError, respond } from "@/lib/api/http";
import { runFilterParams } from "@/lib/api/run-query-params";
import { RUN_GROUP_KEYS, type RunGroupKey } from "@/lib/api/runs";
import { authorize } from "@/lib/auth/authorize";
import { getStore } from "@/lib/store";

export const runtime = "nodejs";

/**
 * GET /api/runs/groups?by=tag|dataset, with the list's filters: replies
 * { by, groups: RunGroup[] } (lib/api/runs.ts), largest group first.
 */
export function GET(request: Request): Promise<Response> {
  return respond(async () => {
    await authorize(request, "runs.read");
    const url = new URL(request.url);
    const by = url.searchParams.get("by") ?? "";
    if (!(RUN_GROUP_KEYS as readonly string[]).includes(by)) {
      throw new RequestError("invalid", `by: must be one of ${RUN_GROUP_KEYS.join(", ")} (got ${by || "nothing"})`, "by");
    }
    const groups = await (await getStore()).runs.groupRuns(by as RunGroupKey, runFilterParams(url));
    return Response.json({ by, groups }, { status: 200 });
  });
}
